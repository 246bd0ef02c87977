//! Round notices sent once per organisation, round and mark: the round opened, its return due in
//! 7 days, due in a day; to the organisations that have people to tell and have not lodged
//! the return.

use diesel::prelude::*;
use dxp_domain::lodging::SubmissionType;
use dxp_domain::notices::Notice;
use dxp_domain::{Edumis, RoundId};

use crate::schema::{people, reminders_sent};
use crate::time::now;
use crate::{DbConnection, StoreError, on_backend};

/// The organisations with active people that have not lodged a return for `round`.
pub fn organisations_to_remind(
    conn: &mut DbConnection,
    round: RoundId,
) -> Result<Vec<Edumis>, StoreError> {
    let with_people: Vec<Option<i32>> = people::table
        .filter(people::organisation.is_not_null())
        .filter(people::disabled.eq(false))
        .select(people::organisation)
        .distinct()
        .load(conn)?;
    let mut remind = Vec::new();
    for edumis in with_people.into_iter().flatten() {
        let organisation = Edumis::new(i64::from(edumis)).map_err(StoreError::corrupt)?;
        if !crate::submissions::has_lodged(conn, organisation, round, SubmissionType::Return)? {
            remind.push(organisation);
        }
    }
    Ok(remind)
}

/// Tells `organisation` of `notice` unless the notice of `round` at `mark` (`opened`, `7-days`,
/// `1-day`) was sent before, in one transaction with the record that it was sent. True when it
/// was sent now.
pub fn remind_once(
    conn: &mut DbConnection,
    organisation: Edumis,
    round: RoundId,
    mark: &str,
    notice: &Notice,
) -> Result<bool, StoreError> {
    crate::connection::write_transaction(conn, |conn| {
        let row = (
            reminders_sent::organisation.eq(organisation.value()),
            reminders_sent::round_id.eq(round.to_string()),
            reminders_sent::mark.eq(mark),
            reminders_sent::sent_at.eq(now()),
        );
        let first = on_backend!(conn, inner => diesel::insert_into(reminders_sent::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(inner))?;
        if first == 0 {
            return Ok(false);
        }
        crate::notices::tell_organisation(conn, organisation, notice)?;
        Ok(true)
    })
}
