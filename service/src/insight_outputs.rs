//! The information products as files: CSV extracts in the DXP conventions (a UTF-8 byte-order
//! mark so that spreadsheets read macrons, a header row of titles, CRLF line ends, EFTS with
//! four decimal places) and charts as SVG drawn by the server, each with the numbers behind it
//! as CSV. The API and the portal serve the same bytes.

use std::collections::BTreeMap;

use dxp_domain::Edumis;
use dxp_domain::insights::{
    Efts, FundingRates, Group, IndicatorKind, PROVIDER_BASED, delivered_value,
};
use dxp_persistence::insights::StoredFacts;
use plotters::prelude::*;

use crate::ServiceError;
use crate::insights::{Delivery, EpicComparison, EpicLine, Insights, latest_of_year};

/// The UTF-8 byte-order mark, which spreadsheets need to read macrons correctly.
const BOM: &str = "\u{feff}";

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn csv_of(
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> Result<String, ServiceError> {
    let failed = |error: csv::Error| ServiceError::Failure(format!("cannot write CSV: {error}"));
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(header).map_err(failed)?;
    for row in rows {
        writer.write_record(&row).map_err(failed)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| ServiceError::Failure(format!("cannot write CSV: {error}")))?;
    let text = String::from_utf8(bytes)
        .map_err(|error| ServiceError::Failure(format!("cannot write CSV: {error}")))?;
    Ok(format!("{BOM}{text}"))
}

/// EFTS by month by fund and funding category, every lodged round of the organisations given.
pub fn efts_by_month_csv(rounds: &[StoredFacts]) -> Result<String, ServiceError> {
    csv_of(
        &[
            "EDUMIS",
            "Year",
            "Round",
            "Month",
            "Source of Funding",
            "Funding Category",
            "EFTS",
        ],
        rounds.iter().flat_map(|kept| {
            kept.facts.efts_by_month.iter().map(move |line| {
                vec![
                    kept.organisation.to_string(),
                    kept.round.year.to_string(),
                    kept.round.to_string(),
                    line.month.to_string(),
                    line.fund.clone(),
                    line.category.clone(),
                    line.efts.to_string(),
                ]
            })
        }),
    )
}

/// Learners and enrolments by qualification, every lodged round of the organisations given.
pub fn qualifications_csv(rounds: &[StoredFacts]) -> Result<String, ServiceError> {
    csv_of(
        &[
            "EDUMIS",
            "Year",
            "Round",
            "Qualification Code",
            "Learners",
            "Enrolments",
            "EFTS",
        ],
        rounds.iter().flat_map(|kept| {
            kept.facts.qualifications.iter().map(move |line| {
                vec![
                    kept.organisation.to_string(),
                    kept.round.year.to_string(),
                    kept.round.to_string(),
                    line.qualification.clone(),
                    line.learners.to_string(),
                    line.enrolments.to_string(),
                    line.efts.to_string(),
                ]
            })
        }),
    )
}

/// Every organisation side by side: one row per year, month, fund and funding category, one
/// EFTS column per organisation, from each organisation's latest round of the year.
pub fn efts_side_by_side_csv(rounds: &[StoredFacts]) -> Result<String, ServiceError> {
    let mut organisations: Vec<Edumis> = rounds.iter().map(|kept| kept.organisation).collect();
    organisations.sort_unstable();
    organisations.dedup();
    let mut years: Vec<i32> = rounds.iter().map(|kept| kept.round.year).collect();
    years.sort_unstable();
    years.dedup();
    let mut table: BTreeMap<(i32, u32, String, String), BTreeMap<Edumis, Efts>> = BTreeMap::new();
    for &organisation in &organisations {
        let theirs: Vec<StoredFacts> = rounds
            .iter()
            .filter(|kept| kept.organisation == organisation)
            .cloned()
            .collect();
        for &year in &years {
            if let Some(kept) = latest_of_year(&theirs, year) {
                for line in &kept.facts.efts_by_month {
                    *table
                        .entry((year, line.month, line.fund.clone(), line.category.clone()))
                        .or_default()
                        .entry(organisation)
                        .or_insert(Efts::ZERO) += line.efts;
                }
            }
        }
    }
    let mut header: Vec<String> = ["Year", "Month", "Source of Funding", "Funding Category"]
        .map(str::to_owned)
        .to_vec();
    header.extend(organisations.iter().map(|edumis| format!("EFTS {edumis}")));
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    csv_of(
        &header,
        table
            .into_iter()
            .map(|((year, month, fund, category), by)| {
                let mut row = vec![year.to_string(), month.to_string(), fund, category];
                row.extend(
                    organisations
                        .iter()
                        .map(|edumis| by.get(edumis).copied().unwrap_or(Efts::ZERO).to_string()),
                );
                row
            }),
    )
}

/// The numbers behind the indicators chart, and every figure of the indicators: each year,
/// indicator and group, with suppression in words.
pub fn indicators_csv(insights: &Insights) -> Result<String, ServiceError> {
    csv_of(
        &[
            "Year",
            "Indicator",
            "Group",
            "Status",
            "Rate (%)",
            "In words",
            "Note",
        ],
        insights.figures.iter().map(|figure| {
            vec![
                figure.year.to_string(),
                figure.indicator.label().to_owned(),
                figure.group.label().to_owned(),
                figure.status.in_words().to_owned(),
                figure
                    .rate
                    .map(|rate| format!("{:.1}", rate * 100.0))
                    .unwrap_or_default(),
                figure.in_words.clone(),
                figure.note.clone().unwrap_or_default(),
            ]
        }),
    )
}

/// The numbers behind the EFTS-by-month chart: each month's EFTS of each fund in `year`.
pub fn efts_by_fund_csv(insights: &Insights, year: i32) -> Result<String, ServiceError> {
    let by_fund = efts_by_fund(insights, year);
    csv_of(
        &["Year", "Month", "Source of Funding", "EFTS"],
        by_fund.into_iter().flat_map(|(fund, months)| {
            months.into_iter().enumerate().map(move |(month0, efts)| {
                vec![
                    year.to_string(),
                    (month0 + 1).to_string(),
                    fund.clone(),
                    efts.to_string(),
                ]
            })
        }),
    )
}

fn efts_by_fund(insights: &Insights, year: i32) -> BTreeMap<String, [Efts; 12]> {
    let mut by_fund: BTreeMap<String, [Efts; 12]> = BTreeMap::new();
    if let Some(kept) = insights.year(year) {
        for line in &kept.facts.efts_by_month {
            if (1..=12).contains(&line.month) {
                by_fund.entry(line.fund.clone()).or_insert([Efts::ZERO; 12])
                    [line.month as usize - 1] += line.efts;
            }
        }
    }
    by_fund
}

/// Delivery month by month: fund 37 EFTS, their running total, and, given rates and an
/// allocation, the running value and its share of the allocation.
#[derive(Debug, Clone, PartialEq)]
pub struct DeliveryMonth {
    pub month: u32,
    pub efts: Efts,
    pub cumulative_efts: Efts,
    /// The running value as a share of the allocation, with rates and an allocation.
    pub share_of_allocation: Option<f64>,
}

/// Delivery by month, valued at the delivery's rates when the funder has loaded them.
pub fn delivery_months(delivery: &Delivery) -> Vec<DeliveryMonth> {
    let rates = delivery
        .rates
        .as_ref()
        .map(|rates| rates as &dyn FundingRates);
    let mut cumulative = Efts::ZERO;
    let mut running: BTreeMap<&str, Efts> = BTreeMap::new();
    (1..=12u32)
        .map(|month| {
            let efts = delivery.monthly_efts[month as usize - 1];
            cumulative += efts;
            for line in delivery.monthly.iter().filter(|line| line.month == month) {
                *running.entry(line.category.as_str()).or_insert(Efts::ZERO) += line.efts;
            }
            let share_of_allocation = match (rates, delivery.allocation) {
                (Some(rates), Some(allocation)) if allocation.allocation.0 > 0 => {
                    let value = delivered_value(
                        running.iter().map(|(category, efts)| (*category, *efts)),
                        PROVIDER_BASED,
                        rates,
                    );
                    Some(value.value.0 as f64 / allocation.allocation.0 as f64)
                }
                _ => None,
            };
            DeliveryMonth {
                month,
                efts,
                cumulative_efts: cumulative,
                share_of_allocation,
            }
        })
        .collect()
}

/// The numbers behind the delivery chart.
pub fn delivery_csv(delivery: &Delivery, months: &[DeliveryMonth]) -> Result<String, ServiceError> {
    csv_of(
        &[
            "Year",
            "Month",
            "Fund 37 EFTS",
            "Fund 37 EFTS to date",
            "Value to date (% of allocation)",
        ],
        months.iter().map(|month| {
            vec![
                delivery.year.to_string(),
                month.month.to_string(),
                month.efts.to_string(),
                month.cumulative_efts.to_string(),
                month
                    .share_of_allocation
                    .map(|share| format!("{:.2}", share * 100.0))
                    .unwrap_or_default(),
            ]
        }),
    )
}

/// The EPIC beside the returns for the comparison's year, row by row: the numbers behind the
/// EPIC chart.
pub fn epic_csv(comparison: &EpicComparison) -> Result<String, ServiceError> {
    csv_of(
        &[
            "Year",
            "EPIC Type",
            "Learner Ethnicity",
            "Level Band",
            "Measure",
            "Committed",
            "Your Returns",
            "In Words",
        ],
        comparison.lines.iter().map(|line| {
            vec![
                comparison.year.to_string(),
                line.epic_type.clone(),
                line.learner_ethnicity.clone(),
                line.level_band.clone(),
                line.measure.clone(),
                line.committed.clone().unwrap_or_default(),
                line.actual_text().unwrap_or_default(),
                line.actual
                    .as_ref()
                    .map(|actual| actual.in_words.clone())
                    .unwrap_or_default(),
            ]
        }),
    )
}

/// A participation row of the EPIC as the chart draws it: its label, the share committed and
/// the share the returns show, in percent.
fn participation_bars(comparison: &EpicComparison) -> Vec<(String, Option<f64>, Option<f64>)> {
    comparison
        .lines
        .iter()
        .filter(|line| line.measure == "percentage")
        .map(|line: &EpicLine| {
            (
                format!("{}, {}", line.learner_ethnicity, line.level_band),
                line.committed
                    .as_deref()
                    .and_then(|value| value.trim().parse::<f64>().ok()),
                line.actual_text()
                    .and_then(|value| value.parse::<f64>().ok()),
            )
        })
        .collect()
}

/// The EPIC's participation commitments for the year beside the shares the returns show, as
/// pairs of bars (graduates, being counts, are in the CSV and the table).
pub fn epic_svg(comparison: &EpicComparison) -> Result<String, ServiceError> {
    let bars = participation_bars(comparison);
    let rows = bars.len().max(1);
    let height = (HEIGHT).max(80 + 28 * rows as u32);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        drawn(root.fill(&WHITE))?;
        let mut chart = drawn(
            ChartBuilder::on(&root)
                .caption(
                    format!(
                        "EPIC participation against your returns, {}",
                        comparison.year
                    ),
                    ("sans-serif", 18),
                )
                .margin(12)
                .x_label_area_size(32)
                .y_label_area_size(220)
                .build_cartesian_2d(0f64..100f64, -0.5f64..rows as f64 - 0.5),
        )?;
        let labels: Vec<String> = bars.iter().map(|(label, ..)| label.clone()).collect();
        let top = rows as f64 - 1.0;
        drawn(
            chart
                .configure_mesh()
                .disable_y_mesh()
                .x_desc("Share of the band's EFTS (%)")
                .y_labels(rows)
                .y_label_formatter(&|y| {
                    let row = y.round();
                    if (y - row).abs() > 0.01 || row < 0.0 {
                        return String::new();
                    }
                    labels
                        .get((top - row) as usize)
                        .cloned()
                        .unwrap_or_default()
                })
                .draw(),
        )?;
        // The first row at the top, its commitment above its returns' share.
        for (label, offset, colour, pick) in [
            ("Committed", 0.0, PALETTE[0], 0usize),
            ("Your returns", -0.35, PALETTE[1], 1usize),
        ] {
            let rectangles = bars.iter().enumerate().filter_map(move |(row, bar)| {
                let value = if pick == 0 { bar.1 } else { bar.2 }?;
                let y = top - row as f64 + offset;
                Some(Rectangle::new(
                    [(0.0, y), (value.clamp(0.0, 100.0), y + 0.35)],
                    colour.filled(),
                ))
            });
            drawn(chart.draw_series(rectangles))?
                .label(label)
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 5), (x + 18, y + 5)], colour.filled())
                });
        }
        draw_legend(&mut chart, Some(SeriesLabelPosition::LowerRight))?;
        drawn(root.present())?;
    }
    Ok(svg)
}

