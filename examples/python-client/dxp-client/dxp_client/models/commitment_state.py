from enum import StrEnum


class CommitmentState(StrEnum):
    ACCEPTED = "Accepted"
    DRAFT = "Draft"
    PROVISIONED = "Provisioned"
    RETURNED = "Returned"
    SUBMITTED = "Submitted"

    def __str__(self) -> str:
        return str(self.value)
