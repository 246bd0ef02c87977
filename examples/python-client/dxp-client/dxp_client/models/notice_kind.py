from enum import StrEnum


class NoticeKind(StrEnum):
    AGREEMENT_WITHDRAWN = "agreement-withdrawn"
    COMMITMENT_ACCEPTED = "commitment-accepted"
    COMMITMENT_PROVISIONED = "commitment-provisioned"
    COMMITMENT_RETURNED = "commitment-returned"
    DAILY_DIGEST = "daily-digest"
    DOCUMENT_AVAILABLE = "document-available"
    DOCUMENT_TO_ACTION = "document-to-action"
    RETURN_DUE_IN_A_WEEK = "return-due-in-a-week"
    RETURN_DUE_TOMORROW = "return-due-tomorrow"
    ROUND_OPENED = "round-opened"
    STOP_GATE_LIFTED = "stop-gate-lifted"
    SUBMISSION_PROCESSED = "submission-processed"
    SUBMISSION_REJECTED = "submission-rejected"
    SUBMISSION_SUBMITTED = "submission-submitted"

    def __str__(self) -> str:
        return str(self.value)