const WIDTH: u32 = 760;
const HEIGHT: u32 = 380;

const PALETTE: [RGBColor; 7] = [
    RGBColor(0, 90, 156),
    RGBColor(204, 85, 0),
    RGBColor(0, 128, 64),
    RGBColor(128, 0, 128),
    RGBColor(90, 90, 90),
    RGBColor(170, 0, 0),
    RGBColor(0, 120, 120),
];

/// Draws the chart's legend on a pale box, at `position` (else plotters' default place).
fn draw_legend<'a, CT: plotters::coord::CoordTranslate>(
    chart: &mut ChartContext<'a, SVGBackend<'a>, CT>,
    position: Option<SeriesLabelPosition>,
) -> Result<(), ServiceError> {
    let mut labels = chart.configure_series_labels();
    if let Some(position) = position {
        labels.position(position);
    }
    drawn(
        labels
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK)
            .draw(),
    )
}

fn drawn<T, E: std::fmt::Debug>(result: Result<T, E>) -> Result<T, ServiceError> {
    result.map_err(|error| ServiceError::Failure(format!("cannot draw the chart: {error:?}")))
}

/// The organisation-wide indicators over the years, in percent.
pub fn indicators_svg(insights: &Insights) -> Result<String, ServiceError> {
    let years = insights.years();
    let (first, last) = match (years.first(), years.last()) {
        (Some(first), Some(last)) => (*first, *last),
        _ => (0, 0),
    };
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        drawn(root.fill(&WHITE))?;
        let mut chart = drawn(
            ChartBuilder::on(&root)
                .caption("Educational performance indicators", ("sans-serif", 18))
                .margin(12)
                .x_label_area_size(32)
                .y_label_area_size(48)
                .build_cartesian_2d(first - 1..last + 1, 0f64..100f64),
        )?;
        drawn(
            chart
                .configure_mesh()
                .x_desc("Year")
                .y_desc("Rate (%)")
                .x_labels(years.len() + 2)
                .draw(),
        )?;
        for (index, kind) in IndicatorKind::ALL.into_iter().enumerate() {
            let colour = PALETTE[index % PALETTE.len()];
            let points: Vec<(i32, f64)> = insights
                .figures
                .iter()
                .filter(|figure| figure.indicator == kind && figure.group == Group::Organisation)
                .filter_map(|figure| figure.rate.map(|rate| (figure.year, rate * 100.0)))
                .collect();
            drawn(chart.draw_series(PointSeries::of_element(
                points.clone(),
                4,
                colour.filled(),
                &|coord, size, style| EmptyElement::at(coord) + Circle::new((0, 0), size, style),
            )))?;
            drawn(chart.draw_series(LineSeries::new(points, colour.stroke_width(2))))?
                .label(kind.label())
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 18, y)], colour.stroke_width(2))
                });
        }
        draw_legend(&mut chart, Some(SeriesLabelPosition::LowerRight))?;
        drawn(root.present())?;
    }
    Ok(svg)
}

