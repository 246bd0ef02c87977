//! The registers as stored: each organisation's course register with the history of every
//! change, the national qualification register, each organisation's delivery sites, and the
//! course change requests. An organisation's reads name it, so another's entries can only be
//! missed; a change request of another organisation is not found.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use dxp_domain::registers::{
    ChangeRequestStatus, CourseDetails, CourseDifference, CourseEntry, CourseField, Decision,
    DeliverySiteEntry, DifferenceKind, QualificationEntry, RegisterSnapshot, check_decision,
    plan_approval,
};
use dxp_domain::submission::SubmissionStatus;
use dxp_domain::{Edumis, RoundId, SdrFile};

use crate::audit::{self, NewAuditEvent};
use crate::schema::{
    course_change_requests, course_register, course_register_history, delivery_sites,
    qualification_register, records,
};
use crate::submissions::Scope;
use crate::time::{from_row, to_row};
use crate::{DbConnection, StoreError};

/// One change to a course register entry, as its history shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct CourseChange {
    pub course_code: String,
    /// The first year of the entry changed.
    pub valid_from: i32,
    /// The fields changed; empty when the entry was created.
    pub changed_fields: Vec<CourseField>,
    pub before: Option<CourseDetails>,
    pub after: CourseDetails,
    /// The change request approved; `None`: loaded by the funder.
    pub change_request_id: Option<String>,
    pub changed_by: String,
    pub changed_at: DateTime<Utc>,
}

/// A course change request as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeRequest {
    pub id: String,
    pub organisation: Edumis,
    /// The submission whose course register file it came from.
    pub submission_id: String,
    pub course_code: String,
    /// The year from which the change would hold.
    pub year: i32,
    pub kind: DifferenceKind,
    pub changed_fields: Vec<CourseField>,
    pub current: Option<CourseDetails>,
    pub proposed: CourseDetails,
    pub status: ChangeRequestStatus,
    pub submitted_by: String,
    pub submitted_at: DateTime<Utc>,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    /// Why the funder declined it.
    pub reason: Option<String>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = course_change_requests)]
struct ChangeRequestRow {
    id: String,
    organisation: i32,
    submission_id: String,
    course_code: String,
    year: i32,
    kind: String,
    changed_fields: String,
    current_details: Option<String>,
    proposed_details: String,
    status: String,
    submitted_by: String,
    submitted_at: chrono::NaiveDateTime,
    decided_by: Option<String>,
    decided_at: Option<chrono::NaiveDateTime>,
    reason: Option<String>,
}

fn edumis(value: i32) -> Result<Edumis, StoreError> {
    Edumis::new(i64::from(value)).map_err(StoreError::corrupt)
}

fn details_text(details: &CourseDetails) -> Result<String, StoreError> {
    serde_json::to_string(details).map_err(StoreError::corrupt)
}

fn details_of(text: &str) -> Result<CourseDetails, StoreError> {
    serde_json::from_str(text).map_err(StoreError::corrupt)
}

fn fields_text(fields: &[CourseField]) -> String {
    fields
        .iter()
        .map(|field| field.name())
        .collect::<Vec<_>>()
        .join(",")
}

fn fields_of(text: &str) -> Vec<CourseField> {
    text.split(',')
        .filter_map(|name| {
            CourseField::ALL
                .into_iter()
                .find(|field| field.name() == name)
        })
        .collect()
}

impl TryFrom<ChangeRequestRow> for ChangeRequest {
    type Error = StoreError;
    fn try_from(row: ChangeRequestRow) -> Result<Self, StoreError> {
        Ok(ChangeRequest {
            id: row.id,
            organisation: edumis(row.organisation)?,
            submission_id: row.submission_id,
            course_code: row.course_code,
            year: row.year,
            kind: row.kind.parse().map_err(StoreError::corrupt)?,
            changed_fields: fields_of(&row.changed_fields),
            current: row.current_details.as_deref().map(details_of).transpose()?,
            proposed: details_of(&row.proposed_details)?,
            status: row.status.parse().map_err(StoreError::corrupt)?,
            submitted_by: row.submitted_by,
            submitted_at: from_row(row.submitted_at),
            decided_by: row.decided_by,
            decided_at: row.decided_at.map(from_row),
            reason: row.reason,
        })
    }
}

fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Writes `entry` over the stored entry of the same course and first year (or as a new one),
/// and keeps the change in the history. Returns whether anything changed.
fn put_course(
    conn: &mut DbConnection,
    organisation: Edumis,
    entry: &CourseEntry,
    change_request_id: Option<&str>,
    actor: &str,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let key = course_register::table
        .filter(course_register::organisation.eq(organisation.value()))
        .filter(course_register::course_code.eq(&entry.course_code))
        .filter(course_register::valid_from.eq(entry.valid_from));
    let stored: Option<(Option<i32>, String)> = key
        .select((course_register::valid_to, course_register::details))
        .first(conn)
        .optional()?;
    let details = details_text(&entry.details)?;
    let (before, changed_fields) = match &stored {
        Some((valid_to, text)) => {
            let before = details_of(text)?;
            let changed = before.changed_fields(&entry.details);
            if changed.is_empty() && *valid_to == entry.valid_to {
                return Ok(false);
            }
            diesel::update(key)
                .set((
                    course_register::valid_to.eq(entry.valid_to),
                    course_register::details.eq(&details),
                    course_register::updated_by.eq(actor),
                    course_register::updated_at.eq(to_row(at)),
                ))
                .execute(conn)?;
            (Some(text.clone()), changed)
        }
        None => {
            diesel::insert_into(course_register::table)
                .values((
                    course_register::organisation.eq(organisation.value()),
                    course_register::course_code.eq(&entry.course_code),
                    course_register::valid_from.eq(entry.valid_from),
                    course_register::valid_to.eq(entry.valid_to),
                    course_register::details.eq(&details),
                    course_register::updated_by.eq(actor),
                    course_register::updated_at.eq(to_row(at)),
                ))
                .execute(conn)?;
            (None, Vec::new())
        }
    };
    let before_count: i64 = course_register_history::table
        .filter(course_register_history::organisation.eq(organisation.value()))
        .filter(course_register_history::course_code.eq(&entry.course_code))
        .count()
        .get_result(conn)?;
    diesel::insert_into(course_register_history::table)
        .values((
            course_register_history::id.eq(new_id()),
            course_register_history::seq.eq(i32::try_from(before_count + 1).unwrap_or(i32::MAX)),
            course_register_history::organisation.eq(organisation.value()),
            course_register_history::course_code.eq(&entry.course_code),
            course_register_history::valid_from.eq(entry.valid_from),
            course_register_history::changed_fields.eq(fields_text(&changed_fields)),
            course_register_history::before_details.eq(before),
            course_register_history::after_details.eq(&details),
            course_register_history::change_request_id.eq(change_request_id),
            course_register_history::changed_by.eq(actor),
            course_register_history::changed_at.eq(to_row(at)),
        ))
        .execute(conn)?;
    Ok(true)
}

/// The funder's load of an organisation's course register: each entry is written over the one
/// of the same course and first year, or added; the others stay. All or nothing. Returns how
/// many entries changed.
pub fn load_courses(
    conn: &mut DbConnection,
    organisation: Edumis,
    entries: &[CourseEntry],
    actor: &str,
    at: DateTime<Utc>,
) -> Result<usize, StoreError> {
    crate::connection::write_transaction(conn, |conn| {
        let mut changed = 0;
        for entry in entries {
            if put_course(conn, organisation, entry, None, actor, at)? {
                changed += 1;
            }
        }
        audit::record(
            conn,
            &NewAuditEvent::new(actor, "course-register.load", organisation.to_string())
                .organisation(organisation.value())
                .reason(format!("{changed} of {} entries changed", entries.len()))
                .at(at),
        )?;
        Ok(changed)
    })
}

/// An organisation's course register: every entry, or those valid in `year`, by course code
/// and first year.
pub fn courses(
    conn: &mut DbConnection,
    organisation: Edumis,
    year: Option<i32>,
) -> Result<Vec<CourseEntry>, StoreError> {
    let mut query = course_register::table
        .filter(course_register::organisation.eq(organisation.value()))
        .select((
            course_register::course_code,
            course_register::valid_from,
            course_register::valid_to,
            course_register::details,
        ))
        .into_boxed();
    if let Some(year) = year {
        query = query.filter(course_register::valid_from.le(year)).filter(
            course_register::valid_to
                .is_null()
                .or(course_register::valid_to.ge(year)),
        );
    }
    let rows: Vec<(String, i32, Option<i32>, String)> = query
        .order((
            course_register::course_code.asc(),
            course_register::valid_from.asc(),
        ))
        .load(conn)?;
    rows.into_iter()
        .map(|(course_code, valid_from, valid_to, details)| {
            Ok(CourseEntry {
                course_code,
                valid_from,
                valid_to,
                details: details_of(&details)?,
            })
        })
        .collect()
}

