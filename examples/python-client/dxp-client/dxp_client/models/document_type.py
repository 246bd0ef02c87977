from enum import StrEnum


class DocumentType(StrEnum):
    COMMITMENT_TEMPLATE = "commitment-template"
    FUNDING_LETTER = "funding-letter"
    INVESTMENT_PLAN = "investment-plan"
    INVESTMENT_PLAN_GUIDANCE = "investment-plan-guidance"
    OTHER = "other"
    SUBMISSION_SUPPORT = "submission-support"
    WASH_UP = "wash-up"

    def __str__(self) -> str:
        return str(self.value)
