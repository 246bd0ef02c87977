from enum import StrEnum


class SdrFile(StrEnum):
    COURSES = "courses"
    COURSE_COMPLETIONS = "course-completions"
    COURSE_ENROLMENTS = "course-enrolments"
    EFTS_FORECASTS = "efts-forecasts"
    LEARNERS = "learners"
    QUALIFICATION_COMPLETIONS = "qualification-completions"

    def __str__(self) -> str:
        return str(self.value)
