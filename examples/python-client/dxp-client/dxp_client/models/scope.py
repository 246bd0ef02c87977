from enum import StrEnum


class Scope(StrEnum):
    COURSES = "courses"
    COURSE_COMPLETIONS = "course-completions"
    COURSE_ENROLMENTS = "course-enrolments"
    CSV_FILE = "csv-file"
    EFTS_FORECASTS = "efts-forecasts"
    LEARNERS = "learners"
    LEGACY_FILE = "legacy-file"
    QUALIFICATION_COMPLETIONS = "qualification-completions"
    ROUND = "round"
    WORKFORCE_QUESTIONNAIRE = "workforce-questionnaire"

    def __str__(self) -> str:
        return str(self.value)
