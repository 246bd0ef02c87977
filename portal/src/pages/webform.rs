//! The webform: one record of any SDR file added, changed or deleted in a form whose fields
//! come from the file's schema and whose errors come from the same rules as an upload's, for
//! the small provider with a handful of learners and no student management system.
//!
//! The form is the record as one row of its DXP CSV file (dates `DD/MM/YYYY`, flags `Y`/`N`,
//! lists separated by `;`): saving uploads that row, so a keyed-in record is read and checked
//! exactly as an uploaded one.

use std::io::Cursor;

use actix_web::{HttpResponse, web};
use askama::Template;
use dxp_domain::SdrFile;
use dxp_domain::fields::{FieldKind, FieldSpec, fields};
use dxp_domain::submission::SubmissionStatus;
use dxp_domain::validation::{Scope as RuleScope, rule_by_code};
use dxp_persistence::paging::PageRequest;
use dxp_service::ServiceError;
use dxp_service::ingest::Format;
use dxp_service::problem_report::ProblemFilter;
use dxp_service::upload::DEFAULT_MAX_RECORDS_PER_REQUEST;

use super::dashboard::round_name;
use super::submissions::{file_name, urlencode};
use crate::Portal;
use crate::page::Flash;
use crate::page::{Area, Layout, PageError, render, see_other};
use crate::session::Signed;

pub fn configure(config: &mut web::ServiceConfig) {
    config
        .route(
            "/data-submissions/{id}/files/{file}/records",
            web::get().to(records),
        )
        .route(
            "/data-submissions/{id}/files/{file}/records",
            web::post().to(save),
        )
        .route(
            "/data-submissions/{id}/files/{file}/records/new",
            web::get().to(new_record),
        )
        .route(
            "/data-submissions/{id}/files/{file}/records/{local_id}",
            web::get().to(edit_record),
        )
        .route(
            "/data-submissions/{id}/files/{file}/records/{local_id}/delete",
            web::post().to(delete),
        );
}

fn layout(signed: &Signed, title: String) -> Layout {
    Layout::of(
        signed,
        Area::Submissions,
        title,
        Some((
            "/guides/keying-in-records",
            "Keying in records with the webform",
        )),
    )
}

fn file_of(slug: &str) -> Result<SdrFile, PageError> {
    SdrFile::parse(slug).ok_or(PageError::NotFound)
}

/// A file's records can be changed while its return takes changed records, as the
/// submission's life (`dxp_domain::submission`) says.
pub(super) fn changeable(status: SubmissionStatus) -> bool {
    status
        .apply(dxp_domain::submission::SubmissionEvent::RecordsChanged)
        .is_ok()
}

// ---- the records of a file -----------------------------------------------------------------

/// How many records a page of the list shows.
const RECORDS_PER_PAGE: i64 = 50;
/// How many of a record's first fields the list shows beside its local id.
const LISTED_FIELDS: usize = 4;

struct RecordLine {
    local_id: String,
    link: String,
    cells: Vec<String>,
}

#[derive(Template)]
#[template(path = "records.html")]
struct RecordsPage {
    layout: Layout,
    id: String,
    round_name: String,
    slug: &'static str,
    name: &'static str,
    titles: Vec<&'static str>,
    lines: Vec<RecordLine>,
    next: Option<String>,
    may_change: bool,
    flash: Option<Flash>,
}

#[derive(serde::Deserialize)]
struct RecordsQuery {
    after: Option<String>,
}

async fn records(
    signed: Signed,
    portal: web::Data<Portal>,
    path: web::Path<(String, String)>,
    query: web::Query<RecordsQuery>,
) -> Result<HttpResponse, PageError> {
    let (id, slug) = path.into_inner();
    let file = file_of(&slug)?;
    let submission = portal
        .service
        .find_submission(&signed.caller(), &id)
        .await?;
    let page = portal
        .service
        .record_page(
            &signed.caller(),
            &id,
            file,
            query.after.clone(),
            RECORDS_PER_PAGE,
        )
        .await?;
    let specs = &fields(file)[1..];
    let mut lines = Vec::with_capacity(page.records.len());
    for (local_id, json) in page.records {
        let cells = cells_of(file, &json)?;
        lines.push(RecordLine {
            link: format!(
                "/data-submissions/{id}/files/{}/records/{}",
                file.as_str(),
                urlencode(&local_id)
            ),
            local_id,
            cells: cells.into_iter().skip(1).take(LISTED_FIELDS).collect(),
        });
    }
    render(&RecordsPage {
        layout: layout(&signed, file_name(file).to_owned()),
        round_name: round_name(&submission.round),
        slug: file.as_str(),
        name: file_name(file),
        titles: specs
            .iter()
            .take(LISTED_FIELDS)
            .map(|spec| spec.title)
            .collect(),
        lines,
        next: page.next.map(|after| {
            format!(
                "/data-submissions/{id}/files/{}/records?after={}",
                file.as_str(),
                urlencode(&after)
            )
        }),
        may_change: signed.user.may_submit() && changeable(submission.status),
        flash: signed.told(),
        id,
    })
}

