//! Information products (`/api/v1/insights`): an organisation's educational performance
//! indicators, DQ3-7 delivery, extracts as CSV and charts as SVG, from the facts of its lodged
//! returns. The funder's staff may ask for any organisation, and for every organisation side
//! by side; a person of an organisation sees their own with the information products portal
//! role, and no other organisation's (404, as if it had none).

use actix_web::{HttpResponse, get, web};
use chrono::{DateTime, Utc};
use dxp_domain::Edumis;
use dxp_domain::commitments::check::dollars;
use dxp_domain::insights::{FigureStatus, Group};
use dxp_service::insight_outputs as outputs;
use dxp_service::insights::{Delivery, EpicComparison, Insights};
use dxp_service::people::Asker;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::{Authorized, CanRead, Principal};
use crate::{ApiError, AppState, Problem};

/// The organisation in the path.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct OrganisationPath {
    /// Its EDUMIS number.
    pub edumis: String,
}

impl OrganisationPath {
    fn organisation(&self) -> Result<Edumis, ApiError> {
        self.edumis.parse().map_err(|_| {
            ApiError::NotFound(format!(
                "no information products for organisation '{}'",
                self.edumis
            ))
        })
    }
}

/// The year asked for.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct YearQuery {
    /// The calendar year; default: the latest year with a lodged return (or this year).
    #[param(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
}

impl YearQuery {
    /// The year, refused when outside the years documented.
    fn year(&self) -> Result<Option<i32>, ApiError> {
        super::params::year_in_range("year", self.year)
    }
}

/// A round's facts, as summarised when its return was lodged.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RoundFactsView {
    /// Such as `2026-DEC`.
    pub round: String,
    /// The lodged return they come from (a resubmission replaces them).
    pub submission_id: String,
    pub computed_at: DateTime<Utc>,
    pub learners: u32,
    pub enrolments: u32,
    /// EFTS delivered in the year, every fund, to four decimal places.
    #[schema(example = "1234.5000")]
    pub efts: String,
}

/// One figure: an indicator for one group and year.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FigureView {
    /// `course-completion`, `qualification-completion`, `first-year-retention` or
    /// `progression`.
    pub indicator: String,
    pub year: i32,
    /// `organisation`, `level-band`, `ethnicity` or `age`.
    pub by: String,
    /// The group, in words (such as `Māori`, `Levels 1–3`, `All learners`).
    pub group: String,
    /// `shown`, `suppressed` (fewer EFTS than may be published: 5 for the organisation, 30
    /// for a group) or `not-measured`.
    pub status: String,
    /// From 0 to 1, only when shown.
    pub rate: Option<f64>,
    /// The figure in plain words.
    pub in_words: String,
    pub note: Option<String>,
}

/// An organisation's indicators over the years it has lodged returns for.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct IndicatorsView {
    pub organisation: i32,
    pub years: Vec<i32>,
    pub rounds: Vec<RoundFactsView>,
    pub figures: Vec<FigureView>,
}

fn group_parts(group: Group) -> (&'static str, String) {
    let by = match group {
        Group::Organisation => "organisation",
        Group::LevelBand(_) => "level-band",
        Group::Ethnicity(_) => "ethnicity",
        Group::Age(_) => "age",
    };
    (by, group.label().to_owned())
}

impl From<&Insights> for IndicatorsView {
    fn from(insights: &Insights) -> Self {
        IndicatorsView {
            organisation: insights.organisation.value(),
            years: insights.years(),
            rounds: insights
                .rounds
                .iter()
                .map(|kept| RoundFactsView {
                    round: kept.round.to_string(),
                    submission_id: kept.submission_id.clone(),
                    computed_at: kept.computed_at,
                    learners: kept.facts.learners,
                    enrolments: kept.facts.enrolments,
                    efts: kept.facts.total_efts().to_string(),
                })
                .collect(),
            figures: insights
                .figures
                .iter()
                .map(|figure| {
                    let (by, group) = group_parts(figure.group);
                    FigureView {
                        indicator: figure.indicator.as_str().to_owned(),
                        year: figure.year,
                        by: by.to_owned(),
                        group,
                        status: figure.status.as_str().to_owned(),
                        rate: figure.rate,
                        in_words: figure.in_words.clone(),
                        note: figure.note.clone(),
                    }
                })
                .collect(),
        }
    }
}

