from enum import StrEnum


class NzqaResultKind(StrEnum):
    QUALIFICATION = "qualification"
    UNIT_STANDARD = "unit-standard"

    def __str__(self) -> str:
        return str(self.value)
