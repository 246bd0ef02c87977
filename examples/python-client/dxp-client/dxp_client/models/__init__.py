"""Contains all the data models used in inputs/outputs"""

from .access_input import AccessInput
from .access_token import AccessToken
from .agreement_details import AgreementDetails
from .agreement_status import AgreementStatus
from .agreement_update import AgreementUpdate
from .audit_event_page import AuditEventPage
from .audit_event_view import AuditEventView
from .cancellation import Cancellation
from .category_efts_view import CategoryEftsView
from .change_page import ChangePage
from .change_request_list import ChangeRequestList
from .change_request_status import ChangeRequestStatus
from .change_request_view import ChangeRequestView
from .change_view import ChangeView
from .change_view_resource import ChangeViewResource
from .choice_view import ChoiceView
from .column_view import ColumnView
from .commitment_list import CommitmentList
from .commitment_state import CommitmentState
from .commitment_summary import CommitmentSummary
from .commitment_view import CommitmentView
from .comparison import Comparison
from .complex_enrolment import ComplexEnrolment
from .contact_numbers import ContactNumbers
from .course import Course
from .course_batch import CourseBatch
from .course_change_view import CourseChangeView
from .course_completion import CourseCompletion
from .course_completion_batch import CourseCompletionBatch
from .course_details import CourseDetails
from .course_difference import CourseDifference
from .course_differences import CourseDifferences
from .course_enrolment import CourseEnrolment
from .course_enrolment_batch import CourseEnrolmentBatch
from .course_entry import CourseEntry
from .course_field import CourseField
from .course_history import CourseHistory
from .course_register import CourseRegister
from .course_register_load import CourseRegisterLoad
from .csv_uploaded import CsvUploaded
from .decision import Decision
from .decision_input import DecisionInput
from .decline_request import DeclineRequest
from .delivery_site_entry import DeliverySiteEntry
from .delivery_site_load import DeliverySiteLoad
from .delivery_sites import DeliverySites
from .delivery_status import DeliveryStatus
from .delivery_view import DeliveryView
from .demographics import Demographics
from .difference_kind import DifferenceKind
from .document_action import DocumentAction
from .document_file_view import DocumentFileView
from .document_input import DocumentInput
from .document_list import DocumentList
from .document_type import DocumentType
from .document_type_choice import DocumentTypeChoice
from .document_type_choice_input import DocumentTypeChoiceInput
from .document_view import DocumentView
from .due_commitment_view import DueCommitmentView
from .due_document_view import DueDocumentView
from .due_item_view import DueItemView
from .due_list import DueList
from .due_state import DueState
from .education_history import EducationHistory
from .efts_forecast import EftsForecast
from .efts_forecast_batch import EftsForecastBatch
from .email_choice import EmailChoice
from .email_choice_input import EmailChoiceInput
from .email_choices import EmailChoices
from .email_preferences import EmailPreferences
from .enrolment import Enrolment
from .enrolment_deletion import EnrolmentDeletion
from .enrolment_status import EnrolmentStatus
from .enrolment_update import EnrolmentUpdate
from .enrolment_withdrawal import EnrolmentWithdrawal
from .epic_comparison_view import EpicComparisonView
from .epic_line_view import EpicLineView
from .fees_kept import FeesKept
from .figure_view import FigureView
from .funding_rate_list import FundingRateList
from .funding_rate_view import FundingRateView
from .grace import Grace
from .health import Health
from .hold import Hold
from .identity import Identity
from .in_progress_view import InProgressView
from .indicators_view import IndicatorsView
from .learner import Learner
from .learner_batch import LearnerBatch
from .learner_fee import LearnerFee
from .learner_update import LearnerUpdate
from .load_result import LoadResult
from .lodged_view import LodgedView
from .new_complex_enrolment import NewComplexEnrolment
from .new_document_form import NewDocumentForm
from .new_enrolment import NewEnrolment
from .new_files_form import NewFilesForm
from .new_off_job_delivery import NewOffJobDelivery
from .new_programme import NewProgramme
from .new_round import NewRound
from .new_stop_gate_lift import NewStopGateLift
from .new_submission import NewSubmission
from .new_training_agreement import NewTrainingAgreement
from .new_training_plan import NewTrainingPlan
from .new_webhook import NewWebhook
from .notice_kind import NoticeKind
from .notice_list import NoticeList
from .notice_view import NoticeView
from .nzqa_result_entry import NzqaResultEntry
from .nzqa_result_kind import NzqaResultKind
from .nzqa_results_load import NzqaResultsLoad
from .o_auth_error import OAuthError
from .off_job_delivery import OffJobDelivery
from .person_view import PersonView
from .portal_role import PortalRole
from .problem import Problem
from .problem_errors_type_0 import ProblemErrorsType0
from .problem_page import ProblemPage
from .programme_version import ProgrammeVersion
from .programme_version_record import ProgrammeVersionRecord
from .provision_input import ProvisionInput
from .qualification_completion import QualificationCompletion
from .qualification_completion_batch import QualificationCompletionBatch
from .qualification_entry import QualificationEntry
from .qualification_register import QualificationRegister
from .qualification_register_load import QualificationRegisterLoad
from .questionnaire_list import QuestionnaireList
from .questionnaire_status import QuestionnaireStatus
from .questionnaire_upload import QuestionnaireUpload
from .questionnaire_view import QuestionnaireView
from .record_counts import RecordCounts
from .record_page import RecordPage
from .record_page_results_item import RecordPageResultsItem
from .record_problem import RecordProblem
from .restart import Restart
from .return_type import ReturnType
from .round_facts_view import RoundFactsView
from .round_kind import RoundKind
from .round_list import RoundList
from .round_update import RoundUpdate
from .round_view import RoundView
from .row_comparison import RowComparison
from .row_difference import RowDifference
from .row_input import RowInput
from .row_input_values import RowInputValues
from .row_view import RowView
from .row_view_values import RowViewValues
from .rule_catalogue import RuleCatalogue
from .rule_entry import RuleEntry
from .rule_refusal import RuleRefusal
from .scope import Scope
from .sdr_file import SdrFile
from .severity import Severity
from .status_change import StatusChange
from .stop_gate_lift_list import StopGateLiftList
from .stop_gate_lift_view import StopGateLiftView
from .subject_grouping_list import SubjectGroupingList
from .subject_grouping_view import SubjectGroupingView
from .submission_link import SubmissionLink
from .submission_page import SubmissionPage
from .submission_problem import SubmissionProblem
from .submission_status import SubmissionStatus
from .submission_type import SubmissionType
from .submission_view import SubmissionView
from .template import Template
from .template_list import TemplateList
from .template_view import TemplateView
from .token_form import TokenForm
from .totals_view import TotalsView
from .training_agreement import TrainingAgreement
from .training_delivery_view import TrainingDeliveryView
from .training_plan_details import TrainingPlanDetails
from .training_plan_update import TrainingPlanUpdate
from .training_plan_with_visits import TrainingPlanWithVisits
from .transfer import Transfer
from .unit_standard import UnitStandard
from .upload_report import UploadReport
from .user_list import UserList
from .validation_progress import ValidationProgress
from .validation_report import ValidationReport
from .value_change import ValueChange
from .version_list import VersionList
from .version_view import VersionView
from .visit import Visit
from .webhook_attempt_view import WebhookAttemptView
from .webhook_delivery_list import WebhookDeliveryList
from .webhook_delivery_view import WebhookDeliveryView
from .webhook_delivery_view_body import WebhookDeliveryViewBody
from .webhook_list import WebhookList
from .webhook_view import WebhookView
from .window_input import WindowInput
from .window_view import WindowView
from .withdrawal import Withdrawal
from .work_based_cut_off_view import WorkBasedCutOffView
from .work_based_learner import WorkBasedLearner
from .workforce_record import WorkforceRecord