/// The history of one course of an organisation's register, oldest first; empty when the
/// organisation has no such course.
pub fn course_history(
    conn: &mut DbConnection,
    organisation: Edumis,
    course_code: &str,
) -> Result<Vec<CourseChange>, StoreError> {
    type Row = (
        String,
        i32,
        String,
        Option<String>,
        String,
        Option<String>,
        String,
        chrono::NaiveDateTime,
    );
    let rows: Vec<Row> = course_register_history::table
        .filter(course_register_history::organisation.eq(organisation.value()))
        .filter(course_register_history::course_code.eq(course_code))
        .select((
            course_register_history::course_code,
            course_register_history::valid_from,
            course_register_history::changed_fields,
            course_register_history::before_details,
            course_register_history::after_details,
            course_register_history::change_request_id,
            course_register_history::changed_by,
            course_register_history::changed_at,
        ))
        .order(course_register_history::seq.asc())
        .load(conn)?;
    rows.into_iter()
        .map(
            |(course_code, valid_from, fields, before, after, request, by, at)| {
                Ok(CourseChange {
                    course_code,
                    valid_from,
                    changed_fields: fields_of(&fields),
                    before: before.as_deref().map(details_of).transpose()?,
                    after: details_of(&after)?,
                    change_request_id: request,
                    changed_by: by,
                    changed_at: from_row(at),
                })
            },
        )
        .collect()
}

/// The funder's load of the qualification register: each entry written over the one of the
/// same code, or added. All or nothing. Returns how many were written.
pub fn load_qualifications(
    conn: &mut DbConnection,
    entries: &[QualificationEntry],
    actor: &str,
    at: DateTime<Utc>,
) -> Result<usize, StoreError> {
    crate::connection::write_transaction(conn, |conn| {
        for entry in entries {
            let values = (
                qualification_register::title.eq(&entry.title),
                qualification_register::level.eq(entry.level),
                qualification_register::credits.eq(entry.credits),
                qualification_register::award_category.eq(&entry.award_category),
                qualification_register::dq37_approved_from.eq(entry.dq37_approved_from),
                qualification_register::updated_by.eq(actor),
                qualification_register::updated_at.eq(to_row(at)),
            );
            let updated =
                diesel::update(qualification_register::table.find(&entry.qualification_code))
                    .set(values)
                    .execute(conn)?;
            if updated == 0 {
                diesel::insert_into(qualification_register::table)
                    .values((
                        qualification_register::qualification_code.eq(&entry.qualification_code),
                        values,
                    ))
                    .execute(conn)?;
            }
        }
        audit::record(
            conn,
            &NewAuditEvent::new(actor, "qualification-register.load", "national")
                .reason(format!("{} entries loaded", entries.len()))
                .at(at),
        )?;
        Ok(entries.len())
    })
}

/// The qualification register, by code.
pub fn qualifications(conn: &mut DbConnection) -> Result<Vec<QualificationEntry>, StoreError> {
    type Row = (String, String, i32, i32, String, Option<i32>);
    let rows: Vec<Row> = qualification_register::table
        .select((
            qualification_register::qualification_code,
            qualification_register::title,
            qualification_register::level,
            qualification_register::credits,
            qualification_register::award_category,
            qualification_register::dq37_approved_from,
        ))
        .order(qualification_register::qualification_code.asc())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(qualification_code, title, level, credits, award_category, dq37_approved_from)| {
                QualificationEntry {
                    qualification_code,
                    title,
                    level,
                    credits,
                    award_category,
                    dq37_approved_from,
                }
            },
        )
        .collect())
}

