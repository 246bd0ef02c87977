from enum import StrEnum


class QuestionnaireStatus(StrEnum):
    PROCESSED = "Processed"
    REJECTED = "Rejected"

    def __str__(self) -> str:
        return str(self.value)