__all__ = (
    "AccessInput",
    "AccessToken",
    "AgreementDetails",
    "AgreementStatus",
    "AgreementUpdate",
    "AuditEventPage",
    "AuditEventView",
    "Cancellation",
    "CategoryEftsView",
    "ChangePage",
    "ChangeRequestList",
    "ChangeRequestStatus",
    "ChangeRequestView",
    "ChangeView",
    "ChangeViewResource",
    "ChoiceView",
    "ColumnView",
    "CommitmentList",
    "CommitmentState",
    "CommitmentSummary",
    "CommitmentView",
    "Comparison",
    "ComplexEnrolment",
    "ContactNumbers",
    "Course",
    "CourseBatch",
    "CourseChangeView",
    "CourseCompletion",
    "CourseCompletionBatch",
    "CourseDetails",
    "CourseDifference",
    "CourseDifferences",
    "CourseEnrolment",
    "CourseEnrolmentBatch",
    "CourseEntry",
    "CourseField",
    "CourseHistory",
    "CourseRegister",
    "CourseRegisterLoad",
    "CsvUploaded",
    "Decision",
    "DecisionInput",
    "DeclineRequest",
    "DeliverySiteEntry",
    "DeliverySiteLoad",
    "DeliverySites",
    "DeliveryStatus",
    "DeliveryView",
    "Demographics",
    "DifferenceKind",
    "DocumentAction",
    "DocumentFileView",
    "DocumentInput",
    "DocumentList",
    "DocumentType",
    "DocumentTypeChoice",
    "DocumentTypeChoiceInput",
    "DocumentView",
    "DueCommitmentView",
    "DueDocumentView",
    "DueItemView",
    "DueList",
    "DueState",
    "EducationHistory",
    "EftsForecast",
    "EftsForecastBatch",
    "EmailChoice",
    "EmailChoiceInput",
    "EmailChoices",
    "EmailPreferences",
    "Enrolment",
    "EnrolmentDeletion",
    "EnrolmentStatus",
    "EnrolmentUpdate",
    "EnrolmentWithdrawal",
    "EpicComparisonView",
    "EpicLineView",
    "FeesKept",
    "FigureView",
    "FundingRateList",
    "FundingRateView",
    "Grace",
    "Health",
    "Hold",
    "Identity",
    "IndicatorsView",
    "InProgressView",
    "Learner",
    "LearnerBatch",
    "LearnerFee",
    "LearnerUpdate",
    "LoadResult",
    "LodgedView",
    "NewComplexEnrolment",
    "NewDocumentForm",
    "NewEnrolment",
    "NewFilesForm",
    "NewOffJobDelivery",
    "NewProgramme",
    "NewRound",
    "NewStopGateLift",
    "NewSubmission",
    "NewTrainingAgreement",
    "NewTrainingPlan",
    "NewWebhook",
    "NoticeKind",
    "NoticeList",
    "NoticeView",
    "NzqaResultEntry",
    "NzqaResultKind",
    "NzqaResultsLoad",
    "OAuthError",
    "OffJobDelivery",
    "PersonView",
    "PortalRole",
    "Problem",
    "ProblemErrorsType0",
    "ProblemPage",
    "ProgrammeVersion",
    "ProgrammeVersionRecord",
    "ProvisionInput",
    "QualificationCompletion",
    "QualificationCompletionBatch",
    "QualificationEntry",
    "QualificationRegister",
    "QualificationRegisterLoad",
    "QuestionnaireList",
    "QuestionnaireStatus",
    "QuestionnaireUpload",
    "QuestionnaireView",
    "RecordCounts",
    "RecordPage",
    "RecordPageResultsItem",
    "RecordProblem",
    "Restart",
    "ReturnType",
    "RoundFactsView",
    "RoundKind",
    "RoundList",
    "RoundUpdate",
    "RoundView",
    "RowComparison",
    "RowDifference",
    "RowInput",
    "RowInputValues",
    "RowView",
    "RowViewValues",
    "RuleCatalogue",
    "RuleEntry",
    "RuleRefusal",
    "Scope",
    "SdrFile",
    "Severity",
    "StatusChange",
    "StopGateLiftList",
    "StopGateLiftView",
    "SubjectGroupingList",
    "SubjectGroupingView",
    "SubmissionLink",
    "SubmissionPage",
    "SubmissionProblem",
    "SubmissionStatus",
    "SubmissionType",
    "SubmissionView",
    "Template",
    "TemplateList",
    "TemplateView",
    "TokenForm",
    "TotalsView",
    "TrainingAgreement",
    "TrainingDeliveryView",
    "TrainingPlanDetails",
    "TrainingPlanUpdate",
    "TrainingPlanWithVisits",
    "Transfer",
    "UnitStandard",
    "UploadReport",
    "UserList",
    "ValidationProgress",
    "ValidationReport",
    "ValueChange",
    "VersionList",
    "VersionView",
    "Visit",
    "WebhookAttemptView",
    "WebhookDeliveryList",
    "WebhookDeliveryView",
    "WebhookDeliveryViewBody",
    "WebhookList",
    "WebhookView",
    "WindowInput",
    "WindowView",
    "Withdrawal",
    "WorkBasedCutOffView",
    "WorkBasedLearner",
    "WorkforceRecord",
)
