//! Collection rounds: the standard calendar seeded per year, and reads.

use chrono::NaiveDate;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use dxp_domain::lodging;
use dxp_domain::{Round, RoundChanges, RoundId, Window};

use crate::audit::{self, NewAuditEvent};
use crate::schema::rounds;
use crate::time::{from_row, to_row};
use crate::{DbConnection, StoreError, on_backend};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = rounds)]
struct RoundRow {
    id: String,
    kind: String,
    year: i32,
    return_id: i32,
    extract_date: NaiveDate,
    opens_at: chrono::NaiveDateTime,
    due_at: chrono::NaiveDateTime,
    resubmission_opens_at: Option<chrono::NaiveDateTime>,
    resubmission_closes_at: Option<chrono::NaiveDateTime>,
    published: bool,
}

impl From<&Round> for RoundRow {
    fn from(round: &Round) -> Self {
        Self {
            id: round.id.to_string(),
            kind: round.id.kind.as_str().to_owned(),
            year: round.id.year,
            return_id: round.id.return_id(),
            extract_date: round.extract_date,
            opens_at: to_row(round.opens_at),
            due_at: to_row(round.due_at),
            resubmission_opens_at: round.resubmission_window.map(|w| to_row(w.opens_at)),
            resubmission_closes_at: round.resubmission_window.map(|w| to_row(w.closes_at)),
            published: round.published,
        }
    }
}

impl TryFrom<RoundRow> for Round {
    type Error = StoreError;
    fn try_from(row: RoundRow) -> Result<Self, Self::Error> {
        let id: RoundId = row.id.parse().map_err(StoreError::corrupt)?;
        let resubmission_window = match (row.resubmission_opens_at, row.resubmission_closes_at) {
            (Some(opens), Some(closes)) => Some(Window {
                opens_at: from_row(opens),
                closes_at: from_row(closes),
            }),
            _ => None,
        };
        Ok(Round {
            id,
            extract_date: row.extract_date,
            opens_at: from_row(row.opens_at),
            due_at: from_row(row.due_at),
            resubmission_window,
            published: row.published,
        })
    }
}

/// Makes sure the standard rounds of each year exist, leaving rounds already stored (perhaps
/// edited by the funder) untouched. Safe to run from several nodes at once. Returns the ids of
/// the rounds it created.
pub fn ensure_standard_years(
    conn: &mut DbConnection,
    years: impl IntoIterator<Item = i32>,
) -> Result<Vec<RoundId>, StoreError> {
    let mut wanted = Vec::new();
    for year in years {
        let standard = Round::standard_year(year).map_err(|error| {
            StoreError::Database(diesel::result::Error::QueryBuilderError(Box::new(error)))
        })?;
        wanted.extend(standard);
    }
    crate::connection::write_transaction(conn, |conn| {
        let mut created = Vec::new();
        for round in &wanted {
            let row = RoundRow::from(round);
            let inserted = on_backend!(conn, inner => diesel::insert_into(rounds::table)
                .values(&row)
                .on_conflict_do_nothing()
                .execute(inner))?;
            if inserted == 1 {
                audit::record(
                    conn,
                    &NewAuditEvent::system("round.created", &row.id)
                        .reason("standard calendar for the year"),
                )?;
                created.push(round.id);
            }
        }
        Ok(created)
    })
}

/// The rounds of one year, or of every year, in calendar order.
pub fn list(conn: &mut DbConnection, year: Option<i32>) -> Result<Vec<Round>, StoreError> {
    let mut query = rounds::table.select(RoundRow::as_select()).into_boxed();
    if let Some(year) = year {
        query = query.filter(rounds::year.eq(year));
    }
    let rows = query.order(rounds::return_id.asc()).load(conn)?;
    rows.into_iter().map(Round::try_from).collect()
}

/// The round, or an error that says where the rounds are listed.
pub(crate) fn existing(conn: &mut DbConnection, id: RoundId) -> Result<Round, StoreError> {
    find(conn, id)?.ok_or_else(|| {
        StoreError::Invalid(format!(
            "there is no round {id}; GET /api/v1/rounds lists them"
        ))
    })
}

pub fn find(conn: &mut DbConnection, id: RoundId) -> Result<Option<Round>, StoreError> {
    let row = rounds::table
        .find(id.to_string())
        .select(RoundRow::as_select())
        .first(conn)
        .optional()?;
    row.map(Round::try_from).transpose()
}

/// Adds a round the funder defines; an existing id is a conflict.
pub fn create(conn: &mut DbConnection, round: &Round, actor: &str) -> Result<Round, StoreError> {
    crate::connection::write_transaction(conn, |conn| {
        let row = RoundRow::from(round);
        let inserted = on_backend!(conn, inner => diesel::insert_into(rounds::table)
            .values(&row)
            .on_conflict_do_nothing()
            .execute(inner))?;
        if inserted == 0 {
            return Err(StoreError::Conflict(format!(
                "round {} already exists; change it with PATCH /api/v1/rounds/{}",
                round.id, round.id
            )));
        }
        audit::record(
            conn,
            &NewAuditEvent::new(actor, "round.created", &row.id).reason("defined by the funder"),
        )?;
        Ok(round.clone())
    })
}

/// Changes a round's dates or resubmission window; a published round takes no change.
pub fn update(
    conn: &mut DbConnection,
    id: RoundId,
    changes: &RoundChanges,
    actor: &str,
) -> Result<Round, StoreError> {
    crate::connection::write_transaction(conn, |conn| {
        let round = existing(conn, id)?;
        lodging::check_change(&round)?;
        let changed = round
            .changed(changes)
            .map_err(|error| StoreError::Invalid(format!("round {id}: {error}")))?;
        let row = RoundRow::from(&changed);
        diesel::update(rounds::table.find(&row.id))
            .set((
                rounds::extract_date.eq(row.extract_date),
                rounds::opens_at.eq(row.opens_at),
                rounds::due_at.eq(row.due_at),
                rounds::resubmission_opens_at.eq(row.resubmission_opens_at),
                rounds::resubmission_closes_at.eq(row.resubmission_closes_at),
            ))
            .execute(conn)?;
        audit::record(
            conn,
            &NewAuditEvent::new(actor, "round.changed", &row.id).reason(format!(
                "opens {}, due {}, resubmission window {}",
                lodging::new_zealand(changed.opens_at),
                lodging::new_zealand(changed.due_at),
                changed
                    .resubmission_window
                    .map(|w| format!(
                        "{} to {}",
                        lodging::new_zealand(w.opens_at),
                        lodging::new_zealand(w.closes_at)
                    ))
                    .unwrap_or_else(|| "none".to_owned())
            )),
        )?;
        Ok(changed)
    })
}

/// Marks a round published: from now on its data can no longer change.
pub fn publish(
    conn: &mut DbConnection,
    id: RoundId,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Round, StoreError> {
    crate::connection::write_transaction(conn, |conn| {
        let mut round = existing(conn, id)?;
        lodging::check_change(&round)?;
        diesel::update(rounds::table.find(id.to_string()))
            .set(rounds::published.eq(true))
            .execute(conn)?;
        audit::record(
            conn,
            &NewAuditEvent::new(actor, "round.published", id.to_string()).reason(format!(
                "published at {}; its data can no longer change",
                lodging::new_zealand(now)
            )),
        )?;
        round.published = true;
        Ok(round)
    })
}
