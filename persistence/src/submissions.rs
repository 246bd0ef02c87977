//! Submissions: a return being assembled for one organisation and round, its status moved only
//! through the domain's table of legal transitions, every transition written to the audit log
//! in the same transaction.
//!
//! Every read and write takes a [`Scope`]: a TEO caller's organisation is part of the query, so
//! another organisation's submission is simply not found.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use dxp_domain::lodging::{self, LodgingFacts, SubmissionType};
use dxp_domain::submission::{SubmissionEvent, SubmissionStatus, Verdict};
use dxp_domain::{Edumis, RoundId, SdrFile};

use crate::audit::{self, AuditEvent, NewAuditEvent};
use crate::paging::{Page, PageRequest};
use crate::schema::{problems, submissions};
use crate::time::{from_row, now, to_row};
use crate::{DbConnection, StoreError, organisations};

/// Whose data a caller may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// A TEO: its own organisation only.
    Organisation(Edumis),
    /// The funder: every organisation.
    Everyone,
}

impl Scope {
    fn organisation(self) -> Option<i32> {
        match self {
            Scope::Organisation(edumis) => Some(edumis.value()),
            Scope::Everyone => None,
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = submissions)]
struct SubmissionRow {
    id: String,
    organisation: i32,
    round_id: String,
    status: String,
    error_count: i32,
    warning_count: i32,
    created_by: String,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    validated_at: Option<NaiveDateTime>,
    submitted_at: Option<NaiveDateTime>,
    submission_type: String,
    late: bool,
    stop_gate_lift_id: Option<String>,
    efts_forecast_required: bool,
}

/// A submission as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    pub id: String,
    pub organisation: Edumis,
    pub round: RoundId,
    pub status: SubmissionStatus,
    /// Errors and warnings found so far: record-level ones from uploads, plus those of the
    /// last validation run.
    pub error_count: i64,
    pub warning_count: i64,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub validated_at: Option<DateTime<Utc>>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub submission_type: SubmissionType,
    /// Lodged after the due date, or resubmitted outside a published window.
    pub late: bool,
    /// The Stop Gate lift it was lodged under, if it needed one.
    pub stop_gate_lift: Option<String>,
    /// The last verdict found provision the EFTS forecast covers: the return is lodged only
    /// after the round's forecast.
    pub efts_forecast_required: bool,
}

impl TryFrom<SubmissionRow> for Submission {
    type Error = StoreError;
    fn try_from(row: SubmissionRow) -> Result<Self, StoreError> {
        Ok(Submission {
            organisation: Edumis::new(i64::from(row.organisation)).map_err(StoreError::corrupt)?,
            round: row.round_id.parse().map_err(StoreError::corrupt)?,
            status: row.status.parse().map_err(StoreError::corrupt)?,
            error_count: i64::from(row.error_count),
            warning_count: i64::from(row.warning_count),
            created_by: row.created_by,
            created_at: from_row(row.created_at),
            updated_at: from_row(row.updated_at),
            validated_at: row.validated_at.map(from_row),
            submitted_at: row.submitted_at.map(from_row),
            submission_type: row.submission_type.parse().map_err(StoreError::corrupt)?,
            late: row.late,
            stop_gate_lift: row.stop_gate_lift_id,
            efts_forecast_required: row.efts_forecast_required,
            id: row.id,
        })
    }
}

fn not_found(id: &str) -> StoreError {
    StoreError::NotFound(format!("there is no submission {id}"))
}