/// Fund 37 EFTS delivered in one funding category.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CategoryEftsView {
    pub funding_category: String,
    #[schema(example = "12.5000")]
    pub efts: String,
}

/// Work-based delivery of one mode of delivery in a year, from the work-based store.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TrainingDeliveryView {
    /// 24 work-based, 25 pathway to work, 26 assessment and verification.
    pub mode_of_delivery_code: i32,
    /// Standard training measures of the whole year as the enrolments stand (a programme's
    /// credits spread evenly over its nominal duration; 120 credits a year is 1 STM).
    #[schema(example = "12.5000")]
    pub stm: String,
    /// STMs of the months to the day they were worked out.
    pub to_date_stm: String,
    /// Their value in dollars at the year's rates for the mode (each NZSCED field of study
    /// through its subject grouping); `null` without rates.
    pub value: Option<String>,
    /// Fields of study with STMs but no rate: their STMs are not in the value.
    pub unrated_fields_of_study: Vec<String>,
    /// Modes 25 and 26: `Under`, `Within`, `Over` against their own commitment's allocation;
    /// `null` for mode 24, whose value is in the DQ3-7 `deliveredValue`, or without rates and
    /// an allocation.
    pub band: Option<String>,
}

/// DQ3-7 delivery of one organisation and year.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DeliveryView {
    pub organisation: i32,
    pub year: i32,
    /// The round whose lodged return it comes from; `null`: none lodged for the year.
    pub round: Option<String>,
    /// Fund 37 EFTS delivered in the year (withdrawals inside the withdrawal period left out).
    pub delivered_efts: String,
    /// Fund 37 EFTS of each month, January first.
    #[schema(min_items = 12, max_items = 12)]
    pub monthly_efts: Vec<String>,
    pub by_category: Vec<CategoryEftsView>,
    /// The delivered value in dollars at the year's DQ3-7 rates (each funding category through
    /// its subject grouping), with that of work-based training in mode 24, which shares the
    /// DQ3-7 allocation; `null` until the funder has loaded the rates and the groupings.
    #[schema(example = "1234567.89")]
    pub delivered_value: Option<String>,
    /// Funding categories with EFTS but no rate: their EFTS are not in the value.
    pub unrated_categories: Vec<String>,
    /// The allocation of the organisation's DQ3-7 commitment for the year, in dollars.
    #[schema(example = "1250000.00")]
    pub allocation: Option<String>,
    /// The dollar value of the plan-agreed unfunded provision (its accepted version).
    #[schema(example = "0.00")]
    pub unfunded_provision: Option<String>,
    /// `Under`, `Within`, `Over` or `NoAllocation`; `null` until rates and an allocation are
    /// loaded for the year.
    pub band: Option<String>,
    /// The month the return reports to (4 for April's); `deliveredToDateEfts` counts the
    /// months up to it, `deliveredEfts` the whole year the enrolments report.
    pub through_month: u32,
    pub delivered_to_date_efts: String,
    /// The year projected from a return before December's: the EFTS reported for the year,
    /// grown as last year's grew from the same round to December when that is known; `null`
    /// from December's return (final).
    pub projected_efts: Option<String>,
    /// The projection's value in dollars, with rates.
    pub projected_value: Option<String>,
    /// The band the projection falls in, with rates and an allocation.
    pub projected_band: Option<String>,
    /// Work-based delivery by mode of delivery, for the modes with enrolments in the year.
    pub work_based: Vec<TrainingDeliveryView>,
    /// What the delivery means, in plain words.
    pub in_words: String,
}

