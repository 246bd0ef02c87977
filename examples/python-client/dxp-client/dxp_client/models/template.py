from enum import StrEnum


class Template(StrEnum):
    ACE_IN_COMMUNITIES = "ace-in-communities"
    ACE_IN_SCHOOLS = "ace-in-schools"
    ASSESSMENT_AND_VERIFICATION = "assessment-and-verification"
    DQ1_2 = "dq1-2"
    DQ3_7 = "dq3-7"
    DQ7_PLUS = "dq7-plus"
    EPIC = "epic"
    ILN_WLN_ELT = "iln-wln-elt"
    MIXED_MODE = "mixed-mode"
    PATHWAY_TO_WORK = "pathway-to-work"
    YG_QUALIFICATION = "yg-qualification"

    def __str__(self) -> str:
        return str(self.value)
