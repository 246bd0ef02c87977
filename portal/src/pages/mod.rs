//! The portal's pages, one module per area of the navigation.

pub mod commitments;
pub mod dashboard;
pub mod documents;
pub mod funder;
pub mod guides;
pub mod insights;
mod multipart;
pub mod notices;
pub mod people;
pub mod registers;
pub mod settings;
pub mod submissions;
pub mod webform;

use actix_web::web;
use dxp_domain::Edumis;
use dxp_persistence::organisations::Organisation;
use dxp_service::ServiceError;
use dxp_service::people::Asker;

use crate::Portal;
use crate::page::PageError;
use crate::session::{PortalUser, Signed};

pub fn configure(config: &mut web::ServiceConfig) {
    config
        .configure(dashboard::configure)
        .configure(submissions::configure)
        .configure(webform::configure)
        .configure(documents::configure)
        .configure(registers::configure)
        .configure(commitments::configure)
        .configure(insights::configure)
        .configure(notices::configure)
        .configure(settings::configure)
        .configure(people::configure)
        .configure(funder::configure)
        .configure(guides::configure);
}

/// The person as the people and documents use cases know them.
pub(crate) fn asker(user: &PortalUser) -> Asker {
    Asker {
        subject: user.subject.clone(),
        organisation: user.organisation,
        is_funder: user.is_funder(),
    }
}

/// The organisation a page is about: the person's own, or for the funder's staff the one the
/// address names (`?organisation=6004`); `None` when the funder has not chosen one yet.
pub(crate) fn organisation_for(
    signed: &Signed,
    named: Option<&str>,
) -> Result<Option<Edumis>, PageError> {
    let named = match named.map(str::trim).filter(|text| !text.is_empty()) {
        Some(text) => Some(
            text.parse::<i64>()
                .ok()
                .and_then(|number| Edumis::new(number).ok())
                .ok_or(PageError::NotFound)?,
        ),
        None => None,
    };
    if signed.user.is_funder() {
        return Ok(named);
    }
    match (signed.user.organisation, named) {
        (Some(own), Some(named)) if named != own => Err(PageError::Forbidden(format!(
            "You are signed in for organisation {own}; you cannot open organisation {named}'s pages."
        ))),
        (Some(own), _) => Ok(Some(own)),
        (None, _) => Err(PageError::Forbidden(
            "Your sign-in names no organisation.".to_owned(),
        )),
    }
}

/// The organisations the funder's staff choose from, as (EDUMIS number, name, chosen).
pub(crate) async fn organisation_choices(
    portal: &Portal,
    signed: &Signed,
    chosen: Option<Edumis>,
) -> Result<Vec<(i32, String, bool)>, PageError> {
    if !signed.user.is_funder() {
        return Ok(Vec::new());
    }
    Ok(portal
        .service
        .organisations(&signed.caller())
        .await?
        .into_iter()
        .map(|Organisation { edumis, name }| (edumis.value(), name, Some(edumis) == chosen))
        .collect())
}

/// What a refused form is told: the use case's reason, in its words, when it is one about what
/// was sent; any other failure is a page of its own.
pub(crate) fn refusal(error: ServiceError) -> Result<String, PageError> {
    match error {
        // The round rule's code, so the person can look it up or quote it (as error pages do).
        ServiceError::Refused(refusal) => Ok(sentence(&format!(
            "{} (rule {})",
            refusal.detail,
            refusal.rule.code()
        ))),
        ServiceError::BadInput(_)
        | ServiceError::TooLarge(_)
        | ServiceError::NotNow(_)
        | ServiceError::Rejected(_)
        | ServiceError::Unacceptable(_) => Ok(sentence(&error.to_string())),
        other => Err(other.into()),
    }
}

/// A reason as a sentence: a capital first letter and a full stop.
pub(crate) fn sentence(text: &str) -> String {
    let text = text.trim();
    let mut chars = text.chars();
    let mut out: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => return String::new(),
    };
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

/// The values of one name in a form sent as pairs (checkboxes send one pair each).
pub(crate) fn values_of<'a>(form: &'a [(String, String)], name: &str) -> Vec<&'a str> {
    form.iter()
        .filter(|(key, _)| key == name)
        .map(|(_, value)| value.as_str())
        .collect()
}

/// The first value of one name in a form sent as pairs, trimmed; empty when it was not sent.
pub(crate) fn value_of(form: &[(String, String)], name: &str) -> String {
    form.iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.trim().to_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_reads_as_a_sentence() {
        assert_eq!(
            sentence("the new due date has passed"),
            "The new due date has passed."
        );
        assert_eq!(sentence("Already one."), "Already one.");
        assert_eq!(sentence(""), "");
    }
}