fn delivery_view(delivery: &Delivery) -> DeliveryView {
    let band = delivery.check.map(|check| check.band());
    DeliveryView {
        organisation: delivery.organisation.value(),
        year: delivery.year,
        round: delivery.round.map(|round| round.to_string()),
        delivered_efts: delivery.delivered_efts().to_string(),
        monthly_efts: delivery
            .monthly_efts
            .iter()
            .map(ToString::to_string)
            .collect(),
        by_category: delivery
            .by_category
            .iter()
            .map(|(category, efts)| CategoryEftsView {
                funding_category: category.clone(),
                efts: efts.to_string(),
            })
            .collect(),
        delivered_value: delivery.value.as_ref().map(|value| dollars(value.value.0)),
        unrated_categories: delivery
            .value
            .as_ref()
            .map(|value| value.unrated.clone())
            .unwrap_or_default(),
        allocation: delivery
            .allocation
            .map(|allocation| dollars(allocation.allocation.0)),
        unfunded_provision: delivery
            .allocation
            .map(|allocation| dollars(allocation.unfunded_provision.0)),
        band: band.map(|band| band.as_str().to_owned()),
        through_month: delivery.through_month(),
        delivered_to_date_efts: delivery.to_date_efts().to_string(),
        projected_efts: delivery
            .projection
            .map(|projection| projection.efts.to_string()),
        projected_value: delivery
            .projection
            .and_then(|projection| projection.value)
            .map(|value| dollars(value.0)),
        projected_band: delivery
            .projection
            .and_then(|projection| projection.check)
            .map(|check| check.band().as_str().to_owned()),
        work_based: delivery
            .training
            .iter()
            .map(|line| TrainingDeliveryView {
                mode_of_delivery_code: line.mode,
                stm: line.stm.to_string(),
                to_date_stm: line.to_date.to_string(),
                value: line.value.as_ref().map(|value| dollars(value.value.0)),
                unrated_fields_of_study: line
                    .value
                    .as_ref()
                    .map(|value| value.unrated.clone())
                    .unwrap_or_default(),
                band: line.check.map(|check| check.band().as_str().to_owned()),
            })
            .collect(),
        in_words: delivery.in_words(),
    }
}

