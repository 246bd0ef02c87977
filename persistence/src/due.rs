//! Gathers what the domain needs to say what is due for one organisation.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use dxp_domain::calendar::Round;
use dxp_domain::due::{self, DueItem, LodgedReturn, ReturnInProgress, Standing};
use dxp_domain::lodging::SubmissionType;
use dxp_domain::submission::SubmissionStatus;
use dxp_domain::{Edumis, RoundId};

use crate::schema::submissions;
use crate::time::from_row;
use crate::{DbConnection, StoreError};

/// What is due for the organisation at `now`, most urgent first. Asked on every visit to the
/// portal's home page and by integrators polling, so it reads what it needs for all the rounds
/// at once: five queries however many rounds are near.
pub fn for_organisation(
    conn: &mut DbConnection,
    organisation: Edumis,
    now: DateTime<Utc>,
) -> Result<Vec<DueItem>, StoreError> {
    // Rounds far from now cannot be due; a lift is granted within weeks of a due date.
    let rounds: Vec<Round> = crate::rounds::list(conn, None)?
        .into_iter()
        .filter(|round| {
            let far_ahead = round.opens_at - chrono::Duration::days(due::UPCOMING_DAYS) > now;
            let long_closed = round.due_at + chrono::Duration::days(365) < now;
            !(round.published || far_ahead || long_closed)
        })
        .collect();
    if rounds.is_empty() {
        return Ok(due::what_is_due(now, Vec::new()));
    }
    let round_ids: Vec<RoundId> = rounds.iter().map(|round| round.id).collect();
    let sent = Sent::to_rounds(conn, organisation, &round_ids)?;
    let in_progress: Vec<&StoredReturn> = round_ids
        .iter()
        .filter_map(|round| sent.in_progress(*round))
        .collect();
    let ids: Vec<&str> = in_progress
        .iter()
        .map(|stored| stored.id.as_str())
        .collect();
    let mut counts = crate::record_store::counts_of_many(conn, &ids)?;
    let mut lifts = crate::stop_gate::usable_by_round(conn, organisation, &round_ids, now)?;
    let years: Vec<i32> = round_ids.iter().map(|round| round.year).collect();
    let processed_years = crate::workforce::processed_years(conn, organisation, &years)?;
    let mut standings = Vec::with_capacity(rounds.len());
    for round in rounds {
        let lodged = sent.lodged(round.id)?;
        let in_progress = sent.in_progress(round.id).map(|stored| ReturnInProgress {
            submission: stored.id.clone(),
            status: stored.status,
            error_count: stored.error_count,
            files_with_records: counts
                .remove(&stored.id)
                .unwrap_or_default()
                .into_iter()
                .filter(|(_, n)| *n > 0)
                .map(|(file, _)| file)
                .collect(),
            efts_forecast_required: stored.efts_forecast_required,
        });
        standings.push(Standing {
            lift: lifts.remove(&round.id),
            workforce_questionnaire_processed: processed_years.contains(&round.id.year),
            efts_forecast_lodged: sent.efts_forecast_lodged.contains(&round.id),
            lodged,
            in_progress,
            round,
        });
    }
    Ok(due::what_is_due(now, standings))
}

/// What the organisation sent to some rounds: each round's returns, newest first, and the
/// rounds whose EFTS forecast it lodged.
struct Sent {
    returns: HashMap<RoundId, Vec<StoredReturn>>,
    efts_forecast_lodged: HashSet<RoundId>,
}

impl Sent {
    /// Reads them in one query.
    fn to_rounds(
        conn: &mut DbConnection,
        organisation: Edumis,
        rounds: &[RoundId],
    ) -> Result<Sent, StoreError> {
        let round_ids: Vec<String> = rounds.iter().map(RoundId::to_string).collect();
        let rows: Vec<(String, String, ReturnRow)> = submissions::table
            .filter(submissions::organisation.eq(organisation.value()))
            .filter(submissions::round_id.eq_any(&round_ids))
            .filter(submissions::submission_type.eq_any([
                SubmissionType::Return.as_str(),
                SubmissionType::EftsForecast.as_str(),
            ]))
            .order((submissions::created_at.desc(), submissions::id.desc()))
            .select((
                submissions::round_id,
                submissions::submission_type,
                (
                    submissions::id,
                    submissions::status,
                    submissions::error_count,
                    submissions::submitted_at,
                    submissions::late,
                    submissions::efts_forecast_required,
                ),
            ))
            .load(conn)?;
        let mut sent = Sent {
            returns: HashMap::new(),
            efts_forecast_lodged: HashSet::new(),
        };
        for (round, submission_type, row) in rows {
            let round: RoundId = round.parse().map_err(StoreError::corrupt)?;
            let stored = StoredReturn::try_from(row)?;
            if submission_type == SubmissionType::Return.as_str() {
                sent.returns.entry(round).or_default().push(stored);
            } else if stored.status == SubmissionStatus::Submitted {
                sent.efts_forecast_lodged.insert(round);
            }
        }
        Ok(sent)
    }

    fn returns(&self, round: RoundId) -> &[StoredReturn] {
        self.returns
            .get(&round)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// The round's lodged return, if any.
    fn lodged(&self, round: RoundId) -> Result<Option<LodgedReturn>, StoreError> {
        self.returns(round)
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
                Ok(LodgedReturn {
                    submission: stored.id.clone(),
                    submitted_at,
                    late: stored.late,
                })
            })
            .transpose()
    }

    /// The round's newest return not yet final, if any.
    fn in_progress(&self, round: RoundId) -> Option<&StoredReturn> {
        self.returns(round)
            .iter()
            .find(|stored| !stored.status.is_final())
    }
}

/// A submission of the round as stored, read back whole: a row that cannot be (an unknown status)
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
