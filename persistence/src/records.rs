//! Course enrolment records of a submission, added or replaced by `localId`, stored with their
//! record-level problems in one transaction per request.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::upsert::excluded;
use dxp_domain::submission::{SubmissionEvent, SubmissionStatus};
use dxp_domain::{Problem, SdrFile};

use crate::problems::{self, Origin};
use crate::schema::course_enrolments;
use crate::submissions::{self, Scope};
use crate::time::now;
use crate::{DbConnection, StoreError, on_backend};

/// Rows per multi-row statement: 11 columns × 500 rows stays well inside both backends'
/// bind-parameter limits.
const CHUNK: usize = 500;

/// A record to store: its key, the typed columns the rules across records need, the record as
/// received, and the problems found in it on its own.
#[derive(Debug, Clone)]
pub struct IncomingEnrolment {
    pub local_id: String,
    pub student_identification_code: Option<String>,
    pub national_student_number: Option<i64>,
    pub qualification_code: Option<String>,
    pub course_code: Option<String>,
    pub course_start_date: Option<NaiveDate>,
    /// The record's JSON exactly as received.
    pub record: String,
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = course_enrolments, treat_none_as_default_value = false)]
struct EnrolmentRow<'a> {
    submission_id: &'a str,
    local_id: &'a str,
    student_identification_code: Option<&'a str>,
    national_student_number: Option<i64>,
    qualification_code: Option<&'a str>,
    course_code: Option<&'a str>,
    course_start_date: Option<NaiveDate>,
    record: &'a str,
    error_count: i32,
    warning_count: i32,
    received_at: chrono::NaiveDateTime,
}

/// What a request changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PutOutcome {
    /// Records added or replaced.
    pub stored: usize,
    /// Records identical to what was already stored (a re-sent batch changes nothing).
    pub unchanged: usize,
    pub status: SubmissionStatus,
}

/// Adds or replaces records by `localId`. When a request carries the same `localId` twice, the
/// last one is kept. Nothing is written unless everything is.
pub fn put(
    conn: &mut DbConnection,
    submission_id: &str,
    scope: Scope,
    actor: &str,
    records: &[IncomingEnrolment],
) -> Result<PutOutcome, StoreError> {
    conn.transaction(|conn| {
        let submission = submissions::lock(conn, submission_id, scope)?;
        // Refuse before writing anything when the submission cannot take changes.
        submission.status.apply(SubmissionEvent::RecordsChanged)?;

        let mut last_of: HashMap<&str, usize> = HashMap::with_capacity(records.len());
        for (position, record) in records.iter().enumerate() {
            last_of.insert(record.local_id.as_str(), position);
        }
        let kept: Vec<&IncomingEnrolment> = records
            .iter()
            .enumerate()
            .filter(|(position, record)| last_of.get(record.local_id.as_str()) == Some(position))
            .map(|(_, record)| record)
            .collect();

        let stored = stored_texts(
            conn,
            submission_id,
            kept.iter().map(|r| r.local_id.as_str()),
        )?;
        let changed: Vec<&IncomingEnrolment> = kept
            .iter()
            .copied()
            .filter(|record| stored.get(&record.local_id) != Some(&record.record))
            .collect();
        let unchanged = kept.len() - changed.len();
        if changed.is_empty() {
            return Ok(PutOutcome {
                stored: 0,
                unchanged,
                status: submission.status,
            });
        }

        let received_at = now();
        for chunk in changed.chunks(CHUNK) {
            let rows: Vec<EnrolmentRow<'_>> = chunk
                .iter()
                .map(|record| {
                    let (errors, warnings) = problems::tally(&record.problems);
                    EnrolmentRow {
                        submission_id,
                        local_id: &record.local_id,
                        student_identification_code: record.student_identification_code.as_deref(),
                        national_student_number: record.national_student_number,
                        qualification_code: record.qualification_code.as_deref(),
                        course_code: record.course_code.as_deref(),
                        course_start_date: record.course_start_date,
                        record: &record.record,
                        error_count: errors,
                        warning_count: warnings,
                        received_at,
                    }
                })
                .collect();
            on_backend!(conn, inner => {
                use course_enrolments::dsl as c;
                diesel::insert_into(course_enrolments::table)
                    .values(&rows)
                    .on_conflict((c::submission_id, c::local_id))
                    .do_update()
                    .set((
                        c::student_identification_code.eq(excluded(c::student_identification_code)),
                        c::national_student_number.eq(excluded(c::national_student_number)),
                        c::qualification_code.eq(excluded(c::qualification_code)),
                        c::course_code.eq(excluded(c::course_code)),
                        c::course_start_date.eq(excluded(c::course_start_date)),
                        c::record.eq(excluded(c::record)),
                        c::error_count.eq(excluded(c::error_count)),
                        c::warning_count.eq(excluded(c::warning_count)),
                        c::received_at.eq(excluded(c::received_at)),
                    ))
                    .execute(inner)
            })?;
        }

        let changed_ids: Vec<&str> = changed.iter().map(|r| r.local_id.as_str()).collect();
        problems::delete_for_records(conn, submission_id, SdrFile::CourseEnrolments, &changed_ids)?;
        let new_problems = changed.iter().flat_map(|record| {
            record
                .problems
                .iter()
                .map(move |p| (record.local_id.as_str(), p))
        });
        problems::insert(
            conn,
            submission_id,
            SdrFile::CourseEnrolments,
            Origin::Record,
            new_problems,
        )?;
        records_changed(
            conn,
            &submission,
            actor,
            &format!("{} course enrolment(s) added or replaced", changed.len()),
        )?;
        let status = submissions::find(conn, submission_id, scope)?.status;
        Ok(PutOutcome {
            stored: changed.len(),
            unchanged,
            status,
        })
    })
}