/// The funder's load of an organisation's delivery sites: each written over the one of the
/// same code (as enrolments match it), or added. All or nothing.
pub fn load_sites(
    conn: &mut DbConnection,
    organisation: Edumis,
    entries: &[DeliverySiteEntry],
    actor: &str,
    at: DateTime<Utc>,
) -> Result<usize, StoreError> {
    crate::connection::write_transaction(conn, |conn| {
        for entry in entries {
            let code = entry
                .key()
                .ok_or_else(|| StoreError::Invalid(format!("{} is not a site", entry.site_code)))?
                .to_string();
            let key = delivery_sites::table
                .filter(delivery_sites::organisation.eq(organisation.value()))
                .filter(delivery_sites::site_code.eq(&code));
            let values = (
                delivery_sites::name.eq(&entry.name),
                delivery_sites::address.eq(&entry.address),
                delivery_sites::active_from.eq(entry.active_from),
                delivery_sites::active_to.eq(entry.active_to),
                delivery_sites::updated_by.eq(actor),
                delivery_sites::updated_at.eq(to_row(at)),
            );
            let updated = diesel::update(key).set(values).execute(conn)?;
            if updated == 0 {
                diesel::insert_into(delivery_sites::table)
                    .values((
                        delivery_sites::organisation.eq(organisation.value()),
                        delivery_sites::site_code.eq(&code),
                        values,
                    ))
                    .execute(conn)?;
            }
        }
        audit::record(
            conn,
            &NewAuditEvent::new(actor, "delivery-sites.load", organisation.to_string())
                .organisation(organisation.value())
                .reason(format!("{} sites loaded", entries.len()))
                .at(at),
        )?;
        Ok(entries.len())
    })
}

/// An organisation's delivery sites, by code.
pub fn sites(
    conn: &mut DbConnection,
    organisation: Edumis,
) -> Result<Vec<DeliverySiteEntry>, StoreError> {
    type Row = (String, String, String, i32, Option<i32>);
    let rows: Vec<Row> = delivery_sites::table
        .filter(delivery_sites::organisation.eq(organisation.value()))
        .select((
            delivery_sites::site_code,
            delivery_sites::name,
            delivery_sites::address,
            delivery_sites::active_from,
            delivery_sites::active_to,
        ))
        .order(delivery_sites::site_code.asc())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(site_code, name, address, active_from, active_to)| DeliverySiteEntry {
                site_code,
                name,
                address,
                active_from,
                active_to,
            },
        )
        .collect())
}

/// What the rules against the registers read for an organisation's return of `year`: only the
/// codes, each register read in one query.
pub fn snapshot(
    conn: &mut DbConnection,
    organisation: Edumis,
    year: i32,
) -> Result<RegisterSnapshot, StoreError> {
    let courses = courses(conn, organisation, Some(year))?;
    let qualifications: Vec<(String, Option<i32>)> = qualification_register::table
        .select((
            qualification_register::qualification_code,
            qualification_register::dq37_approved_from,
        ))
        .load(conn)?;
    let qualifications: Vec<QualificationEntry> = qualifications
        .into_iter()
        .map(
            |(qualification_code, dq37_approved_from)| QualificationEntry {
                qualification_code,
                title: String::new(),
                level: 0,
                credits: 0,
                award_category: String::new(),
                dq37_approved_from,
            },
        )
        .collect();
    let sites = sites(conn, organisation)?;
    Ok(RegisterSnapshot::of(
        year,
        &courses,
        &qualifications,
        &sites,
    ))
}

/// The course register records (REGT) of a submission, as the register reads them; a record
/// that cannot be read as a course (its own problems say why) is left out.
pub fn submission_courses(
    conn: &mut DbConnection,
    submission_id: &str,
) -> Result<Vec<dxp_domain::course::Course>, StoreError> {
    let texts: Vec<String> = records::table
        .filter(records::submission_id.eq(submission_id))
        .filter(records::file.eq(SdrFile::Courses.as_str()))
        .select(records::record)
        .order(records::local_id.asc())
        .load(conn)?;
    Ok(texts
        .iter()
        .filter_map(|text| serde_json::from_str(text).ok())
        .collect())
}

/// How a submission's REGT differs from its organisation's course register for the round's
/// year (nothing, when no register is loaded for the year).
pub fn submission_differences(
    conn: &mut DbConnection,
    organisation: Edumis,
    round: RoundId,
    submission_id: &str,
) -> Result<Vec<CourseDifference>, StoreError> {
    let register = courses(conn, organisation, Some(round.year))?;
    if register.is_empty() {
        return Ok(Vec::new());
    }
    let records = submission_courses(conn, submission_id)?;
    Ok(dxp_domain::registers::course_differences(
        &records, &register, round.year,
    ))
}

