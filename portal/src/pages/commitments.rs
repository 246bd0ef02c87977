//! Commitments (Ngā tūtohu): the organisation's Mix of Provision and EPIC templates with their
//! state and due date; a MoP's webform (a row added with drop-downs, removed, or a CSV pasted),
//! its problems, allocation tolerance and totals recalculated on each change, its submission
//! (after confirming) and CSV export; an EPIC's Year 1–3 form; the history of versions and a
//! comparison of two; and for the TEC's staff, provisioning and the review (accept, or return
//! with a comment).

use std::collections::HashMap;

use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::NaiveDate;
use dxp_domain::Edumis;
use dxp_domain::commitments::check::parse_dollars;
use dxp_domain::commitments::compare::RowComparison;
use dxp_domain::commitments::{
    Column, ColumnKind, CommitmentState, Decision, Template as CommitmentTemplate,
};
use dxp_domain::insights::Cents;
use dxp_domain::validation::Severity;
use dxp_persistence::commitments::{StoredCommitment, StoredVersion};
use dxp_service::commitments::{CommitmentDetail, ProvisionRequest, RowsRequest};
use serde::Deserialize;

use super::submissions::urlencode;
use crate::Portal;
use crate::page::{
    Area, Flash, Layout, PageError, csv_download, nz_day, nz_time, render, see_other,
};
use crate::session::Signed;

pub fn configure(config: &mut web::ServiceConfig) {
    config
        .route("/commitments", web::get().to(list))
        .route("/commitments", web::post().to(provision))
        .route("/commitments/{id}", web::get().to(detail))
        .route("/commitments/{id}/rows", web::post().to(add_row))
        .route(
            "/commitments/{id}/rows/{row}/remove",
            web::post().to(remove_row),
        )
        .route("/commitments/{id}/epic", web::post().to(epic_values))
        .route("/commitments/{id}/csv", web::post().to(upload_csv))
        .route("/commitments/{id}/export", web::get().to(export))
        .route("/commitments/{id}/submit", web::post().to(submit))
        .route("/commitments/{id}/decision", web::post().to(decide))
        .route("/commitments/{id}/history", web::get().to(history));
}

fn layout(signed: &Signed, title: String) -> Layout {
    Layout::of(signed, Area::Commitments, title, None)
}

fn state_words(state: CommitmentState) -> &'static str {
    match state {
        CommitmentState::Provisioned => "Provisioned: to fill in",
        CommitmentState::Draft => "Draft: not submitted",
        CommitmentState::Submitted => "Submitted: with the TEC for review",
        CommitmentState::Accepted => "Accepted by the TEC",
        CommitmentState::Returned => "Returned by the TEC: correct it and submit again",
    }
}

/// A commitment as a line of the list.
struct Line {
    id: String,
    title: &'static str,
    organisation: i32,
    plan_year: i32,
    due: String,
    state: &'static str,
}

fn line(commitment: &StoredCommitment) -> Line {
    Line {
        id: commitment.id.clone(),
        title: commitment.template.title(),
        organisation: commitment.organisation.value(),
        plan_year: commitment.plan_year,
        due: nz_day(commitment.due_on),
        state: state_words(commitment.state),
    }
}

#[derive(Template)]
#[template(path = "commitments.html")]
struct ListPage {
    layout: Layout,
    flash: Option<Flash>,
    lines: Vec<Line>,
    is_funder: bool,
    templates: Vec<(&'static str, &'static str)>,
}

async fn list(signed: Signed, portal: web::Data<Portal>) -> Result<HttpResponse, PageError> {
    let asker = super::asker(&signed.user);
    let commitments = portal.service.commitments(&asker, None).await?;
    render(&ListPage {
        layout: layout(&signed, "Commitments".to_owned()),
        flash: signed.told(),
        lines: commitments.iter().map(line).collect(),
        is_funder: signed.user.is_funder(),
        templates: CommitmentTemplate::ALL
            .into_iter()
            .map(|template| (template.as_str(), template.title()))
            .collect(),
    })
}

#[derive(Deserialize)]
struct ProvisionForm {
    csrf: String,
    organisation: String,
    template: String,
    plan_year: String,
    due_on: String,
    allocation: Option<String>,
}

fn tell_refusal(signed: &Signed, error: dxp_service::ServiceError) -> Result<(), PageError> {
    let why = super::refusal(error)?;
    signed.tell(Flash {
        ok: false,
        lines: vec![why],
    })
}

