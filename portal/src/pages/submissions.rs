//! Data submissions (Tuku raraunga): the returns of each round, one return's page (status,
//! records per file, validation progress, problems, history), uploading files, validating,
//! submitting with a confirmation, cancelling.

use std::io::Cursor;

use actix_multipart::Multipart;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use dxp_domain::lodging::SubmissionType;
use dxp_domain::submission::SubmissionStatus;
use dxp_domain::{RoundId, SdrFile, Severity};
use dxp_persistence::paging::PageRequest;
use dxp_persistence::submissions::{ListFilter, Submission};
use dxp_service::ingest::Format;
use dxp_service::problem_report::{ProblemFilter, ReportedProblem};
use dxp_service::submissions::SubmissionDetail;
use dxp_service::upload::DEFAULT_MAX_RECORDS_PER_REQUEST;
use futures_util::StreamExt;
use serde::Deserialize;

use super::dashboard::round_name;
use crate::Portal;
use crate::page::{Area, Flash, Layout, PageError, csv_download, nz_time, render, see_other};
use crate::session::Signed;

pub fn configure(config: &mut web::ServiceConfig) {
    config
        .route("/data-submissions", web::get().to(list))
        .route("/data-submissions", web::post().to(open))
        .route("/data-submissions/new", web::get().to(new_return))
        .route("/data-submissions/{id}", web::get().to(detail))
        .route("/data-submissions/{id}/progress", web::get().to(progress))
        .route("/data-submissions/{id}/files", web::post().to(upload))
        .route("/data-submissions/{id}/validate", web::post().to(validate))
        .route(
            "/data-submissions/{id}/submit",
            web::get().to(confirm_submit),
        )
        .route("/data-submissions/{id}/submit", web::post().to(submit))
        .route(
            "/data-submissions/{id}/cancel",
            web::get().to(confirm_cancel),
        )
        .route("/data-submissions/{id}/cancel", web::post().to(cancel))
        .route("/data-submissions/{id}/problems", web::get().to(problems))
        .route(
            "/data-submissions/{id}/problems.csv",
            web::get().to(problems_csv),
        )
        .route("/rules/{code}", web::get().to(rule));
}

fn layout(signed: &Signed, title: String) -> Layout {
    Layout::of(
        signed,
        Area::Submissions,
        title,
        Some((
            "/guides/sending-a-return",
            "Sending your Single Data Return",
        )),
    )
}

/// A submission as people name it: its round, and what it holds when it is not the return.
pub fn submission_name(submission: &Submission) -> String {
    match submission.submission_type {
        SubmissionType::Return => round_name(&submission.round),
        SubmissionType::EftsForecast => {
            format!("EFTS forecast beside the {}", round_name(&submission.round))
        }
        SubmissionType::StandaloneFiles => {
            format!("Course register and completions, {}", submission.round.year)
        }
    }
}

/// What a person reads for a submission's status.
fn status_words(status: SubmissionStatus) -> &'static str {
    match status {
        SubmissionStatus::Draft => "Draft: add or change records, then validate",
        SubmissionStatus::Queued => "Waiting to be validated",
        SubmissionStatus::Validating => "Being validated",
        SubmissionStatus::Processed => "Validated with no errors: ready to submit",
        SubmissionStatus::Rejected => "Validated with errors: fix them and validate again",
        SubmissionStatus::Submitted => "Submitted to the TEC",
        SubmissionStatus::Superseded => "Replaced by a later submitted return",
        SubmissionStatus::Cancelled => "Cancelled",
    }
}

/// A file as people name it.
pub fn file_name(file: SdrFile) -> &'static str {
    match file {
        SdrFile::Learners => "Learners",
        SdrFile::CourseEnrolments => "Course enrolments",
        SdrFile::Courses => "Course register",
        SdrFile::CourseCompletions => "Course completions",
        SdrFile::QualificationCompletions => "Qualification completions",
        SdrFile::EftsForecasts => "EFTS forecast",
    }
}

// ---- the list ------------------------------------------------------------------------------

struct Row {
    id: String,
    round: String,
    organisation: String,
    status: SubmissionStatus,
    records: i64,
    errors: i64,
    warnings: i64,
    updated: String,
}

#[derive(Template)]
#[template(path = "submissions.html")]
struct ListPage {
    layout: Layout,
    rows: Vec<Row>,
    rounds: Vec<(String, String, bool)>,
    may_start: bool,
    is_funder: bool,
    chosen_round: Option<String>,
}

