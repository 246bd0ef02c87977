//! People: everyone who has signed in, known by their token's subject, with the organisation,
//! roles, name and email their last sign-in carried, and the phone numbers they keep
//! themselves.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use dxp_domain::Edumis;

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
    /// Disabled upstream: still listed, but told nothing.
    pub disabled: bool,
    pub first_seen_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
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
            disabled: row.disabled,
            first_seen_at: from_row(row.first_seen_at),
            last_seen_at: from_row(row.last_seen_at),
        })
    }
}

/// Records a signed-in request: a person seen for the first time is added; one seen before
/// takes the organisation, roles, and any name and email the request carried.
pub fn note_signed_in(
    conn: &mut DbConnection,
    seen: &SignedIn<'_>,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let at = to_row(at);
    let organisation = seen.organisation.map(Edumis::value);
    let roles = seen.roles.join(",");
    crate::connection::write_transaction(conn, |conn| {
        let added = on_backend!(conn, inner => diesel::insert_into(people::table)
            .values((
                people::subject.eq(seen.subject),
                people::organisation.eq(organisation),
                people::name.eq(seen.name),
                people::email.eq(seen.email),
                people::roles.eq(&roles),
                people::disabled.eq(false),
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

/// The people of an organisation who are not disabled, in subject order.
pub fn active_of(conn: &mut DbConnection, organisation: Edumis) -> Result<Vec<Person>, StoreError> {
    people::table
        .filter(people::organisation.eq(organisation.value()))
        .filter(people::disabled.eq(false))
        .order(people::subject.asc())
        .select(PersonRow::as_select())
        .load(conn)?
        .into_iter()
        .map(Person::try_from)
        .collect()
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
