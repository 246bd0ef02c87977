from enum import StrEnum


class Scope(StrEnum):
    COURSES = "courses"
    COURSE_COMPLETIONS = "course-completions"
    COURSE_ENROLMENTS = "course-enrolments"
    CSV_FILE = "csv-file"
    EFTS_FORECASTS = "efts-forecasts"
    EPIC = "epic"
    LEARNERS = "learners"
    LEARNER_FEES = "learner-fees"
    LEGACY_FILE = "legacy-file"
    MIX_OF_PROVISION = "mix-of-provision"
    OFF_JOB_DELIVERIES = "off-job-deliveries"
    PROGRAMMES = "programmes"
    PROGRAMME_ENROLMENTS = "programme-enrolments"
    QUALIFICATION_COMPLETIONS = "qualification-completions"
    ROUND = "round"
    TRAINING_AGREEMENTS = "training-agreements"
    TRAINING_PLANS = "training-plans"
    WORKFORCE_QUESTIONNAIRE = "workforce-questionnaire"
    WORK_BASED_LEARNERS = "work-based-learners"

    def __str__(self) -> str:
        return str(self.value)
