//! Commitments (`/api/v1/commitments`): the Mix of Provision (MoP) and EPIC templates the
//! funder provisions per organisation, fund and plan year. The organisation fills one in
//! (MoP rows one by one or as CSV; EPIC Year 1–3 values), submits it as a numbered version, and
//! exports a MoP as CSV; the funder loads funding rates and accepts or returns a version.
//! Money is carried as dollars in decimal strings (`"3625.00"`), never floats.

use std::collections::BTreeMap;

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpResponse, delete, get, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use dxp_domain::commitments::check::{Checked, dollars, parse_dollars};
use dxp_domain::commitments::compare::RowComparison;
use dxp_domain::commitments::{ColumnKind, CommitmentState, Decision, Template};
use dxp_domain::{Edumis, Problem};
use dxp_persistence::commitments::{StoredCommitment, StoredVersion};
use dxp_service::commitments::{CommitmentDetail, ProvisionRequest, RowsRequest};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::users::asker;
use crate::auth::{Authorized, CanRead, CanWrite};
use crate::{ApiError, AppState, Problem as ProblemBody};

/// A commitment to provision, as the funder gives it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schema(example = json!({"organisation": 6004, "template": "ace-in-schools", "planYear": 2027, "dueOn": "2026-07-03", "allocation": "150000.00"}))]
pub struct ProvisionInput {
    /// The organisation's EDUMIS number.
    pub organisation: i64,
    pub template: Template,
    #[schema(minimum = 2000, maximum = 2100)]
    pub plan_year: i32,
    /// The day the organisation is to submit it by.
    pub due_on: NaiveDate,
    /// The organisation's allocation for the fund and year, in dollars (`"150000.00"`), for the
    /// allocation tolerance (MOP-009, MOP-010); ignored for the EPIC.
    pub allocation: Option<String>,
}

/// A commitment, without its rows.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CommitmentSummary {
    pub id: String,
    pub organisation: i32,
    pub template: Template,
    /// What the template is called.
    pub title: String,
    /// The fund its funding rates are loaded for.
    pub fund: String,
    pub plan_year: i32,
    pub due_on: NaiveDate,
    /// `Provisioned`, `Draft`, `Submitted`, `Accepted` or `Returned`.
    pub state: CommitmentState,
    /// The allocation in dollars; `null` when the funder gave none.
    #[schema(required = true)]
    pub allocation: Option<String>,
    /// The latest submitted version; 0 before the first submission.
    pub latest_version: i32,
    pub provisioned_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub href: String,
}

impl From<&StoredCommitment> for CommitmentSummary {
    fn from(commitment: &StoredCommitment) -> Self {
        CommitmentSummary {
            id: commitment.id.clone(),
            organisation: commitment.organisation.value(),
            template: commitment.template,
            title: commitment.template.title().to_owned(),
            fund: commitment.fund.clone(),
            plan_year: commitment.plan_year,
            due_on: commitment.due_on,
            state: commitment.state,
            allocation: commitment.allocation_cents.map(dollars),
            latest_version: commitment.latest_version,
            provisioned_at: commitment.provisioned_at,
            updated_at: commitment.updated_at,
            href: format!("/api/v1/commitments/{}", commitment.id),
        }
    }
}

/// One row and its values by column name, the computed columns filled.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RowView {
    /// The row's number: stable while the commitment is edited; an upload numbers from 1.
    pub row: i64,
    pub values: BTreeMap<String, String>,
}

/// A commitment's totals, in dollars and volumes as decimal strings.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TotalsView {
    pub rows: usize,
    /// Σ total intended learner hours (ACE, ILN/WLN/ELT); `null` for the others.
    #[schema(required = true)]
    pub total_intended_learner_hours: Option<String>,
    /// Σ EFTS (DQ families) or standard training measures (work-based modes).
    #[schema(required = true)]
    pub total_volume: Option<String>,
    /// Σ funded value of the funded rows.
    pub funded_value: String,
    /// Σ value of the Plan-agreed unfunded rows.
    pub unfunded_value: String,
    #[schema(required = true)]
    pub allocation: Option<String>,
    /// The funded value as a percentage of the allocation, one decimal place.
    #[schema(required = true)]
    pub percent_of_allocation: Option<String>,
}