/// Opens a submission in `Draft` for an organisation and round.
pub fn create(
    conn: &mut DbConnection,
    organisation: Edumis,
    round: RoundId,
    submission_type: SubmissionType,
    actor: &str,
) -> Result<Submission, StoreError> {
    crate::connection::write_transaction(conn, |conn| {
        let round_id = round.to_string();
        lodging::check_change(&crate::rounds::existing(conn, round)?)?;
        submission_type.check_round(round.kind)?;
        organisations::ensure(conn, organisation, &format!("EDUMIS {organisation}"))?;
        let at = now();
        let row = SubmissionRow {
            id: uuid::Uuid::new_v4().to_string(),
            organisation: organisation.value(),
            round_id,
            status: SubmissionStatus::Draft.as_str().to_owned(),
            error_count: 0,
            warning_count: 0,
            created_by: actor.to_owned(),
            created_at: at,
            updated_at: at,
            validated_at: None,
            submitted_at: None,
            submission_type: submission_type.as_str().to_owned(),
            late: false,
            stop_gate_lift_id: None,
            efts_forecast_required: false,
        };
        diesel::insert_into(submissions::table)
            .values(&row)
            .execute(conn)?;
        audit::record(
            conn,
            &NewAuditEvent::new(actor, "submission.created", &row.id)
                .organisation(organisation.value())
                .transition("", SubmissionStatus::Draft.as_str())
                .reason(match submission_type {
                    SubmissionType::Return => format!("opened for round {}", row.round_id),
                    other => format!("opened for round {} ({})", row.round_id, other.as_str()),
                }),
        )?;
        Submission::try_from(row)
    })
}

/// The submission, if the scope may see it.
pub fn find(conn: &mut DbConnection, id: &str, scope: Scope) -> Result<Submission, StoreError> {
    let mut query = submissions::table
        .filter(submissions::id.eq(id))
        .into_boxed();
    if let Some(organisation) = scope.organisation() {
        query = query.filter(submissions::organisation.eq(organisation));
    }
    let row = query
        .select(SubmissionRow::as_select())
        .first(conn)
        .optional()?;
    row.ok_or_else(|| not_found(id))
        .and_then(Submission::try_from)
}

/// The statuses of a submission that is still being worked on (not lodged, replaced or
/// abandoned).
const IN_PROGRESS: [SubmissionStatus; 5] = [
    SubmissionStatus::Draft,
    SubmissionStatus::Queued,
    SubmissionStatus::Validating,
    SubmissionStatus::Processed,
    SubmissionStatus::Rejected,
];

/// The organisation's newest return for the round that is still being worked on, if any.
pub fn in_progress(
    conn: &mut DbConnection,
    organisation: Edumis,
    round: RoundId,
) -> Result<Option<Submission>, StoreError> {
    let statuses: Vec<&str> = IN_PROGRESS.iter().map(|status| status.as_str()).collect();
    submissions::table
        .filter(submissions::organisation.eq(organisation.value()))
        .filter(submissions::round_id.eq(round.to_string()))
        .filter(submissions::submission_type.eq(SubmissionType::Return.as_str()))
        .filter(submissions::status.eq_any(statuses))
        .order((submissions::created_at.desc(), submissions::id.desc()))
        .select(SubmissionRow::as_select())
        .first(conn)
        .optional()?
        .map(Submission::try_from)
        .transpose()
}

/// The status of the organisation's newest return in each round it has sent one for.
pub fn newest_return_statuses(
    conn: &mut DbConnection,
    organisation: Edumis,
) -> Result<Vec<(RoundId, SubmissionStatus)>, StoreError> {
    let rows: Vec<(String, String)> = submissions::table
        .filter(submissions::organisation.eq(organisation.value()))
        .filter(submissions::submission_type.eq(SubmissionType::Return.as_str()))
        .order((submissions::created_at.asc(), submissions::id.asc()))
        .select((submissions::round_id, submissions::status))
        .load(conn)?;
    let mut newest: Vec<(RoundId, SubmissionStatus)> = Vec::new();
    for (round, status) in rows {
        let round: RoundId = round.parse().map_err(StoreError::corrupt)?;
        let status: SubmissionStatus = status.parse().map_err(StoreError::corrupt)?;
        match newest.iter_mut().find(|(seen, _)| *seen == round) {
            Some(entry) => entry.1 = status,
            None => newest.push((round, status)),
        }
    }
    Ok(newest)
}

/// Filters for listing submissions.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub round: Option<RoundId>,
    pub status: Option<SubmissionStatus>,
    pub organisation: Option<Edumis>,
}

/// A position in the newest-first list of submissions: the last one of the previous page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListCursor {
    pub created_at: NaiveDateTime,
    pub id: String,
}

impl ListCursor {
    /// An opaque text form for clients: `<microseconds since 1970>.<id>`.
    pub fn encode(&self) -> String {
        format!(
            "{}.{}",
            self.created_at.and_utc().timestamp_micros(),
            self.id
        )
    }

