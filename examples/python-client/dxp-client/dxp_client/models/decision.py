from enum import StrEnum


class Decision(StrEnum):
    ACCEPTED = "accepted"
    RETURNED = "returned"

    def __str__(self) -> str:
        return str(self.value)