/// A commitment with its rows, totals and problems (checked against the rates loaded now).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CommitmentView {
    #[serde(flatten)]
    pub commitment: CommitmentSummary,
    pub rows: Vec<RowView>,
    pub totals: TotalsView,
    /// Errors and warnings; a problem's `index` is its row (0: the commitment as a whole).
    pub problems: Vec<Problem>,
    pub error_count: usize,
    pub warning_count: usize,
}

fn totals_view(checked: &Checked) -> TotalsView {
    let totals = &checked.totals;
    TotalsView {
        rows: totals.rows,
        total_intended_learner_hours: totals.learner_hours.map(|hours| hours.to_string()),
        total_volume: totals.volume.map(|volume| volume.to_string()),
        funded_value: dollars(totals.funded_value_cents),
        unfunded_value: dollars(totals.unfunded_value_cents),
        allocation: totals.allocation_cents.map(dollars),
        percent_of_allocation: totals.per_mille_of_allocation().map(|per_mille| {
            dxp_domain::commitments::check::Fixed {
                units: i128::from(per_mille),
                places: 1,
            }
            .to_string()
        }),
    }
}

impl From<CommitmentDetail> for CommitmentView {
    fn from(detail: CommitmentDetail) -> Self {
        CommitmentView {
            commitment: CommitmentSummary::from(&detail.commitment),
            totals: totals_view(&detail.checked),
            error_count: detail.checked.error_count(),
            warning_count: detail.checked.warning_count(),
            rows: detail
                .checked
                .rows
                .into_iter()
                .map(|row| RowView {
                    row: row.number,
                    values: row.values,
                })
                .collect(),
            problems: detail.checked.problems,
        }
    }
}

/// The commitments the caller sees.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CommitmentList {
    /// The earliest due first.
    pub commitments: Vec<CommitmentSummary>,
}

/// A row's values by column name: text, or numbers for the numeric columns. Computed columns
/// sent are ignored.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schema(example = json!({"values": {"courseTitle": "Te reo for whānau", "regionOfDelivery": "Otago", "priorityProvision1": "TEREO", "targetPriorityGroup": "MAORI", "hoursPerLearner": "12.50", "numberOfLearners": 20}}))]
pub struct RowInput {
    #[schema(value_type = Object)]
    pub values: BTreeMap<String, serde_json::Value>,
}

fn row_values(input: RowInput) -> Result<BTreeMap<String, String>, ApiError> {
    input
        .values
        .into_iter()
        .filter_map(|(name, value)| match value {
            serde_json::Value::Null => None,
            serde_json::Value::String(text) => Some(Ok((name, text))),
            serde_json::Value::Number(number) => Some(Ok((name, number.to_string()))),
            // Well-formed JSON the row cannot hold: unprocessable, like a value the rules refuse.
            other => Some(Err(ApiError::Unprocessable(format!(
                "values.{name}: {other} is not text or a number"
            )))),
        })
        .collect()
}

/// A submitted version: what the funder reviews.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct VersionView {
    pub version: i32,
    pub submitted_by: String,
    pub submitted_at: DateTime<Utc>,
    pub funded_value: String,
    pub unfunded_value: String,
    #[schema(required = true)]
    pub allocation: Option<String>,
    pub warning_count: i32,
    /// `null` while under review.
    #[schema(required = true)]
    pub decision: Option<Decision>,
    #[schema(required = true)]
    pub comment: Option<String>,
    #[schema(required = true)]
    pub decided_by: Option<String>,
    #[schema(required = true)]
    pub decided_at: Option<DateTime<Utc>>,
    /// The rows as submitted (only when one version is asked for).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rows: Option<Vec<RowView>>,
}

fn version_view(version: StoredVersion, with_rows: bool) -> VersionView {
    let decision = version.decision.as_ref();
    VersionView {
        version: version.version,
        submitted_by: version.submitted_by.clone(),
        submitted_at: version.submitted_at,
        funded_value: dollars(version.funded_value_cents),
        unfunded_value: dollars(version.unfunded_value_cents),
        allocation: version.allocation_cents.map(dollars),
        warning_count: version.warning_count,
        decision: decision.map(|d| d.decision),
        comment: decision.and_then(|d| d.comment.clone()),
        decided_by: decision.map(|d| d.decided_by.clone()),
        decided_at: decision.map(|d| d.decided_at),
        rows: with_rows.then(|| {
            version
                .rows
                .into_iter()
                .map(|(row, values)| RowView { row, values })
                .collect()
        }),
    }
}

/// A commitment's history.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct VersionList {
    pub commitment: CommitmentSummary,
    /// The first first.
    pub versions: Vec<VersionView>,
}

