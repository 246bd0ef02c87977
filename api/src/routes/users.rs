//! An organisation's users (`/api/v1/people`): everyone of it who has signed in, and the portal
//! access its user settings admin grants them. The funder's staff see and change every
//! organisation's users.

use actix_web::{HttpResponse, get, put, web};
use dxp_domain::PortalRole;
use dxp_service::people::{Asker, NewAccess};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::people::PersonView;
use crate::auth::{Authorized, CanRead, Principal};
use crate::{ApiError, AppState, Problem};

/// The query of the list of users.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(rename_all = "camelCase")]
pub struct UsersQuery {
    /// The organisation's EDUMIS number: required of the funder's staff, the caller's own
    /// by default.
    pub organisation: Option<i64>,
}

/// An organisation's users.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UserList {
    /// Everyone of the organisation who has signed in, disabled people included, by subject.
    pub people: Vec<PersonView>,
}

/// A person's access in the portal, replaced whole.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schema(example = json!({"portalRoles": ["general-access", "commercial-documents"], "disabled": false}))]
pub struct AccessInput {
    /// The portal roles they are to have (none for the funder's staff).
    pub portal_roles: Vec<PortalRole>,
    /// Whether they are disabled: still listed, but refused on every request.
    pub disabled: bool,
}

/// The subject of the person in the path.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct PersonPath {
    /// The person's subject, as their token names them.
    pub subject: String,
}

/// The caller as the people use cases know them; a machine account manages no one.
pub(crate) fn asker(principal: &Principal) -> Result<Asker, ApiError> {
    if principal.is_machine() {
        return Err(ApiError::Forbidden(
            "a machine account is not a person: it cannot see or manage users".to_owned(),
        ));
    }
    Ok(any_asker(principal))
}

/// The caller as the people use cases know them, a machine account included (it has no
/// portal roles, so it sees what general access does).
pub(crate) fn any_asker(principal: &Principal) -> Asker {
    Asker {
        subject: principal.subject.clone(),
        organisation: principal.organisation,
        is_funder: principal.is_admin(),
    }
}

/// The users of an organisation: everyone who has signed in, with their portal roles and
/// whether they are disabled.
#[utoipa::path(
    tag = super::tags::PEOPLE,
    security(("bearer" = [])),
    params(UsersQuery),
    responses(
        (status = 200, description = "The organisation's users", body = UserList),
        (status = 400, description = "The funder named no organisation", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Another organisation's users, or a machine account", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/people")]
pub async fn list_people(
    caller: Authorized<CanRead>,
    query: web::Query<UsersQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let asker = asker(&caller)?;
    let organisation = caller.organisation_for(query.organisation)?;
    let people = state.service.people_of(&asker, organisation).await?;
    Ok(HttpResponse::Ok().json(UserList {
        people: people.into_iter().map(PersonView::from).collect(),
    }))
}

/// One user, to someone of the same organisation or the funder.
#[utoipa::path(
    tag = super::tags::PEOPLE,
    security(("bearer" = [])),
    params(PersonPath),
    responses(
        (status = 200, description = "The person", body = PersonView),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A machine account", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such person in the caller's organisation", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/people/{subject}")]
pub async fn get_person(
    caller: Authorized<CanRead>,
    path: web::Path<PersonPath>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let asker = asker(&caller)?;
    let person = state.service.person_seen_by(&asker, &path.subject).await?;
    Ok(HttpResponse::Ok().json(PersonView::from(person)))
}

/// Replaces a user's portal roles and whether they are disabled. Only the organisation's user
/// settings admin or the funder may; nobody disables themselves, and an organisation keeps at
/// least one user settings admin who is not disabled.
#[utoipa::path(
    tag = super::tags::PEOPLE,
    security(("bearer" = [])),
    params(PersonPath),
    request_body = AccessInput,
    responses(
        (status = 200, description = "The person with their new access", body = PersonView),
        (status = 400, description = "The body cannot be read", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The caller is not a user settings admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such person in the caller's organisation", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "It would disable the caller, or leave no user settings admin", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/people/{subject}/access")]
pub async fn update_person_access(
    caller: Authorized<CanRead>,
    path: web::Path<PersonPath>,
    body: web::Json<AccessInput>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let asker = asker(&caller)?;
    let AccessInput {
        portal_roles,
        disabled,
    } = body.into_inner();
    let person = state
        .service
        .change_access(
            &asker,
            &path.subject,
            NewAccess {
                portal_roles,
                disabled,
            },
        )
        .await?;
    state.disabled_people.set(&person.subject, person.disabled);
    Ok(HttpResponse::Ok().json(PersonView::from(person)))
}
