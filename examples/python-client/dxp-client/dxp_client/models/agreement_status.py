from enum import StrEnum


class AgreementStatus(StrEnum):
    ACTIVE = "ACTIVE"
    FINISHED = "FINISHED"
    GRACE = "GRACE"
    HOLD = "HOLD"
    PENDING = "PENDING"

    def __str__(self) -> str:
        return str(self.value)