    pub fn decode(text: &str) -> Option<Self> {
        let (micros, id) = text.split_once('.')?;
        let created_at = DateTime::from_timestamp_micros(micros.parse().ok()?)?.naive_utc();
        (!id.is_empty()).then(|| ListCursor {
            created_at,
            id: id.to_owned(),
        })
    }
}

/// A listed submission, with how many records of each file it holds (files with none left out).
pub type ListedSubmission = (Submission, Vec<(SdrFile, i64)>);

/// One page of submissions, newest first, each with how many records of each file it holds:
/// two queries however long the page (the submissions, then the counts of all of them), where
/// asking [`record_counts`] of each would take one more per submission.
pub fn list_with_record_counts(
    conn: &mut DbConnection,
    scope: Scope,
    filter: &ListFilter,
    request: &PageRequest<ListCursor>,
) -> Result<Page<ListedSubmission, ListCursor>, StoreError> {
    let page = list_page(conn, scope, filter, request)?;
    let ids: Vec<&str> = page.items.iter().map(|s| s.id.as_str()).collect();
    let mut counts = crate::record_store::counts_of_many(conn, &ids)?;
    Ok(page.map(|submission| {
        let record_counts = counts.remove(&submission.id).unwrap_or_default();
        (submission, record_counts)
    }))
}

/// The page of submissions `request` names, newest first, in one query.
fn list_page(
    conn: &mut DbConnection,
    scope: Scope,
    filter: &ListFilter,
    request: &PageRequest<ListCursor>,
) -> Result<Page<Submission, ListCursor>, StoreError> {
    let mut query = submissions::table
        .select(SubmissionRow::as_select())
        .into_boxed();
    if let Some(organisation) = scope.organisation() {
        query = query.filter(submissions::organisation.eq(organisation));
    }
    if let Some(organisation) = filter.organisation {
        query = query.filter(submissions::organisation.eq(organisation.value()));
    }
    if let Some(round) = filter.round {
        query = query.filter(submissions::round_id.eq(round.to_string()));
    }
    if let Some(status) = filter.status {
        query = query.filter(submissions::status.eq(status.as_str()));
    }
    if let Some(cursor) = &request.after {
        query = query.filter(
            submissions::created_at
                .lt(cursor.created_at)
                .or(submissions::created_at
                    .eq(cursor.created_at)
                    .and(submissions::id.lt(cursor.id.clone()))),
        );
    }
    let rows: Vec<SubmissionRow> = query
        .order((submissions::created_at.desc(), submissions::id.desc()))
        .limit(request.rows_to_load())
        .load(conn)?;
    let cursor_of = |row: &SubmissionRow| ListCursor {
        created_at: row.created_at,
        id: row.id.clone(),
    };
    request
        .page_of(rows, cursor_of)
        .try_map(Submission::try_from)
}

/// How many records of each file a submission holds (files with none are left out).
pub fn record_counts(conn: &mut DbConnection, id: &str) -> Result<Vec<(SdrFile, i64)>, StoreError> {
    crate::record_store::counts(conn, id)
}

/// The submission's changes of status, oldest first.
pub fn history(conn: &mut DbConnection, id: &str) -> Result<Vec<AuditEvent>, StoreError> {
    Ok(audit::for_subject(conn, id)?
        .into_iter()
        .filter(|event| event.to_state.is_some())
        .collect())
}

/// Takes the submission's row lock for the rest of the transaction and reads it. The lock is a
/// write that changes nothing: on PostgreSQL it locks the row, on SQLite it takes the database's
/// write lock at the start of the transaction, so concurrent writers wait instead of failing.
pub(crate) fn lock(
    conn: &mut DbConnection,
    id: &str,
    scope: Scope,
) -> Result<Submission, StoreError> {
    // One statement locks and reads: every write of records starts here.
    let organisation = scope.organisation();
    let row: Option<SubmissionRow> = crate::on_backend!(conn, inner => {
        let mut target = diesel::update(submissions::table)
            .filter(submissions::id.eq(id))
            .into_boxed();
        if let Some(organisation) = organisation {
            target = target.filter(submissions::organisation.eq(organisation));
        }
        target
            .set(submissions::id.eq(submissions::id))
            .returning(SubmissionRow::as_returning())
            .get_result(inner)
            .optional()
    })?;
    row.ok_or_else(|| not_found(id))
        .and_then(Submission::try_from)
}