#[derive(Deserialize)]
struct ListQuery {
    round: Option<String>,
}

/// How many returns the list shows; older ones are reached by round.
const LIST_LENGTH: i64 = 100;

async fn list(
    signed: Signed,
    portal: web::Data<Portal>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, PageError> {
    let round = match query.round.as_deref().filter(|round| !round.is_empty()) {
        Some(text) => Some(text.parse::<RoundId>().map_err(|_| PageError::NotFound)?),
        None => None,
    };
    let page = portal
        .service
        .list_submissions(
            &signed.caller(),
            ListFilter {
                round,
                ..Default::default()
            },
            None,
            LIST_LENGTH,
        )
        .await?;
    let rows = page
        .submissions
        .into_iter()
        .map(|(submission, counts)| Row {
            records: counts.iter().map(|(_, count)| count).sum(),
            round: submission_name(&submission),
            organisation: submission.organisation.to_string(),
            status: submission.status,
            errors: submission.error_count,
            warnings: submission.warning_count,
            updated: nz_time(submission.updated_at),
            id: submission.id,
        })
        .collect();
    let now = portal.service.clock().now()?;
    let rounds = portal
        .service
        .rounds(None)
        .await?
        .into_iter()
        .filter(|candidate| candidate.opens_at <= now && candidate.published)
        .rev()
        .take(8)
        .map(|candidate| {
            (
                candidate.id.to_string(),
                round_name(&candidate.id),
                round.is_some_and(|round| round == candidate.id),
            )
        })
        .collect();
    render(&ListPage {
        layout: layout(&signed, "Data submissions".to_owned()),
        rows,
        rounds,
        may_start: signed.user.may_submit() && !signed.user.is_funder(),
        is_funder: signed.user.is_funder(),
        chosen_round: round.map(|round| round.to_string()),
    })
}

#[derive(Template)]
#[template(path = "new_return.html")]
struct NewReturnPage {
    layout: Layout,
    round: String,
    round_name: String,
}

async fn new_return(
    signed: Signed,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, PageError> {
    signed.must_submit()?;
    let round: RoundId = query
        .round
        .as_deref()
        .and_then(|round| round.parse().ok())
        .ok_or(PageError::NotFound)?;
    render(&NewReturnPage {
        layout: layout(&signed, format!("Start the {}", round_name(&round))),
        round: round.to_string(),
        round_name: round_name(&round),
    })
}

#[derive(Deserialize)]
struct OpenForm {
    csrf: String,
    round: String,
    /// `Return` (the default), `EftsForecast` or `StandaloneFiles`.
    #[serde(rename = "type")]
    submission_type: Option<String>,
}

async fn open(
    signed: Signed,
    portal: web::Data<Portal>,
    form: web::Form<OpenForm>,
) -> Result<HttpResponse, PageError> {
    signed.check_csrf(&form.csrf)?;
    signed.must_submit()?;
    let organisation = signed.user.organisation.ok_or_else(|| {
        PageError::Forbidden("Returns are started by the organisation that sends them.".to_owned())
    })?;
    let round: RoundId = form
        .round
        .parse()
        .map_err(|_| PageError::BadInput(format!("'{}' is not a round.", form.round)))?;
    let submission_type = match form.submission_type.as_deref() {
        None | Some("") => SubmissionType::Return,
        Some(text) => text
            .parse()
            .map_err(|_| PageError::BadInput(format!("'{text}' is not a kind of submission.")))?,
    };
    let opened = portal
        .service
        .open_submission(&signed.caller(), organisation, round, submission_type)
        .await?;
    Ok(see_other(&format!(
        "/data-submissions/{}",
        opened.submission.id
    )))
}

// ---- one return ----------------------------------------------------------------------------

struct FileLine {
    slug: &'static str,
    name: &'static str,
    records: i64,
}

struct HistoryLine {
    at: String,
    change: String,
    by: String,
    reason: String,
}

struct ProgressView {
    /// Still running: the page asks again.
    running: bool,
    percent: i64,
    checked: i64,
    total: i64,
}

#[derive(Template)]
#[template(path = "submission.html")]
struct DetailPage {
    layout: Layout,
    id: String,
    s: Submission,
    round_name: String,
    status_words: &'static str,
    files: Vec<FileLine>,
    progress: Option<ProgressView>,
    history: Vec<HistoryLine>,
    flash: Option<Flash>,
    may_change: bool,
    problems: ProblemTable,
}

fn progress_of(detail: &SubmissionDetail) -> Option<ProgressView> {
    let running = matches!(
        detail.submission.status,
        SubmissionStatus::Queued | SubmissionStatus::Validating
    );
    let progress = detail.progress.as_ref();
    if !running && progress.is_none() {
        return None;
    }
    let (checked, total) = progress
        .map(|p| (p.records_checked, p.records_total))
        .unwrap_or((0, 0));
    Some(ProgressView {
        running,
        percent: if total > 0 {
            (checked * 100 / total).min(100)
        } else if running {
            0
        } else {
            100
        },
        checked,
        total,
    })
}

async fn detail(
    signed: Signed,
    portal: web::Data<Portal>,
    id: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let detail = portal.service.submission(&signed.caller(), &id).await?;
    let problems = problem_table(&portal, &signed, &id, &ProblemQuery::default()).await?;
    let files = detail
        .record_counts
        .iter()
        .map(|(file, count)| FileLine {
            slug: file.as_str(),
            name: file_name(*file),
            records: *count,
        })
        .collect();
    let history = detail
        .history
        .iter()
        .map(|change| HistoryLine {
            at: nz_time(change.at),
            change: match change.from {
                None => format!("Started ({})", change.to),
                Some(from) => format!("{from} → {}", change.to),
            },
            by: change.actor.clone(),
            reason: change.reason.clone().unwrap_or_default(),
        })
        .collect();
    let flash = signed.told();
    let s = detail.submission.clone();
    render(&DetailPage {
        layout: layout(&signed, format!("{} — {}", submission_name(&s), s.status)),
        id: s.id.clone(),
        round_name: submission_name(&s),
        status_words: status_words(s.status),
        progress: progress_of(&detail),
        may_change: signed.user.may_submit() && super::webform::changeable(s.status),
        files,
        history,
        flash,
        problems,
        s,
    })
}

#[derive(Template)]
#[template(path = "progress.html")]
struct ProgressFragment {
    id: String,
    progress: Option<ProgressView>,
}

/// The progress bar alone, asked every second while the validation runs (htmx). When it has
/// finished, the whole page is reloaded to show the verdict.
async fn progress(
    signed: Signed,
    portal: web::Data<Portal>,
    id: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let detail = portal.service.submission(&signed.caller(), &id).await?;
    let progress = progress_of(&detail);
    if !progress.as_ref().is_some_and(|p| p.running) {
        return Ok(HttpResponse::Ok()
            .insert_header(("HX-Refresh", "true"))
            .finish());
    }
    render(&ProgressFragment {
        id: id.into_inner(),
        progress,
    })
}

#[derive(Deserialize)]
struct CsrfForm {
    csrf: String,
}

async fn validate(
    signed: Signed,
    portal: web::Data<Portal>,
    id: web::Path<String>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, PageError> {
    signed.check_csrf(&form.csrf)?;
    signed.must_submit()?;
    portal.service.validate(&signed.caller(), &id).await?;
    Ok(see_other(&format!("/data-submissions/{id}")))
}

#[derive(Template)]
#[template(path = "confirm_submit.html")]
struct ConfirmSubmitPage {
    layout: Layout,
    s: Submission,
    round_name: String,
    due: String,
}

async fn confirm_submit(
    signed: Signed,
    portal: web::Data<Portal>,
    id: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    signed.must_submit()?;
    let s = portal
        .service
        .find_submission(&signed.caller(), &id)
        .await?;
    let due = portal
        .service
        .rounds(Some(s.round.year))
        .await?
        .into_iter()
        .find(|round| round.id == s.round)
        .map(|round| nz_time(round.due_at))
        .unwrap_or_default();
    render(&ConfirmSubmitPage {
        layout: layout(&signed, "Submit the return".to_owned()),
        round_name: submission_name(&s),
        due,
        s,
    })
}

async fn submit(
    signed: Signed,
    portal: web::Data<Portal>,
    id: web::Path<String>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, PageError> {
    signed.check_csrf(&form.csrf)?;
    signed.must_submit()?;
    let lodged = portal.service.lodge(&signed.caller(), &id).await?;
    signed.tell(Flash {
            ok: true,
            lines: vec![format!(
                "Submitted to the TEC on {}. Nothing more is needed for this round unless the TEC asks.",
                lodged
                    .submission
                    .submitted_at
                    .map(nz_time)
                    .unwrap_or_default()
            )],
        },
    )?;
    Ok(see_other(&format!("/data-submissions/{id}")))
}

#[derive(Template)]
#[template(path = "confirm_cancel.html")]
struct ConfirmCancelPage {
    layout: Layout,
    s: Submission,
    round_name: String,
}

async fn confirm_cancel(
    signed: Signed,
    portal: web::Data<Portal>,
    id: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    signed.must_submit()?;
    let s = portal
        .service
        .find_submission(&signed.caller(), &id)
        .await?;
    render(&ConfirmCancelPage {
        layout: layout(&signed, "Cancel the return".to_owned()),
        round_name: submission_name(&s),
        s,
    })
}

#[derive(Deserialize)]
struct CancelForm {
    csrf: String,
    reason: Option<String>,
}

async fn cancel(
    signed: Signed,
    portal: web::Data<Portal>,
    id: web::Path<String>,
    form: web::Form<CancelForm>,
) -> Result<HttpResponse, PageError> {
    signed.check_csrf(&form.csrf)?;
    signed.must_submit()?;
    let reason = form
        .reason
        .clone()
        .filter(|reason| !reason.trim().is_empty());
    portal.service.cancel(&signed.caller(), &id, reason).await?;
    Ok(see_other(&format!("/data-submissions/{id}")))
}

// ---- uploading files -----------------------------------------------------------------------

/// The most one upload (all its files) may carry: the API's limit for one file.
const MAX_UPLOAD_BYTES: usize = 256 * 1024 * 1024;

/// A file as uploaded: its name and bytes.
struct Uploaded {
    name: String,
    bytes: Vec<u8>,
}

/// The file and format a file's name says it is: a DXP CSV (`LEAR6004.CSV`) or a legacy STEO
/// file (`STUD6004.txt`), and the provider it is for.
fn source_of(name: &str) -> Option<(SdrFile, Format, dxp_domain::Edumis)> {
    if let Some((file, edumis, _)) = dxp_formats::names::parse_file_name(name) {
        return Some((file, Format::Csv, edumis));
    }
    dxp_formats::legacy::parse_file_name(name)
        .map(|(kind, edumis)| (kind.file(), Format::Legacy(kind), edumis))
}

/// Reads the upload form: its CSRF token, which must come first (nothing is read further
/// without it), then the files, together at most [`MAX_UPLOAD_BYTES`].
async fn read_upload(signed: &Signed, mut form: Multipart) -> Result<Vec<Uploaded>, PageError> {
    super::multipart::check_csrf_first(signed, &mut form).await?;
    let mut files = Vec::new();
    let mut total = 0usize;
    while let Some(field) = form.next().await {
        let mut field = field.map_err(super::multipart::unreadable)?;
        let Some(name) =
            super::multipart::file_name_of(&field).filter(|_| field.name() == Some("files"))
        else {
            continue;
        };
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(super::multipart::unreadable)?;
            total += chunk.len();
            if total > MAX_UPLOAD_BYTES {
                return Err(PageError::BadInput(format!(
                    "The files are larger than {} MB together. Upload them one at a time.",
                    MAX_UPLOAD_BYTES / (1024 * 1024)
                )));
            }
            bytes.extend_from_slice(&chunk);
        }
        files.push(Uploaded { name, bytes });
    }
    if files.is_empty() {
        return Err(PageError::BadInput(
            "No file was chosen. Choose one or more of your return's files (for example LEAR6004.CSV) and upload again.".to_owned(),
        ));
    }
    Ok(files)
}

/// The header the page's script sends with an upload it shows the progress of: it is answered
/// with where to go next (an XMLHttpRequest would follow a redirect itself, and take the page's
/// one-time message with it).
const SCRIPTED_UPLOAD: &str = "DXP-Upload";

async fn upload(
    req: HttpRequest,
    signed: Signed,
    portal: web::Data<Portal>,
    id: web::Path<String>,
    form: Multipart,
) -> Result<HttpResponse, PageError> {
    signed.must_submit()?;
    let files = read_upload(&signed, form).await?;
    let submission = portal
        .service
        .find_submission(&signed.caller(), &id)
        .await?;
    // Every name is checked before anything is stored: a wrong file in the batch stores none.
    let mut sources = Vec::with_capacity(files.len());
    for file in &files {
        let (sdr_file, format, edumis) = source_of(&file.name).ok_or_else(|| {
            PageError::BadInput(format!(
                "'{}' is not named as a return's file. Name each file for what it holds and your organisation's number: LEAR{org}.CSV, ENRL{org}.CSV, REGT{org}.CSV, COURCOMP{org}.CSV, QUALCOMP{org}.CSV (or the STEO .txt names). Nothing was stored.",
                file.name,
                org = submission.organisation
            ))
        })?;
        if edumis != submission.organisation {
            return Err(PageError::BadInput(format!(
                "'{}' is for organisation {edumis}, but this return is organisation {}'s. Nothing was stored.",
                file.name, submission.organisation
            )));
        }
        sources.push((sdr_file, format));
    }
    let mut lines = Vec::new();
    let mut ok = true;
    for (file, source) in files.into_iter().zip(sources) {
        match portal
            .service
            .upload(
                &signed.caller(),
                &id,
                source,
                Cursor::new(file.bytes),
                DEFAULT_MAX_RECORDS_PER_REQUEST,
            )
            .await
        {
            Ok(done) => lines.push(format!(
                "{}: {} records read, {} stored, {} unchanged; {} errors and {} warnings found.",
                file.name,
                done.tally.received,
                done.stored,
                done.unchanged,
                done.tally.error_count,
                done.tally.warning_count
            )),
            Err(error) => {
                ok = false;
                lines.push(format!("{}: not stored. {error}", file.name));
            }
        }
    }
    signed.tell(Flash { ok, lines })?;
    let next = format!("/data-submissions/{id}");
    if req.headers().contains_key(SCRIPTED_UPLOAD) {
        return Ok(HttpResponse::Ok().content_type("text/plain").body(next));
    }
    Ok(see_other(&next))
}

// ---- problems ------------------------------------------------------------------------------

/// How many problems a page shows.
const PROBLEMS_PER_PAGE: i64 = 50;

#[derive(Debug, Default, Deserialize)]
pub(crate) struct ProblemQuery {
    file: Option<String>,
    rule: Option<String>,
    severity: Option<String>,
    after: Option<i64>,
}

impl ProblemQuery {
    fn filter(&self) -> Result<ProblemFilter, PageError> {
        let text = |value: &Option<String>| value.clone().filter(|text| !text.is_empty());
        Ok(ProblemFilter {
            file: text(&self.file)
                .map(|file| SdrFile::parse(&file).ok_or(PageError::NotFound))
                .transpose()?,
            rule: text(&self.rule).map(|rule| rule.trim().to_ascii_uppercase()),
            severity: match text(&self.severity).as_deref() {
                Some("error") => Some(Severity::Error),
                Some("warning") => Some(Severity::Warning),
                _ => None,
            },
            field: None,
            local_id: None,
        })
    }

    /// The query string of the same filter, without the page.
    fn filter_query(&self) -> String {
        serde_urlencoded::to_string([
            ("file", self.file.clone().unwrap_or_default()),
            ("rule", self.rule.clone().unwrap_or_default()),
            ("severity", self.severity.clone().unwrap_or_default()),
        ])
        .unwrap_or_default()
    }
}

struct ProblemLine {
    file: SdrFile,
    file_name: &'static str,
    local_id: String,
    learner: String,
    field: String,
    rule: String,
    severity: &'static str,
    message: String,
    /// Where to fix it: the record in the webform, when the file is one it keys in.
    fix: Option<String>,
}

/// The problems table, with its filters, as the page and its htmx fragment show it.
pub(crate) struct ProblemTable {
    id: String,
    lines: Vec<ProblemLine>,
    next: Option<String>,
    file: String,
    rule: String,
    severity: String,
    filter_query: String,
    files: Vec<(&'static str, &'static str)>,
}

fn problem_line(id: &str, problem: ReportedProblem) -> ProblemLine {
    ProblemLine {
        fix: Some(format!(
            "/data-submissions/{id}/files/{}/records/{}",
            problem.file.as_str(),
            urlencode(&problem.local_id)
        )),
        file: problem.file,
        file_name: file_name(problem.file),
        learner: problem.student_identification_code.unwrap_or_default(),
        local_id: problem.local_id,
        field: problem.field,
        rule: problem.rule,
        severity: match problem.severity {
            Severity::Error => "Error",
            Severity::Warning => "Warning",
        },
        message: problem.message,
    }
}

pub(crate) fn urlencode(text: &str) -> String {
    serde_urlencoded::to_string([("", text)])
        .map(|encoded| encoded.trim_start_matches('=').to_owned())
        .unwrap_or_default()
}

async fn problem_table(
    portal: &Portal,
    signed: &Signed,
    id: &str,
    query: &ProblemQuery,
) -> Result<ProblemTable, PageError> {
    let page = portal
        .service
        .problem_page(
            &signed.caller(),
            id,
            query.filter()?,
            PageRequest::new(query.after, PROBLEMS_PER_PAGE),
        )
        .await?;
    let filter_query = query.filter_query();
    Ok(ProblemTable {
        id: id.to_owned(),
        lines: page
            .items
            .into_iter()
            .map(|problem| problem_line(id, problem))
            .collect(),
        next: page
            .next
            .map(|after| format!("/data-submissions/{id}/problems?{filter_query}&after={after}")),
        file: query.file.clone().unwrap_or_default(),
        rule: query.rule.clone().unwrap_or_default(),
        severity: query.severity.clone().unwrap_or_default(),
        filter_query,
        files: SdrFile::EVERY
            .iter()
            .map(|file| (file.as_str(), file_name(*file)))
            .collect(),
    })
}

#[derive(Template)]
#[template(path = "problems.html")]
struct ProblemsPage {
    layout: Layout,
    round_name: String,
    problems: ProblemTable,
}

#[derive(Template)]
#[template(path = "problems_table.html")]
struct ProblemsFragment {
    problems: ProblemTable,
}

/// The problems, filtered: the table alone for htmx (the filters change it in place), or the
/// whole page.
async fn problems(
    req: HttpRequest,
    signed: Signed,
    portal: web::Data<Portal>,
    id: web::Path<String>,
    query: web::Query<ProblemQuery>,
) -> Result<HttpResponse, PageError> {
    let problems = problem_table(&portal, &signed, &id, &query).await?;
    if req.headers().contains_key("HX-Request") {
        return render(&ProblemsFragment { problems });
    }
    let submission = portal
        .service
        .find_submission(&signed.caller(), &id)
        .await?;
    render(&ProblemsPage {
        layout: layout(&signed, "Problems".to_owned()),
        round_name: round_name(&submission.round),
        problems,
    })
}

/// Every problem of the filter as CSV, a spreadsheet's columns.
async fn problems_csv(
    signed: Signed,
    portal: web::Data<Portal>,
    id: web::Path<String>,
    query: web::Query<ProblemQuery>,
) -> Result<HttpResponse, PageError> {
    let filter = query.filter()?;
    let mut out = csv::Writer::from_writer(Vec::new());
    let internal =
        |error: csv::Error| PageError::Internal(format!("cannot write the CSV: {error}"));
    out.write_record([
        "File", "Local id", "Learner", "Field", "Rule", "Severity", "Message",
    ])
    .map_err(internal)?;
    let mut after = None;
    loop {
        let page = portal
            .service
            .problem_page(
                &signed.caller(),
                &id,
                filter.clone(),
                PageRequest::new(after, 1000),
            )
            .await?;
        for problem in page.items {
            let line = problem_line(&id, problem);
            out.write_record([
                line.file.as_str(),
                &line.local_id,
                &line.learner,
                &line.field,
                &line.rule,
                line.severity,
                &line.message,
            ])
            .map_err(internal)?;
        }
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    let body = out
        .into_inner()
        .map_err(|error| PageError::Internal(format!("cannot write the CSV: {error}")))?;
    Ok(csv_download(&format!("problems-{id}.csv"), body))
}

#[derive(Template)]
#[template(path = "rule.html")]
struct RulePage {
    layout: Layout,
    rule: &'static dxp_domain::validation::Rule,
    severity: &'static str,
}

/// A rule of the registry, explained.
async fn rule(signed: Signed, code: web::Path<String>) -> Result<HttpResponse, PageError> {
    let rule = dxp_domain::validation::rule_by_code(&code.to_ascii_uppercase())
        .ok_or(PageError::NotFound)?;
    render(&RulePage {
        layout: Layout {
            guide: Some(("/guides/fixing-problems", "Reading and fixing problems")),
            ..layout(&signed, format!("Rule {}", rule.code))
        },
        severity: match rule.severity {
            Severity::Error => "Error",
            Severity::Warning => "Warning",
        },
        rule,
    })
}
