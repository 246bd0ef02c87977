//! Programme enrolments: simple and complex, following their agreement.

use dxp_domain::work_based::enrolments::Enrolment;

use super::store::Columns;

/// The columns an enrolment is looked up by: its agreement, status and participation start.
pub(crate) fn columns(enrolment: &Enrolment) -> Columns {
    Columns {
        parent_id: Some(enrolment.details.training_agreement_local_id.clone()),
        lookup: None,
        status: Some(enrolment.enrolment_status.as_str()),
        status_date: Some(enrolment.details.participation_start_date),
    }
}