/// Two versions compared.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    pub from: i32,
    pub to: i32,
    /// The rows that differ, by row number; equal rows are left out.
    pub rows: Vec<RowComparison>,
}

/// The funder's comment on a decision.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schema(example = json!({"comment": "Year 2 graduates look low against your Plan: check them"}))]
pub struct DecisionInput {
    /// Required to return a version; optional to accept one. At most 2000 characters.
    #[schema(max_length = 2000)]
    pub comment: Option<String>,
}

/// A MoP CSV taken.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CsvUploaded {
    /// The computed columns the file had, which were ignored and computed afresh.
    pub ignored_columns: Vec<String>,
    pub commitment: CommitmentView,
}

/// One funding rate.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FundingRateView {
    pub fund: String,
    pub plan_year: i32,
    pub category: String,
    pub mode: String,
    /// Dollars per unit of volume (learner hour, EFTS or standard training measure).
    pub rate: String,
}

/// The funding rates loaded.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FundingRateList {
    pub rates: Vec<FundingRateView>,
}

/// Which subject grouping an SDR funding category's DQ3-7 delivery is valued at.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SubjectGroupingView {
    /// As an enrolment carries it, such as `A1`.
    #[schema(example = "A1")]
    pub funding_category: String,
    /// `SG1` to `SG6`: the funding category of the rates.
    #[schema(example = "SG2")]
    pub subject_grouping: String,
}

/// The subject groupings loaded.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SubjectGroupingList {
    pub groupings: Vec<SubjectGroupingView>,
}

/// A value of a closed list.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ChoiceView {
    pub code: String,
    pub label: String,
}

/// A column of a template.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ColumnView {
    pub name: String,
    pub title: String,
    /// `text`, `choice`, `decimal`, `whole`, `computed`, `pre-populated` or `measure`.
    pub kind: String,
    pub mandatory: bool,
    #[schema(required = true)]
    pub max_length: Option<usize>,
    #[schema(required = true)]
    pub decimal_places: Option<u32>,
    /// The values a `choice` column takes.
    pub choices: Vec<ChoiceView>,
}

/// A template and its columns.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TemplateView {
    pub template: Template,
    pub title: String,
    pub fund: String,
    /// Whether it is uploaded as CSV too (every MoP) or by webform only (the EPIC).
    pub csv: bool,
    pub columns: Vec<ColumnView>,
}

/// Every template.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TemplateList {
    pub templates: Vec<TemplateView>,
}

/// The commitment in the path.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct CommitmentPath {
    pub id: String,
}

/// A row of the commitment in the path.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct CommitmentRowPath {
    pub id: String,
    pub row: i64,
}

/// A version of the commitment in the path.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct CommitmentVersionPath {
    pub id: String,
    pub version: i32,
}

/// The query of the list of commitments.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CommitmentQuery {
    /// The funder: one organisation's commitments (every organisation's by default). An
    /// organisation sees its own.
    pub organisation: Option<i64>,
}

/// The versions to compare.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CompareQuery {
    /// The earlier version.
    pub from: i32,
    /// The later version.
    pub to: i32,
}

fn csv_text(sent: &Bytes) -> Result<String, ApiError> {
    std::str::from_utf8(sent).map(str::to_owned).map_err(|_| {
        ApiError::BadRequest("the CSV file is not UTF-8 text; save it as CSV UTF-8".to_owned())
    })
}

/// Every commitment template: its columns, which are computed, and the values of each closed
/// list, for building a webform or a CSV.
#[utoipa::path(
    tag = super::tags::COMMITMENTS,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The templates", body = TemplateList),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
    )
)]
#[get("/commitments/templates")]
pub async fn list_commitment_templates(
    _caller: Authorized<CanRead>,
) -> Result<HttpResponse, ApiError> {
    let templates = Template::ALL
        .into_iter()
        .map(|template| TemplateView {
            template,
            title: template.title().to_owned(),
            fund: template.fund().to_owned(),
            csv: !template.is_epic(),
            columns: template
                .columns()
                .iter()
                .map(|column| {
                    let (kind, max_length, decimal_places, choices) = match column.kind {
                        ColumnKind::Text { max } => ("text", Some(max), None, Vec::new()),
                        ColumnKind::Choice(list) => (
                            "choice",
                            None,
                            None,
                            list.choices
                                .iter()
                                .map(|choice| ChoiceView {
                                    code: choice.code.to_owned(),
                                    label: choice.label.to_owned(),
                                })
                                .collect(),
                        ),
                        ColumnKind::Decimal { places } => {
                            ("decimal", None, Some(places), Vec::new())
                        }
                        ColumnKind::Whole { .. } => ("whole", None, None, Vec::new()),
                        ColumnKind::Computed => ("computed", None, None, Vec::new()),
                        ColumnKind::Fixed => ("pre-populated", None, None, Vec::new()),
                        ColumnKind::Measure => ("measure", None, None, Vec::new()),
                    };
                    ColumnView {
                        name: column.name.to_owned(),
                        title: column.title.to_owned(),
                        kind: kind.to_owned(),
                        mandatory: column.mandatory,
                        max_length,
                        decimal_places,
                        choices,
                    }
                })
                .collect(),
        })
        .collect();
    Ok(HttpResponse::Ok().json(TemplateList { templates }))
}