/// The course codes of the organisation's pending change requests.
pub fn pending_course_codes(
    conn: &mut DbConnection,
    organisation: Edumis,
) -> Result<Vec<String>, StoreError> {
    Ok(course_change_requests::table
        .filter(course_change_requests::organisation.eq(organisation.value()))
        .filter(course_change_requests::status.eq(ChangeRequestStatus::Pending.as_str()))
        .select(course_change_requests::course_code)
        .order(course_change_requests::course_code.asc())
        .distinct()
        .load(conn)?)
}

/// Records a pending change request for each difference whose course has none pending yet;
/// the new requests, by course code. Runs inside the caller's transaction.
pub(crate) fn create_requests(
    conn: &mut DbConnection,
    organisation: Edumis,
    submission_id: &str,
    year: i32,
    differences: &[CourseDifference],
    actor: &str,
    at: DateTime<Utc>,
) -> Result<Vec<ChangeRequest>, StoreError> {
    let pending = pending_course_codes(conn, organisation)?;
    let mut created = Vec::new();
    for difference in differences {
        if pending.contains(&difference.course_code) {
            continue;
        }
        let id = new_id();
        diesel::insert_into(course_change_requests::table)
            .values((
                course_change_requests::id.eq(&id),
                course_change_requests::organisation.eq(organisation.value()),
                course_change_requests::submission_id.eq(submission_id),
                course_change_requests::course_code.eq(&difference.course_code),
                course_change_requests::year.eq(year),
                course_change_requests::kind.eq(difference.kind.as_str()),
                course_change_requests::changed_fields.eq(fields_text(&difference.changed_fields)),
                course_change_requests::current_details.eq(difference
                    .current
                    .as_ref()
                    .map(details_text)
                    .transpose()?),
                course_change_requests::proposed_details.eq(details_text(&difference.proposed)?),
                course_change_requests::status.eq(ChangeRequestStatus::Pending.as_str()),
                course_change_requests::submitted_by.eq(actor),
                course_change_requests::submitted_at.eq(to_row(at)),
            ))
            .execute(conn)
            .map_err(|error| match StoreError::from(error) {
                // The one-pending-request-per-course index: another request for the course was
                // sent meanwhile (a concurrent lodging or request).
                StoreError::Conflict(_) => StoreError::Conflict(format!(
                    "a change request for course {} was sent meanwhile; it waits for the \
                     funder's decision",
                    difference.course_code
                )),
                other => other,
            })?;
        audit::record(
            conn,
            &NewAuditEvent::new(actor, "course-change-request.submit", id.clone())
                .organisation(organisation.value())
                .transition("", ChangeRequestStatus::Pending.as_str())
                .reason(format!(
                    "course {} from submission {submission_id}",
                    difference.course_code
                ))
                .at(at),
        )?;
        created.push(find_request(conn, &id, Scope::Everyone)?);
    }
    Ok(created)
}

/// Sends the differences of a submission's REGT from the register as change requests, one per
/// course (those with a request pending already are left). The submission must be the
/// organisation's (`scope`). Returns the requests created.
pub fn submit_requests(
    conn: &mut DbConnection,
    submission_id: &str,
    scope: Scope,
    actor: &str,
    at: DateTime<Utc>,
) -> Result<Vec<ChangeRequest>, StoreError> {
    crate::connection::write_transaction(conn, |conn| {
        // Locked: two sendings of one submission's differences take turns, and the second
        // finds the first's requests pending.
        let submission = crate::submissions::lock(conn, submission_id, scope)?;
        if matches!(
            submission.status,
            SubmissionStatus::Superseded | SubmissionStatus::Cancelled
        ) {
            return Err(StoreError::Invalid(format!(
                "submission {submission_id} is {}: send the differences of the organisation's \
                 current submission instead",
                submission.status.as_str()
            )));
        }
        let differences = submission_differences(
            conn,
            submission.organisation,
            submission.round,
            submission_id,
        )?;
        if differences.is_empty() {
            return Err(StoreError::Invalid(format!(
                "submission {submission_id}'s course register file does not differ from your \
                 course register for {}; there is nothing to ask the funder to change",
                submission.round.year
            )));
        }
        create_requests(
            conn,
            submission.organisation,
            submission_id,
            submission.round.year,
            &differences,
            actor,
            at,
        )
    })
}

