//! The audit log: who did what to which thing, when, and why. Rows are only ever added.

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use crate::paging::{Page, PageRequest};
use crate::schema::audit_events;
use crate::time::{from_row, now};
use crate::{DbConnection, StoreError};

/// An event about to be recorded.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = audit_events)]
pub struct NewAuditEvent {
    occurred_at: chrono::NaiveDateTime,
    actor: String,
    organisation: Option<i32>,
    action: String,
    subject: String,
    from_state: Option<String>,
    to_state: Option<String>,
    reason: Option<String>,
}

/// The name recorded for changes DXP makes on its own (seeding, background jobs).
pub const SYSTEM_ACTOR: &str = "system";

impl NewAuditEvent {
    pub fn new(
        actor: impl Into<String>,
        action: impl Into<String>,
        subject: impl Into<String>,
    ) -> Self {
        Self {
            occurred_at: now(),
            actor: actor.into(),
            organisation: None,
            action: action.into(),
            subject: subject.into(),
            from_state: None,
            to_state: None,
            reason: None,
        }
    }

    pub fn system(action: impl Into<String>, subject: impl Into<String>) -> Self {
        Self::new(SYSTEM_ACTOR, action, subject)
    }

    pub fn organisation(mut self, edumis: i32) -> Self {
        self.organisation = Some(edumis);
        self
    }

    pub fn transition(mut self, from: impl Into<String>, to: impl Into<String>) -> Self {
        self.from_state = Some(from.into());
        self.to_state = Some(to.into());
        self
    }

    pub fn reason(mut self, reason: impl Into<String>) -> Self {
        self.reason = Some(reason.into());
        self
    }

    /// The event as happening at `instant` (the service's clock) rather than now.
    pub fn at(mut self, instant: DateTime<Utc>) -> Self {
        self.occurred_at = crate::time::to_row(instant);
        self
    }
}

/// A recorded event.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = audit_events)]
struct AuditRow {
    id: i64,
    occurred_at: chrono::NaiveDateTime,
    actor: String,
    organisation: Option<i32>,
    action: String,
    subject: String,
    from_state: Option<String>,
    to_state: Option<String>,
    reason: Option<String>,
}

/// A recorded event, as read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    pub id: i64,
    pub occurred_at: DateTime<Utc>,
    pub actor: String,
    pub organisation: Option<i32>,
    pub action: String,
    pub subject: String,
    pub from_state: Option<String>,
    pub to_state: Option<String>,
    pub reason: Option<String>,
}

impl From<AuditRow> for AuditEvent {
    fn from(row: AuditRow) -> Self {
        Self {
            id: row.id,
            occurred_at: from_row(row.occurred_at),
            actor: row.actor,
            organisation: row.organisation,
            action: row.action,
            subject: row.subject,
            from_state: row.from_state,
            to_state: row.to_state,
            reason: row.reason,
        }
    }
}

pub fn record(conn: &mut DbConnection, event: &NewAuditEvent) -> Result<(), StoreError> {
    diesel::insert_into(audit_events::table)
        .values(event)
        .execute(conn)?;
    Ok(())
}

/// Every event about one subject, oldest first.
pub fn for_subject(conn: &mut DbConnection, subject: &str) -> Result<Vec<AuditEvent>, StoreError> {
    let rows = audit_events::table
        .filter(audit_events::subject.eq(subject))
        .order((audit_events::occurred_at.asc(), audit_events::id.asc()))
        .select(AuditRow::as_select())
        .load(conn)?;
    Ok(rows.into_iter().map(AuditEvent::from).collect())
}

/// One page of the audit log, oldest first, optionally about one subject; the cursor is the id
/// of the page's last event.
pub fn log_page(
    conn: &mut DbConnection,
    subject: Option<&str>,
    request: &PageRequest<i64>,
) -> Result<Page<AuditEvent, i64>, StoreError> {
    let mut query = audit_events::table
        .select(AuditRow::as_select())
        .into_boxed();
    if let Some(subject) = subject {
        query = query.filter(audit_events::subject.eq(subject.to_owned()));
    }
    if let Some(after) = request.after {
        query = query.filter(audit_events::id.gt(after));
    }
    let rows: Vec<AuditRow> = query
        .order(audit_events::id.asc())
        .limit(request.rows_to_load())
        .load(conn)?;
    Ok(request.page_of(rows, |row| row.id).map(AuditEvent::from))
}
