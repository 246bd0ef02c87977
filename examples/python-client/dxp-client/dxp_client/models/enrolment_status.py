from enum import StrEnum


class EnrolmentStatus(StrEnum):
    ACTIVE = "ACTIVE"
    COMPLETED = "COMPLETED"
    DELETED = "DELETED"
    GRACE = "GRACE"
    HOLD = "HOLD"
    PENDING = "PENDING"
    WITHDRAWN = "WITHDRAWN"

    def __str__(self) -> str:
        return str(self.value)
