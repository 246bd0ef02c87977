from enum import StrEnum


class SubmissionStatus(StrEnum):
    CANCELLED = "Cancelled"
    DRAFT = "Draft"
    PROCESSED = "Processed"
    QUEUED = "Queued"
    REJECTED = "Rejected"
    SUBMITTED = "Submitted"
    SUPERSEDED = "Superseded"
    VALIDATING = "Validating"

    def __str__(self) -> str:
        return str(self.value)