/// Locks a submission a caller wants to change, refusing when its round is published.
pub(crate) fn lock_for_change(
    conn: &mut DbConnection,
    id: &str,
    scope: Scope,
) -> Result<Submission, StoreError> {
    let submission = lock(conn, id, scope)?;
    check_round_open(conn, &submission)?;
    Ok(submission)
}

/// Refuses a change to a submission whose round is published.
pub(crate) fn check_round_open(
    conn: &mut DbConnection,
    submission: &Submission,
) -> Result<(), StoreError> {
    lodging::check_change(&crate::rounds::existing(conn, submission.round)?)?;
    Ok(())
}

/// Applies `event` to a locked submission: checks it against the state machine, stores the new
/// status and records the transition (with who and why) in the audit log.
pub(crate) fn apply(
    conn: &mut DbConnection,
    submission: &Submission,
    event: SubmissionEvent,
    actor: &str,
    reason: &str,
) -> Result<SubmissionStatus, StoreError> {
    let next = submission.status.apply(event)?;
    let at = now();
    diesel::update(submissions::table.find(&submission.id))
        .set((
            submissions::status.eq(next.as_str()),
            submissions::updated_at.eq(at),
        ))
        .execute(conn)?;
    if next != submission.status {
        audit::record(
            conn,
            &NewAuditEvent::new(actor, "submission.transition", &submission.id)
                .organisation(submission.organisation.value())
                .transition(submission.status.as_str(), next.as_str())
                .reason(reason),
        )?;
        tell_of(conn, submission, next)?;
    }
    Ok(next)
}

/// Tells the organisation's people of a verdict or a lodging, in the transition's transaction.
fn tell_of(
    conn: &mut DbConnection,
    submission: &Submission,
    next: SubmissionStatus,
) -> Result<(), StoreError> {
    use dxp_domain::notices::{Notice, NoticeKind, SubmissionFacts};
    let kind = match next {
        SubmissionStatus::Processed => NoticeKind::SubmissionProcessed,
        SubmissionStatus::Rejected => NoticeKind::SubmissionRejected,
        SubmissionStatus::Submitted => NoticeKind::SubmissionSubmitted,
        _ => return Ok(()),
    };
    let counted = find(conn, &submission.id, Scope::Everyone)?;
    let facts = SubmissionFacts {
        id: counted.id,
        round: counted.round,
        errors: counted.error_count,
        warnings: counted.warning_count,
    };
    if let Some(notice) = Notice::about_submission(kind, &facts) {
        crate::notices::tell_organisation(conn, submission.organisation, &notice)?;
    }
    Ok(())
}

/// Adds a change of the submission's stored problems to its counts of errors and warnings, in
/// the transaction that changed them: what a request of records costs then does not grow with
/// the problems the submission already holds.
pub(crate) fn add_to_counts(
    conn: &mut DbConnection,
    id: &str,
    change: crate::problems::SeverityCounts,
) -> Result<(), StoreError> {
    if change.is_zero() {
        return Ok(());
    }
    // One request's problems are bounded by its records, far inside an i32.
    let clamp = |n: i64| i32::try_from(n).unwrap_or(if n < 0 { i32::MIN } else { i32::MAX });
    let (errors, warnings) = (clamp(change.errors), clamp(change.warnings));
    diesel::update(submissions::table.find(id))
        .set((
            submissions::error_count.eq(submissions::error_count + errors),
            submissions::warning_count.eq(submissions::warning_count + warnings),
        ))
        .execute(conn)?;
    Ok(())
}

/// Recounts the submission's errors and warnings from its stored problems.
pub(crate) fn refresh_counts(conn: &mut DbConnection, id: &str) -> Result<(), StoreError> {
    let count = |conn: &mut DbConnection, severity: &str| -> Result<i64, StoreError> {
        Ok(problems::table
            .filter(problems::submission_id.eq(id))
            .filter(problems::severity.eq(severity))
            .count()
            .get_result::<i64>(conn)?)
    };
    let errors = count(conn, "error")?;
    let warnings = count(conn, "warning")?;
    diesel::update(submissions::table.find(id))
        .set((
            submissions::error_count.eq(i32::try_from(errors).unwrap_or(i32::MAX)),
            submissions::warning_count.eq(i32::try_from(warnings).unwrap_or(i32::MAX)),
        ))
        .execute(conn)?;
    Ok(())
}