/// A change request the caller may see.
pub fn find_request(
    conn: &mut DbConnection,
    id: &str,
    scope: Scope,
) -> Result<ChangeRequest, StoreError> {
    let mut query = course_change_requests::table
        .filter(course_change_requests::id.eq(id))
        .select(ChangeRequestRow::as_select())
        .into_boxed();
    if let Scope::Organisation(organisation) = scope {
        query = query.filter(course_change_requests::organisation.eq(organisation.value()));
    }
    query
        .first(conn)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("no course change request {id}")))?
        .try_into()
}

/// The change requests the caller may see (of one organisation, one status), newest first.
pub fn requests(
    conn: &mut DbConnection,
    scope: Scope,
    organisation: Option<Edumis>,
    status: Option<ChangeRequestStatus>,
    limit: i64,
) -> Result<Vec<ChangeRequest>, StoreError> {
    let mut query = course_change_requests::table
        .select(ChangeRequestRow::as_select())
        .into_boxed();
    if let Scope::Organisation(own) = scope {
        query = query.filter(course_change_requests::organisation.eq(own.value()));
    }
    if let Some(organisation) = organisation {
        query = query.filter(course_change_requests::organisation.eq(organisation.value()));
    }
    if let Some(status) = status {
        query = query.filter(course_change_requests::status.eq(status.as_str()));
    }
    query
        .order((
            course_change_requests::submitted_at.desc(),
            course_change_requests::course_code.asc(),
        ))
        .limit(limit)
        .load(conn)?
        .into_iter()
        .map(ChangeRequest::try_from)
        .collect()
}

/// The funder's decision on a pending request. Approval writes the proposed details into the
/// register from the request's year (closing the entry that held until then) and keeps the
/// change in the course's history; a decline keeps its reason. One transaction.
pub fn decide(
    conn: &mut DbConnection,
    id: &str,
    decision: &Decision,
    actor: &str,
    at: DateTime<Utc>,
) -> Result<ChangeRequest, StoreError> {
    crate::connection::write_transaction(conn, |conn| {
        // Take the row first (a no-op update), so two deciders cannot both find it pending.
        let touched = diesel::update(course_change_requests::table.find(id))
            .set(course_change_requests::status.eq(course_change_requests::status))
            .execute(conn)?;
        if touched == 0 {
            return Err(StoreError::NotFound(format!(
                "no course change request {id}"
            )));
        }
        let request = find_request(conn, id, Scope::Everyone)?;
        check_decision(request.status, decision).map_err(StoreError::Invalid)?;
        let (status, reason) = match decision {
            Decision::Approve => {
                let register = courses(conn, request.organisation, Some(request.year))?;
                let current = register
                    .iter()
                    .find(|entry| entry.course_code == request.course_code);
                let approval = plan_approval(
                    &request.course_code,
                    request.year,
                    current,
                    &request.proposed,
                );
                if let Some((valid_from, valid_to)) = approval.close
                    && let Some(current) = current
                {
                    let closed = CourseEntry {
                        valid_to: Some(valid_to),
                        ..current.clone()
                    };
                    debug_assert_eq!(closed.valid_from, valid_from);
                    put_course(conn, request.organisation, &closed, Some(id), actor, at)?;
                }
                put_course(
                    conn,
                    request.organisation,
                    &approval.entry,
                    Some(id),
                    actor,
                    at,
                )?;
                (ChangeRequestStatus::Approved, None)
            }
            Decision::Decline(reason) => (
                ChangeRequestStatus::Declined,
                Some(reason.trim().to_owned()),
            ),
        };
        diesel::update(course_change_requests::table.find(id))
            .set((
                course_change_requests::status.eq(status.as_str()),
                course_change_requests::decided_by.eq(actor),
                course_change_requests::decided_at.eq(to_row(at)),
                course_change_requests::reason.eq(&reason),
            ))
            .execute(conn)?;
        let mut event = NewAuditEvent::new(actor, "course-change-request.decide", id)
            .organisation(request.organisation.value())
            .transition(request.status.as_str(), status.as_str())
            .at(at);
        if let Some(reason) = &reason {
            event = event.reason(reason.clone());
        }
        audit::record(conn, &event)?;
        find_request(conn, id, Scope::Everyone)
    })
}
