from enum import StrEnum


class ReturnType(StrEnum):
    FULL = "Full"
    INDICATIVE = "Indicative"

    def __str__(self) -> str:
        return str(self.value)
