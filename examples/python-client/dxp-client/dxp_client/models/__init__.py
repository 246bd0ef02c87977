"""Contains all the data models used in inputs/outputs"""

from .audit_event_page import AuditEventPage
from .audit_event_view import AuditEventView
from .cancellation import Cancellation
from .course import Course
from .course_batch import CourseBatch
from .course_completion import CourseCompletion
from .course_completion_batch import CourseCompletionBatch
from .course_enrolment import CourseEnrolment
from .course_enrolment_batch import CourseEnrolmentBatch
from .due_item_view import DueItemView
from .due_list import DueList
from .due_state import DueState
from .efts_forecast import EftsForecast
from .efts_forecast_batch import EftsForecastBatch
from .health import Health
from .in_progress_view import InProgressView
from .learner import Learner
from .learner_batch import LearnerBatch
from .lodged_view import LodgedView
from .new_round import NewRound
from .new_stop_gate_lift import NewStopGateLift
from .new_submission import NewSubmission
from .problem import Problem
from .problem_errors_type_0 import ProblemErrorsType0
from .problem_page import ProblemPage
from .qualification_completion import QualificationCompletion
from .qualification_completion_batch import QualificationCompletionBatch
from .questionnaire_list import QuestionnaireList
from .questionnaire_status import QuestionnaireStatus
from .questionnaire_upload import QuestionnaireUpload
from .questionnaire_view import QuestionnaireView
from .record_counts import RecordCounts
from .record_page import RecordPage
from .record_page_results_item import RecordPageResultsItem
from .record_problem import RecordProblem
from .return_type import ReturnType
from .round_kind import RoundKind
from .round_list import RoundList
from .round_update import RoundUpdate
from .round_view import RoundView
from .rule_catalogue import RuleCatalogue
from .rule_entry import RuleEntry
from .rule_refusal import RuleRefusal
from .scope import Scope
from .sdr_file import SdrFile
from .severity import Severity
from .status_change import StatusChange
from .stop_gate_lift_list import StopGateLiftList
from .stop_gate_lift_view import StopGateLiftView
from .submission_page import SubmissionPage
from .submission_problem import SubmissionProblem
from .submission_status import SubmissionStatus
from .submission_type import SubmissionType
from .submission_view import SubmissionView
from .upload_report import UploadReport
from .validation_progress import ValidationProgress
from .validation_report import ValidationReport
from .window_input import WindowInput
from .window_view import WindowView
from .workforce_record import WorkforceRecord

__all__ = (
    "AuditEventPage",
    "AuditEventView",
    "Cancellation",
    "Course",
    "CourseBatch",
    "CourseCompletion",
    "CourseCompletionBatch",
    "CourseEnrolment",
    "CourseEnrolmentBatch",
    "DueItemView",
    "DueList",
    "DueState",
    "EftsForecast",
    "EftsForecastBatch",
    "Health",
    "InProgressView",
    "Learner",
    "LearnerBatch",
    "LodgedView",
    "NewRound",
    "NewStopGateLift",
    "NewSubmission",
    "Problem",
    "ProblemErrorsType0",
    "ProblemPage",
    "QualificationCompletion",
    "QualificationCompletionBatch",
    "QuestionnaireList",
    "QuestionnaireStatus",
    "QuestionnaireUpload",
    "QuestionnaireView",
    "RecordCounts",
    "RecordPage",
    "RecordPageResultsItem",
    "RecordProblem",
    "ReturnType",
    "RoundKind",
    "RoundList",
    "RoundUpdate",
    "RoundView",
    "RuleCatalogue",
    "RuleEntry",
    "RuleRefusal",
    "Scope",
    "SdrFile",
    "Severity",
    "StatusChange",
    "StopGateLiftList",
    "StopGateLiftView",
    "SubmissionPage",
    "SubmissionProblem",
    "SubmissionStatus",
    "SubmissionType",
    "SubmissionView",
    "UploadReport",
    "ValidationProgress",
    "ValidationReport",
    "WindowInput",
    "WindowView",
    "WorkforceRecord",
)
