from enum import StrEnum


class CourseField(StrEnum):
    COMPULSORYCOURSECOSTSFEE = "compulsoryCourseCostsFee"
    COURSECLASSIFICATION = "courseClassification"
    COURSEEFTSFACTOR = "courseEftsFactor"
    COURSEEXEMPTIONFROMAMFM = "courseExemptionFromAmfm"
    COURSETITLE = "courseTitle"
    COURSETUITIONFEE = "courseTuitionFee"
    CREDIT = "credit"
    FUNDINGCATEGORY = "fundingCategory"
    LEVELONNZQCF = "levelOnNzqcf"
    NZSCEDFIELDOFSTUDY = "nzscedFieldOfStudy"
    QUALIFICATIONCODE = "qualificationCode"

    def __str__(self) -> str:
        return str(self.value)
