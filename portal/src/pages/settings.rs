//! User settings (Tautuhinga): the person's details as DXP knows them, the phone numbers they
//! keep themselves, and what they are emailed about. A refused form is shown again with what
//! was typed and why; a saved one says so once.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use dxp_domain::documents::DocumentType;
use dxp_domain::notices::NoticeKind;
use dxp_domain::{PortalRole, Role};
use dxp_persistence::notices::{EmailChoices, EmailTopic};
use dxp_persistence::people::Person;
use dxp_service::ServiceError;

use super::{value_of, values_of};
use crate::Portal;
use crate::page::Flash;
use crate::page::{Area, Layout, PageError, render, see_other};
use crate::session::Signed;

pub fn configure(config: &mut web::ServiceConfig) {
    config
        .route("/settings", web::get().to(settings))
        .route("/settings/phones", web::post().to(save_phones))
        .route("/settings/email", web::post().to(save_email));
}

/// A portal role as its checkbox names it, and what it lets a person do.
pub fn portal_role_words(role: PortalRole) -> (&'static str, &'static str) {
    match role {
        PortalRole::UserSettingsAdmin => (
            "User settings admin",
            "Chooses who in the organisation has access to the portal and what they see.",
        ),
        PortalRole::GeneralAccess => (
            "General access",
            "Sees what is due, the organisation's data submissions and its documents that are not commercial.",
        ),
        PortalRole::CommercialDocuments => (
            "Commercial documents",
            "Also sees and sends funding letters, wash-ups and investment plans.",
        ),
        PortalRole::InformationProducts => (
            "Information products",
            "Sees the organisation's performance indicators and delivery reports.",
        ),
        PortalRole::FullAccessReadOnly => (
            "Full access, read only",
            "Sees everything the organisation has in the portal, and changes nothing.",
        ),
    }
}

/// A sign-in role as people name it.
pub fn role_words(role: &str) -> String {
    match role.parse::<Role>() {
        Ok(Role::TeoSubmitter) => "Data officer: sends the organisation's returns".to_owned(),
        Ok(Role::TeoViewer) => "Viewer: reads the organisation's returns".to_owned(),
        Ok(Role::TecAdmin) => "TEC staff".to_owned(),
        Err(_) => role.to_owned(),
    }
}

// ---- the forms -------------------------------------------------------------------------------

/// The phone numbers as typed, and what is wrong with each.
#[derive(Debug, Default)]
struct PhoneForm {
    phone: String,
    mobile: String,
    phone_problem: Option<String>,
    mobile_problem: Option<String>,
}

/// One checkbox of the email choices.
#[derive(Debug)]
struct Choice {
    value: &'static str,
    label: &'static str,
    checked: bool,
}

/// The email choices as shown or as sent, and why they were refused.
#[derive(Debug)]
struct EmailForm {
    kinds: Vec<Choice>,
    types: Vec<Choice>,
    daily_digest: bool,
    problems: Vec<String>,
}

impl EmailForm {
    fn stored(choices: &EmailChoices) -> Self {
        EmailForm {
            kinds: choices
                .kinds
                .iter()
                .map(|(kind, emailed)| Choice {
                    value: kind.as_str(),
                    label: kind.description(),
                    checked: *emailed,
                })
                .collect(),
            types: choices
                .document_types
                .iter()
                .map(|(document_type, emailed)| Choice {
                    value: document_type.as_str(),
                    label: document_type.description(),
                    checked: *emailed,
                })
                .collect(),
            daily_digest: choices.daily_digest,
            problems: Vec::new(),
        }
    }

