//! Information products (Pārongo): an organisation's educational performance indicators in
//! tables, with small numbers suppressed and said so in words, the charts the server draws
//! (each beside a table of its numbers, and its numbers as CSV), and the extracts to download.
//! People of an organisation with the information products portal role see their own; the
//! funder's staff choose any organisation.

use actix_web::{HttpResponse, web};
use askama::Template;
use dxp_domain::Edumis;
use dxp_domain::calendar::MONTH_NAMES as MONTHS;
use dxp_domain::insights::{Figure, Group, IndicatorKind};
use dxp_service::insight_outputs as outputs;
use dxp_service::insights::Insights;
use serde::Deserialize;

use crate::Portal;
use crate::page::{Area, Layout, PageError, csv_download, render};
use crate::session::Signed;

pub fn configure(config: &mut web::ServiceConfig) {
    config
        .route("/insights", web::get().to(page))
        .route("/insights/charts/{chart}", web::get().to(chart))
        .route("/insights/extracts/{extract}", web::get().to(extract));
}

#[derive(Deserialize)]
struct OrganisationQuery {
    organisation: Option<String>,
    year: Option<i32>,
}

/// One row of the indicators table: a group and each indicator's figure in words.
struct FigureRow {
    group: &'static str,
    cells: Vec<String>,
}

/// One round's facts.
struct RoundRow {
    round: String,
    learners: u32,
    enrolments: u32,
    efts: String,
}

/// One EPIC row beside what the returns show.
struct EpicRow {
    description: String,
    committed: String,
    actual: String,
    in_words: String,
}