/// A stored record's values as the cells of its CSV row, in [`fields`] order.
fn cells_of(file: SdrFile, json: &str) -> Result<Vec<String>, PageError> {
    let mut writer = dxp_formats::CsvWriter::new(file, Vec::new());
    let written = writer
        .write_json(json)
        .and_then(|()| writer.finish())
        .map_err(|error| {
            PageError::Internal(format!("a stored record cannot be shown: {error}"))
        })?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(written.as_slice());
    let row = reader
        .records()
        .next()
        .transpose()
        .map_err(|error| PageError::Internal(format!("a stored record cannot be shown: {error}")))?
        .unwrap_or_default();
    Ok(row.iter().map(str::to_owned).collect())
}

// ---- one record's form ---------------------------------------------------------------------

/// One field of the form: its spec, the value shown, and the problems found with it.
struct FormField {
    spec: &'static FieldSpec,
    value: String,
    problems: Vec<String>,
    hint: String,
    /// The field's closed list of codes, as (code, meaning); empty for a free field.
    choices: Vec<(String, String)>,
}

impl FormField {
    fn input_mode(&self) -> &'static str {
        match self.spec.kind {
            FieldKind::Integer => "numeric",
            FieldKind::Decimal => "decimal",
            _ => "text",
        }
    }
}

/// What a field offers to choose from: yes or no for a flag, the code list of a coded field (a
/// value stored that is not on the list stays offered, so editing never loses it).
fn choices_of(file: SdrFile, spec: &FieldSpec, value: Option<&str>) -> Vec<(String, String)> {
    let mut choices: Vec<(String, String)> = if spec.kind == FieldKind::Boolean {
        [("Y", "Yes"), ("N", "No")]
            .into_iter()
            .map(|(code, meaning)| (code.to_owned(), meaning.to_owned()))
            .collect()
    } else if let Some(codes) = dxp_domain::codes::code_list(file, spec.name) {
        codes
            .into_iter()
            .map(|(code, meaning)| (code.clone(), format!("{code}: {meaning}")))
            .collect()
    } else {
        return Vec::new();
    };
    if let Some(value) = value.filter(|value| !value.is_empty())
        && !choices.iter().any(|(code, _)| code == value)
    {
        choices.push((value.to_owned(), format!("{value} (not on the list)")));
    }
    choices.insert(0, (String::new(), "Not given".to_owned()));
    choices
}

/// What a person is told to write in a field of this kind.
fn hint_of(spec: &FieldSpec) -> String {
    let how = match spec.kind {
        FieldKind::Text => "",
        FieldKind::Integer => "A whole number.",
        FieldKind::Decimal => "A number, for example 0.125.",
        FieldKind::Boolean => "",
        FieldKind::DateTime => "A date as DD/MM/YYYY, for example 23/02/2026.",
        FieldKind::DecimalList => "Numbers separated by ; for example 0.1;0.1;0.05.",
        FieldKind::TextList => "Codes separated by ; for example 111;211.",
        FieldKind::IntegerList => "Whole numbers separated by ;",
    };
    if spec.required {
        format!("Required. {how}").trim().to_owned()
    } else {
        how.to_owned()
    }
}

#[derive(Template)]
#[template(path = "record_form.html")]
struct RecordForm {
    layout: Layout,
    id: String,
    round_name: String,
    slug: &'static str,
    name: &'static str,
    /// `None` for a new record.
    editing: Option<String>,
    form_fields: Vec<FormField>,
    /// Problems with the record as a whole.
    record_problems: Vec<String>,
    /// What happened, when the form is shown again after saving.
    notice: Option<Flash>,
    may_change: bool,
}

fn form_fields(file: SdrFile, values: &[String], problems: &[(String, String)]) -> Vec<FormField> {
    fields(file)
        .iter()
        .enumerate()
        .map(|(at, spec)| FormField {
            spec,
            value: values.get(at).cloned().unwrap_or_default(),
            problems: problems
                .iter()
                .filter(|(field, _)| field == spec.name)
                .map(|(_, message)| message.clone())
                .collect(),
            hint: hint_of(spec),
            choices: choices_of(file, spec, values.get(at).map(String::as_str)),
        })
        .collect()
}

