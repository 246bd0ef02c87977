//! Notices in the portal and the email they become: a notice for an organisation goes to each
//! of its people, to the mail outbox for those who ask for its kind by email, and to the
//! organisation's webhooks that want its kind, in the transaction of the event it tells of, so
//! an event is never told without happening nor happens without being told.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use dxp_domain::Edumis;
use dxp_domain::notices::{Notice, NoticeKind};

use crate::people::{self, Person};
use crate::schema::{email_preferences, notices};
use crate::time::{from_row, now};
use crate::{DbConnection, StoreError, on_backend};

/// A notice as one person has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredNotice {
    pub id: String,
    pub kind: NoticeKind,
    pub title: String,
    pub body: String,
    pub link: String,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = notices)]
struct NoticeRow {
    id: String,
    kind: String,
    title: String,
    body: String,
    link: String,
    created_at: chrono::NaiveDateTime,
    read_at: Option<chrono::NaiveDateTime>,
}

impl TryFrom<NoticeRow> for StoredNotice {
    type Error = StoreError;

    fn try_from(row: NoticeRow) -> Result<Self, StoreError> {
        Ok(StoredNotice {
            id: row.id,
            kind: row.kind.parse().map_err(StoreError::corrupt)?,
            title: row.title,
            body: row.body,
            link: row.link,
            created_at: from_row(row.created_at),
            read_at: row.read_at.map(from_row),
        })
    }
}

/// Whether `person` is emailed notices of `kind`: their choice, or the kind's default.
fn emailed(conn: &mut DbConnection, person: &Person, kind: NoticeKind) -> Result<bool, StoreError> {
    let chosen: Option<bool> = email_preferences::table
        .find((&person.subject, kind.as_str()))
        .select(email_preferences::emailed)
        .first(conn)
        .optional()?;
    Ok(chosen.unwrap_or_else(|| kind.emailed_by_default()))
}

/// Tells every active person of `organisation` of `notice` in the portal, queues an email to
/// each of them who has an email address and wants the kind, and queues a delivery to each of
/// the organisation's webhooks that wants the kind. Runs in the caller's transaction. Returns
/// how many emails were queued.
pub fn tell_organisation(
    conn: &mut DbConnection,
    organisation: Edumis,
    notice: &Notice,
) -> Result<usize, StoreError> {
    crate::webhooks::queue(conn, organisation, notice)?;
    let at = now();
    let mut queued = 0;
    for person in people::active_of(conn, organisation)? {
        diesel::insert_into(notices::table)
            .values((
                notices::id.eq(uuid::Uuid::new_v4().to_string()),
                notices::subject.eq(&person.subject),
                notices::organisation.eq(organisation.value()),
                notices::kind.eq(notice.kind.as_str()),
                notices::title.eq(&notice.title),
                notices::body.eq(&notice.body),
                notices::link.eq(&notice.link),
                notices::created_at.eq(at),
            ))
            .execute(conn)?;
        let Some(email) = person.email.as_deref().filter(|email| !email.is_empty()) else {
            continue;
        };
        if emailed(conn, &person, notice.kind)? {
            crate::outbox::queue(conn, email, notice)?;
            queued += 1;
        }
    }
    Ok(queued)
}

/// The newest `limit` notices of a person, unread ones only when `unread_only`.
pub fn newest(
    conn: &mut DbConnection,
    subject: &str,
    unread_only: bool,
    limit: i64,
) -> Result<Vec<StoredNotice>, StoreError> {
    let mut query = notices::table
        .filter(notices::subject.eq(subject))
        .select(NoticeRow::as_select())
        .into_boxed();
    if unread_only {
        query = query.filter(notices::read_at.is_null());
    }
    query
        .order((notices::created_at.desc(), notices::id.desc()))
        .limit(limit)
        .load(conn)?
        .into_iter()
        .map(StoredNotice::try_from)
        .collect()
}

/// How many of a person's notices are unread.
pub fn unread_count(conn: &mut DbConnection, subject: &str) -> Result<i64, StoreError> {
    Ok(notices::table
        .filter(notices::subject.eq(subject))
        .filter(notices::read_at.is_null())
        .count()
        .get_result(conn)?)
}

/// Marks one of a person's notices read (again is harmless). Another person's notice is not
/// found.
pub fn mark_read(conn: &mut DbConnection, subject: &str, id: &str) -> Result<(), StoreError> {
    let theirs = notices::table
        .filter(notices::id.eq(id))
        .filter(notices::subject.eq(subject));
    let found: i64 = theirs.count().get_result(conn)?;
    if found == 0 {
        return Err(StoreError::NotFound(format!("you have no notice {id}")));
    }
    diesel::update(theirs.filter(notices::read_at.is_null()))
        .set(notices::read_at.eq(now()))
        .execute(conn)?;
    Ok(())
}

/// Whether the person is emailed each kind of notice, in [`NoticeKind::ALL`] order.
pub fn email_choices(
    conn: &mut DbConnection,
    subject: &str,
) -> Result<Vec<(NoticeKind, bool)>, StoreError> {
    let chosen: Vec<(String, bool)> = email_preferences::table
        .filter(email_preferences::subject.eq(subject))
        .select((email_preferences::kind, email_preferences::emailed))
        .load(conn)?;
    Ok(NoticeKind::ALL
        .into_iter()
        .map(|kind| {
            let wanted = chosen
                .iter()
                .find(|(name, _)| name == kind.as_str())
                .map_or_else(|| kind.emailed_by_default(), |(_, wanted)| *wanted);
            (kind, wanted)
        })
        .collect())
}

/// Keeps the person's choices; kinds not named keep theirs.
pub fn choose_email(
    conn: &mut DbConnection,
    subject: &str,
    choices: &[(NoticeKind, bool)],
) -> Result<(), StoreError> {
    crate::connection::write_transaction(conn, |conn| {
        for (kind, wanted) in choices {
            let row = (
                email_preferences::subject.eq(subject),
                email_preferences::kind.eq(kind.as_str()),
                email_preferences::emailed.eq(*wanted),
            );
            let added = on_backend!(conn, inner => diesel::insert_into(email_preferences::table)
                .values(row)
                .on_conflict_do_nothing()
                .execute(inner))?;
            if added == 0 {
                diesel::update(email_preferences::table.find((subject, kind.as_str())))
                    .set(email_preferences::emailed.eq(*wanted))
                    .execute(conn)?;
            }
        }
        Ok(())
    })
}