/// The funding rates loaded, by fund, plan year, category and mode.
#[utoipa::path(
    tag = super::tags::COMMITMENTS,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The rates", body = FundingRateList),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
    )
)]
#[get("/commitments/funding-rates")]
pub async fn list_funding_rates(
    _caller: Authorized<CanRead>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    rate_list(&state).await
}

async fn rate_list(state: &AppState) -> Result<HttpResponse, ApiError> {
    let rates = state.service.funding_rates().await?;
    Ok(HttpResponse::Ok().json(FundingRateList {
        rates: rates
            .into_iter()
            .map(|(fund, plan_year, category, mode, cents)| FundingRateView {
                fund,
                plan_year,
                category,
                mode,
                rate: dollars(cents),
            })
            .collect(),
    }))
}

/// The funder loads funding rates from CSV (`Fund,Plan Year,Funding Category,Mode,Rate`, rates
/// in dollars per unit of volume; lines starting with `#` are comments). Each fund and plan
/// year the file names has its rates replaced; the file is taken whole or not at all.
#[utoipa::path(
    tag = super::tags::COMMITMENTS,
    security(("bearer" = [])),
    request_body(content = String, content_type = "text/csv", example = "Fund,Plan Year,Funding Category,Mode,Rate\r\nACE,2027,ACE,provider-based,14.50\r\n"),
    responses(
        (status = 200, description = "The rates now loaded", body = FundingRateList),
        (status = 400, description = "The body is not UTF-8", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "Not the funder", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "Lines that cannot be read, each named", body = ProblemBody, content_type = "application/problem+json"),
    )
)]
#[put("/commitments/funding-rates")]
pub async fn update_funding_rates(
    caller: Authorized<CanWrite>,
    state: web::Data<AppState>,
    sent: Bytes,
) -> Result<HttpResponse, ApiError> {
    let asker = asker(&caller)?;
    state
        .service
        .load_funding_rates(&asker, csv_text(&sent)?)
        .await?;
    rate_list(&state).await
}

/// The subject groupings loaded: which rates an SDR funding category's DQ3-7 delivery is
/// valued at.
#[utoipa::path(
    tag = super::tags::COMMITMENTS,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The subject groupings", body = SubjectGroupingList),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
    )
)]
#[get("/commitments/subject-groupings")]
pub async fn list_subject_groupings(
    _caller: Authorized<CanRead>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    grouping_list(&state).await
}

async fn grouping_list(state: &AppState) -> Result<HttpResponse, ApiError> {
    let groupings = state.service.subject_groupings().await?;
    Ok(HttpResponse::Ok().json(SubjectGroupingList {
        groupings: groupings
            .into_iter()
            .map(|(funding_category, subject_grouping)| SubjectGroupingView {
                funding_category,
                subject_grouping,
            })
            .collect(),
    }))
}

/// The funder loads the subject groupings from CSV (`Funding Category,Subject Grouping`: an SDR
/// funding category and its grouping `SG1`–`SG6`; lines starting with `#` are comments). The
/// file replaces every grouping loaded before; it is taken whole or not at all.
#[utoipa::path(
    tag = super::tags::COMMITMENTS,
    security(("bearer" = [])),
    request_body(content = String, content_type = "text/csv", example = "Funding Category,Subject Grouping\r\nA1,SG1\r\nB1,SG2\r\n"),
    responses(
        (status = 200, description = "The subject groupings now loaded", body = SubjectGroupingList),
        (status = 400, description = "The body is not UTF-8", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "Not the funder", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "Lines that cannot be read, each named", body = ProblemBody, content_type = "application/problem+json"),
    )
)]
#[put("/commitments/subject-groupings")]
pub async fn update_subject_groupings(
    caller: Authorized<CanWrite>,
    state: web::Data<AppState>,
    sent: Bytes,
) -> Result<HttpResponse, ApiError> {
    let asker = asker(&caller)?;
    state
        .service
        .load_subject_groupings(&asker, csv_text(&sent)?)
        .await?;
    grouping_list(&state).await
}

