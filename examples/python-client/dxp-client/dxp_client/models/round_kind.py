from enum import StrEnum


class RoundKind(StrEnum):
    APR = "APR"
    AUG = "AUG"
    DEC = "DEC"
    IND = "IND"

    def __str__(self) -> str:
        return str(self.value)