/// CSV text, as downloaded.
#[derive(ToSchema)]
#[schema(value_type = String)]
pub struct CsvText(#[allow(dead_code)] String);

/// SVG text, as downloaded.
#[derive(ToSchema)]
#[schema(value_type = String)]
pub struct SvgText(#[allow(dead_code)] String);

fn svg_response(text: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("image/svg+xml")
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .body(text)
}

/// Who reads the information products: a person (their portal roles decide) or the funder's
/// staff. A machine account is refused in words of its own rather than told about portal roles
/// it cannot have.
fn reader(caller: &Principal) -> Result<Asker, ApiError> {
    if caller.is_machine() {
        return Err(ApiError::Forbidden(
            "information products are read by people with the information products portal \
             role and by the funder's staff; a machine account does not read them"
                .to_owned(),
        ));
    }
    Ok(super::users::any_asker(caller))
}

async fn insights_of(
    caller: &Authorized<CanRead>,
    path: &OrganisationPath,
    state: &AppState,
) -> Result<Insights, ApiError> {
    let organisation = path.organisation()?;
    Ok(state
        .service
        .insights(&reader(caller)?, organisation)
        .await?)
}

async fn delivery_of(
    caller: &Authorized<CanRead>,
    path: &OrganisationPath,
    query: &YearQuery,
    state: &AppState,
) -> Result<Delivery, ApiError> {
    let year = query.year()?;
    let insights = insights_of(caller, path, state).await?;
    Ok(state.service.delivery(&insights, year).await?)
}

/// The organisation's educational performance indicators, every year and group, with
/// suppression applied.
#[utoipa::path(
    tag = super::tags::INSIGHTS,
    security(("bearer" = [])),
    params(OrganisationPath),
    responses(
        (status = 200, description = "The indicators", body = IndicatorsView),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A person of the organisation without the information products portal role, or a machine account", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation for the caller", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/insights/{edumis}/indicators")]
pub async fn get_indicators(
    caller: Authorized<CanRead>,
    path: web::Path<OrganisationPath>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let insights = insights_of(&caller, &path, &state).await?;
    Ok(HttpResponse::Ok().json(IndicatorsView::from(&insights)))
}

/// The indicators as CSV: every year, indicator and group, with suppression in words.
#[utoipa::path(
    tag = super::tags::INSIGHTS,
    security(("bearer" = [])),
    params(OrganisationPath),
    responses(
        (status = 200, description = "The indicators as a DXP CSV file", body = CsvText, content_type = "text/csv"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A person of the organisation without the information products portal role, or a machine account", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation for the caller", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/insights/{edumis}/indicators.csv")]
pub async fn get_indicators_csv(
    caller: Authorized<CanRead>,
    path: web::Path<OrganisationPath>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let insights = insights_of(&caller, &path, &state).await?;
    Ok(super::csv_download(
        "indicators.csv",
        outputs::indicators_csv(&insights)?,
    ))
}

/// EFTS by month by source of funding and funding category, every lodged round.
#[utoipa::path(
    tag = super::tags::INSIGHTS,
    security(("bearer" = [])),
    params(OrganisationPath),
    responses(
        (status = 200, description = "The extract as a DXP CSV file", body = CsvText, content_type = "text/csv"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A person of the organisation without the information products portal role, or a machine account", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation for the caller", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/insights/{edumis}/efts-by-month.csv")]
pub async fn get_efts_by_month_csv(
    caller: Authorized<CanRead>,
    path: web::Path<OrganisationPath>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let organisation = path.organisation()?;
    let rounds = state
        .service
        .insight_facts(&reader(&caller)?, organisation)
        .await?;
    Ok(super::csv_download(
        "efts-by-month.csv",
        outputs::efts_by_month_csv(&rounds)?,
    ))
}

/// Learners and enrolments by qualification, every lodged round.
#[utoipa::path(
    tag = super::tags::INSIGHTS,
    security(("bearer" = [])),
    params(OrganisationPath),
    responses(
        (status = 200, description = "The extract as a DXP CSV file", body = CsvText, content_type = "text/csv"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A person of the organisation without the information products portal role, or a machine account", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation for the caller", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/insights/{edumis}/qualifications.csv")]
pub async fn get_qualifications_csv(
    caller: Authorized<CanRead>,
    path: web::Path<OrganisationPath>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let organisation = path.organisation()?;
    let rounds = state
        .service
        .insight_facts(&reader(&caller)?, organisation)
        .await?;
    Ok(super::csv_download(
        "qualifications.csv",
        outputs::qualifications_csv(&rounds)?,
    ))
}

/// DQ3-7 delivery in the year: fund 37 EFTS delivered, month by month and by funding
/// category.
#[utoipa::path(
    tag = super::tags::INSIGHTS,
    security(("bearer" = [])),
    params(OrganisationPath, YearQuery),
    responses(
        (status = 200, description = "The delivery", body = DeliveryView),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A person of the organisation without the information products portal role, or a machine account", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation for the caller", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/insights/{edumis}/delivery")]
pub async fn get_delivery(
    caller: Authorized<CanRead>,
    path: web::Path<OrganisationPath>,
    query: web::Query<YearQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let delivery = delivery_of(&caller, &path, &query, &state).await?;
    Ok(HttpResponse::Ok().json(delivery_view(&delivery)))
}

/// One row of the organisation's EPIC beside the measure its returns show.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EpicLineView {
    #[schema(example = "Participation")]
    pub epic_type: String,
    pub description: String,
    #[schema(example = "Māori")]
    pub learner_ethnicity: String,
    #[schema(example = "1-3")]
    pub level_band: String,
    /// `number` or `percentage`.
    pub measure: String,
    /// The value committed to for the year, as entered (a percentage from 0 to 100 for
    /// `percentage`); `null`: none entered, or no EPIC covers the year.
    pub committed: Option<String>,
    /// `shown`, `suppressed` or `not-measured`.
    pub status: String,
    /// What the returns show, in the row's unit (a count, or a percentage from 0 to 100 to
    /// one decimal place); only when shown.
    pub actual: Option<String>,
    /// What the returns show, in plain words.
    pub in_words: String,
}

/// The organisation's EPIC for a year beside what its returns show.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EpicComparisonView {
    pub organisation: i32,
    pub year: i32,
    /// The EPIC compared; `null`: none covers the year, and the rows are the measures alone.
    pub commitment_id: Option<String>,
    pub plan_year: Option<i32>,
    /// The version read (the latest accepted, else the latest submitted); `null`: the values
    /// being entered.
    pub version: Option<i32>,
    pub accepted: bool,
    pub rows: Vec<EpicLineView>,
}

impl From<&EpicComparison> for EpicComparisonView {
    fn from(comparison: &EpicComparison) -> Self {
        EpicComparisonView {
            organisation: comparison.organisation.value(),
            year: comparison.year,
            commitment_id: comparison
                .source
                .as_ref()
                .map(|source| source.commitment_id.clone()),
            plan_year: comparison.source.as_ref().map(|source| source.plan_year),
            version: comparison.source.as_ref().and_then(|source| source.version),
            accepted: comparison
                .source
                .as_ref()
                .is_some_and(|source| source.accepted),
            rows: comparison
                .lines
                .iter()
                .map(|line| EpicLineView {
                    epic_type: line.epic_type.clone(),
                    description: line.description.clone(),
                    learner_ethnicity: line.learner_ethnicity.clone(),
                    level_band: line.level_band.clone(),
                    measure: line.measure.clone(),
                    committed: line.committed.clone(),
                    status: line
                        .actual
                        .as_ref()
                        .map_or(FigureStatus::NotMeasured, |actual| actual.status)
                        .as_str()
                        .to_owned(),
                    actual: line.actual_text(),
                    in_words: line.actual.as_ref().map_or_else(
                        || "DXP does not measure this row from the returns.".to_owned(),
                        |actual| actual.in_words.clone(),
                    ),
                })
                .collect(),
        }
    }
}

/// The organisation's EPIC for the year (Year 1 is its plan year) beside what its lodged
/// returns show: expected graduates and participation by learner ethnicity and level band,
/// with suppression.
#[utoipa::path(
    tag = super::tags::INSIGHTS,
    security(("bearer" = [])),
    params(OrganisationPath, YearQuery),
    responses(
        (status = 200, description = "The comparison", body = EpicComparisonView),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A person of the organisation without the information products portal role, or a machine account", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation for the caller", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/insights/{edumis}/epic")]
pub async fn get_epic_comparison(
    caller: Authorized<CanRead>,
    path: web::Path<OrganisationPath>,
    query: web::Query<YearQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let year = query.year()?;
    let insights = insights_of(&caller, &path, &state).await?;
    let comparison = state.service.epic_comparison(&insights, year).await?;
    Ok(HttpResponse::Ok().json(EpicComparisonView::from(&comparison)))
}

/// The chart of the EPIC's participation commitments for the year beside the shares the
/// returns show.
#[utoipa::path(
    tag = super::tags::INSIGHTS,
    security(("bearer" = [])),
    params(OrganisationPath, YearQuery),
    responses(
        (status = 200, description = "The chart (its numbers: `charts/epic.csv`)", body = SvgText, content_type = "image/svg+xml"),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A person of the organisation without the information products portal role, or a machine account", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation for the caller", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/insights/{edumis}/charts/epic.svg")]
pub async fn get_epic_chart(
    caller: Authorized<CanRead>,
    path: web::Path<OrganisationPath>,
    query: web::Query<YearQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let year = query.year()?;
    let insights = insights_of(&caller, &path, &state).await?;
    let comparison = state.service.epic_comparison(&insights, year).await?;
    Ok(svg_response(outputs::epic_svg(&comparison)?))
}

/// The numbers behind the EPIC chart: every row of the EPIC for the year, committed and as the
/// returns show it.
#[utoipa::path(
    tag = super::tags::INSIGHTS,
    security(("bearer" = [])),
    params(OrganisationPath, YearQuery),
    responses(
        (status = 200, description = "The chart's numbers as a DXP CSV file", body = CsvText, content_type = "text/csv"),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A person of the organisation without the information products portal role, or a machine account", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation for the caller", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/insights/{edumis}/charts/epic.csv")]
pub async fn get_epic_chart_csv(
    caller: Authorized<CanRead>,
    path: web::Path<OrganisationPath>,
    query: web::Query<YearQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let year = query.year()?;
    let insights = insights_of(&caller, &path, &state).await?;
    let comparison = state.service.epic_comparison(&insights, year).await?;
    Ok(super::csv_download(
        "epic.csv",
        outputs::epic_csv(&comparison)?,
    ))
}

/// The chart of the organisation-wide indicators over the years.
#[utoipa::path(
    tag = super::tags::INSIGHTS,
    security(("bearer" = [])),
    params(OrganisationPath),
    responses(
        (status = 200, description = "The chart (its numbers: `indicators.csv`)", body = SvgText, content_type = "image/svg+xml"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A person of the organisation without the information products portal role, or a machine account", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation for the caller", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/insights/{edumis}/charts/indicators.svg")]
pub async fn get_indicators_chart(
    caller: Authorized<CanRead>,
    path: web::Path<OrganisationPath>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let insights = insights_of(&caller, &path, &state).await?;
    Ok(svg_response(outputs::indicators_svg(&insights)?))
}

/// The chart of each fund's EFTS month by month in the year.
#[utoipa::path(
    tag = super::tags::INSIGHTS,
    security(("bearer" = [])),
    params(OrganisationPath, YearQuery),
    responses(
        (status = 200, description = "The chart", body = SvgText, content_type = "image/svg+xml"),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A person of the organisation without the information products portal role, or a machine account", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation for the caller", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/insights/{edumis}/charts/efts-by-month.svg")]
pub async fn get_efts_by_month_chart(
    caller: Authorized<CanRead>,
    path: web::Path<OrganisationPath>,
    query: web::Query<YearQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let year = query.year()?;
    let insights = insights_of(&caller, &path, &state).await?;
    let year = insights.year_or_latest(year);
    Ok(svg_response(outputs::efts_by_month_svg(&insights, year)?))
}

/// The numbers behind the EFTS-by-month chart.
#[utoipa::path(
    tag = super::tags::INSIGHTS,
    security(("bearer" = [])),
    params(OrganisationPath, YearQuery),
    responses(
        (status = 200, description = "The chart's numbers as a DXP CSV file", body = CsvText, content_type = "text/csv"),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A person of the organisation without the information products portal role, or a machine account", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation for the caller", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/insights/{edumis}/charts/efts-by-month.csv")]
pub async fn get_efts_by_month_chart_csv(
    caller: Authorized<CanRead>,
    path: web::Path<OrganisationPath>,
    query: web::Query<YearQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let year = query.year()?;
    let insights = insights_of(&caller, &path, &state).await?;
    let year = insights.year_or_latest(year);
    Ok(super::csv_download(
        "efts-by-month-chart.csv",
        outputs::efts_by_fund_csv(&insights, year)?,
    ))
}

/// The chart of DQ3-7 delivery through the year.
#[utoipa::path(
    tag = super::tags::INSIGHTS,
    security(("bearer" = [])),
    params(OrganisationPath, YearQuery),
    responses(
        (status = 200, description = "The chart", body = SvgText, content_type = "image/svg+xml"),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A person of the organisation without the information products portal role, or a machine account", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation for the caller", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/insights/{edumis}/charts/delivery.svg")]
pub async fn get_delivery_chart(
    caller: Authorized<CanRead>,
    path: web::Path<OrganisationPath>,
    query: web::Query<YearQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let delivery = delivery_of(&caller, &path, &query, &state).await?;
    let months = outputs::delivery_months(&delivery);
    Ok(svg_response(outputs::delivery_svg(&delivery, &months)?))
}

/// The numbers behind the delivery chart.
#[utoipa::path(
    tag = super::tags::INSIGHTS,
    security(("bearer" = [])),
    params(OrganisationPath, YearQuery),
    responses(
        (status = 200, description = "The chart's numbers as a DXP CSV file", body = CsvText, content_type = "text/csv"),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A person of the organisation without the information products portal role, or a machine account", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation for the caller", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/insights/{edumis}/charts/delivery.csv")]
pub async fn get_delivery_chart_csv(
    caller: Authorized<CanRead>,
    path: web::Path<OrganisationPath>,
    query: web::Query<YearQuery>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let delivery = delivery_of(&caller, &path, &query, &state).await?;
    let months = outputs::delivery_months(&delivery);
    Ok(super::csv_download(
        "delivery.csv",
        outputs::delivery_csv(&delivery, &months)?,
    ))
}

/// The funder's staff only: every organisation's EFTS by month side by side, one column per
/// organisation.
#[utoipa::path(
    tag = super::tags::INSIGHTS,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The extract as a DXP CSV file", body = CsvText, content_type = "text/csv"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the funder", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/insights/every-organisation/efts-by-month.csv")]
pub async fn get_every_organisation_efts_csv(
    caller: Authorized<CanRead>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let rounds = state
        .service
        .every_organisation_insight_facts(&reader(&caller)?)
        .await?;
    Ok(super::csv_download(
        "efts-by-month-every-organisation.csv",
        outputs::efts_side_by_side_csv(&rounds)?,
    ))
}

/// The funder's staff only: every organisation's learners and enrolments by qualification.
#[utoipa::path(
    tag = super::tags::INSIGHTS,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The extract as a DXP CSV file", body = CsvText, content_type = "text/csv"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the funder", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/insights/every-organisation/qualifications.csv")]
pub async fn get_every_organisation_qualifications_csv(
    caller: Authorized<CanRead>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let rounds = state
        .service
        .every_organisation_insight_facts(&reader(&caller)?)
        .await?;
    Ok(super::csv_download(
        "qualifications-every-organisation.csv",
        outputs::qualifications_csv(&rounds)?,
    ))
}
