//! People: everyone who has signed in, known by their token's subject, with the organisation,
//! roles, name and email their last sign-in carried, and the phone numbers they keep
//! themselves.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use dxp_domain::{Edumis, PortalRole};

use crate::schema::people;
use crate::time::{from_row, to_row};
use crate::{DbConnection, StoreError, on_backend};

/// A person as DXP knows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub subject: String,
    /// `None` for the funder's staff.
    pub organisation: Option<Edumis>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub mobile: Option<String>,
    /// The roles of their last sign-in.
    pub roles: Vec<String>,
    /// What they may see and do in the portal, granted in DXP.
    pub portal_roles: Vec<PortalRole>,
    /// Disabled by their organisation's user settings admin or the funder: still listed, but
    /// refused on every request and told nothing.
    pub disabled: bool,
    pub first_seen_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    /// Who last changed their portal roles or disabled or enabled them, and when.
    pub access_changed: Option<(String, DateTime<Utc>)>,
    /// They take their email as one digest a day instead of a message a notice.
    pub email_digest: bool,
}

impl Person {
    pub fn has_portal_role(&self, role: PortalRole) -> bool {
        self.portal_roles.contains(&role)
    }
}

/// A change of a person's access: their portal roles and whether they are disabled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessChange<'a> {
    pub portal_roles: &'a [PortalRole],
    pub disabled: bool,
    /// The subject of whoever made the change.
    pub changed_by: &'a str,
    pub at: DateTime<Utc>,
}

/// What one signed-in request says of its person.
#[derive(Debug, Clone)]
pub struct SignedIn<'a> {
    pub subject: &'a str,
    pub organisation: Option<Edumis>,
    pub name: Option<&'a str>,
    pub email: Option<&'a str>,
    pub roles: &'a [String],
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = people)]
struct PersonRow {
    subject: String,
    organisation: Option<i32>,
    name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    mobile: Option<String>,
    roles: String,
    disabled: bool,
    first_seen_at: chrono::NaiveDateTime,
    last_seen_at: chrono::NaiveDateTime,
    portal_roles: String,
    access_changed_by: Option<String>,
    access_changed_at: Option<chrono::NaiveDateTime>,
    email_digest: bool,
}