/// The funder provisions a commitment for an organisation, fund and plan year, due by a date;
/// the organisation's people are told. An EPIC comes with its pre-populated rows.
#[utoipa::path(
    tag = super::tags::COMMITMENTS,
    security(("bearer" = [])),
    request_body = ProvisionInput,
    responses(
        (status = 201, description = "The commitment", body = CommitmentView),
        (status = 400, description = "The body cannot be used", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "Not the funder", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "The organisation already has this template for the year", body = ProblemBody, content_type = "application/problem+json"),
    )
)]
#[post("/commitments")]
pub async fn create_commitment(
    caller: Authorized<CanWrite>,
    state: web::Data<AppState>,
    input: web::Json<ProvisionInput>,
) -> Result<HttpResponse, ApiError> {
    let asker = asker(&caller)?;
    let input = input.into_inner();
    let organisation = Edumis::new(input.organisation)
        .map_err(|error| ApiError::BadRequest(format!("organisation: {error}")))?;
    let allocation_cents = input
        .allocation
        .as_deref()
        .map(parse_dollars)
        .transpose()
        .map_err(|why| ApiError::BadRequest(format!("allocation: {why}")))?;
    let commitment = state
        .service
        .provision_commitment(
            &asker,
            ProvisionRequest {
                organisation,
                template: input.template,
                plan_year: input.plan_year,
                due_on: input.due_on,
                allocation_cents,
            },
        )
        .await?;
    let detail = state.service.commitment(&asker, &commitment.id).await?;
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/commitments/{}", commitment.id),
        ))
        .json(CommitmentView::from(detail)))
}

/// The commitments the caller sees, the earliest due first.
#[utoipa::path(
    tag = super::tags::COMMITMENTS,
    security(("bearer" = [])),
    params(CommitmentQuery),
    responses(
        (status = 200, description = "The commitments", body = CommitmentList),
        (status = 400, description = "A parameter is invalid", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "Another organisation's commitments", body = ProblemBody, content_type = "application/problem+json"),
    )
)]
#[get("/commitments")]
pub async fn list_commitments(
    caller: Authorized<CanRead>,
    state: web::Data<AppState>,
    query: web::Query<CommitmentQuery>,
) -> Result<HttpResponse, ApiError> {
    let asker = asker(&caller)?;
    let organisation = query
        .organisation
        .map(Edumis::new)
        .transpose()
        .map_err(|error| ApiError::BadRequest(format!("organisation: {error}")))?;
    let commitments = state.service.commitments(&asker, organisation).await?;
    Ok(HttpResponse::Ok().json(CommitmentList {
        commitments: commitments.iter().map(CommitmentSummary::from).collect(),
    }))
}

/// A commitment with its rows, totals, errors, warnings and allocation tolerance, checked
/// against the funding rates loaded now.
#[utoipa::path(
    tag = super::tags::COMMITMENTS,
    security(("bearer" = [])),
    params(CommitmentPath),
    responses(
        (status = 200, description = "The commitment", body = CommitmentView),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No such commitment for the caller", body = ProblemBody, content_type = "application/problem+json"),
    )
)]
#[get("/commitments/{id}")]
pub async fn get_commitment(
    caller: Authorized<CanRead>,
    state: web::Data<AppState>,
    path: web::Path<CommitmentPath>,
) -> Result<HttpResponse, ApiError> {
    let asker = asker(&caller)?;
    let detail = state.service.commitment(&asker, &path.id).await?;
    Ok(HttpResponse::Ok().json(CommitmentView::from(detail)))
}

