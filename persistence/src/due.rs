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
        let rows: Vec<ReturnRow> = submissions::table
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
        let returns = rows
            .into_iter()
            .map(StoredReturn::try_from)
            .collect::<Result<Vec<_>, _>>()?;
        let lodged = returns
            .iter()
            .find(|stored| stored.status == SubmissionStatus::Submitted)
            .map(|stored| {
                // Lodging stores the time with the status; a lodged return without one is a
                // broken row, and what is due must not be told it was lodged now.
                let submitted_at = stored.submitted_at.ok_or_else(|| {
                    StoreError::corrupt(format!(
                        "submission {} is Submitted but has no submission time",
                        stored.id
                    ))
                })?;
                Ok::<_, StoreError>(LodgedReturn {
                    submission: stored.id.clone(),
                    submitted_at,
                    late: stored.late,
                })
            })
            .transpose()?;
        let in_progress = match returns.iter().find(|stored| !stored.status.is_final()) {
            Some(stored) => Some(ReturnInProgress {
                submission: stored.id.clone(),
                status: stored.status,
                error_count: stored.error_count,
                files_with_records: crate::record_store::counts(conn, &stored.id)?
                    .into_iter()
                    .filter(|(_, n)| *n > 0)
                    .map(|(file, _)| file)
                    .collect(),
                efts_forecast_required: stored.efts_forecast_required,
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

/// A return of the round as stored, read back whole: a row that cannot be (an unknown status)
/// is an error, so that a broken return is not mistaken for one in `Draft` or not there at all.
struct StoredReturn {
    id: String,
    status: SubmissionStatus,
    error_count: i64,
    submitted_at: Option<DateTime<Utc>>,
    late: bool,
    efts_forecast_required: bool,
}

/// The columns of a return that what is due reads: id, status, errors, submission time, late,
/// EFTS forecast required.
type ReturnRow = (
    String,
    String,
    i32,
    Option<chrono::NaiveDateTime>,
    bool,
    bool,
);

impl TryFrom<ReturnRow> for StoredReturn {
    type Error = StoreError;
    fn try_from(
        (id, status, error_count, submitted_at, late, efts_forecast_required): ReturnRow,
    ) -> Result<Self, StoreError> {
        let status = status
            .parse::<SubmissionStatus>()
            .map_err(|error| StoreError::corrupt(format!("submission {id}: {error}")))?;
        Ok(StoredReturn {
            status,
            error_count: i64::from(error_count),
            submitted_at: submitted_at.map(from_row),
            late,
            efts_forecast_required,
            id,
        })
    }
}
