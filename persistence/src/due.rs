//! Gathers what the domain needs to say what is due for one organisation.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use dxp_domain::Edumis;
use dxp_domain::due::{self, DueItem, LodgedReturn, ReturnInProgress, Standing};
use dxp_domain::lodging::SubmissionType;
use dxp_domain::submission::SubmissionStatus;

use crate::schema::submissions;
use crate::time::from_row;
use crate::{DbConnection, StoreError};

/// What is due for the organisation at `now`, most urgent first.
pub fn for_organisation(
    conn: &mut DbConnection,
    organisation: Edumis,
    now: DateTime<Utc>,
) -> Result<Vec<DueItem>, StoreError> {
    let mut standings = Vec::new();
    for round in crate::rounds::list(conn, None)? {
        // Rounds far from now cannot be due; a lift is granted within weeks of a due date.
        let far_ahead = round.opens_at - chrono::Duration::days(due::UPCOMING_DAYS) > now;
        let long_closed = round.due_at + chrono::Duration::days(365) < now;
        if round.published || far_ahead || long_closed {
            continue;
        }
        type Row = (
            String,
            String,
            i32,
            Option<chrono::NaiveDateTime>,
            bool,
            bool,
        );
        let returns: Vec<Row> = submissions::table
            .filter(submissions::organisation.eq(organisation.value()))
            .filter(submissions::round_id.eq(round.id.to_string()))
            .filter(submissions::submission_type.eq(SubmissionType::Return.as_str()))
            .order((submissions::created_at.desc(), submissions::id.desc()))
            .select((
                submissions::id,
                submissions::status,
                submissions::error_count,
                submissions::submitted_at,
                submissions::late,
                submissions::efts_forecast_required,
            ))
            .load(conn)?;
        let status_of = |text: &str| text.parse::<SubmissionStatus>().ok();
        let lodged = returns
            .iter()
            .find(|(_, status, ..)| status_of(status) == Some(SubmissionStatus::Submitted))
            .map(|(id, _, _, submitted_at, late, _)| LodgedReturn {
                submission: id.clone(),
                submitted_at: submitted_at.map_or(now, from_row),
                late: *late,
            });
        let in_progress = match returns
            .iter()
            .find(|(_, status, ..)| status_of(status).is_some_and(|s| !s.is_final()))
        {
            Some((id, status, errors, _, _, efts_forecast_required)) => Some(ReturnInProgress {
                submission: id.clone(),
                status: status_of(status).unwrap_or(SubmissionStatus::Draft),
                error_count: i64::from(*errors),
                files_with_records: crate::records::counts(conn, id)?
                    .into_iter()
                    .filter(|(_, n)| *n > 0)
                    .map(|(file, _)| file)
                    .collect(),
                efts_forecast_required: *efts_forecast_required,
            }),
            None => None,
        };
        standings.push(Standing {
            lift: crate::stop_gate::usable(conn, organisation, round.id, now)?,
            workforce_questionnaire_processed: crate::workforce::has_processed(
                conn,
                organisation,
                round.id.year,
            )?,
            efts_forecast_lodged: crate::submissions::has_lodged(
                conn,
                organisation,
                round.id,
                SubmissionType::EftsForecast,
            )?,
            lodged,
            in_progress,
            round,
        });
    }
    Ok(due::what_is_due(now, standings))
}
