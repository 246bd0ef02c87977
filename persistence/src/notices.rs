//! Notices in the portal and the email they become: a notice for an organisation goes to each
//! of its people, to the mail outbox for those who ask for its kind by email, and to the
//! organisation's webhooks that want its kind, in the transaction of the event it tells of, so
//! an event is never told without happening nor happens without being told.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use dxp_domain::Edumis;
use dxp_domain::documents::{DocumentType, sees_commercial};
use dxp_domain::notices::{Notice, NoticeKind};

use crate::people;
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

/// What a person chooses to be emailed about: a kind of notice, or documents of a type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailTopic {
    Kind(NoticeKind),
    Document(DocumentType),
}

impl EmailTopic {
    /// The topic's key in `email_preferences.kind`: a notice kind's name, or `document:` and
    /// the document type's.
    fn key(self) -> String {
        match self {
            EmailTopic::Kind(kind) => kind.as_str().to_owned(),
            EmailTopic::Document(document_type) => format!("document:{document_type}"),
        }
    }

    fn emailed_by_default(self) -> bool {
        match self {
            EmailTopic::Kind(kind) => kind.emailed_by_default(),
            EmailTopic::Document(_) => true,
        }
    }

    /// The topic deciding whether `notice` is emailed: its document's type, or its kind.
    fn of(notice: &Notice) -> EmailTopic {
        match notice.document_type {
            Some(document_type) => EmailTopic::Document(document_type),
            None => EmailTopic::Kind(notice.kind),
        }
    }
}

/// A person's email choices: each kind of notice not about a document, each document type,
/// and whether they take one daily digest instead of a message a notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailChoices {
    pub kinds: Vec<(NoticeKind, bool)>,
    pub document_types: Vec<(DocumentType, bool)>,
    pub daily_digest: bool,
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
    // A commercial document is for the people with that role, not for every system of the
    // organisation that listens.
    if !notice.commercial {
        crate::webhooks::queue(conn, organisation, notice)?;
    }
    let at = now();
    let mut queued = 0;
    // A disabled person is told nothing.
    let people: Vec<_> = people::of_organisation(conn, organisation)?
        .into_iter()
        .filter(|person| !person.disabled)
        .collect();
    // Everyone's choice of this notice's topic in one read, not one a person.
    let topic = EmailTopic::of(notice);
    let subjects: Vec<&str> = people
        .iter()
        .map(|person| person.subject.as_str())
        .collect();
    let chosen: std::collections::HashMap<String, bool> = email_preferences::table
        .filter(email_preferences::kind.eq(topic.key()))
        .filter(email_preferences::subject.eq_any(&subjects))
        .select((email_preferences::subject, email_preferences::emailed))
        .load(conn)?
        .into_iter()
        .collect();
    for person in &people {
        if notice.commercial && !sees_commercial(&person.portal_roles) {
            continue;
        }
        let wanted = chosen
            .get(&person.subject)
            .copied()
            .unwrap_or_else(|| topic.emailed_by_default());
        let emailed_to = match person.email.as_deref().filter(|email| !email.is_empty()) {
            Some(email) if wanted => Some(email),
            _ => None,
        };
        // A person who takes a daily digest gets this notice in their next digest.
        let for_digest = emailed_to.is_some() && person.email_digest;
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
                notices::digest_pending.eq(for_digest),
            ))
            .execute(conn)?;
        if let Some(email) = emailed_to
            && !for_digest
        {
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

/// Whether the person is emailed each kind of notice (in [`NoticeKind::ALL`] order, those about
/// a document left out) and about documents of each type.
pub fn email_choices(conn: &mut DbConnection, subject: &str) -> Result<EmailChoices, StoreError> {
    let chosen: Vec<(String, bool)> = email_preferences::table
        .filter(email_preferences::subject.eq(subject))
        .select((email_preferences::kind, email_preferences::emailed))
        .load(conn)?;
    let wanted = |topic: EmailTopic| {
        let key = topic.key();
        chosen
            .iter()
            .find(|(name, _)| *name == key)
            .map_or_else(|| topic.emailed_by_default(), |(_, wanted)| *wanted)
    };
    let daily_digest = crate::schema::people::table
        .find(subject)
        .select(crate::schema::people::email_digest)
        .first(conn)
        .optional()?
        .unwrap_or(false);
    Ok(EmailChoices {
        daily_digest,
        kinds: NoticeKind::ALL
            .into_iter()
            .filter(|kind| kind.is_chosen_by_kind())
            .map(|kind| (kind, wanted(EmailTopic::Kind(kind))))
            .collect(),
        document_types: DocumentType::ALL
            .into_iter()
            .map(|document_type| (document_type, wanted(EmailTopic::Document(document_type))))
            .collect(),
    })
}

/// Keeps the person's choices; topics not named keep theirs, and so does the digest when
/// `daily_digest` is `None`.
pub fn choose_email(
    conn: &mut DbConnection,
    subject: &str,
    choices: &[(EmailTopic, bool)],
    daily_digest: Option<bool>,
) -> Result<(), StoreError> {
    crate::connection::write_transaction(conn, |conn| {
        if let Some(digest) = daily_digest {
            diesel::update(crate::schema::people::table.find(subject))
                .set(crate::schema::people::email_digest.eq(digest))
                .execute(conn)?;
        }
        for (topic, wanted) in choices {
            let key = topic.key();
            let row = (
                email_preferences::subject.eq(subject),
                email_preferences::kind.eq(&key),
                email_preferences::emailed.eq(*wanted),
            );
            let added = on_backend!(conn, inner => diesel::insert_into(email_preferences::table)
                .values(row)
                .on_conflict_do_nothing()
                .execute(inner))?;
            if added == 0 {
                diesel::update(email_preferences::table.find((subject, &key)))
                    .set(email_preferences::emailed.eq(*wanted))
                    .execute(conn)?;
            }
        }
        Ok(())
    })
}