/// Each fund's EFTS month by month in `year`.
pub fn efts_by_month_svg(insights: &Insights, year: i32) -> Result<String, ServiceError> {
    let by_fund = efts_by_fund(insights, year);
    let top = by_fund
        .values()
        .flat_map(|months| months.iter())
        .map(|efts| efts.as_f64())
        .fold(0.0, f64::max);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        drawn(root.fill(&WHITE))?;
        let mut chart = drawn(
            ChartBuilder::on(&root)
                .caption(format!("EFTS by month, {year}"), ("sans-serif", 18))
                .margin(12)
                .x_label_area_size(32)
                .y_label_area_size(56)
                .build_cartesian_2d(1u32..12u32, 0f64..(top * 1.1).max(1.0)),
        )?;
        drawn(
            chart
                .configure_mesh()
                .x_desc("Month")
                .y_desc("EFTS")
                .x_labels(12)
                .x_label_formatter(&|month| MONTHS[(*month as usize).clamp(1, 12) - 1].to_owned())
                .draw(),
        )?;
        for (index, (fund, months)) in by_fund.iter().enumerate() {
            let colour = PALETTE[index % PALETTE.len()];
            let points = months
                .iter()
                .enumerate()
                .map(|(month0, efts)| (month0 as u32 + 1, efts.as_f64()));
            drawn(chart.draw_series(LineSeries::new(points, colour.stroke_width(2))))?
                .label(format!("Fund {fund}"))
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 18, y)], colour.stroke_width(2))
                });
        }
        draw_legend(&mut chart, None)?;
        drawn(root.present())?;
    }
    Ok(svg)
}

