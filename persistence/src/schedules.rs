//! Leases of scheduled jobs: when several nodes share one database, the node holding a job's
//! unexpired lease runs it and the others do not; when that node stops renewing, another takes
//! the job over once the lease runs out.

use std::time::Duration;

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use crate::on_backend;
use crate::schema::scheduled_job_leases as leases;
use crate::time::to_row;
use crate::{DbConnection, StoreError, connection::write_transaction};

/// Takes or renews the lease of `job` for `holder` until `now + lease`: true when `holder`
/// holds it now (it held it already, nobody did, or the last holder's lease ran out).
pub fn hold(
    conn: &mut DbConnection,
    job: &str,
    holder: &str,
    now: DateTime<Utc>,
    lease: Duration,
) -> Result<bool, StoreError> {
    let until = now + chrono::Duration::from_std(lease).unwrap_or(chrono::Duration::MAX);
    write_transaction(conn, |conn| {
        let current: Option<(String, chrono::NaiveDateTime)> = leases::table
            .filter(leases::job.eq(job))
            .select((leases::holder, leases::expires_at))
            .first(conn)
            .optional()?;
        match current {
            None => {
                let row = (
                    leases::job.eq(job),
                    leases::holder.eq(holder),
                    leases::expires_at.eq(to_row(until)),
                );
                let taken = on_backend!(conn, inner => diesel::insert_into(leases::table)
                    .values(row)
                    .on_conflict_do_nothing()
                    .execute(inner))?;
                Ok(taken == 1)
            }
            Some((current_holder, expires_at))
                if current_holder == holder || expires_at <= to_row(now) =>
            {
                // Filtered on what was read, so two nodes taking an expired lease at once
                // cannot both succeed.
                let taken = diesel::update(
                    leases::table
                        .filter(leases::job.eq(job))
                        .filter(leases::holder.eq(&current_holder))
                        .filter(leases::expires_at.eq(expires_at)),
                )
                .set((
                    leases::holder.eq(holder),
                    leases::expires_at.eq(to_row(until)),
                ))
                .execute(conn)?;
                Ok(taken == 1)
            }
            Some(_) => Ok(false),
        }
    })
}
