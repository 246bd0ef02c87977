//! The signed-in person (`/api/v1/me`): who DXP knows them as, the phone numbers they keep,
//! their notices (what happened that concerns their organisation) and which kinds they are
//! also emailed. A machine account is not a person and has none of these.

use actix_web::{HttpResponse, get, post, put, web};
use chrono::{DateTime, Utc};
use dxp_domain::PortalRole;
use dxp_domain::documents::DocumentType;
use dxp_domain::notices::NoticeKind;
use dxp_persistence::notices::{EmailChoices as StoredChoices, EmailTopic, StoredNotice};
use dxp_persistence::people::Person;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::params::valid;
use crate::auth::{Authorized, CanRead, Principal};
use crate::{ApiError, AppState, Problem};

/// A person as DXP knows them.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({"subject": "ana.ngata", "organisation": 6004, "name": "Ana Ngata", "email": "ana.ngata@teo.example.nz", "phone": "04 123 4567", "mobile": null, "roles": ["teo-submitter"], "portalRoles": ["general-access"], "disabled": false, "accessChangedBy": null, "accessChangedAt": null}))]
pub struct PersonView {
    /// The token's subject.
    pub subject: String,
    /// The EDUMIS number; `null` for the funder's staff.
    pub organisation: Option<i32>,
    /// From the identity provider (the token's `name`).
    pub name: Option<String>,
    /// From the identity provider (the token's `email`); notices are emailed here.
    pub email: Option<String>,
    pub phone: Option<String>,
    pub mobile: Option<String>,
    /// The API roles of the latest sign-in.
    pub roles: Vec<String>,
    /// What they may see and do in the portal, as their organisation's user settings admin
    /// (or the funder) granted it.
    pub portal_roles: Vec<PortalRole>,
    /// Disabled people stay listed but are refused on every request and told nothing.
    pub disabled: bool,
    /// Who last changed their portal roles or disabled or enabled them, and when.
    pub access_changed_by: Option<String>,
    pub access_changed_at: Option<DateTime<Utc>>,
}

impl From<Person> for PersonView {
    fn from(person: Person) -> Self {
        PersonView {
            subject: person.subject,
            organisation: person.organisation.map(|edumis| edumis.value()),
            name: person.name,
            email: person.email,
            phone: person.phone,
            mobile: person.mobile,
            roles: person.roles,
            portal_roles: person.portal_roles,
            disabled: person.disabled,
            access_changed_by: person.access_changed.as_ref().map(|(by, _)| by.clone()),
            access_changed_at: person.access_changed.map(|(_, at)| at),
        }
    }
}

/// The phone numbers a person keeps themselves; a number left out, `null` or empty is cleared.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContactNumbers {
    #[validate(length(max = 32), custom(function = "phone_number"))]
    #[schema(
        max_length = 32,
        pattern = r"^([0-9 +()-]*[0-9][0-9 +()-]*)?$",
        example = "04 123 4567"
    )]
    pub phone: Option<String>,
    #[validate(length(max = 32), custom(function = "phone_number"))]
    #[schema(
        max_length = 32,
        pattern = r"^([0-9 +()-]*[0-9][0-9 +()-]*)?$",
        example = "021 123 4567"
    )]
    pub mobile: Option<String>,
}

/// Digits, spaces, `+`, `-` and brackets, with a digit among them; or nothing (cleared).
fn phone_number(text: &str) -> Result<(), validator::ValidationError> {
    let allowed = |c: char| c.is_ascii_digit() || " +-()".contains(c);
    if text.is_empty() || (text.chars().all(allowed) && text.chars().any(|c| c.is_ascii_digit())) {
        Ok(())
    } else {
        Err(validator::ValidationError::new("phone")
            .with_message("a phone number has digits, spaces, +, - and brackets only".into()))
    }
}

/// A notice: something that happened that concerns the person's organisation.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NoticeView {
    pub id: String,
    pub kind: NoticeKind,
    pub title: String,
    /// What happened and what to do, in plain words.
    pub body: String,
    /// The portal page it is about.
    pub link: String,
    pub created_at: DateTime<Utc>,
    /// When the person marked it read; `null` while unread.
    pub read_at: Option<DateTime<Utc>>,
}

