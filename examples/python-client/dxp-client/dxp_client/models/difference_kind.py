from enum import StrEnum


class DifferenceKind(StrEnum):
    CHANGED = "Changed"
    NEWCOURSE = "NewCourse"

    def __str__(self) -> str:
        return str(self.value)