/// Adds a row to the organisation's MoP (the webform's "add row"). Rows with problems are
/// kept: the problems are listed, and submitting waits until the errors are fixed.
#[utoipa::path(
    tag = super::tags::COMMITMENTS,
    security(("bearer" = [])),
    params(CommitmentPath),
    request_body = RowInput,
    responses(
        (status = 201, description = "The commitment with the row added", body = CommitmentView),
        (status = 400, description = "A column the template does not have (MOP-008)", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "Not the organisation", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No such commitment for the caller", body = ProblemBody, content_type = "application/problem+json"),
        (status = 409, description = "Submitted or accepted: it cannot change now", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "A value that is not text or a number, or an EPIC, whose rows are pre-populated (EPIC-004)", body = ProblemBody, content_type = "application/problem+json"),
    )
)]
#[post("/commitments/{id}/rows")]
pub async fn add_commitment_row(
    caller: Authorized<CanWrite>,
    state: web::Data<AppState>,
    path: web::Path<CommitmentPath>,
    input: web::Json<RowInput>,
) -> Result<HttpResponse, ApiError> {
    let asker = asker(&caller)?;
    let values = row_values(input.into_inner())?;
    let detail = state
        .service
        .change_commitment_rows(&asker, &path.id, RowsRequest::Add(values))
        .await?;
    Ok(HttpResponse::Created().json(CommitmentView::from(detail)))
}

/// Changes a row: a MoP row's values are replaced; an EPIC row's Year 1–3 values are set (the
/// values sent; a blank one clears it).
#[utoipa::path(
    tag = super::tags::COMMITMENTS,
    security(("bearer" = [])),
    params(CommitmentRowPath),
    request_body = RowInput,
    responses(
        (status = 200, description = "The commitment with the row changed", body = CommitmentView),
        (status = 400, description = "A column that cannot be entered (MOP-008, EPIC-004)", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "Not the organisation", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No such commitment or row for the caller", body = ProblemBody, content_type = "application/problem+json"),
        (status = 409, description = "Submitted or accepted: it cannot change now", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "A value that is not text or a number", body = ProblemBody, content_type = "application/problem+json"),
    )
)]
#[put("/commitments/{id}/rows/{row}")]
pub async fn update_commitment_row(
    caller: Authorized<CanWrite>,
    state: web::Data<AppState>,
    path: web::Path<CommitmentRowPath>,
    input: web::Json<RowInput>,
) -> Result<HttpResponse, ApiError> {
    let asker = asker(&caller)?;
    let values = row_values(input.into_inner())?;
    let detail = state
        .service
        .change_commitment_rows(&asker, &path.id, RowsRequest::Change(path.row, values))
        .await?;
    Ok(HttpResponse::Ok().json(CommitmentView::from(detail)))
}

/// Removes a row of the organisation's MoP.
#[utoipa::path(
    tag = super::tags::COMMITMENTS,
    security(("bearer" = [])),
    params(CommitmentRowPath),
    responses(
        (status = 200, description = "The commitment without the row", body = CommitmentView),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "Not the organisation", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No such commitment or row for the caller", body = ProblemBody, content_type = "application/problem+json"),
        (status = 409, description = "Submitted or accepted: it cannot change now", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "A value that is not text or a number, or an EPIC, whose rows are pre-populated (EPIC-004)", body = ProblemBody, content_type = "application/problem+json"),
    )
)]
#[delete("/commitments/{id}/rows/{row}")]
pub async fn delete_commitment_row(
    caller: Authorized<CanWrite>,
    state: web::Data<AppState>,
    path: web::Path<CommitmentRowPath>,
) -> Result<HttpResponse, ApiError> {
    let asker = asker(&caller)?;
    let detail = state
        .service
        .change_commitment_rows(&asker, &path.id, RowsRequest::Remove(path.row))
        .await?;
    Ok(HttpResponse::Ok().json(CommitmentView::from(detail)))
}

/// Replaces every row of the organisation's MoP with a CSV file's (UTF-8, a header row of the
/// template's column titles or names). The computed columns are not uploaded: a file that has
/// them (an export) is read with them ignored, and they are computed afresh. A file that
/// cannot be read replaces nothing (MOP-008, MOP-012).
#[utoipa::path(
    tag = super::tags::COMMITMENTS,
    security(("bearer" = [])),
    params(CommitmentPath),
    request_body(content = String, content_type = "text/csv", example = "Course title,Region of delivery,Priority provision (1),Priority provision (2),Target priority group,Hours per learner,Number of learners,Comments\r\nTe reo for whānau,Otago,TEREO,,MAORI,12.50,20,\r\n"),
    responses(
        (status = 200, description = "The commitment with the file's rows", body = CsvUploaded),
        (status = 400, description = "The body is not UTF-8", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "Not the organisation", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No such commitment for the caller", body = ProblemBody, content_type = "application/problem+json"),
        (status = 409, description = "Submitted or accepted: it cannot change now", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "The file cannot be read, or the commitment is an EPIC", body = ProblemBody, content_type = "application/problem+json"),
    )
)]
#[put("/commitments/{id}/csv")]
pub async fn upload_commitment_csv(
    caller: Authorized<CanWrite>,
    state: web::Data<AppState>,
    path: web::Path<CommitmentPath>,
    sent: Bytes,
) -> Result<HttpResponse, ApiError> {
    let asker = asker(&caller)?;
    let uploaded = state
        .service
        .upload_commitment_csv(&asker, &path.id, csv_text(&sent)?)
        .await?;
    Ok(HttpResponse::Ok().json(CsvUploaded {
        ignored_columns: uploaded.ignored_columns,
        commitment: CommitmentView::from(uploaded.detail),
    }))
}

