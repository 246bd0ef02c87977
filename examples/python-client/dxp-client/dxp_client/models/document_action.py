from enum import StrEnum


class DocumentAction(StrEnum):
    TO_ACTION = "to-action"
    TO_VIEW = "to-view"

    def __str__(self) -> str:
        return str(self.value)