impl From<StoredNotice> for NoticeView {
    fn from(notice: StoredNotice) -> Self {
        NoticeView {
            id: notice.id,
            kind: notice.kind,
            title: notice.title,
            body: notice.body,
            link: notice.link,
            created_at: notice.created_at,
            read_at: notice.read_at,
        }
    }
}

/// A person's newest notices.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NoticeList {
    /// Newest first; at most 100.
    pub notices: Vec<NoticeView>,
    /// How many of all the person's notices are unread.
    pub unread_count: i64,
}

/// The query of the notices.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(rename_all = "camelCase")]
pub struct NoticeQuery {
    /// Only the unread ones (default false).
    pub unread: Option<bool>,
}

/// Whether the person is emailed one kind of notice.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EmailChoice {
    pub kind: NoticeKind,
    /// What it is, in the words the settings page shows.
    pub description: String,
    pub emailed: bool,
}

/// A person's choices of what they are emailed about; kinds and types not named keep theirs.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EmailChoices {
    /// Kinds of notice not about a document.
    #[serde(default)]
    pub choices: Vec<EmailChoiceInput>,
    /// The types of document the person is emailed about when the funder makes one available.
    #[serde(default)]
    pub document_types: Vec<DocumentTypeChoiceInput>,
    /// `true`: one email a day (after 7 am in New Zealand) with everything chosen above,
    /// instead of a message each time; absent keeps the choice.
    pub daily_digest: Option<bool>,
}

/// One choice of a document type.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DocumentTypeChoiceInput {
    pub document_type: DocumentType,
    pub emailed: bool,
}

/// Whether the person is emailed about documents of one type.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DocumentTypeChoice {
    pub document_type: DocumentType,
    /// What it is, in the words the settings page shows.
    pub description: String,
    pub emailed: bool,
}

/// What a person is emailed about: each kind of notice and each type of document, with their
/// choice or its default.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EmailPreferences {
    /// Kinds of notice not about a document.
    pub choices: Vec<EmailChoice>,
    /// Documents made available, by type (all emailed unless chosen otherwise).
    pub document_types: Vec<DocumentTypeChoice>,
    /// One email a day with all of it, instead of a message each time (default false).
    pub daily_digest: bool,
}

/// One choice.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EmailChoiceInput {
    pub kind: NoticeKind,
    pub emailed: bool,
}

fn choices_view(choices: StoredChoices) -> EmailPreferences {
    EmailPreferences {
        daily_digest: choices.daily_digest,
        choices: choices
            .kinds
            .into_iter()
            .map(|(kind, emailed)| EmailChoice {
                kind,
                description: kind.description().to_owned(),
                emailed,
            })
            .collect(),
        document_types: choices
            .document_types
            .into_iter()
            .map(|(document_type, emailed)| DocumentTypeChoice {
                document_type,
                description: document_type.description().to_owned(),
                emailed,
            })
            .collect(),
    }
}

/// The caller, when a person: a machine account has no settings or notices.
fn person(caller: &Authorized<CanRead>) -> Result<&Principal, ApiError> {
    if caller.is_machine() {
        return Err(ApiError::Forbidden(
            "a machine account is not a person: it has no settings or notices".to_owned(),
        ));
    }
    Ok(&caller.principal)
}

/// Who DXP knows the caller as: their first signed-in request made them known.
#[utoipa::path(
    tag = super::tags::PEOPLE,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The person", body = PersonView),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A machine account is not a person", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/me")]
pub async fn get_me(
    caller: Authorized<CanRead>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let principal = person(&caller)?;
    // Noted here and now, not in the background: this answer shows what was noted.
    state
        .service
        .note_sign_in(crate::people_seen::sign_in_of(principal))
        .await?;
    state.people_seen.remember(principal);
    let known = state.service.person(&principal.subject).await?;
    Ok(HttpResponse::Ok().json(PersonView::from(known)))
}

/// Set the phone numbers the caller keeps (their name and email come from their sign-in).
#[utoipa::path(
    tag = super::tags::PEOPLE,
    request_body = ContactNumbers,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The person", body = PersonView),
        (status = 400, description = "A number that is not a phone number", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A machine account is not a person", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/me/contact-numbers")]