/// A MoP as CSV, every column under its title, the computed ones filled.
#[utoipa::path(
    tag = super::tags::COMMITMENTS,
    security(("bearer" = [])),
    params(CommitmentPath),
    responses(
        (status = 200, description = "The MoP", body = String, content_type = "text/csv"),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No such commitment for the caller", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "An EPIC has no CSV", body = ProblemBody, content_type = "application/problem+json"),
    )
)]
#[get("/commitments/{id}/csv")]
pub async fn download_commitment_csv(
    caller: Authorized<CanRead>,
    state: web::Data<AppState>,
    path: web::Path<CommitmentPath>,
) -> Result<HttpResponse, ApiError> {
    let asker = asker(&caller)?;
    let export = state
        .service
        .export_commitment_csv(&asker, &path.id)
        .await?;
    Ok(super::csv_download(&export.file_name, export.text))
}

/// Submits the organisation's commitment for the funder's review as its next version.
/// Refused while it has errors (warnings are allowed).
#[utoipa::path(
    tag = super::tags::COMMITMENTS,
    security(("bearer" = [])),
    params(CommitmentPath),
    responses(
        (status = 200, description = "The version submitted", body = VersionView),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "Not the organisation", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No such commitment for the caller", body = ProblemBody, content_type = "application/problem+json"),
        (status = 409, description = "Already submitted or accepted, or nothing entered yet", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "It has errors, each named with its rule", body = ProblemBody, content_type = "application/problem+json"),
    )
)]
#[post("/commitments/{id}/submit")]
pub async fn submit_commitment(
    caller: Authorized<CanWrite>,
    state: web::Data<AppState>,
    path: web::Path<CommitmentPath>,
) -> Result<HttpResponse, ApiError> {
    let asker = asker(&caller)?;
    let number = state.service.submit_commitment(&asker, &path.id).await?;
    let (_, versions) = state.service.commitment_versions(&asker, &path.id).await?;
    let version = versions
        .into_iter()
        .find(|version| version.version == number)
        .ok_or_else(|| ApiError::Internal(format!("version {number} not read back")))?;
    Ok(HttpResponse::Ok().json(version_view(version, true)))
}

/// The commitment's history: every submitted version and the funder's decision on it.
#[utoipa::path(
    tag = super::tags::COMMITMENTS,
    security(("bearer" = [])),
    params(CommitmentPath),
    responses(
        (status = 200, description = "The versions", body = VersionList),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No such commitment for the caller", body = ProblemBody, content_type = "application/problem+json"),
    )
)]
#[get("/commitments/{id}/versions")]
pub async fn list_commitment_versions(
    caller: Authorized<CanRead>,
    state: web::Data<AppState>,
    path: web::Path<CommitmentPath>,
) -> Result<HttpResponse, ApiError> {
    let asker = asker(&caller)?;
    let (commitment, versions) = state.service.commitment_versions(&asker, &path.id).await?;
    Ok(HttpResponse::Ok().json(VersionList {
        commitment: CommitmentSummary::from(&commitment),
        versions: versions
            .into_iter()
            .map(|version| version_view(version, false))
            .collect(),
    }))
}

/// One version with its rows as submitted.
#[utoipa::path(
    tag = super::tags::COMMITMENTS,
    security(("bearer" = [])),
    params(CommitmentVersionPath),
    responses(
        (status = 200, description = "The version", body = VersionView),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No such commitment or version for the caller", body = ProblemBody, content_type = "application/problem+json"),
    )
)]
#[get("/commitments/{id}/versions/{version}")]
pub async fn get_commitment_version(
    caller: Authorized<CanRead>,
    state: web::Data<AppState>,
    path: web::Path<CommitmentVersionPath>,
) -> Result<HttpResponse, ApiError> {
    let asker = asker(&caller)?;
    let (_, versions) = state.service.commitment_versions(&asker, &path.id).await?;
    let version = versions
        .into_iter()
        .find(|version| version.version == path.version)
        .ok_or_else(|| {
            ApiError::NotFound(format!(
                "commitment {} has no version {}",
                path.id, path.version
            ))
        })?;
    Ok(HttpResponse::Ok().json(version_view(version, true)))
}