    /// The choices a form sent: a checkbox left clear is a "no". What cannot be chosen here is
    /// a problem, said in the page's words.
    fn sent(form: &[(String, String)]) -> Self {
        let kinds_sent = values_of(form, "kind");
        let types_sent = values_of(form, "document_type");
        let mut problems = Vec::new();
        for sent in &kinds_sent {
            match sent.parse::<NoticeKind>() {
                Ok(kind) if kind.is_chosen_by_kind() => {}
                Ok(kind) if kind.is_about_a_document() => problems.push(format!(
                    "'{}' is chosen by the type of document: tick the types under \"When the TEC makes a document available\".",
                    kind.description()
                )),
                Ok(_) => problems.push(
                    "The daily digest is chosen on its own: tick \"Send me one email a day\" under \"How the emails come\".".to_owned(),
                ),
                Err(_) => problems.push(format!(
                    "'{sent}' is not a kind of notification DXP sends."
                )),
            }
        }
        for sent in &types_sent {
            if sent.parse::<DocumentType>().is_err() {
                problems.push(format!("'{sent}' is not a type of document."));
            }
        }
        EmailForm {
            kinds: NoticeKind::ALL
                .into_iter()
                .filter(|kind| kind.is_chosen_by_kind())
                .map(|kind| Choice {
                    value: kind.as_str(),
                    label: kind.description(),
                    checked: kinds_sent.contains(&kind.as_str()),
                })
                .collect(),
            types: DocumentType::ALL
                .into_iter()
                .map(|document_type| Choice {
                    value: document_type.as_str(),
                    label: document_type.description(),
                    checked: types_sent.contains(&document_type.as_str()),
                })
                .collect(),
            daily_digest: !value_of(form, "daily_digest").is_empty(),
            problems,
        }
    }

    /// The choices as the use case takes them: every one shown, ticked or not.
    fn topics(&self) -> Vec<(EmailTopic, bool)> {
        let kinds = self.kinds.iter().filter_map(|choice| {
            let kind = choice.value.parse::<NoticeKind>().ok()?;
            Some((EmailTopic::Kind(kind), choice.checked))
        });
        let types = self.types.iter().filter_map(|choice| {
            let document_type = choice.value.parse::<DocumentType>().ok()?;
            Some((EmailTopic::Document(document_type), choice.checked))
        });
        kinds.chain(types).collect()
    }
}

/// Why a phone number cannot be kept: it has digits, spaces, `+`, `-` and brackets only (as
/// the API takes them), at most 32 characters; an empty one clears it.
fn phone_problem(text: &str) -> Option<String> {
    let allowed = |c: char| c.is_ascii_digit() || " +-()".contains(c);
    if text.is_empty() {
        None
    } else if text.chars().count() > 32 {
        Some("Use at most 32 characters.".to_owned())
    } else if !text.chars().all(allowed) || !text.chars().any(|c| c.is_ascii_digit()) {
        Some("Write the number with digits, spaces, +, - and brackets only, for example 04 123 4567.".to_owned())
    } else {
        None
    }
}

// ---- the page --------------------------------------------------------------------------------

struct Details {
    name: String,
    email: String,
    organisation: String,
    roles: Vec<String>,
    portal_roles: Vec<&'static str>,
}

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage {
    layout: Layout,
    details: Details,
    /// DXP has noted the person (at sign-in); until then nothing can be kept.
    known: bool,
    phones: PhoneForm,
    email: EmailForm,
    flash: Option<Flash>,
    is_admin: bool,
    is_funder: bool,
}