fn portal_roles_text(roles: &[PortalRole]) -> String {
    let mut roles = roles.to_vec();
    roles.sort();
    roles.dedup();
    roles
        .iter()
        .map(|role| role.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

impl TryFrom<PersonRow> for Person {
    type Error = StoreError;

    fn try_from(row: PersonRow) -> Result<Self, StoreError> {
        Ok(Person {
            subject: row.subject,
            organisation: row
                .organisation
                .map(|edumis| Edumis::new(i64::from(edumis)).map_err(StoreError::corrupt))
                .transpose()?,
            name: row.name,
            email: row.email,
            phone: row.phone,
            mobile: row.mobile,
            roles: row
                .roles
                .split(',')
                .filter(|role| !role.is_empty())
                .map(str::to_owned)
                .collect(),
            portal_roles: row
                .portal_roles
                .split(',')
                .filter(|role| !role.is_empty())
                .map(|role| role.parse().map_err(StoreError::corrupt))
                .collect::<Result<_, _>>()?,
            disabled: row.disabled,
            first_seen_at: from_row(row.first_seen_at),
            last_seen_at: from_row(row.last_seen_at),
            access_changed: row
                .access_changed_by
                .zip(row.access_changed_at)
                .map(|(by, at)| (by, from_row(at))),
            email_digest: row.email_digest,
        })
    }
}

/// Records a signed-in request: a person seen for the first time is added; one seen before
/// takes the organisation, roles, and any name and email the request carried. A person new to
/// DXP gets general access; the first person of an organisation is also its user settings
/// admin, so every organisation has someone who can grant the rest.
pub fn note_signed_in(
    conn: &mut DbConnection,
    seen: &SignedIn<'_>,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let at = to_row(at);
    let organisation = seen.organisation.map(Edumis::value);
    let roles = seen.roles.join(",");
    crate::connection::write_transaction(conn, |conn| {
        let first_of_organisation = match organisation {
            Some(edumis) => {
                people::table
                    .filter(people::organisation.eq(edumis))
                    .count()
                    .get_result::<i64>(conn)?
                    == 0
            }
            None => false,
        };
        let portal_roles = if first_of_organisation {
            portal_roles_text(&[PortalRole::UserSettingsAdmin, PortalRole::GeneralAccess])
        } else {
            portal_roles_text(&[PortalRole::GeneralAccess])
        };
        let added = on_backend!(conn, inner => diesel::insert_into(people::table)
            .values((
                people::subject.eq(seen.subject),
                people::organisation.eq(organisation),
                people::name.eq(seen.name),
                people::email.eq(seen.email),
                people::roles.eq(&roles),
                people::disabled.eq(false),
                people::portal_roles.eq(&portal_roles),
                people::first_seen_at.eq(at),
                people::last_seen_at.eq(at),
            ))
            .on_conflict_do_nothing()
            .execute(inner))?;
        if added == 0 {
            let known = people::table.filter(people::subject.eq(seen.subject));
            diesel::update(known)
                .set((
                    people::organisation.eq(organisation),
                    people::roles.eq(&roles),
                    people::last_seen_at.eq(at),
                ))
                .execute(conn)?;
            if let Some(name) = seen.name {
                diesel::update(known)
                    .set(people::name.eq(name))
                    .execute(conn)?;
            }
            if let Some(email) = seen.email {
                diesel::update(known)
                    .set(people::email.eq(email))
                    .execute(conn)?;
            }
        }
        Ok(())
    })
}

/// The person with this subject, if they have signed in.
pub fn find(conn: &mut DbConnection, subject: &str) -> Result<Option<Person>, StoreError> {
    people::table
        .find(subject)
        .select(PersonRow::as_select())
        .first(conn)
        .optional()?
        .map(Person::try_from)
        .transpose()
}

/// Everyone of an organisation who has signed in, disabled or not, in subject order.
pub fn of_organisation(
    conn: &mut DbConnection,
    organisation: Edumis,
) -> Result<Vec<Person>, StoreError> {
    people::table
        .filter(people::organisation.eq(organisation.value()))
        .order(people::subject.asc())
        .select(PersonRow::as_select())
        .load(conn)?
        .into_iter()
        .map(Person::try_from)
        .collect()
}

/// The subjects of everyone disabled.
pub fn disabled_subjects(conn: &mut DbConnection) -> Result<Vec<String>, StoreError> {
    Ok(people::table
        .filter(people::disabled.eq(true))
        .select(people::subject)
        .load(conn)?)
}

/// What came of a change of access.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccessOutcome {
    Changed(Box<Person>),
    /// Refused: it would leave the person's organisation with no user settings admin who is
    /// not disabled, and so no one to grant access.
    WouldLeaveNoAdmin(Edumis),
}

/// Changes a person's portal roles and whether they are disabled, unless that would leave
/// their organisation with no user settings admin. On PostgreSQL the organisation's people
/// are locked first, so two admins demoting each other at once cannot both succeed.
pub fn change_access(
    conn: &mut DbConnection,
    subject: &str,
    change: &AccessChange<'_>,
) -> Result<AccessOutcome, StoreError> {
    crate::connection::write_transaction(conn, |conn| {
        let person = find(conn, subject)?
            .ok_or_else(|| StoreError::NotFound(format!("no person '{subject}' has signed in")))?;
        if let Some(organisation) = person.organisation {
            if let DbConnection::Postgresql(pg) = conn {
                people::table
                    .filter(people::organisation.eq(organisation.value()))
                    .select(people::subject)
                    .for_update()
                    .load::<String>(pg)?;
            }
            let still_admin =
                !change.disabled && change.portal_roles.contains(&PortalRole::UserSettingsAdmin);
            let other_admins = of_organisation(conn, organisation)?
                .into_iter()
                .filter(|other| other.subject != subject)
                .any(|other| {
                    !other.disabled && other.has_portal_role(PortalRole::UserSettingsAdmin)
                });
            if !still_admin && !other_admins {
                return Ok(AccessOutcome::WouldLeaveNoAdmin(organisation));
            }
        }
        diesel::update(people::table.find(subject))
            .set((
                people::portal_roles.eq(portal_roles_text(change.portal_roles)),
                people::disabled.eq(change.disabled),
                people::access_changed_by.eq(change.changed_by),
                people::access_changed_at.eq(to_row(change.at)),
            ))
            .execute(conn)?;
        let changed = find(conn, subject)?
            .ok_or_else(|| StoreError::NotFound(format!("no person '{subject}' has signed in")))?;
        Ok(AccessOutcome::Changed(Box::new(changed)))
    })
}

/// Sets the phone numbers a person keeps themselves (`None` clears one).
pub fn set_phones(
    conn: &mut DbConnection,
    subject: &str,
    phone: Option<&str>,
    mobile: Option<&str>,
) -> Result<(), StoreError> {
    let changed = diesel::update(people::table.find(subject))
        .set((people::phone.eq(phone), people::mobile.eq(mobile)))
        .execute(conn)?;
    if changed == 0 {
        return Err(StoreError::NotFound(format!(
            "no person '{subject}' has signed in"
        )));
    }
    Ok(())
}