/// Deletes one record. Not finding it is an error, so a typo is not mistaken for success.
pub fn delete(
    conn: &mut DbConnection,
    submission_id: &str,
    scope: Scope,
    actor: &str,
    local_id: &str,
) -> Result<SubmissionStatus, StoreError> {
    conn.transaction(|conn| {
        let submission = submissions::lock(conn, submission_id, scope)?;
        submission.status.apply(SubmissionEvent::RecordsChanged)?;
        let deleted = diesel::delete(
            course_enrolments::table
                .filter(course_enrolments::submission_id.eq(submission_id))
                .filter(course_enrolments::local_id.eq(local_id)),
        )
        .execute(conn)?;
        if deleted == 0 {
            return Err(StoreError::NotFound(format!(
                "submission {submission_id} has no course enrolment with localId '{local_id}'"
            )));
        }
        problems::delete_for_records(conn, submission_id, SdrFile::CourseEnrolments, &[local_id])?;
        records_changed(
            conn,
            &submission,
            actor,
            &format!("course enrolment '{local_id}' deleted"),
        )?;
        Ok(submissions::find(conn, submission_id, scope)?.status)
    })
}

/// After records change, the last verdict no longer holds: its problems go, the counts are
/// redone, and a checked submission returns to `Draft`.
fn records_changed(
    conn: &mut DbConnection,
    submission: &submissions::Submission,
    actor: &str,
    reason: &str,
) -> Result<(), StoreError> {
    problems::delete_origin(conn, &submission.id, Origin::Submission)?;
    submissions::apply(
        conn,
        submission,
        SubmissionEvent::RecordsChanged,
        actor,
        reason,
    )?;
    submissions::refresh_counts(conn, &submission.id)
}

/// The stored JSON of the records with these ids.
fn stored_texts<'a>(
    conn: &mut DbConnection,
    submission_id: &str,
    local_ids: impl Iterator<Item = &'a str>,
) -> Result<HashMap<String, String>, StoreError> {
    let ids: Vec<&str> = local_ids.collect::<HashSet<_>>().into_iter().collect();
    let mut texts = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(CHUNK) {
        let rows: Vec<(String, String)> = course_enrolments::table
            .filter(course_enrolments::submission_id.eq(submission_id))
            .filter(course_enrolments::local_id.eq_any(chunk))
            .select((course_enrolments::local_id, course_enrolments::record))
            .load(conn)?;
        texts.extend(rows);
    }
    Ok(texts)
}

/// The key of an enrolment for the rules across records.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct EnrolmentKey {
    pub local_id: String,
    pub student_identification_code: Option<String>,
    pub course_code: Option<String>,
    pub course_start_date: Option<NaiveDate>,
}

/// The keys of every enrolment of a submission, in `localId` order.
pub fn keys(conn: &mut DbConnection, submission_id: &str) -> Result<Vec<EnrolmentKey>, StoreError> {
    Ok(course_enrolments::table
        .filter(course_enrolments::submission_id.eq(submission_id))
        .order(course_enrolments::local_id.asc())
        .select((
            course_enrolments::local_id,
            course_enrolments::student_identification_code,
            course_enrolments::course_code,
            course_enrolments::course_start_date,
        ))
        .load(conn)?)
}

/// Every record of a submission as received, with its `localId`, in `localId` order.
pub fn records(
    conn: &mut DbConnection,
    submission_id: &str,
) -> Result<Vec<(String, String)>, StoreError> {
    Ok(course_enrolments::table
        .filter(course_enrolments::submission_id.eq(submission_id))
        .order(course_enrolments::local_id.asc())
        .select((course_enrolments::local_id, course_enrolments::record))
        .load(conn)?)
}

/// The student identification codes of these records, for problem reports.
pub fn student_codes(
    conn: &mut DbConnection,
    submission_id: &str,
    local_ids: &[&str],
) -> Result<HashMap<String, String>, StoreError> {
    let mut codes = HashMap::with_capacity(local_ids.len());
    for chunk in local_ids.chunks(CHUNK) {
        let rows: Vec<(String, Option<String>)> = course_enrolments::table
            .filter(course_enrolments::submission_id.eq(submission_id))
            .filter(course_enrolments::local_id.eq_any(chunk))
            .select((
                course_enrolments::local_id,
                course_enrolments::student_identification_code,
            ))
            .load(conn)?;
        codes.extend(
            rows.into_iter()
                .filter_map(|(id, code)| code.map(|code| (id, code))),
        );
    }
    Ok(codes)
}
