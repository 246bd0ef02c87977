//! The use cases of people and their notices: a person is noted when they sign in, reads and
//! marks their notices, and chooses which kinds they are also emailed. The notices themselves
//! are written by the events they tell of (`dxp_persistence::notices`).

use chrono::Utc;
use dxp_domain::Edumis;
use dxp_persistence::notices::{self, EmailChoices, EmailTopic, StoredNotice};
use dxp_persistence::people::{self, Person, SignedIn};

use crate::{Service, ServiceError};

/// The most notices one read returns.
pub const MAX_NOTICES: i64 = 100;

/// Who signed in, as their token says.
#[derive(Debug, Clone)]
pub struct SignIn {
    pub subject: String,
    pub organisation: Option<Edumis>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub roles: Vec<String>,
}

/// A person's notices and how many are unread.
#[derive(Debug, Clone)]
pub struct NoticeList {
    pub notices: Vec<StoredNotice>,
    pub unread: i64,
}

impl Service {
    /// Notes a signed-in request of a person (not of a machine account).
    pub async fn note_sign_in(&self, sign_in: SignIn) -> Result<(), ServiceError> {
        let at = self.clock().now().unwrap_or_else(|_| Utc::now());
        self.blocking(move |conn| {
            people::note_signed_in(
                conn,
                &SignedIn {
                    subject: &sign_in.subject,
                    organisation: sign_in.organisation,
                    name: sign_in.name.as_deref(),
                    email: sign_in.email.as_deref(),
                    roles: &sign_in.roles,
                },
                at,
            )
        })
        .await
    }

    /// The person as DXP knows them; not found before their first signed-in request is noted.
    pub async fn person(&self, subject: &str) -> Result<Person, ServiceError> {
        let subject = subject.to_owned();
        self.blocking(move |conn| {
            people::find(conn, &subject)?.ok_or_else(|| {
                ServiceError::NotFound(format!(
                    "'{subject}' has not signed in before; try again in a moment"
                ))
            })
        })
        .await
    }

    /// Sets the phone numbers the person keeps themselves.
    pub async fn set_phones(
        &self,
        subject: &str,
        phone: Option<String>,
        mobile: Option<String>,
    ) -> Result<Person, ServiceError> {
        let subject = subject.to_owned();
        self.blocking(move |conn| {
            people::set_phones(conn, &subject, phone.as_deref(), mobile.as_deref())?;
            people::find(conn, &subject)?
                .ok_or_else(|| ServiceError::NotFound(format!("no person '{subject}'")))
        })
        .await
    }

    /// The person's newest notices (unread ones only when asked), and how many are unread.
    pub async fn notices(
        &self,
        subject: &str,
        unread_only: bool,
    ) -> Result<NoticeList, ServiceError> {
        let subject = subject.to_owned();
        self.blocking(move |conn| {
            Ok::<_, ServiceError>(NoticeList {
                notices: notices::newest(conn, &subject, unread_only, MAX_NOTICES)?,
                unread: notices::unread_count(conn, &subject)?,
            })
        })
        .await
    }

    /// Marks one of the person's notices read.
    pub async fn mark_notice_read(&self, subject: &str, id: &str) -> Result<(), ServiceError> {
        let (subject, id) = (subject.to_owned(), id.to_owned());
        self.blocking(move |conn| notices::mark_read(conn, &subject, &id))
            .await
    }

    /// Whether the person is emailed each kind of notice and about each type of document.
    pub async fn email_choices(&self, subject: &str) -> Result<EmailChoices, ServiceError> {
        let subject = subject.to_owned();
        self.blocking(move |conn| notices::email_choices(conn, &subject))
            .await
    }

    /// Keeps the person's choices of what they are emailed about, and answers all of them.
    /// A kind of notice about a document is chosen by the document's type instead.
    pub async fn choose_email(
        &self,
        subject: &str,
        choices: Vec<(EmailTopic, bool)>,
        daily_digest: Option<bool>,
    ) -> Result<EmailChoices, ServiceError> {
        if let Some((EmailTopic::Kind(kind), _)) = choices
            .iter()
            .find(|(topic, _)| matches!(topic, EmailTopic::Kind(kind) if !kind.is_chosen_by_kind()))
        {
            return Err(ServiceError::Unacceptable(if kind.is_about_a_document() {
                format!("'{kind}' is chosen by document type: name the types in documentTypes")
            } else {
                format!("'{kind}' is chosen with dailyDigest")
            }));
        }
        let subject = subject.to_owned();
        self.blocking(move |conn| {
            notices::choose_email(conn, &subject, &choices, daily_digest)?;
            notices::email_choices(conn, &subject)
        })
        .await
    }
}
