//! The results NZQA reports for learners, as the funder loads them: a unit standard's credits
//! or a qualification awarded, on the day it was achieved. One row per learner and standard;
//! a result loaded again replaces the one before (NZQA corrects dates and credits).

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use dxp_domain::registers::NzqaResultKind;

use crate::schema::nzqa_results;
use crate::time::to_row;
use crate::{DbConnection, StoreError};

/// The stored name of a result's kind, read back.
fn kind_of(text: &str) -> Result<NzqaResultKind, StoreError> {
    [NzqaResultKind::UnitStandard, NzqaResultKind::Qualification]
        .into_iter()
        .find(|kind| kind.as_str() == text)
        .ok_or_else(|| StoreError::corrupt(format!("unknown NZQA result kind '{text}'")))
}

/// One result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NzqaResult {
    pub national_student_number: i32,
    pub kind: NzqaResultKind,
    /// The unit standard's number or the qualification's code.
    pub code: String,
    /// The unit standard's credits (0 for a qualification).
    pub credits: i32,
    pub achieved_on: NaiveDate,
}

/// Keeps `results` in place of any the learners had for the same standards, in one
/// transaction. Returns how many were new (the rest replaced one kept before).
pub fn put(
    conn: &mut DbConnection,
    results: &[NzqaResult],
    loaded_by: &str,
    at: DateTime<Utc>,
) -> Result<usize, StoreError> {
    crate::connection::write_transaction(conn, |conn| {
        let mut new = 0;
        for result in results {
            let replaced = diesel::delete(
                nzqa_results::table
                    .filter(
                        nzqa_results::national_student_number.eq(result.national_student_number),
                    )
                    .filter(nzqa_results::kind.eq(result.kind.as_str()))
                    .filter(nzqa_results::code.eq(&result.code)),
            )
            .execute(conn)?;
            if replaced == 0 {
                new += 1;
            }
            diesel::insert_into(nzqa_results::table)
                .values((
                    nzqa_results::national_student_number.eq(result.national_student_number),
                    nzqa_results::kind.eq(result.kind.as_str()),
                    nzqa_results::code.eq(&result.code),
                    nzqa_results::credits.eq(result.credits),
                    nzqa_results::achieved_on.eq(result.achieved_on),
                    nzqa_results::loaded_by.eq(loaded_by),
                    nzqa_results::loaded_at.eq(to_row(at)),
                ))
                .execute(conn)?;
        }
        Ok(new)
    })
}

/// Learners per query: well under SQLite's limit on bound values.
const NSNS_PER_QUERY: usize = 5_000;

/// The results of the learners with these NSNs.
pub fn of_learners(conn: &mut DbConnection, nsns: &[i32]) -> Result<Vec<NzqaResult>, StoreError> {
    let mut results = Vec::new();
    for chunk in nsns.chunks(NSNS_PER_QUERY) {
        let rows: Vec<(i32, String, String, i32, NaiveDate)> = nzqa_results::table
            .filter(nzqa_results::national_student_number.eq_any(chunk))
            .order((
                nzqa_results::national_student_number.asc(),
                nzqa_results::kind.asc(),
                nzqa_results::code.asc(),
            ))
            .select((
                nzqa_results::national_student_number,
                nzqa_results::kind,
                nzqa_results::code,
                nzqa_results::credits,
                nzqa_results::achieved_on,
            ))
            .load(conn)?;
        for (nsn, kind, code, credits, achieved_on) in rows {
            results.push(NzqaResult {
                national_student_number: nsn,
                kind: kind_of(&kind)?,
                code,
                credits,
                achieved_on,
            });
        }
    }
    Ok(results)
}

/// When results were last loaded, and how many are kept: what says whether work-based
/// figures computed before are still current.
pub fn stamp(conn: &mut DbConnection) -> Result<(i64, Option<NaiveDateTime>), StoreError> {
    let (count, last): (i64, Option<NaiveDateTime>) = nzqa_results::table
        .select((
            diesel::dsl::count_star(),
            diesel::dsl::max(nzqa_results::loaded_at),
        ))
        .first(conn)?;
    Ok((count, last))
}