async fn provision(
    signed: Signed,
    portal: web::Data<Portal>,
    form: web::Form<ProvisionForm>,
) -> Result<HttpResponse, PageError> {
    signed.check_csrf(&form.csrf)?;
    let bad =
        |what: &str| PageError::BadInput(format!("{what}: check it and send the form again."));
    let organisation = form
        .organisation
        .trim()
        .parse::<i64>()
        .ok()
        .and_then(|number| Edumis::new(number).ok())
        .ok_or_else(|| bad("The organisation is not an EDUMIS number"))?;
    let template: CommitmentTemplate = form.template.parse().map_err(|_| bad("The template"))?;
    let plan_year = form
        .plan_year
        .trim()
        .parse()
        .map_err(|_| bad("The plan year"))?;
    let due_on = NaiveDate::parse_from_str(form.due_on.trim(), "%Y-%m-%d")
        .map_err(|_| bad("The due date"))?;
    let allocation_cents = match form.allocation.as_deref().map(str::trim) {
        Some(text) if !text.is_empty() => Some(
            parse_dollars(text)
                .map_err(|why| PageError::BadInput(format!("Allocation: {why}.")))?,
        ),
        _ => None,
    };
    let request = ProvisionRequest {
        organisation,
        template,
        plan_year,
        due_on,
        allocation_cents,
    };
    match portal
        .service
        .provision_commitment(&super::asker(&signed.user), request)
        .await
    {
        Ok(commitment) => {
            signed.tell(Flash {
                ok: true,
                lines: vec![format!(
                    "Provisioned the {} {} for organisation {organisation}; its people were told.",
                    template.title(),
                    plan_year
                )],
            })?;
            Ok(see_other(&format!(
                "/commitments/{}",
                urlencode(&commitment.id)
            )))
        }
        Err(error) => {
            tell_refusal(&signed, error)?;
            Ok(see_other("/commitments"))
        }
    }
}

/// A column of the webform: its drop-down values for a choice.
struct FormColumn {
    name: &'static str,
    title: &'static str,
    mandatory: bool,
    choices: Vec<(&'static str, &'static str)>,
    hint: String,
}

fn form_column(column: &Column) -> Option<FormColumn> {
    let (choices, hint) = match column.kind {
        ColumnKind::Computed | ColumnKind::Fixed | ColumnKind::Measure => return None,
        ColumnKind::Choice(list) => (
            list.choices.iter().map(|c| (c.code, c.label)).collect(),
            String::new(),
        ),
        ColumnKind::Text { max } => (Vec::new(), format!("up to {max} characters")),
        ColumnKind::Decimal { places } => (
            Vec::new(),
            format!("a number above 0, up to {places} decimal places"),
        ),
        ColumnKind::Whole { min, max } => {
            (Vec::new(), format!("a whole number from {min} to {max}"))
        }
    };
    Some(FormColumn {
        name: column.name,
        title: column.title,
        mandatory: column.mandatory,
        choices,
        hint,
    })
}

/// A problem as the page lists it.
struct ProblemLine {
    rule: String,
    error: bool,
    place: String,
    message: String,
}

#[derive(Template)]
#[template(path = "commitment.html")]
struct DetailPage {
    layout: Layout,
    flash: Option<Flash>,
    c: StoredCommitment,
    title: &'static str,
    state: &'static str,
    due: String,
    is_epic: bool,
    may_edit: bool,
    may_submit: bool,
    may_decide: bool,
    headings: Vec<&'static str>,
    names: Vec<&'static str>,
    rows: Vec<(i64, Vec<String>)>,
    form_columns: Vec<FormColumn>,
    problems: Vec<ProblemLine>,
    error_count: usize,
    warning_count: usize,
    funded_value: String,
    unfunded_value: String,
    allocation: Option<String>,
    learner_hours: Option<String>,
    volume: Option<String>,
}

async fn detail(
    signed: Signed,
    portal: web::Data<Portal>,
    id: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let asker = super::asker(&signed.user);
    let CommitmentDetail {
        commitment,
        checked,
    } = portal.service.commitment(&asker, &id).await?;
    let template = commitment.template;
    let is_funder = signed.user.is_funder();
    let editable = matches!(
        commitment.state,
        CommitmentState::Provisioned | CommitmentState::Draft | CommitmentState::Returned
    );
    let may_edit = !is_funder && signed.user.may_submit() && editable;
    let names: Vec<&'static str> = template.columns().iter().map(|c| c.name).collect();
    let rows = checked
        .rows
        .iter()
        .map(|row| {
            (
                row.number,
                names
                    .iter()
                    .map(|name| row.values.get(*name).cloned().unwrap_or_default())
                    .collect(),
            )
        })
        .collect();
    let problems = checked
        .problems
        .iter()
        .map(|problem| ProblemLine {
            rule: problem.rule.clone(),
            error: problem.severity == Severity::Error,
            place: match (problem.index, problem.field.as_str()) {
                (0, "") => "The commitment".to_owned(),
                (0, field) => format!("The commitment, {field}"),
                (row, "") => format!("Row {row}"),
                (row, field) => format!("Row {row}, {field}"),
            },
            message: problem.message.clone(),
        })
        .collect();
    let totals = &checked.totals;
    render(&DetailPage {
        layout: layout(
            &signed,
            format!("{} {}", template.title(), commitment.plan_year),
        ),
        flash: signed.told(),
        title: template.title(),
        state: state_words(commitment.state),
        due: nz_day(commitment.due_on),
        is_epic: template.is_epic(),
        may_edit,
        may_submit: may_edit && commitment.state != CommitmentState::Provisioned,
        may_decide: is_funder && commitment.state == CommitmentState::Submitted,
        headings: template.columns().iter().map(|c| c.title).collect(),
        names,
        rows,
        form_columns: template.columns().iter().filter_map(form_column).collect(),
        problems,
        error_count: checked.error_count(),
        warning_count: checked.warning_count(),
        funded_value: Cents(totals.funded_value_cents).to_string(),
        unfunded_value: Cents(totals.unfunded_value_cents).to_string(),
        allocation: totals
            .allocation_cents
            .map(|cents| Cents(cents).to_string()),
        learner_hours: totals.learner_hours.map(|hours| hours.to_string()),
        volume: totals.volume.map(|volume| volume.to_string()),
        c: commitment,
    })
}