/// The settings page, with a refused form as it was sent (the other as stored).
async fn show(
    signed: &Signed,
    portal: &Portal,
    phones: Option<PhoneForm>,
    email: Option<EmailForm>,
) -> Result<HttpResponse, PageError> {
    let person = match portal.service.person(&signed.user.subject).await {
        Ok(person) => Some(person),
        Err(ServiceError::NotFound(_)) => None,
        Err(error) => return Err(error.into()),
    };
    let refused = phones.is_some() || email.is_some();
    let email = match email {
        Some(email) => email,
        None => EmailForm::stored(&portal.service.email_choices(&signed.user.subject).await?),
    };
    let phones = phones.unwrap_or_else(|| PhoneForm {
        phone: person
            .as_ref()
            .and_then(|p| p.phone.clone())
            .unwrap_or_default(),
        mobile: person
            .as_ref()
            .and_then(|p| p.mobile.clone())
            .unwrap_or_default(),
        ..Default::default()
    });
    let user = &signed.user;
    let details = Details {
        name: person
            .as_ref()
            .and_then(|p| p.name.clone())
            .unwrap_or_else(|| user.name.clone()),
        email: person
            .as_ref()
            .and_then(|p| p.email.clone())
            .or_else(|| user.email.clone())
            .unwrap_or_default(),
        organisation: match user.organisation {
            _ if user.is_funder() => "Tertiary Education Commission".to_owned(),
            Some(edumis) => format!("Organisation {edumis}"),
            None => "None".to_owned(),
        },
        roles: match &person {
            Some(person) => person.roles.iter().map(|role| role_words(role)).collect(),
            None => user
                .roles
                .iter()
                .map(|role| role_words(role.as_str()))
                .collect(),
        },
        portal_roles: person
            .as_ref()
            .map(|p| {
                p.portal_roles
                    .iter()
                    .map(|role| portal_role_words(*role).0)
                    .collect()
            })
            .unwrap_or_default(),
    };
    let mut response = render(&SettingsPage {
        layout: Layout::of(
            signed,
            Area::Settings,
            "Your settings".to_owned(),
            Some((
                "/guides/notifications-and-settings",
                "Notifications and your settings",
            )),
        ),
        details,
        known: person.is_some(),
        is_admin: person.as_ref().is_some_and(is_admin),
        is_funder: user.is_funder(),
        phones,
        email,
        flash: signed.told(),
    })?;
    if refused {
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(response)
}

/// Whether a person changes who in their organisation has access.
pub fn is_admin(person: &Person) -> bool {
    !person.disabled && person.has_portal_role(PortalRole::UserSettingsAdmin)
}

async fn settings(signed: Signed, portal: web::Data<Portal>) -> Result<HttpResponse, PageError> {
    show(&signed, &portal, None, None).await
}

async fn save_phones(
    signed: Signed,
    portal: web::Data<Portal>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, PageError> {
    signed.check_csrf(&value_of(&form, "csrf"))?;
    let (phone, mobile) = (value_of(&form, "phone"), value_of(&form, "mobile"));
    let typed = PhoneForm {
        phone_problem: phone_problem(&phone),
        mobile_problem: phone_problem(&mobile),
        phone,
        mobile,
    };
    if typed.phone_problem.is_some() || typed.mobile_problem.is_some() {
        return show(&signed, &portal, Some(typed), None).await;
    }
    let kept = |number: String| Some(number).filter(|text| !text.is_empty());
    portal
        .service
        .set_phones(&signed.user.subject, kept(typed.phone), kept(typed.mobile))
        .await?;
    signed.tell(Flash {
        ok: true,
        lines: vec!["Your phone numbers are saved.".to_owned()],
    })?;
    Ok(see_other("/settings"))
}

async fn save_email(
    signed: Signed,
    portal: web::Data<Portal>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, PageError> {
    signed.check_csrf(&value_of(&form, "csrf"))?;
    let mut typed = EmailForm::sent(&form);
    if !typed.problems.is_empty() {
        return show(&signed, &portal, None, Some(typed)).await;
    }
    if let Err(error) = portal
        .service
        .choose_email(
            &signed.user.subject,
            typed.topics(),
            Some(typed.daily_digest),
        )
        .await
    {
        typed.problems.push(super::refusal(error)?);
        return show(&signed, &portal, None, Some(typed)).await;
    }
    signed.tell(Flash {
        ok: true,
        lines: vec!["Your email choices are saved.".to_owned()],
    })?;
    Ok(see_other("/settings#email"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phone_number_has_digits_and_little_else() {
        assert_eq!(phone_problem(""), None);
        assert_eq!(phone_problem("+64 (4) 123-4567"), None);
        assert!(phone_problem("call me").is_some());
        assert!(phone_problem("+-()").is_some());
        assert!(phone_problem(&"1".repeat(33)).is_some());
    }

    #[test]
    fn a_kind_chosen_by_document_type_is_refused_in_the_pages_words() {
        let form = vec![
            ("kind".to_owned(), "round-opened".to_owned()),
            ("kind".to_owned(), "document-available".to_owned()),
        ];
        let sent = EmailForm::sent(&form);
        assert_eq!(sent.problems.len(), 1, "{:?}", sent.problems);
        assert!(sent.problems[0].contains("type of document"));
        assert!(
            sent.kinds
                .iter()
                .any(|choice| choice.value == "round-opened" && choice.checked)
        );
        assert!(
            !sent
                .kinds
                .iter()
                .any(|choice| choice.value == "document-available")
        );
    }
}
