//! An organisation's people (under User settings): everyone of it who has signed in, with the
//! portal roles its user settings admin gives them and whether their access is turned off.
//! Only the organisation's user settings admin, and the TEC's staff for any organisation
//! (`?organisation=`), open it.

use actix_web::{HttpResponse, web};
use askama::Template;
use dxp_domain::{Edumis, PortalRole};
use dxp_service::people::NewAccess;
use serde::Deserialize;

use super::settings::{is_admin, portal_role_words, role_words};
use super::{value_of, values_of};
use crate::Portal;
use crate::page::Flash;
use crate::page::{Area, Layout, PageError, nz_time, render, see_other};
use crate::session::Signed;

pub fn configure(config: &mut web::ServiceConfig) {
    config
        .route("/settings/people", web::get().to(people))
        .route("/settings/people", web::post().to(change_access));
}

/// Refuses anyone but the organisation's user settings admin and the TEC's staff.
async fn must_manage_people(signed: &Signed, portal: &Portal) -> Result<(), PageError> {
    if signed.user.is_funder() {
        return Ok(());
    }
    let person = portal.service.person(&signed.user.subject).await?;
    if is_admin(&person) {
        Ok(())
    } else {
        Err(PageError::Forbidden(
            "Only your organisation's user settings admin chooses who has access and what they see. Ask them if you need a change.".to_owned(),
        ))
    }
}

/// A portal role's checkbox for one person.
struct RoleBox {
    value: &'static str,
    label: &'static str,
    hint: &'static str,
    checked: bool,
}

struct PersonCard {
    subject: String,
    name: String,
    email: String,
    last_seen: String,
    sign_in_roles: String,
    roles: Vec<RoleBox>,
    disabled: bool,
    is_self: bool,
    changed: Option<String>,
}

#[derive(Template)]
#[template(path = "people.html")]
struct PeoplePage {
    layout: Layout,
    organisation: Option<i32>,
    is_funder: bool,
    organisations: Vec<(i32, String, bool)>,
    people: Vec<PersonCard>,
    flash: Option<Flash>,
}

#[derive(Deserialize)]
struct PeopleQuery {
    organisation: Option<String>,
}

async fn people(
    signed: Signed,
    portal: web::Data<Portal>,
    query: web::Query<PeopleQuery>,
) -> Result<HttpResponse, PageError> {
    must_manage_people(&signed, &portal).await?;
    let organisation = super::organisation_for(&signed, query.organisation.as_deref())?;
    let people = match organisation {
        Some(organisation) => portal
            .service
            .people_of(&super::asker(&signed.user), organisation)
            .await?
            .into_iter()
            .map(|person| PersonCard {
                name: person
                    .name
                    .clone()
                    .unwrap_or_else(|| person.subject.clone()),
                email: person.email.clone().unwrap_or_default(),
                last_seen: nz_time(person.last_seen_at),
                sign_in_roles: person
                    .roles
                    .iter()
                    .map(|role| role_words(role))
                    .collect::<Vec<_>>()
                    .join("; "),
                roles: PortalRole::ALL
                    .into_iter()
                    .map(|role| {
                        let (label, hint) = portal_role_words(role);
                        RoleBox {
                            value: role.as_str(),
                            label,
                            hint,
                            checked: person.has_portal_role(role),
                        }
                    })
                    .collect(),
                disabled: person.disabled,
                is_self: person.subject == signed.user.subject,
                changed: person
                    .access_changed
                    .as_ref()
                    .map(|(by, at)| format!("Access last changed by {by}, {}", nz_time(*at))),
                subject: person.subject,
            })
            .collect(),
        None => Vec::new(),
    };
    let title = match (signed.user.is_funder(), organisation) {
        (true, Some(organisation)) => format!("People of organisation {organisation}"),
        (true, None) => "People of an organisation".to_owned(),
        (false, _) => "Your organisation's people".to_owned(),
    };
    render(&PeoplePage {
        layout: Layout::of(
            &signed,
            Area::Settings,
            title,
            Some((
                "/guides/managing-people",
                "Managing your organisation's people",
            )),
        ),
        organisation: organisation.map(Edumis::value),
        is_funder: signed.user.is_funder(),
        organisations: super::organisation_choices(&portal, &signed, organisation).await?,
        people,
        flash: signed.told(),
    })
}

/// Replaces one person's portal roles and whether their access is turned off.
async fn change_access(
    signed: Signed,
    portal: web::Data<Portal>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, PageError> {
    signed.check_csrf(&value_of(&form, "csrf"))?;
    let organisation = super::organisation_for(&signed, Some(&value_of(&form, "organisation")))?;
    let subject = value_of(&form, "subject");
    let portal_roles = values_of(&form, "role")
        .into_iter()
        .map(|role| {
            role.parse::<PortalRole>()
                .map_err(|_| PageError::BadInput(format!("'{role}' is not a portal role.")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let disabled = !value_of(&form, "disabled").is_empty();
    let flash = match portal
        .service
        .change_access(
            &super::asker(&signed.user),
            &subject,
            NewAccess {
                portal_roles,
                disabled,
            },
        )
        .await
    {
        Ok(person) => {
            let name = person
                .name
                .clone()
                .unwrap_or_else(|| person.subject.clone());
            let roles: Vec<&str> = person
                .portal_roles
                .iter()
                .map(|role| portal_role_words(*role).0)
                .collect();
            Flash {
                ok: true,
                lines: vec![if person.disabled {
                    format!("Saved. {name}'s access is turned off: they can no longer use DXP.")
                } else if roles.is_empty() {
                    format!("Saved. {name} has no portal roles.")
                } else {
                    format!("Saved. {name} has: {}.", roles.join(", "))
                }],
            }
        }
        Err(error) => Flash {
            ok: false,
            lines: vec![format!("Nothing was changed. {}", super::refusal(error)?)],
        },
    };
    signed.tell(flash)?;
    Ok(see_other(&match (signed.user.is_funder(), organisation) {
        (true, Some(organisation)) => format!("/settings/people?organisation={organisation}"),
        _ => "/settings/people".to_owned(),
    }))
}