/// Asks for a validation run: the submission is `Queued` for a validator to take.
pub fn request_validation(
    conn: &mut DbConnection,
    id: &str,
    scope: Scope,
    actor: &str,
) -> Result<Submission, StoreError> {
    crate::connection::write_transaction(conn, |conn| {
        let submission = lock_for_change(conn, id, scope)?;
        let records: i64 = record_counts(conn, id)?.iter().map(|(_, n)| n).sum();
        if records == 0 && !submission.status.is_final() {
            return Err(StoreError::Invalid(
                "the submission has no records yet; upload records before asking for validation"
                    .to_owned(),
            ));
        }
        apply(
            conn,
            &submission,
            SubmissionEvent::ValidationRequested,
            actor,
            "validation requested",
        )?;
        crate::jobs::enqueue(conn, id)?;
        find(conn, id, scope)
    })
}

/// Lodges a `Processed` submission at `now`, under the round's rules (due date, Stop Gate,
/// resubmissions, the December WFQ); a lift it needs is used up. A return of the same type
/// lodged earlier for the organisation and round becomes `Superseded` in the same transaction.
pub fn submit(
    conn: &mut DbConnection,
    id: &str,
    scope: Scope,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Submission, StoreError> {
    crate::connection::write_transaction(conn, |conn| {
        let submission = lock(conn, id, scope)?;
        // The state machine speaks first: a Draft is refused for what it is, whatever the date.
        submission.status.apply(SubmissionEvent::Submit)?;
        let round = crate::rounds::existing(conn, submission.round)?;
        // The returns of the same type lodged before, with their status: any of them makes this
        // a resubmission; those still Submitted are superseded by this one.
        let earlier: Vec<(String, String)> = submissions::table
            .filter(submissions::organisation.eq(submission.organisation.value()))
            .filter(submissions::round_id.eq(submission.round.to_string()))
            .filter(submissions::submission_type.eq(submission.submission_type.as_str()))
            .filter(submissions::id.ne(id))
            .filter(submissions::status.eq_any([
                SubmissionStatus::Submitted.as_str(),
                SubmissionStatus::Superseded.as_str(),
            ]))
            .select((submissions::id, submissions::status))
            .load(conn)?;
        let lift = crate::stop_gate::usable(conn, submission.organisation, submission.round, now)?;
        let workforce_questionnaire_processed =
            crate::workforce::has_processed(conn, submission.organisation, submission.round.year)?;
        let efts_forecast_lodged = has_lodged(
            conn,
            submission.organisation,
            submission.round,
            SubmissionType::EftsForecast,
        )?;
        let pending_course_changes =
            crate::registers::pending_course_codes(conn, submission.organisation)?;
        let carries_course_register = record_counts(conn, id)?
            .iter()
            .any(|(file, count)| *file == SdrFile::Courses && *count > 0);
        // The REGT against the register: a return must match what the funder approved (RD-012);
        // a standalone REGT's differences become change requests once it is lodged.
        let course_differences = if carries_course_register
            && submission.submission_type != SubmissionType::EftsForecast
        {
            crate::registers::submission_differences(
                conn,
                submission.organisation,
                submission.round,
                id,
            )?
        } else {
            Vec::new()
        };
        let accepted = lodging::check_lodging(&LodgingFacts {
            round: &round,
            now,
            submission_type: submission.submission_type,
            lodged_before: !earlier.is_empty(),
            lift: lift.as_ref(),
            workforce_questionnaire_processed,
            efts_forecast_required: submission.efts_forecast_required,
            efts_forecast_lodged,
            pending_course_changes: &pending_course_changes,
            carries_course_register,
            course_differences: &course_differences,
        })?;
        if submission.submission_type == SubmissionType::StandaloneFiles {
            crate::registers::create_requests(
                conn,
                submission.organisation,
                id,
                submission.round.year,
                &course_differences,
                actor,
                now,
            )?;
        }
        let lift_used = lift.filter(|_| accepted.uses_lift);
        let reason = match (&lift_used, accepted.late) {
            (Some(lift), _) => format!("lodged late, under Stop Gate lift {}", lift.id),
            (None, true) => "lodged late".to_owned(),
            (None, false) => "lodged with the funder".to_owned(),
        };
        apply(conn, &submission, SubmissionEvent::Submit, actor, &reason)?;
        diesel::update(submissions::table.find(id))
            .set((
                submissions::submitted_at.eq(to_row(now)),
                submissions::late.eq(accepted.late),
                submissions::stop_gate_lift_id.eq(lift_used.as_ref().map(|lift| lift.id.clone())),
            ))
            .execute(conn)?;
        if let Some(lift) = &lift_used {
            crate::stop_gate::mark_used(conn, &lift.id, id, now)?;
        }
        let still_submitted = earlier
            .iter()
            .filter(|(_, status)| status == SubmissionStatus::Submitted.as_str());
        for (earlier_id, _) in still_submitted {
            let earlier = lock(conn, earlier_id, Scope::Everyone)?;
            apply(
                conn,
                &earlier,
                SubmissionEvent::Supersede,
                actor,
                &format!("superseded by submission {id}"),
            )?;
        }
        find(conn, id, scope)
    })
}

/// Whether the organisation has a lodged (Submitted) submission of `submission_type` for the
/// round.
pub fn has_lodged(
    conn: &mut DbConnection,
    organisation: Edumis,
    round: RoundId,
    submission_type: SubmissionType,
) -> Result<bool, StoreError> {
    let lodged: i64 = submissions::table
        .filter(submissions::organisation.eq(organisation.value()))
        .filter(submissions::round_id.eq(round.to_string()))
        .filter(submissions::submission_type.eq(submission_type.as_str()))
        .filter(submissions::status.eq(SubmissionStatus::Submitted.as_str()))
        .count()
        .get_result(conn)?;
    Ok(lodged > 0)
}

/// Abandons a submission.
pub fn cancel(
    conn: &mut DbConnection,
    id: &str,
    scope: Scope,
    actor: &str,
    reason: &str,
) -> Result<Submission, StoreError> {
    crate::connection::write_transaction(conn, |conn| {
        let submission = lock_for_change(conn, id, scope)?;
        apply(conn, &submission, SubmissionEvent::Cancel, actor, reason)?;
        find(conn, id, scope)
    })
}

/// Stores the problems found across records by a validation run, and whether the records need
/// an EFTS forecast, and records the verdict the domain gives on the counts
/// ([`Verdict::of`]).
pub fn record_verdict(
    conn: &mut DbConnection,
    lease: &crate::jobs::Lease,
    progress: crate::jobs::Progress,
    found: &[(SdrFile, String, dxp_domain::Problem)],
    efts_forecast_required: bool,
) -> Result<SubmissionStatus, StoreError> {
    use crate::problems::{self, Origin};
    let id = lease.submission_id.as_str();
    crate::connection::write_transaction(conn, |conn| {
        let submission = lock(conn, id, Scope::Everyone)?;
        problems::delete_origin(conn, id, Origin::Submission)?;
        for file in SdrFile::EVERY {
            problems::insert(
                conn,
                id,
                file,
                Origin::Submission,
                found
                    .iter()
                    .filter(|(f, _, _)| *f == file)
                    .map(|(_, local_id, problem)| (local_id.as_str(), problem)),
            )?;
        }
        refresh_counts(conn, id)?;
        let counted = find(conn, id, Scope::Everyone)?;
        crate::jobs::finish(
            conn,
            lease,
            progress,
            (counted.error_count, counted.warning_count),
        )?;
        let verdict = Verdict::of(counted.error_count, counted.warning_count);
        let status = apply(
            conn,
            &submission,
            verdict.event,
            audit::SYSTEM_ACTOR,
            &verdict.summary,
        )?;
        diesel::update(submissions::table.find(id))
            .set((
                submissions::validated_at.eq(now()),
                submissions::efts_forecast_required.eq(efts_forecast_required),
            ))
            .execute(conn)?;
        Ok(status)
    })
}
