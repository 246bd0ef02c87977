//! The funder's lifts of the Stop Gate: granted to one organisation for one round, with a new
//! due date and a reason, and used up by the one lodging they allow.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use dxp_domain::lodging::{self, StopGateLift, SubmissionType};
use dxp_domain::submission::SubmissionStatus;
use dxp_domain::{Edumis, RoundId};

use crate::audit::{self, NewAuditEvent};
use crate::schema::{stop_gate_lifts, submissions};
use crate::time::{from_row, to_row};
use crate::{DbConnection, StoreError};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = stop_gate_lifts)]
struct LiftRow {
    id: String,
    round_id: String,
    organisation: i32,
    due_at: NaiveDateTime,
    reason: String,
    granted_by: String,
    granted_at: NaiveDateTime,
    used_by_submission: Option<String>,
    used_at: Option<NaiveDateTime>,
}

/// A lift as stored, with who granted it and when it was used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantedLift {
    pub lift: StopGateLift,
    pub round: RoundId,
    pub granted_by: String,
    pub granted_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
}

impl TryFrom<LiftRow> for GrantedLift {
    type Error = StoreError;
    fn try_from(row: LiftRow) -> Result<Self, StoreError> {
        Ok(GrantedLift {
            lift: StopGateLift {
                id: row.id,
                organisation: Edumis::new(i64::from(row.organisation))
                    .map_err(StoreError::corrupt)?,
                due_at: from_row(row.due_at),
                reason: row.reason,
                used_by: row.used_by_submission,
            },
            round: row.round_id.parse().map_err(StoreError::corrupt)?,
            granted_by: row.granted_by,
            granted_at: from_row(row.granted_at),
            used_at: row.used_at.map(from_row),
        })
    }
}

/// What the funder grants.
#[derive(Debug, Clone)]
pub struct NewLift<'a> {
    pub round: RoundId,
    pub organisation: Edumis,
    pub due_at: DateTime<Utc>,
    pub reason: &'a str,
}

/// Lifts the Stop Gate for an organisation, if its latest return for the round (by when it was
/// opened; cancelled ones and standalone files aside, which the Stop Gate does not hold) is
/// Processed with zero errors.
pub fn grant(
    conn: &mut DbConnection,
    new: &NewLift<'_>,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<GrantedLift, StoreError> {
    crate::connection::write_transaction(conn, |conn| {
        let round = crate::rounds::existing(conn, new.round)?;
        let latest: Option<(String, i32)> = submissions::table
            .filter(submissions::organisation.eq(new.organisation.value()))
            .filter(submissions::round_id.eq(new.round.to_string()))
            .filter(submissions::status.ne(SubmissionStatus::Cancelled.as_str()))
            .filter(submissions::submission_type.eq(SubmissionType::Return.as_str()))
            .order((submissions::created_at.desc(), submissions::id.desc()))
            .select((submissions::status, submissions::error_count))
            .first(conn)
            .optional()?;
        let latest = latest
            .map(|(status, errors)| {
                status
                    .parse::<SubmissionStatus>()
                    .map(|status| (status, i64::from(errors)))
                    .map_err(StoreError::corrupt)
            })
            .transpose()?;
        lodging::check_lift_grant(&round, now, new.due_at, new.organisation, latest)?;
        let row = LiftRow {
            id: uuid::Uuid::new_v4().to_string(),
            round_id: new.round.to_string(),
            organisation: new.organisation.value(),
            due_at: to_row(new.due_at),
            reason: new.reason.to_owned(),
            granted_by: actor.to_owned(),
            granted_at: to_row(now),
            used_by_submission: None,
            used_at: None,
        };
        diesel::insert_into(stop_gate_lifts::table)
            .values(&row)
            .execute(conn)?;
        audit::record(
            conn,
            &NewAuditEvent::new(actor, "stop-gate.lifted", &row.round_id)
                .organisation(row.organisation)
                .reason(format!(
                    "lift {} until {}: {}",
                    row.id,
                    lodging::new_zealand(new.due_at),
                    new.reason
                )),
        )?;
        crate::notices::tell_organisation(
            conn,
            new.organisation,
            &dxp_domain::notices::Notice::stop_gate_lifted(
                new.round,
                &lodging::new_zealand(new.due_at),
            ),
        )?;
        GrantedLift::try_from(row)
    })
}

/// The lifts of a round, newest first; one organisation's only when it is given.
pub fn list(
    conn: &mut DbConnection,
    round: RoundId,
    organisation: Option<Edumis>,
) -> Result<Vec<GrantedLift>, StoreError> {
    let mut query = stop_gate_lifts::table
        .filter(stop_gate_lifts::round_id.eq(round.to_string()))
        .select(LiftRow::as_select())
        .into_boxed();
    if let Some(organisation) = organisation {
        query = query.filter(stop_gate_lifts::organisation.eq(organisation.value()));
    }
    query
        .order((
            stop_gate_lifts::granted_at.desc(),
            stop_gate_lifts::id.desc(),
        ))
        .load(conn)?
        .into_iter()
        .map(GrantedLift::try_from)
        .collect()
}

/// The organisation's lift for the round that still allows a lodging at `now`, if any.
pub fn usable(
    conn: &mut DbConnection,
    organisation: Edumis,
    round: RoundId,
    now: DateTime<Utc>,
) -> Result<Option<StopGateLift>, StoreError> {
    Ok(usable_by_round(conn, organisation, &[round], now)?.remove(&round))
}

/// [`usable`] for several rounds at once, in one query: each round's usable lift (the one due
/// first); rounds without one are left out.
pub fn usable_by_round(
    conn: &mut DbConnection,
    organisation: Edumis,
    rounds: &[RoundId],
    now: DateTime<Utc>,
) -> Result<HashMap<RoundId, StopGateLift>, StoreError> {
    let ids: Vec<String> = rounds.iter().map(RoundId::to_string).collect();
    let rows: Vec<LiftRow> = stop_gate_lifts::table
        .filter(stop_gate_lifts::round_id.eq_any(&ids))
        .filter(stop_gate_lifts::organisation.eq(organisation.value()))
        .select(LiftRow::as_select())
        .order((
            stop_gate_lifts::granted_at.desc(),
            stop_gate_lifts::id.desc(),
        ))
        .load(conn)?;
    let mut usable: HashMap<RoundId, StopGateLift> = HashMap::new();
    for row in rows {
        let granted = GrantedLift::try_from(row)?;
        if !granted.lift.is_usable(now) {
            continue;
        }
        // The lift due first; of two due at once, the one granted last (rows come newest
        // first), as `min_by_key` over `list` would choose.
        match usable.entry(granted.round) {
            Entry::Occupied(mut kept) if granted.lift.due_at < kept.get().due_at => {
                kept.insert(granted.lift);
            }
            Entry::Occupied(_) => {}
            Entry::Vacant(slot) => {
                slot.insert(granted.lift);
            }
        }
    }
    Ok(usable)
}

/// Uses a lift up: it allowed the lodging of `submission`.
pub(crate) fn mark_used(
    conn: &mut DbConnection,
    id: &str,
    submission: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    diesel::update(stop_gate_lifts::table.find(id))
        .set((
            stop_gate_lifts::used_by_submission.eq(submission),
            stop_gate_lifts::used_at.eq(to_row(now)),
        ))
        .execute(conn)?;
    Ok(())
}
