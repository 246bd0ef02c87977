//! Times are stored as UTC in a plain `TIMESTAMP`, truncated to microseconds: PostgreSQL keeps
//! microseconds and SQLite keeps whatever it is given, and both must return the same value.

use chrono::{DateTime, NaiveDateTime, SubsecRound, Utc};

pub(crate) fn to_row(instant: DateTime<Utc>) -> NaiveDateTime {
    instant.naive_utc().trunc_subsecs(6)
}

pub(crate) fn from_row(stored: NaiveDateTime) -> DateTime<Utc> {
    stored.and_utc()
}

pub(crate) fn now() -> NaiveDateTime {
    to_row(Utc::now())
}

/// `wait` from now: when a lease ends or a retry is due. A wait too long for chrono is a
/// minute.
pub(crate) fn after(wait: std::time::Duration) -> NaiveDateTime {
    now() + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::seconds(60))
}