async fn new_record(
    signed: Signed,
    portal: web::Data<Portal>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, PageError> {
    let (id, slug) = path.into_inner();
    let file = file_of(&slug)?;
    signed.must_submit()?;
    let submission = portal
        .service
        .find_submission(&signed.caller(), &id)
        .await?;
    render(&RecordForm {
        layout: layout(&signed, format!("Add a record: {}", file_name(file))),
        round_name: round_name(&submission.round),
        slug: file.as_str(),
        name: file_name(file),
        editing: None,
        form_fields: form_fields(file, &[], &[]),
        record_problems: Vec::new(),
        notice: None,
        may_change: changeable(submission.status),
        id,
    })
}

async fn edit_record(
    signed: Signed,
    portal: web::Data<Portal>,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, PageError> {
    let (id, slug, local_id) = path.into_inner();
    let file = file_of(&slug)?;
    let submission = portal
        .service
        .find_submission(&signed.caller(), &id)
        .await?;
    let json = portal
        .service
        .record(&signed.caller(), &id, file, &local_id)
        .await?
        .ok_or(PageError::NotFound)?;
    let values = cells_of(file, &json)?;
    let problems = record_problems(&portal, &signed, &id, file, &local_id).await?;
    show_form(
        &signed,
        &submission,
        file,
        Some(local_id),
        &values,
        problems,
        signed.told(),
    )
}

/// The problems held for one record, as (field, message): the upload's and the last
/// validation's.
async fn record_problems(
    portal: &Portal,
    signed: &Signed,
    id: &str,
    file: SdrFile,
    local_id: &str,
) -> Result<Vec<(String, String)>, PageError> {
    let page = portal
        .service
        .problem_page(
            &signed.caller(),
            id,
            ProblemFilter {
                file: Some(file),
                local_id: Some(local_id.to_owned()),
                ..Default::default()
            },
            PageRequest::new(None, 200),
        )
        .await?;
    Ok(page
        .items
        .into_iter()
        .map(|problem| {
            let message = format!(
                "{} ({}): {}",
                severity_word(problem.severity),
                problem.rule,
                problem.message
            );
            (problem.field, message)
        })
        .collect())
}

fn show_form(
    signed: &Signed,
    submission: &dxp_persistence::submissions::Submission,
    file: SdrFile,
    editing: Option<String>,
    values: &[String],
    problems: Vec<(String, String)>,
    notice: Option<Flash>,
) -> Result<HttpResponse, PageError> {
    let field_names: Vec<&str> = fields(file).iter().map(|spec| spec.name).collect();
    let record_problems = problems
        .iter()
        .filter(|(field, _)| !field_names.contains(&field.as_str()))
        .map(|(_, message)| message.clone())
        .collect();
    render(&RecordForm {
        layout: layout(
            signed,
            match &editing {
                Some(local_id) => format!("Record {local_id}: {}", file_name(file)),
                None => format!("Add a record: {}", file_name(file)),
            },
        ),
        id: submission.id.clone(),
        round_name: round_name(&submission.round),
        slug: file.as_str(),
        name: file_name(file),
        editing,
        form_fields: form_fields(file, values, &problems),
        record_problems,
        notice,
        may_change: signed.user.may_submit() && changeable(submission.status),
    })
}

/// Saves the form's record: written as one row of the file's CSV and uploaded, so it is read
/// and checked as an uploaded record is. A record with problems is kept with them (as an
/// upload's would be) and the form shows them beside their fields; a row that cannot be read at
/// all is refused and the form keeps what was typed.
async fn save(
    signed: Signed,
    portal: web::Data<Portal>,
    path: web::Path<(String, String)>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, PageError> {
    let (id, slug) = path.into_inner();
    let file = file_of(&slug)?;
    let form = form.into_inner();
    let sent = |name: &str| {
        form.iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.trim().to_owned())
            .unwrap_or_default()
    };
    signed.check_csrf(&sent("csrf"))?;
    signed.must_submit()?;
    let submission = portal
        .service
        .find_submission(&signed.caller(), &id)
        .await?;
    let editing = Some(sent("editing")).filter(|local_id| !local_id.is_empty());
    let values: Vec<String> = fields(file)
        .iter()
        .map(|spec| match (&editing, spec.name) {
            // A record's local id is what it is found by: editing keeps it.
            (Some(local_id), "localId") => local_id.clone(),
            _ => sent(spec.name),
        })
        .collect();
    let local_id = values.first().cloned().unwrap_or_default();
    if local_id.is_empty() {
        return show_form(
            &signed,
            &submission,
            file,
            editing,
            &values,
            vec![(
                "localId".to_owned(),
                "Give the record a local id: your own code for it, unique in the file (for example LRN-0001).".to_owned(),
            )],
            None,
        );
    }
    let csv = one_row_csv(file, &values)?;
    // A value that cannot be read (not a date, not a number) would be stored without it: the
    // form is refused instead, keeping what was typed, and nothing is stored.
    let check = portal
        .service
        .dry_run(
            (file, Format::Csv),
            Cursor::new(csv.clone()),
            Some(submission.round.year),
            DEFAULT_MAX_RECORDS_PER_REQUEST,
        )
        .await?;
    let unreadable: Vec<(String, String)> = check
        .tally
        .problems
        .iter()
        .filter(|problem| {
            rule_by_code(&problem.rule).is_some_and(|rule| rule.scope == RuleScope::CsvFile)
        })
        .map(|problem| (problem.field.clone(), plain_problem(problem)))
        .collect();
    if !unreadable.is_empty() {
        return show_form(
            &signed,
            &submission,
            file,
            editing,
            &values,
            unreadable,
            Some(Flash {
                ok: false,
                lines: vec![
                    "The record was not saved: fix what is marked and save again.".to_owned(),
                ],
            }),
        );
    }
    let outcome = portal
        .service
        .upload(
            &signed.caller(),
            &id,
            (file, Format::Csv),
            Cursor::new(csv),
            DEFAULT_MAX_RECORDS_PER_REQUEST,
        )
        .await;
    let upload = match outcome {
        Ok(upload) => upload,
        Err(
            refused @ (ServiceError::BadInput(_)
            | ServiceError::TooLarge(_)
            | ServiceError::NotNow(_)
            | ServiceError::Refused(_)
            | ServiceError::Rejected(_)
            | ServiceError::Unacceptable(_)),
        ) => {
            return show_form(
                &signed,
                &submission,
                file,
                editing,
                &values,
                Vec::new(),
                Some(Flash {
                    ok: false,
                    lines: vec![format!("The record was not saved. {refused}")],
                }),
            );
        }
        Err(failure) => return Err(failure.into()),
    };
    if upload.stored + upload.unchanged == 0 {
        let problems = upload
            .tally
            .problems
            .iter()
            .map(|problem| {
                (
                    problem.field.clone(),
                    format!(
                        "{} ({}): {}",
                        severity_word(problem.severity),
                        problem.rule,
                        problem.message
                    ),
                )
            })
            .collect();
        return show_form(
            &signed,
            &submission,
            file,
            editing,
            &values,
            problems,
            Some(Flash {
                ok: false,
                lines: vec![
                    "The record was not saved: fix what is marked and save again.".to_owned(),
                ],
            }),
        );
    }
    let problems = upload.tally.error_count + upload.tally.warning_count;
    signed.tell(Flash {
            ok: upload.tally.error_count == 0,
            lines: vec![if problems == 0 {
                format!("Record {local_id} saved. Validate the return again when you have finished your changes.")
            } else {
                format!(
                    "Record {local_id} saved with {} errors and {} warnings, shown beside their fields.",
                    upload.tally.error_count, upload.tally.warning_count
                )
            }],
        },
    )?;
    Ok(see_other(&format!(
        "/data-submissions/{id}/files/{}/records/{}",
        file.as_str(),
        urlencode(&local_id)
    )))
}

/// A problem as the form shows it beside its field.
fn plain_problem(problem: &dxp_domain::validation::Problem) -> String {
    format!(
        "{} ({}): {}",
        severity_word(problem.severity),
        problem.rule,
        problem.message
    )
}

fn severity_word(severity: dxp_domain::Severity) -> &'static str {
    match severity {
        dxp_domain::Severity::Error => "Error",
        dxp_domain::Severity::Warning => "Warning",
    }
}

/// The file's header and one row of `values`, in [`fields`] order.
fn one_row_csv(file: SdrFile, values: &[String]) -> Result<Vec<u8>, PageError> {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let internal =
        |error: csv::Error| PageError::Internal(format!("cannot write the record: {error}"));
    out.write_record(fields(file).iter().map(|spec| spec.title))
        .map_err(internal)?;
    out.write_record(values).map_err(internal)?;
    out.into_inner()
        .map_err(|error| PageError::Internal(format!("cannot write the record: {error}")))
}

#[derive(serde::Deserialize)]
struct DeleteForm {
    csrf: String,
}

async fn delete(
    signed: Signed,
    portal: web::Data<Portal>,
    path: web::Path<(String, String, String)>,
    form: web::Form<DeleteForm>,
) -> Result<HttpResponse, PageError> {
    let (id, slug, local_id) = path.into_inner();
    let file = file_of(&slug)?;
    signed.check_csrf(&form.csrf)?;
    signed.must_submit()?;
    portal
        .service
        .delete_record(&signed.caller(), &id, file, &local_id)
        .await?;
    signed.tell(Flash {
        ok: true,
        lines: vec![format!("Record {local_id} deleted.")],
    })?;
    Ok(see_other(&format!(
        "/data-submissions/{id}/files/{}/records",
        file.as_str()
    )))
}
