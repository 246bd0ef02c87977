//! The mail outbox: email waiting for the SMTP server. A mailer takes a few due messages under
//! a lease (on PostgreSQL chosen `FOR UPDATE SKIP LOCKED`, so mailers on several nodes never
//! take the same one), sends each, and marks it sent; a failure is kept with the next try's
//! time. A message whose mailer stopped is taken again once its lease has expired.

use std::time::Duration;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Text, Timestamp};
use dxp_domain::notices::{Notice, NoticeKind};

use crate::schema::outbox_emails;
use crate::time::now;
use crate::{DbConnection, StoreError};

/// A message taken by a mailer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingEmail {
    pub id: String,
    pub recipient: String,
    pub kind: NoticeKind,
    pub title: String,
    pub body: String,
    /// The portal page it is about, as a path.
    pub link: String,
    /// How many times sending it failed before.
    pub attempts: i32,
}

/// Queues an email of `notice` to `recipient`, in the caller's transaction.
pub(crate) fn queue(
    conn: &mut DbConnection,
    recipient: &str,
    notice: &Notice,
) -> Result<(), StoreError> {
    let at = now();
    diesel::insert_into(outbox_emails::table)
        .values((
            outbox_emails::id.eq(uuid::Uuid::new_v4().to_string()),
            outbox_emails::recipient.eq(recipient),
            outbox_emails::kind.eq(notice.kind.as_str()),
            outbox_emails::title.eq(&notice.title),
            outbox_emails::body.eq(&notice.body),
            outbox_emails::link.eq(&notice.link),
            outbox_emails::created_at.eq(at),
            outbox_emails::next_attempt_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

#[derive(QueryableByName)]
struct Taken {
    #[diesel(sql_type = Text)]
    id: String,
    #[diesel(sql_type = Text)]
    recipient: String,
    #[diesel(sql_type = Text)]
    kind: String,
    #[diesel(sql_type = Text)]
    title: String,
    #[diesel(sql_type = Text)]
    body: String,
    #[diesel(sql_type = Text)]
    link: String,
    #[diesel(sql_type = Integer)]
    attempts: i32,
}

/// Takes at most `limit` due messages for `owner`, oldest first, for `lease_for`.
pub fn take_due(
    conn: &mut DbConnection,
    owner: &str,
    lease_for: Duration,
    limit: i64,
) -> Result<Vec<OutgoingEmail>, StoreError> {
    let due = |now: &str| {
        format!(
            "sent_at IS NULL AND next_attempt_at <= {now} \
             AND (lease_expires_at IS NULL OR lease_expires_at < {now})"
        )
    };
    let columns = "id, recipient, kind, title, body, link, attempts";
    let sql = match conn {
        DbConnection::Postgresql(_) => format!(
            "UPDATE outbox_emails SET lease_owner = $1, lease_expires_at = $2 \
             WHERE id IN (SELECT id FROM outbox_emails WHERE {due} \
             ORDER BY created_at LIMIT $4 FOR UPDATE SKIP LOCKED) RETURNING {columns}",
            due = due("$3")
        ),
        DbConnection::Sqlite(_) => format!(
            "UPDATE outbox_emails SET lease_owner = ?1, lease_expires_at = ?2 \
             WHERE id IN (SELECT id FROM outbox_emails WHERE {due} \
             ORDER BY created_at LIMIT ?4) RETURNING {columns}",
            due = due("?3")
        ),
    };
    crate::connection::write_transaction(conn, |conn| {
        let taken: Vec<Taken> = diesel::sql_query(sql)
            .bind::<Text, _>(owner)
            .bind::<Timestamp, _>(crate::time::after(lease_for))
            .bind::<Timestamp, _>(now())
            .bind::<BigInt, _>(limit)
            .load(conn)?;
        taken
            .into_iter()
            .map(|row| {
                Ok(OutgoingEmail {
                    kind: row.kind.parse().map_err(StoreError::corrupt)?,
                    id: row.id,
                    recipient: row.recipient,
                    title: row.title,
                    body: row.body,
                    link: row.link,
                    attempts: row.attempts,
                })
            })
            .collect()
    })
}

/// Marks a message sent by its mailer: it is never taken again.
pub fn mark_sent(conn: &mut DbConnection, id: &str, owner: &str) -> Result<(), StoreError> {
    diesel::update(
        outbox_emails::table
            .filter(outbox_emails::id.eq(id))
            .filter(outbox_emails::lease_owner.eq(owner)),
    )
    .set((
        outbox_emails::sent_at.eq(now()),
        outbox_emails::lease_owner.eq(None::<String>),
        outbox_emails::lease_expires_at.eq(None::<NaiveDateTime>),
    ))
    .execute(conn)?;
    Ok(())
}

/// Keeps why sending failed and when to try again, and lets the message go.
pub fn mark_failed(
    conn: &mut DbConnection,
    id: &str,
    owner: &str,
    error: &str,
    retry_in: Duration,
) -> Result<(), StoreError> {
    diesel::update(
        outbox_emails::table
            .filter(outbox_emails::id.eq(id))
            .filter(outbox_emails::lease_owner.eq(owner)),
    )
    .set((
        outbox_emails::attempts.eq(outbox_emails::attempts + 1),
        outbox_emails::last_error.eq(error),
        outbox_emails::next_attempt_at.eq(crate::time::after(retry_in)),
        outbox_emails::lease_owner.eq(None::<String>),
        outbox_emails::lease_expires_at.eq(None::<NaiveDateTime>),
    ))
    .execute(conn)?;
    Ok(())
}

/// How many messages wait to be sent.
pub fn waiting(conn: &mut DbConnection) -> Result<i64, StoreError> {
    Ok(outbox_emails::table
        .filter(outbox_emails::sent_at.is_null())
        .count()
        .get_result(conn)?)
}