/// Delivery through the year: with an allocation and rates, the running value as a share of
/// the allocation against the 99% and 105% lines; without them, the running fund 37 EFTS.
pub fn delivery_svg(delivery: &Delivery, months: &[DeliveryMonth]) -> Result<String, ServiceError> {
    let valued = months
        .iter()
        .all(|month| month.share_of_allocation.is_some());
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        drawn(root.fill(&WHITE))?;
        let caption = format!("DQ3-7 delivery through {}", delivery.year);
        if valued {
            let ceiling = delivery.allocation.map_or(1.05, |allocation| {
                1.05 * (allocation.allocation.0 + allocation.unfunded_provision.0) as f64
                    / allocation.allocation.0.max(1) as f64
            });
            let top = months
                .iter()
                .filter_map(|month| month.share_of_allocation)
                .fold(ceiling, f64::max)
                * 100.0
                * 1.1;
            let mut chart = drawn(
                ChartBuilder::on(&root)
                    .caption(caption, ("sans-serif", 18))
                    .margin(12)
                    .x_label_area_size(32)
                    .y_label_area_size(56)
                    .build_cartesian_2d(1u32..12u32, 0f64..top),
            )?;
            drawn(
                chart
                    .configure_mesh()
                    .x_desc("Month")
                    .y_desc("Value to date (% of allocation)")
                    .x_labels(12)
                    .x_label_formatter(&|month| {
                        MONTHS[(*month as usize).clamp(1, 12) - 1].to_owned()
                    })
                    .draw(),
            )?;
            for (label, level, colour) in [
                ("99% of the allocation", 99.0, PALETTE[5]),
                (
                    "105% of the allocation and unfunded provision",
                    ceiling * 100.0,
                    PALETTE[1],
                ),
            ] {
                drawn(chart.draw_series(LineSeries::new(
                    [(1u32, level), (12u32, level)],
                    colour.stroke_width(1),
                )))?
                .label(label)
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], colour));
            }
            let points = months.iter().filter_map(|month| {
                month
                    .share_of_allocation
                    .map(|share| (month.month, share * 100.0))
            });
            drawn(chart.draw_series(LineSeries::new(points, PALETTE[0].stroke_width(2))))?
                .label("Delivered value to date")
                .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], PALETTE[0]));
            draw_legend(&mut chart, Some(SeriesLabelPosition::UpperLeft))?;
        } else {
            let top = months
                .last()
                .map_or(0.0, |month| month.cumulative_efts.as_f64());
            let mut chart = drawn(
                ChartBuilder::on(&root)
                    .caption(caption, ("sans-serif", 18))
                    .margin(12)
                    .x_label_area_size(32)
                    .y_label_area_size(56)
                    .build_cartesian_2d(1u32..12u32, 0f64..(top * 1.1).max(1.0)),
            )?;
            drawn(
                chart
                    .configure_mesh()
                    .x_desc("Month")
                    .y_desc("Fund 37 EFTS to date")
                    .x_labels(12)
                    .x_label_formatter(&|month| {
                        MONTHS[(*month as usize).clamp(1, 12) - 1].to_owned()
                    })
                    .draw(),
            )?;
            let points = months
                .iter()
                .map(|month| (month.month, month.cumulative_efts.as_f64()));
            drawn(chart.draw_series(LineSeries::new(points, PALETTE[0].stroke_width(2))))?
                .label("Fund 37 EFTS delivered to date (the 99% and 105% lines need the allocation and rates)")
                .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], PALETTE[0]));
            draw_legend(&mut chart, Some(SeriesLabelPosition::UpperLeft))?;
        }
        drawn(root.present())?;
    }
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::{Allocation, DeliveryRates};
    use dxp_domain::commitments::check::Rates;
    use dxp_domain::insights::facts::MonthEfts;
    use dxp_domain::insights::{Cents, FundingRates};

    /// A1 in SG2, whose provider-based rate is $10,000 an EFTS.
    fn one_rate() -> DeliveryRates {
        DeliveryRates::new(
            [("A1".to_owned(), "SG2".to_owned())],
            Rates::new([("SG2".to_owned(), PROVIDER_BASED.to_owned(), 1_000_000)]),
        )
    }

    fn delivery(allocation: Option<Allocation>, rates: Option<DeliveryRates>) -> Delivery {
        let mut monthly_efts = [Efts::ZERO; 12];
        let mut monthly = Vec::new();
        for month in 1..=10u32 {
            monthly_efts[month as usize - 1] = Efts::whole(1);
            monthly.push(MonthEfts {
                month,
                fund: "37".to_owned(),
                category: "A1".to_owned(),
                efts: Efts::whole(1),
            });
        }
        Delivery {
            organisation: Edumis::new(6004).expect("an EDUMIS"),
            year: 2026,
            round: None,
            monthly_efts,
            monthly,
            by_category: vec![("A1".to_owned(), Efts::whole(10))],
            value: None,
            check: None,
            allocation,
            rates,
            projection: None,
            training: Vec::new(),
        }
    }

    #[test]
    fn delivery_runs_month_by_month_and_is_valued_against_the_allocation() {
        // 10 EFTS at $10,000 against a $100,000 allocation: 100% by October.
        let allocated = delivery(
            Some(Allocation {
                allocation: Cents::dollars(100_000),
                unfunded_provision: Cents::ZERO,
            }),
            Some(one_rate()),
        );
        assert_eq!(
            allocated
                .rates
                .as_ref()
                .and_then(|r| r.rate("A1", PROVIDER_BASED)),
            Some(Cents::dollars(10_000))
        );
        assert_eq!(
            allocated
                .rates
                .as_ref()
                .and_then(|r| r.rate("B1", PROVIDER_BASED)),
            None
        );
        let months = delivery_months(&allocated);
        assert_eq!(months[9].cumulative_efts, Efts::whole(10));
        assert_eq!(months[0].share_of_allocation, Some(0.1));
        assert_eq!(months[11].share_of_allocation, Some(1.0));
        let svg = delivery_svg(&allocated, &months).expect("a chart");
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.contains("99% of the allocation"));
        assert!(svg.contains("105% of the allocation"));
        let csv = delivery_csv(&allocated, &months).expect("a CSV");
        assert!(csv.starts_with("\u{feff}Year,Month,"));
        assert!(csv.contains("2026,12,0.0000,10.0000,100.00\r\n"), "{csv}");
    }

    fn epic_line(ethnicity: &str, committed: Option<&str>, actual: Option<f64>) -> EpicLine {
        use dxp_domain::insights::{EpicFigure, EpicMeasure, EthnicGroup, FigureStatus, LevelBand};
        EpicLine {
            epic_type: "Participation".to_owned(),
            description: format!("Proportion of level 1-3 DQ EFTS who are {ethnicity}"),
            learner_ethnicity: ethnicity.to_owned(),
            level_band: "1-3".to_owned(),
            measure: "percentage".to_owned(),
            committed: committed.map(str::to_owned),
            actual: Some(EpicFigure {
                measure: EpicMeasure::Participation,
                year: 2026,
                ethnicity: EthnicGroup::Maori,
                band: LevelBand::Levels1To3,
                status: if actual.is_some() {
                    FigureStatus::Shown
                } else {
                    FigureStatus::Suppressed
                },
                value: actual,
                in_words: "words, with a comma".to_owned(),
            }),
        }
    }

    #[test]
    fn the_epic_chart_draws_each_participation_row_committed_and_returned() {
        let comparison = EpicComparison {
            organisation: Edumis::new(6004).expect("an EDUMIS"),
            year: 2026,
            source: None,
            lines: vec![
                epic_line("Māori", Some("25.5"), Some(0.2)),
                epic_line("Pasifika", None, None),
            ],
        };
        let bars = participation_bars(&comparison);
        assert_eq!(
            bars,
            [
                ("Māori, 1-3".to_owned(), Some(25.5), Some(20.0)),
                ("Pasifika, 1-3".to_owned(), None, None),
            ]
        );
        let svg = epic_svg(&comparison).expect("drawn");
        assert!(
            svg.contains("Māori, 1-3") && svg.contains("Pasifika, 1-3"),
            "{svg}"
        );
        // One bar each for the Māori row's commitment and share, and the legend's two.
        // The Māori row's commitment and share, and the legend's two swatches.
        for colour in ["#005A9C", "#CC5500"] {
            assert_eq!(
                svg.matches(&format!("fill=\"{colour}\"")).count(),
                2,
                "{svg}"
            );
        }
        let csv = epic_csv(&comparison).expect("written");
        assert!(
            csv.contains(
                "2026,Participation,Māori,1-3,percentage,25.5,20.0,\"words, with a comma\"\r\n"
            ),
            "{csv}"
        );
        if let Ok(path) = std::env::var("DXP_WRITE_CHART") {
            std::fs::write(path, &svg).expect("written");
        }
    }

    #[test]
    fn without_rates_delivery_is_drawn_in_efts() {
        let unvalued = delivery(None, None);
        let months = delivery_months(&unvalued);
        assert_eq!(months[11].share_of_allocation, None);
        let svg = delivery_svg(&unvalued, &months).expect("a chart");
        assert!(svg.contains("Fund 37 EFTS to date"));
        assert!(svg.trim_end().ends_with("</svg>"));
    }
}