/// Runs a change of the organisation's commitment and goes back to its page, telling what it
/// did or why it was refused.
async fn changed(
    signed: &Signed,
    id: &str,
    done: Result<String, dxp_service::ServiceError>,
) -> Result<HttpResponse, PageError> {
    match done {
        Ok(line) => signed.tell(Flash {
            ok: true,
            lines: vec![line],
        })?,
        Err(error) => tell_refusal(signed, error)?,
    }
    Ok(see_other(&format!("/commitments/{}", urlencode(id))))
}

async fn add_row(
    signed: Signed,
    portal: web::Data<Portal>,
    id: web::Path<String>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, PageError> {
    let mut values = form.into_inner();
    signed.check_csrf(values.remove("csrf").as_deref().unwrap_or_default())?;
    signed.must_submit()?;
    let values = values
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .collect();
    let done = portal
        .service
        .change_commitment_rows(&super::asker(&signed.user), &id, RowsRequest::Add(values))
        .await
        .map(|detail| {
            format!(
                "Row added. The funded value is now {}.",
                Cents(detail.checked.totals.funded_value_cents)
            )
        });
    changed(&signed, &id, done).await
}

#[derive(Deserialize)]
struct CsrfForm {
    csrf: String,
}

async fn remove_row(
    signed: Signed,
    portal: web::Data<Portal>,
    path: web::Path<(String, i64)>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, PageError> {
    signed.check_csrf(&form.csrf)?;
    signed.must_submit()?;
    let (id, row) = path.into_inner();
    let done = portal
        .service
        .change_commitment_rows(&super::asker(&signed.user), &id, RowsRequest::Remove(row))
        .await
        .map(|_| format!("Row {row} removed."));
    changed(&signed, &id, done).await
}

async fn epic_values(
    signed: Signed,
    portal: web::Data<Portal>,
    id: web::Path<String>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, PageError> {
    let mut fields = form.into_inner();
    signed.check_csrf(fields.remove("csrf").as_deref().unwrap_or_default())?;
    signed.must_submit()?;
    let asker = super::asker(&signed.user);
    let current = portal.service.commitment(&asker, &id).await?;
    let mut changed_rows = 0;
    for row in &current.checked.rows {
        let mut values = std::collections::BTreeMap::new();
        for year in ["year1", "year2", "year3"] {
            if let Some(sent) = fields.get(&format!("r{}_{year}", row.number)) {
                let sent = sent.trim();
                if row.values.get(year).map(String::as_str).unwrap_or_default() != sent {
                    values.insert(year.to_owned(), sent.to_owned());
                }
            }
        }
        if values.is_empty() {
            continue;
        }
        if let Err(error) = portal
            .service
            .change_commitment_rows(&asker, &id, RowsRequest::Change(row.number, values))
            .await
        {
            return changed(&signed, &id, Err(error)).await;
        }
        changed_rows += 1;
    }
    changed(
        &signed,
        &id,
        Ok(format!("Saved the values of {changed_rows} rows.")),
    )
    .await
}

#[derive(Deserialize)]
struct CsvForm {
    csrf: String,
    csv: String,
}

async fn upload_csv(
    signed: Signed,
    portal: web::Data<Portal>,
    id: web::Path<String>,
    form: web::Form<CsvForm>,
) -> Result<HttpResponse, PageError> {
    signed.check_csrf(&form.csrf)?;
    signed.must_submit()?;
    let done = portal
        .service
        .upload_commitment_csv(&super::asker(&signed.user), &id, form.csv.clone())
        .await
        .map(|upload| {
            let mut line = format!(
                "The CSV's {} rows replaced the MoP's rows. The funded value is now {}.",
                upload.detail.checked.rows.len(),
                Cents(upload.detail.checked.totals.funded_value_cents)
            );
            if !upload.ignored_columns.is_empty() {
                line.push_str(&format!(
                    " Its computed columns ({}) were ignored and computed afresh.",
                    upload.ignored_columns.join(", ")
                ));
            }
            line
        });
    changed(&signed, &id, done).await
}

async fn export(
    signed: Signed,
    portal: web::Data<Portal>,
    id: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let export = portal
        .service
        .export_commitment_csv(&super::asker(&signed.user), &id)
        .await?;
    Ok(csv_download(&export.file_name, export.text))
}

#[derive(Deserialize)]
struct SubmitForm {
    csrf: String,
    confirm: Option<String>,
}

async fn submit(
    signed: Signed,
    portal: web::Data<Portal>,
    id: web::Path<String>,
    form: web::Form<SubmitForm>,
) -> Result<HttpResponse, PageError> {
    signed.check_csrf(&form.csrf)?;
    signed.must_submit()?;
    if form.confirm.as_deref() != Some("yes") {
        return changed(
            &signed,
            &id,
            Ok("Not submitted: tick the box to confirm you reviewed the summary.".to_owned()),
        )
        .await;
    }
    let done = portal
        .service
        .submit_commitment(&super::asker(&signed.user), &id)
        .await
        .map(|version| format!("Submitted to the TEC for review as version {version}."));
    changed(&signed, &id, done).await
}

#[derive(Deserialize)]
struct DecisionForm {
    csrf: String,
    version: i32,
    decision: String,
    comment: Option<String>,
}

async fn decide(
    signed: Signed,
    portal: web::Data<Portal>,
    id: web::Path<String>,
    form: web::Form<DecisionForm>,
) -> Result<HttpResponse, PageError> {
    signed.check_csrf(&form.csrf)?;
    let decision = match form.decision.as_str() {
        "accept" => Decision::Accepted,
        "return" => Decision::Returned,
        _ => return Err(PageError::BadInput("Choose accept or return.".to_owned())),
    };
    let done = portal
        .service
        .decide_commitment(
            &super::asker(&signed.user),
            &id,
            form.version,
            decision,
            form.comment.clone(),
        )
        .await
        .map(|_| match decision {
            Decision::Accepted => format!(
                "Version {} accepted; the organisation was told.",
                form.version
            ),
            Decision::Returned => format!(
                "Version {} returned with your comment; the organisation was told.",
                form.version
            ),
        });
    changed(&signed, &id, done).await
}

/// A version as the history lists it.
struct VersionLine {
    version: i32,
    submitted: String,
    submitted_by: String,
    funded_value: String,
    decision: String,
    comment: String,
}

fn version_line(version: &StoredVersion) -> VersionLine {
    VersionLine {
        version: version.version,
        submitted: nz_time(version.submitted_at),
        submitted_by: version.submitted_by.clone(),
        funded_value: Cents(version.funded_value_cents).to_string(),
        decision: match &version.decision {
            None => "Under review".to_owned(),
            Some(decided) => format!(
                "{} by {}, {}",
                match decided.decision {
                    Decision::Accepted => "Accepted",
                    Decision::Returned => "Returned",
                },
                decided.decided_by,
                nz_time(decided.decided_at)
            ),
        },
        comment: version
            .decision
            .as_ref()
            .and_then(|decided| decided.comment.clone())
            .unwrap_or_default(),
    }
}

#[derive(Template)]
#[template(path = "commitment_history.html")]
struct HistoryPage {
    layout: Layout,
    id: String,
    title: String,
    versions: Vec<VersionLine>,
    compared: Option<(i32, i32, Vec<RowComparison>)>,
}

#[derive(Deserialize)]
struct CompareQuery {
    from: Option<i32>,
    to: Option<i32>,
}

async fn history(
    signed: Signed,
    portal: web::Data<Portal>,
    id: web::Path<String>,
    query: web::Query<CompareQuery>,
) -> Result<HttpResponse, PageError> {
    let asker = super::asker(&signed.user);
    let (commitment, versions) = portal.service.commitment_versions(&asker, &id).await?;
    let compared = match (query.from, query.to) {
        (Some(from), Some(to)) => Some((
            from,
            to,
            portal
                .service
                .compare_commitment_versions(&asker, &id, from, to)
                .await?,
        )),
        _ => None,
    };
    let title = format!("{} {}", commitment.template.title(), commitment.plan_year);
    render(&HistoryPage {
        layout: layout(&signed, format!("History: {title}")),
        id: commitment.id,
        title,
        versions: versions.iter().map(version_line).collect(),
        compared,
    })
}