pub async fn update_contact_numbers(
    caller: Authorized<CanRead>,
    state: web::Data<AppState>,
    body: web::Json<serde_json::Map<String, serde_json::Value>>,
) -> Result<HttpResponse, ApiError> {
    let principal = person(&caller)?;
    // Read from an object only: serde would also take a struct of optional fields from an array.
    let numbers: ContactNumbers =
        serde_json::from_value(serde_json::Value::Object(body.into_inner())).map_err(|error| {
            ApiError::BadRequest(format!("the body is not contact numbers: {error}"))
        })?;
    let numbers = valid(numbers)?;
    let clean = |number: Option<String>| {
        number
            .map(|text| text.trim().to_owned())
            .filter(|text| !text.is_empty())
    };
    state
        .service
        .note_sign_in(crate::people_seen::sign_in_of(principal))
        .await?;
    let known = state
        .service
        .set_phones(
            &principal.subject,
            clean(numbers.phone),
            clean(numbers.mobile),
        )
        .await?;
    Ok(HttpResponse::Ok().json(PersonView::from(known)))
}

/// The caller's newest notices, and how many are unread.
#[utoipa::path(
    tag = super::tags::PEOPLE,
    params(NoticeQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The notices", body = NoticeList),
        (status = 400, description = "A query that cannot be read", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A machine account is not a person", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/me/notices")]
pub async fn list_notices(
    caller: Authorized<CanRead>,
    state: web::Data<AppState>,
    query: web::Query<NoticeQuery>,
) -> Result<HttpResponse, ApiError> {
    let principal = person(&caller)?;
    let list = state
        .service
        .notices(&principal.subject, query.unread.unwrap_or(false))
        .await?;
    Ok(HttpResponse::Ok().json(NoticeList {
        notices: list.notices.into_iter().map(NoticeView::from).collect(),
        unread_count: list.unread,
    }))
}

/// Mark one of the caller's notices read.
#[utoipa::path(
    tag = super::tags::PEOPLE,
    params(("id" = String, Path, description = "The notice")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Marked read"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A machine account is not a person", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The caller has no such notice", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/me/notices/{id}/read")]
pub async fn mark_notice_read(
    caller: Authorized<CanRead>,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let principal = person(&caller)?;
    state
        .service
        .mark_notice_read(&principal.subject, &id)
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Which kinds of notice the caller is also emailed.
#[utoipa::path(
    tag = super::tags::PEOPLE,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every kind, with the caller's choice or its default", body = EmailPreferences),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A machine account is not a person", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/me/email-preferences")]
pub async fn get_email_preferences(
    caller: Authorized<CanRead>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let principal = person(&caller)?;
    let choices = state.service.email_choices(&principal.subject).await?;
    Ok(HttpResponse::Ok().json(choices_view(choices)))
}

/// Choose which kinds of notice the caller is also emailed.
#[utoipa::path(
    tag = super::tags::PEOPLE,
    request_body = EmailChoices,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every kind, with the caller's choice or its default", body = EmailPreferences),
        (status = 400, description = "A kind or document type DXP does not know", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A kind chosen otherwise: about documents (chosen by type) or the digest (chosen with dailyDigest)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A machine account is not a person", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/me/email-preferences")]
pub async fn update_email_preferences(
    caller: Authorized<CanRead>,
    state: web::Data<AppState>,
    body: web::Json<EmailChoices>,
) -> Result<HttpResponse, ApiError> {
    let principal = person(&caller)?;
    let body = body.into_inner();
    let choices: Vec<(EmailTopic, bool)> = body
        .choices
        .into_iter()
        .map(|choice| (EmailTopic::Kind(choice.kind), choice.emailed))
        .chain(
            body.document_types
                .into_iter()
                .map(|choice| (EmailTopic::Document(choice.document_type), choice.emailed)),
        )
        .collect();
    state
        .service
        .note_sign_in(crate::people_seen::sign_in_of(principal))
        .await?;
    let chosen = state
        .service
        .choose_email(&principal.subject, choices, body.daily_digest)
        .await?;
    Ok(HttpResponse::Ok().json(choices_view(chosen)))
}