/// Two versions compared row by row: rows added, removed and changed, with each value that
/// differs.
#[utoipa::path(
    tag = super::tags::COMMITMENTS,
    security(("bearer" = [])),
    params(CommitmentPath, CompareQuery),
    responses(
        (status = 200, description = "The rows that differ", body = Comparison),
        (status = 400, description = "from or to missing", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No such commitment or version for the caller", body = ProblemBody, content_type = "application/problem+json"),
    )
)]
#[get("/commitments/{id}/compare")]
pub async fn get_commitment_comparison(
    caller: Authorized<CanRead>,
    state: web::Data<AppState>,
    path: web::Path<CommitmentPath>,
    query: web::Query<CompareQuery>,
) -> Result<HttpResponse, ApiError> {
    let asker = asker(&caller)?;
    let rows = state
        .service
        .compare_commitment_versions(&asker, &path.id, query.from, query.to)
        .await?;
    Ok(HttpResponse::Ok().json(Comparison {
        from: query.from,
        to: query.to,
        rows,
    }))
}

async fn decide(
    caller: Authorized<CanWrite>,
    state: web::Data<AppState>,
    path: web::Path<CommitmentVersionPath>,
    body: web::Bytes,
    decision: Decision,
) -> Result<HttpResponse, ApiError> {
    let asker = asker(&caller)?;
    // Not `Option<Json>`: actix would take a body it cannot read (a misspelt field) as no
    // body at all, and accept without the comment that was meant.
    let input: Option<DecisionInput> = super::params::optional_json(&body)?;
    let comment = input.and_then(|input| input.comment);
    state
        .service
        .decide_commitment(&asker, &path.id, path.version, decision, comment)
        .await?;
    let (_, versions) = state.service.commitment_versions(&asker, &path.id).await?;
    let version = versions
        .into_iter()
        .find(|version| version.version == path.version)
        .ok_or_else(|| ApiError::Internal(format!("version {} not read back", path.version)))?;
    Ok(HttpResponse::Ok().json(version_view(version, false)))
}

/// The funder accepts the version under review (a comment is optional); the organisation is
/// told. The commitment is then final.
#[utoipa::path(
    tag = super::tags::COMMITMENTS,
    security(("bearer" = [])),
    params(CommitmentVersionPath),
    request_body(content = Option<DecisionInput>),
    responses(
        (status = 200, description = "The version, accepted", body = VersionView),
        (status = 400, description = "The body is not the JSON expected, or the comment is longer than 2000 characters", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "Not the funder", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No such commitment or version", body = ProblemBody, content_type = "application/problem+json"),
        (status = 409, description = "Not under review, or not the latest version", body = ProblemBody, content_type = "application/problem+json"),
    )
)]
#[post("/commitments/{id}/versions/{version}/accept")]
pub async fn accept_commitment_version(
    caller: Authorized<CanWrite>,
    state: web::Data<AppState>,
    path: web::Path<CommitmentVersionPath>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    decide(caller, state, path, body, Decision::Accepted).await
}

/// The funder returns the version under review with a comment saying what to correct; the
/// organisation is told, corrects it and submits a new version.
#[utoipa::path(
    tag = super::tags::COMMITMENTS,
    security(("bearer" = [])),
    params(CommitmentVersionPath),
    request_body = DecisionInput,
    responses(
        (status = 200, description = "The version, returned", body = VersionView),
        (status = 400, description = "No comment, or a body that is not the JSON expected", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "Not the funder", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No such commitment or version", body = ProblemBody, content_type = "application/problem+json"),
        (status = 409, description = "Not under review, or not the latest version", body = ProblemBody, content_type = "application/problem+json"),
    )
)]
#[post("/commitments/{id}/versions/{version}/return")]
pub async fn return_commitment_version(
    caller: Authorized<CanWrite>,
    state: web::Data<AppState>,
    path: web::Path<CommitmentVersionPath>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    decide(caller, state, path, body, Decision::Returned).await
}