#[derive(Template)]
#[template(path = "insights.html")]
struct InsightsPage {
    layout: Layout,
    is_funder: bool,
    organisations: Vec<(i32, String, bool)>,
    organisation: Option<i32>,
    /// `?organisation=…&` for the funder's links, empty for an organisation's people.
    query: String,
    year: Option<i32>,
    indicators: Vec<&'static str>,
    rows: Vec<FigureRow>,
    rounds: Vec<RoundRow>,
    /// Fund 37 EFTS of each month and the running total, for the delivery chart's table.
    delivery: Vec<(&'static str, String, String)>,
    delivered: String,
    delivered_to_date: String,
    through_month: &'static str,
    delivery_in_words: String,
    /// Which EPIC the rows come from, in words.
    epic_source: String,
    epic: Vec<EpicRow>,
    work_based: Vec<TrainingRow>,
}

/// One mode of work-based delivery, as shown.
struct TrainingRow {
    mode: String,
    stm: String,
    to_date: String,
    value: String,
    band: &'static str,
}

fn cell(figure: Option<&Figure>) -> String {
    match figure {
        None => "Not measured".to_owned(),
        Some(figure) => match &figure.note {
            Some(note) => format!("{} {}", figure.in_words, note),
            None => figure.in_words.clone(),
        },
    }
}

async fn insights_for(
    signed: &Signed,
    portal: &Portal,
    organisation: Edumis,
) -> Result<Insights, PageError> {
    Ok(portal
        .service
        .insights(&super::asker(&signed.user), organisation)
        .await?)
}

async fn page(
    signed: Signed,
    portal: web::Data<Portal>,
    query: web::Query<OrganisationQuery>,
) -> Result<HttpResponse, PageError> {
    let organisation = super::organisation_for(&signed, query.organisation.as_deref())?;
    let is_funder = signed.user.is_funder();
    let link_query = match (is_funder, organisation) {
        (true, Some(organisation)) => format!("?organisation={organisation}&"),
        _ => "?".to_owned(),
    };
    let mut page = InsightsPage {
        layout: Layout::of(&signed, Area::Insights, "Information products", None),
        is_funder,
        organisations: super::organisation_choices(&portal, &signed, organisation).await?,
        organisation: organisation.map(Edumis::value),
        query: link_query,
        year: None,
        indicators: IndicatorKind::ALL.iter().map(|kind| kind.label()).collect(),
        rows: Vec::new(),
        rounds: Vec::new(),
        delivery: Vec::new(),
        delivered: String::new(),
        delivered_to_date: String::new(),
        through_month: MONTHS[11],
        delivery_in_words: String::new(),
        epic_source: String::new(),
        epic: Vec::new(),
        work_based: Vec::new(),
    };
    if let Some(organisation) = organisation {
        let insights = insights_for(&signed, &portal, organisation).await?;
        if !insights.years().is_empty() {
            let year = insights.year_or_latest(query.year);
            page.year = Some(year);
            page.rows = Group::every()
                .into_iter()
                .map(|group| FigureRow {
                    group: group.label(),
                    cells: IndicatorKind::ALL
                        .iter()
                        .map(|kind| {
                            cell(insights.figures.iter().find(|figure| {
                                figure.indicator == *kind
                                    && figure.year == year
                                    && figure.group == group
                            }))
                        })
                        .collect(),
                })
                .collect();
            page.rounds = insights
                .rounds
                .iter()
                .map(|kept| RoundRow {
                    round: kept.round.to_string(),
                    learners: kept.facts.learners,
                    enrolments: kept.facts.enrolments,
                    efts: kept.facts.total_efts().to_string(),
                })
                .collect();
            let delivery = portal.service.delivery(&insights, Some(year)).await?;
            page.delivered = delivery.delivered_efts().to_string();
            page.delivered_to_date = delivery.to_date_efts().to_string();
            page.through_month = MONTHS[delivery.through_month() as usize - 1];
            page.delivery_in_words = delivery.in_words();
            page.work_based = delivery
                .training
                .iter()
                .map(|line| TrainingRow {
                    mode: format!("{} ({})", line.mode_name(), line.mode),
                    stm: line.stm.to_string(),
                    to_date: line.to_date.to_string(),
                    value: line
                        .value
                        .as_ref()
                        .map_or_else(|| "—".to_owned(), |value| value.value.to_string()),
                    band: match (line.mode, line.check) {
                        (24, _) => "In the DQ3-7 band above",
                        (_, Some(check)) => check.band().in_plain_words(),
                        (_, None) => "—",
                    },
                })
                .collect();
            let comparison = portal
                .service
                .epic_comparison(&insights, Some(year))
                .await?;
            page.epic_source = match &comparison.source {
                None => {
                    format!("No EPIC covers {year}: the measures of your returns are shown alone.")
                }
                Some(source) => format!(
                    "Your EPIC for {}–{} ({} of its three years){}.",
                    source.plan_year,
                    source.plan_year + 2,
                    match year - source.plan_year {
                        0 => "the first",
                        1 => "the second",
                        _ => "the third",
                    },
                    match (source.version, source.accepted) {
                        (Some(version), true) => format!(", version {version}, accepted"),
                        (Some(version), false) => format!(", version {version}, not yet accepted"),
                        (None, _) => ", the values being entered (not yet submitted)".to_owned(),
                    }
                ),
            };
            page.epic = comparison
                .lines
                .iter()
                .map(|line| {
                    let unit = if line.measure == "percentage" {
                        "%"
                    } else {
                        ""
                    };
                    EpicRow {
                        description: line.description.clone(),
                        committed: line
                            .committed
                            .as_ref()
                            .map_or_else(|| "—".to_owned(), |value| format!("{value}{unit}")),
                        actual: line
                            .actual_text()
                            .map_or_else(|| "—".to_owned(), |value| format!("{value}{unit}")),
                        in_words: line
                            .actual
                            .as_ref()
                            .map(|actual| actual.in_words.clone())
                            .unwrap_or_default(),
                    }
                })
                .collect();
            page.delivery = outputs::delivery_months(&delivery)
                .into_iter()
                .map(|month| {
                    (
                        MONTHS[month.month as usize - 1],
                        month.efts.to_string(),
                        month.cumulative_efts.to_string(),
                    )
                })
                .collect();
        }
    }
    render(&page)
}

fn chosen(signed: &Signed, query: &OrganisationQuery) -> Result<Edumis, PageError> {
    super::organisation_for(signed, query.organisation.as_deref())?.ok_or(PageError::NotFound)
}

async fn chart(
    signed: Signed,
    portal: web::Data<Portal>,
    name: web::Path<String>,
    query: web::Query<OrganisationQuery>,
) -> Result<HttpResponse, PageError> {
    let organisation = chosen(&signed, &query)?;
    let insights = insights_for(&signed, &portal, organisation).await?;
    let year = insights.year_or_latest(query.year);
    let delivery = || async {
        let delivery = portal.service.delivery(&insights, Some(year)).await?;
        let months = outputs::delivery_months(&delivery);
        Ok::<_, PageError>((delivery, months))
    };
    let (svg, text) = match name.as_str() {
        "indicators.svg" => (true, outputs::indicators_svg(&insights)?),
        "indicators.csv" => (false, outputs::indicators_csv(&insights)?),
        "efts-by-month.svg" => (true, outputs::efts_by_month_svg(&insights, year)?),
        "efts-by-month.csv" => (false, outputs::efts_by_fund_csv(&insights, year)?),
        "delivery.svg" => {
            let (delivery, months) = delivery().await?;
            (true, outputs::delivery_svg(&delivery, &months)?)
        }
        "delivery.csv" => {
            let (delivery, months) = delivery().await?;
            (false, outputs::delivery_csv(&delivery, &months)?)
        }
        "epic.svg" | "epic.csv" => {
            let comparison = portal
                .service
                .epic_comparison(&insights, Some(year))
                .await?;
            if name.as_str() == "epic.svg" {
                (true, outputs::epic_svg(&comparison)?)
            } else {
                (false, outputs::epic_csv(&comparison)?)
            }
        }
        _ => return Err(PageError::NotFound),
    };
    Ok(if svg {
        HttpResponse::Ok()
            .content_type("image/svg+xml")
            .insert_header(("X-Content-Type-Options", "nosniff"))
            .body(text)
    } else {
        csv_download(&name, text)
    })
}

async fn extract(
    signed: Signed,
    portal: web::Data<Portal>,
    name: web::Path<String>,
    query: web::Query<OrganisationQuery>,
) -> Result<HttpResponse, PageError> {
    let asker = super::asker(&signed.user);
    let text = match name.as_str() {
        "efts-by-month.csv" | "qualifications.csv" => {
            let organisation = chosen(&signed, &query)?;
            let rounds = portal.service.insight_facts(&asker, organisation).await?;
            if name.as_str() == "efts-by-month.csv" {
                outputs::efts_by_month_csv(&rounds)?
            } else {
                outputs::qualifications_csv(&rounds)?
            }
        }
        "every-organisation-efts-by-month.csv" => outputs::efts_side_by_side_csv(
            &portal
                .service
                .every_organisation_insight_facts(&asker)
                .await?,
        )?,
        "every-organisation-qualifications.csv" => outputs::qualifications_csv(
            &portal
                .service
                .every_organisation_insight_facts(&asker)
                .await?,
        )?,
        _ => return Err(PageError::NotFound),
    };
    Ok(csv_download(&name, text))
}
