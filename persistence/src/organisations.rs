//! Organisations, by EDUMIS number.

use diesel::prelude::*;
use dxp_domain::Edumis;

use crate::schema::organisations;
use crate::time::now;
use crate::{DbConnection, StoreError, on_backend};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = organisations)]
struct OrganisationRow {
    edumis: i32,
    name: String,
    created_at: chrono::NaiveDateTime,
}

/// A registered organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    pub edumis: Edumis,
    pub name: String,
}

/// Registers an organisation unless it is already known; an existing name is kept.
pub fn ensure(conn: &mut DbConnection, edumis: Edumis, name: &str) -> Result<(), StoreError> {
    let row = OrganisationRow {
        edumis: edumis.value(),
        name: name.to_owned(),
        created_at: now(),
    };
    on_backend!(conn, inner => diesel::insert_into(organisations::table)
        .values(&row)
        .on_conflict_do_nothing()
        .execute(inner))?;
    Ok(())
}

/// Holds the organisation's row until the caller's transaction ends (registering it first
/// when it is new), so that two requests deciding something for one organisation, such as which
/// submission a return's token names, decide one after the other.
pub fn lock(conn: &mut DbConnection, edumis: Edumis) -> Result<(), StoreError> {
    ensure(conn, edumis, &format!("EDUMIS {edumis}"))?;
    diesel::update(organisations::table.find(edumis.value()))
        .set(organisations::edumis.eq(organisations::edumis))
        .execute(conn)?;
    Ok(())
}

pub fn find(conn: &mut DbConnection, edumis: Edumis) -> Result<Option<Organisation>, StoreError> {
    let row = organisations::table
        .find(edumis.value())
        .select(OrganisationRow::as_select())
        .first(conn)
        .optional()?;
    row.map(|row| {
        Edumis::new(i64::from(row.edumis))
            .map(|edumis| Organisation {
                edumis,
                name: row.name,
            })
            .map_err(StoreError::corrupt)
    })
    .transpose()
}

/// Every organisation DXP knows, by EDUMIS number: those registered (by a submission, a
/// workforce questionnaire or a sign-in's lock) with their names, and those known only through
/// their people, named as a registration without a name is (`EDUMIS 6004`).
pub fn list(conn: &mut DbConnection) -> Result<Vec<Organisation>, StoreError> {
    let mut known: Vec<(i32, String)> = organisations::table
        .select((organisations::edumis, organisations::name))
        .load(conn)?;
    let through_people: Vec<i32> = crate::schema::people::table
        .filter(crate::schema::people::organisation.is_not_null())
        .select(crate::schema::people::organisation.assume_not_null())
        .distinct()
        .load(conn)?;
    for edumis in through_people {
        if !known.iter().any(|(registered, _)| *registered == edumis) {
            known.push((edumis, format!("EDUMIS {edumis}")));
        }
    }
    known.sort_unstable_by_key(|(edumis, _)| *edumis);
    known
        .into_iter()
        .map(|(edumis, name)| {
            Edumis::new(i64::from(edumis))
                .map(|edumis| Organisation { edumis, name })
                .map_err(StoreError::corrupt)
        })
        .collect()
}
