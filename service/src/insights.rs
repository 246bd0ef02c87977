//! The use cases of the information products: the facts of each lodged return are summarised,
//! and the organisation's indicators computed from them, when it is lodged; a scheduled sweep
//! makes again what a failure left missing and the indicators another organisation's later
//! return changed. Pages and extracts read what is kept and compute nothing heavy.
//!
//! Who sees them: the funder's staff, every organisation; a person of an organisation, their
//! own organisation's, with the information products (or full read-only) portal role. Another
//! organisation's products are absent to them, as if it had none.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use dxp_domain::calendar::{RoundKind, current_year, nz_date};
use dxp_domain::commitments::check::Rates;
use dxp_domain::commitments::{RowValues, Template};
use dxp_domain::insights::facts::{DQ37_FUND, MonthEfts, QualificationLookup};
use dxp_domain::insights::{
    Cents, DeliveredValue, DeliveryBand, DeliveryCheck, Efts, EpicFigure, EpicMeasure, EthnicGroup,
    Figure, FundingRates, LastYearGrowth, LearnerYear, LevelBand, PROVIDER_BASED, RegisterLookup,
    ReturnSummary, Summary, TrainingVolume, YearOfFacts, delivered_value, epic_figures, indicators,
    projected_efts, training_volumes, work_based_indicators,
};
use dxp_domain::{Edumis, PortalRole, RoundId};
use dxp_persistence::insights::{self, FiguresToKeep, LodgedReturn, StoredFacts};
use dxp_persistence::paging::{self, PageRequest};
use dxp_persistence::{
    DbConnection, StoreError, commitments, nzqa_results, people, record_store, registers,
    work_based,
};

mod training;

use crate::people::Asker;
use crate::schedule::{self, ScheduleOptions};
use crate::{Service, ServiceError};

/// Records read per round trip while summarising, as the validators read them.
const PAGE_RECORDS: i64 = 5_000;

/// Whether portal roles let a person see information products.
pub fn sees_information_products(roles: &[PortalRole]) -> bool {
    roles.iter().any(|role| {
        matches!(
            role,
            PortalRole::InformationProducts | PortalRole::FullAccessReadOnly
        )
    })
}

/// Summarises the stored records of a lodged return, file by file, page by page.
pub fn summarise(
    conn: &mut DbConnection,
    lodged: &LodgedReturn,
    lookup: &dyn QualificationLookup,
) -> Result<Summary, StoreError> {
    let mut summary = ReturnSummary::new(lodged.round.year, lookup);
    for file in ReturnSummary::READING_ORDER {
        paging::walk(
            PAGE_RECORDS,
            |request: &PageRequest<String>| {
                record_store::file_page(conn, &lodged.submission_id, file, request)
            },
            |rows| {
                for (_, json) in &rows {
                    summary.add(file, json);
                }
                Ok(true)
            },
        )?;
    }
    Ok(summary.finish())
}

/// What a refresh computed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Refreshed {
    /// Rounds whose facts were summarised.
    pub rounds: usize,
    /// Organisations whose indicators were computed.
    pub organisations: usize,
}

/// Brings the kept facts, then the kept indicators, in line with the lodged returns of
/// `organisation` (or everyone): see [`refresh_facts`] and [`refresh_figures`].
pub fn refresh(
    conn: &mut DbConnection,
    organisation: Option<Edumis>,
    now: DateTime<Utc>,
) -> Result<Refreshed, StoreError> {
    let rounds = refresh_facts(conn, organisation, now)?;
    let organisations = refresh_figures(conn, organisation, now)?;
    Ok(Refreshed {
        rounds,
        organisations,
    })
}

/// Brings the kept facts in line with the lodged returns of `organisation` (or everyone):
/// computes those missing or from a superseded return, with the qualification register as it
/// is then, and forgets rounds with no lodged return. Returns how many rounds were computed.
pub fn refresh_facts(
    conn: &mut DbConnection,
    organisation: Option<Edumis>,
    now: DateTime<Utc>,
) -> Result<usize, StoreError> {
    let lodged = insights::lodged_returns(conn, organisation)?;
    let kept = insights::sources(conn, organisation)?;
    let mut register = None;
    let mut computed = 0;
    for lodged in &lodged {
        if !kept.contains(lodged) {
            let lookup = match &mut register {
                Some(lookup) => lookup,
                None => register.insert(RegisterLookup::new(registers::qualifications(conn)?)),
            };
            let summary = summarise(conn, lodged, lookup)?;
            match insights::replace(conn, lodged, &summary, now) {
                Ok(()) => computed += 1,
                // A concurrent refresh (the sweep, or another lodging's) kept the round's facts
                // first, from the same lodged return: nothing is left to do.
                Err(StoreError::Conflict(_)) => {}
                Err(error) => return Err(error),
            }
        }
    }
    for kept in &kept {
        let still_lodged = lodged
            .iter()
            .any(|lodged| lodged.organisation == kept.organisation && lodged.round == kept.round);
        if !still_lodged {
            insights::forget(conn, kept.organisation, kept.round)?;
        }
    }
    Ok(computed)
}

/// What an organisation's indicators are computed from: the latest round of each year it has
/// facts for and, for progression (study anywhere the next year), the latest round of each
/// following year of every other organisation. Named as text, it is the key that says whether
/// kept indicators are current.
#[derive(Debug, Clone, PartialEq, Eq)]
struct FigureInputs {
    own: Vec<(Edumis, RoundId)>,
    later_elsewhere: Vec<(Edumis, RoundId)>,
    key: String,
}

/// The inputs of `organisation`'s indicators among every organisation's `kept` facts.
fn figure_inputs(kept: &[LodgedReturn], organisation: Edumis) -> FigureInputs {
    let mut latest: BTreeMap<(Edumis, i32), &LodgedReturn> = BTreeMap::new();
    for facts in kept {
        let slot = latest
            .entry((facts.organisation, facts.round.year))
            .or_insert(facts);
        if facts.round.kind > slot.round.kind {
            *slot = facts;
        }
    }
    let own: Vec<&LodgedReturn> = latest
        .values()
        .copied()
        .filter(|facts| facts.organisation == organisation)
        .collect();
    let later_elsewhere: Vec<&LodgedReturn> = latest
        .values()
        .copied()
        .filter(|facts| {
            facts.organisation != organisation
                && own
                    .iter()
                    .any(|mine| mine.round.year + 1 == facts.round.year)
        })
        .collect();
    let key = own
        .iter()
        .chain(&later_elsewhere)
        .map(|facts| {
            format!(
                "{}/{}/{}",
                facts.organisation, facts.round, facts.submission_id
            )
        })
        .collect::<Vec<_>>()
        .join(",");
    let pairs = |returns: &[&LodgedReturn]| {
        returns
            .iter()
            .map(|facts| (facts.organisation, facts.round))
            .collect()
    };
    FigureInputs {
        own: pairs(&own),
        later_elsewhere: pairs(&later_elsewhere),
        key,
    }
}

/// Computes every indicator and EPIC measure of `organisation` from the kept facts named by
/// `inputs`.
fn compute_figures(
    conn: &mut DbConnection,
    organisation: Edumis,
    inputs: &FigureInputs,
) -> Result<(Vec<Figure>, Vec<EpicFigure>), StoreError> {
    let rounds = insights::facts(conn, Some(organisation))?;
    let own = insights::learners(conn, &inputs.own)?;
    let others = insights::learners(conn, &inputs.later_elsewhere)?;
    let mut later_study: HashMap<i32, Vec<(NaiveDate, u8)>> = HashMap::new();
    for (_, _, learners) in own.iter().chain(others.iter()) {
        for learner in learners {
            later_study
                .entry(learner.nsn)
                .or_default()
                .extend(learner.study.iter().copied());
        }
    }
    let empty: Vec<LearnerYear> = Vec::new();
    let years_of_facts: Vec<YearOfFacts> = inputs
        .own
        .iter()
        .filter_map(|(_, round)| rounds.iter().find(|kept| kept.round == *round))
        .map(|kept| YearOfFacts {
            facts: &kept.facts,
            learners: own
                .iter()
                .find(|(_, round, _)| *round == kept.round)
                .map_or(&empty, |(_, _, learners)| learners),
        })
        .collect();
    Ok((
        indicators(&years_of_facts, &later_study),
        epic_figures(&years_of_facts),
    ))
}

/// What says whether an organisation's kept work-based figures are current: its work-based
/// feed's last position, the NZQA results loaded, and the day (a cohort's year passes, a
/// window closes, this year's months go by).
fn training_key(position: i64, results: (i64, Option<NaiveDateTime>), today: NaiveDate) -> String {
    let (count, last) = results;
    let last = last.map_or_else(String::new, |at| at.to_string());
    format!("work-based/{position}/nzqa/{count}/{last}/{today}")
}

/// Brings the kept indicators of `organisation` (or everyone) in line with the kept facts and
/// the work-based store: computes those whose inputs changed and forgets those of
/// organisations with neither. Returns how many organisations' indicators were computed.
pub fn refresh_figures(
    conn: &mut DbConnection,
    organisation: Option<Edumis>,
    now: DateTime<Utc>,
) -> Result<usize, StoreError> {
    let kept = insights::sources(conn, None)?;
    let stored: HashMap<Edumis, String> = insights::figure_sources(conn)?.into_iter().collect();
    let positions: BTreeMap<Edumis, i64> = work_based::feed_positions(conn)?.into_iter().collect();
    let results = if positions.is_empty() {
        (0, None)
    } else {
        nzqa_results::stamp(conn)?
    };
    let today = nz_date(now);
    let mut organisations: Vec<Edumis> = kept
        .iter()
        .map(|facts| facts.organisation)
        .chain(positions.keys().copied())
        .collect();
    organisations.sort_unstable();
    organisations.dedup();
    organisations.retain(|edumis| organisation.is_none_or(|only| only == *edumis));
    let mut register = None;
    let mut computed = 0;
    for edumis in organisations {
        let inputs = figure_inputs(&kept, edumis);
        let position = positions.get(&edumis).copied();
        let key = match position {
            Some(position) => format!("{};{}", inputs.key, training_key(position, results, today)),
            None => inputs.key.clone(),
        };
        if stored.get(&edumis) == Some(&key) {
            continue;
        }
        let (mut figures, epic) = compute_figures(conn, edumis, &inputs)?;
        let mut volumes = Vec::new();
        if position.is_some() {
            let lookup = match &mut register {
                Some(lookup) => lookup,
                None => register.insert(RegisterLookup::new(registers::qualifications(conn)?)),
            };
            let training = training::read(conn, edumis, lookup)?;
            figures.extend(work_based_indicators(
                &training.enrolments,
                &training.results,
                today,
            ));
            volumes = training_volumes(&training.enrolments, today);
        }
        let keeping = FiguresToKeep {
            figures: &figures,
            epic: &epic,
            volumes: &volumes,
        };
        match insights::keep_figures(conn, edumis, &key, keeping, now) {
            Ok(()) => computed += 1,
            // Another refresh kept them first, from the same or newer facts.
            Err(StoreError::Conflict(_)) => {}
            Err(error) => return Err(error),
        }
    }
    for edumis in stored.keys() {
        let wanted = organisation.is_none_or(|only| only == *edumis);
        let has_inputs = kept.iter().any(|facts| facts.organisation == *edumis)
            || positions.contains_key(edumis);
        if wanted && !has_inputs {
            insights::forget_figures(conn, *edumis)?;
        }
    }
    Ok(computed)
}

/// Starts the sweep that keeps the information products in line with the lodged returns: facts
/// a failure kept from being made at lodging, and the indicators of organisations whose
/// progression another organisation's later return changed.
pub fn spawn(service: &Service, options: ScheduleOptions) {
    schedule::spawn(service, options, "insights", |service| async move {
        let refreshed = service.refresh_insights(None).await?;
        if refreshed != Refreshed::default() {
            tracing::info!(
                insights.rounds = refreshed.rounds,
                insights.organisations = refreshed.organisations,
                "information products brought up to date"
            );
        }
        Ok(())
    });
}

/// The indicators of one organisation, with the facts they came from.
#[derive(Debug, Clone)]
pub struct Insights {
    pub organisation: Edumis,
    /// The facts of every lodged round, by round.
    pub rounds: Vec<StoredFacts>,
    /// Every indicator, group and year.
    pub figures: Vec<Figure>,
    /// Every EPIC measure, group, band and year.
    pub epic: Vec<EpicFigure>,
    /// The work-based volumes by year, mode of delivery and field of study.
    pub volumes: Vec<TrainingVolume>,
    /// The year by the service's clock when these were read, New Zealand time.
    pub this_year: i32,
}

impl Insights {
    /// The years with facts or work-based figures, ascending.
    pub fn years(&self) -> Vec<i32> {
        let mut years: Vec<i32> = self
            .rounds
            .iter()
            .map(|kept| kept.round.year)
            .chain(self.figures.iter().map(|figure| figure.year))
            .collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    /// The year asked for, or else the latest with facts or work-based figures, or else this
    /// year.
    pub fn year_or_latest(&self, asked: Option<i32>) -> i32 {
        asked
            .or_else(|| self.years().last().copied())
            .unwrap_or(self.this_year)
    }

    /// The facts standing for `year`: its latest round's.
    pub fn year(&self, year: i32) -> Option<&StoredFacts> {
        latest_of_year(&self.rounds, year)
    }
}

/// The latest round's facts of `year` among `rounds`.
pub fn latest_of_year(rounds: &[StoredFacts], year: i32) -> Option<&StoredFacts> {
    rounds
        .iter()
        .filter(|kept| kept.round.year == year)
        .max_by_key(|kept| kept.round.kind)
}

/// One row of the organisation's EPIC beside what its returns show for the year.
#[derive(Debug, Clone, PartialEq)]
pub struct EpicLine {
    pub epic_type: String,
    pub description: String,
    pub learner_ethnicity: String,
    pub level_band: String,
    /// `number` or `percentage`.
    pub measure: String,
    /// The value the organisation committed to for the year, as entered.
    pub committed: Option<String>,
    /// The measure as the returns show it; `None` for a row DXP does not measure.
    pub actual: Option<EpicFigure>,
}

impl EpicLine {
    /// The measure in the row's unit: a count, or a percentage to one decimal place.
    pub fn actual_text(&self) -> Option<String> {
        let actual = self.actual.as_ref()?;
        let value = actual.value?;
        Some(match actual.measure {
            EpicMeasure::Graduates => format!("{value:.0}"),
            EpicMeasure::Participation => format!("{:.1}", value * 100.0),
        })
    }
}

/// The EPIC commitment compared: which commitment and version the committed values are from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EpicSource {
    pub commitment_id: String,
    pub plan_year: i32,
    /// The version read: the latest accepted, else the latest submitted; `None`: not yet
    /// submitted, the values being entered are read.
    pub version: Option<i32>,
    pub accepted: bool,
}

/// The organisation's EPIC for a year beside the measures its returns show.
#[derive(Debug, Clone, PartialEq)]
pub struct EpicComparison {
    pub organisation: Edumis,
    pub year: i32,
    /// `None`: no EPIC covers the year; the lines are the measures alone.
    pub source: Option<EpicSource>,
    pub lines: Vec<EpicLine>,
}

/// The figure of `epic` that measures the EPIC row `values` in `year`.
fn measured(epic: &[EpicFigure], values: &RowValues, year: i32) -> Option<EpicFigure> {
    let epic_type = values.get("epicType")?;
    let measure = EpicMeasure::ALL
        .into_iter()
        .find(|measure| measure.epic_type() == epic_type)?;
    let ethnicity_label = values.get("learnerEthnicity")?;
    let ethnicity = EthnicGroup::ALL
        .into_iter()
        .find(|group| group.label().to_lowercase() == ethnicity_label.to_lowercase())?;
    let level_band = values.get("levelBand")?;
    let position = dxp_domain::commitments::epic::LEVEL_BANDS
        .iter()
        .position(|band| band == level_band)?;
    let band = LevelBand::ALL.get(position).copied()?;
    epic.iter()
        .find(|figure| {
            figure.year == year
                && figure.measure == measure
                && figure.ethnicity == ethnicity
                && figure.band == band
        })
        .cloned()
}

/// The allocation delivery is measured against: loaded by the funder with the commitments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allocation {
    pub allocation: Cents,
    /// The dollar value of the plan-agreed unfunded provision.
    pub unfunded_provision: Cents,
}

impl Allocation {
    /// The band check of `delivered` against this allocation.
    pub fn check(self, delivered: Cents) -> DeliveryCheck {
        DeliveryCheck {
            delivered,
            allocation: self.allocation,
            unfunded_provision: self.unfunded_provision,
        }
    }
}

/// DQ3-7 delivery of one organisation and year: the fund 37 EFTS month by month from the
/// latest return of the year, and, given rates and an allocation, their value in the band.
#[derive(Debug, Clone, PartialEq)]
pub struct Delivery {
    pub organisation: Edumis,
    pub year: i32,
    /// The round whose return it comes from; `None`: nothing lodged for the year.
    pub round: Option<RoundId>,
    /// Fund 37 EFTS of each month, January first.
    pub monthly_efts: [Efts; 12],
    /// The same by funding category, for valuing month by month.
    pub monthly: Vec<MonthEfts>,
    /// Fund 37 EFTS delivered in the year, by funding category.
    pub by_category: Vec<(String, Efts)>,
    /// The value at the rates given, with that of work-based training in mode 24 (which shares
    /// the DQ3-7 allocation); `None` without rates.
    pub value: Option<DeliveredValue>,
    /// The band check; `None` without rates and an allocation.
    pub check: Option<DeliveryCheck>,
    pub allocation: Option<Allocation>,
    /// The year's DQ3-7 rates by SDR funding category; `None` until the funder has loaded
    /// rates for the year and the subject groupings.
    pub rates: Option<DeliveryRates>,
    /// The year projected from a return before December's; `None` from December's (final) or
    /// without a return.
    pub projection: Option<Projection>,
    /// Work-based delivery by mode, from the work-based store.
    pub training: Vec<TrainingDelivery>,
}

/// The year's delivery projected from a return part way through it (see [`projected_efts`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Projection {
    pub efts: Efts,
    /// Last year's growth from the same round to December; `None`: not lodged, so the
    /// projection is what the return reports for the year.
    pub growth: Option<LastYearGrowth>,
    /// The value grown the same way, with rates.
    pub value: Option<Cents>,
    /// The band the projection falls in, with rates and an allocation.
    pub check: Option<DeliveryCheck>,
}

/// Fund 37 EFTS a kept return reports for its year.
fn fund37_efts(kept: &StoredFacts) -> Efts {
    kept.facts
        .delivered_by_category(DQ37_FUND)
        .into_values()
        .sum()
}

/// How last year's fund 37 EFTS grew from `round`'s kind of return to December's.
fn last_year_growth(rounds: &[StoredFacts], round: RoundId) -> Option<LastYearGrowth> {
    let of = |kind: RoundKind| {
        let wanted = RoundId {
            year: round.year - 1,
            kind,
        };
        rounds.iter().find(|kept| kept.round == wanted)
    };
    Some(LastYearGrowth {
        reported: fund37_efts(of(round.kind)?),
        delivered: fund37_efts(of(RoundKind::Dec)?),
    })
}

/// The DQ3-7 rates of a year as delivery values them: an enrolment's SDR funding category,
/// through the subject grouping the funder put it in, to the grouping's rate for the mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryRates {
    groupings: BTreeMap<String, String>,
    rates: Rates,
}

impl DeliveryRates {
    /// `groupings`: (SDR funding category, subject grouping); `rates` by subject grouping and
    /// mode.
    pub fn new(groupings: impl IntoIterator<Item = (String, String)>, rates: Rates) -> Self {
        DeliveryRates {
            groupings: groupings.into_iter().collect(),
            rates,
        }
    }
}

impl FundingRates for DeliveryRates {
    /// `category`: an SDR funding category, or a work-based programme's NZSCED field of study,
    /// which falls back to its narrow (four-digit) and broad (two-digit) field.
    fn rate(&self, category: &str, mode: &str) -> Option<Cents> {
        let field_of_study = category.len() == 6 && category.bytes().all(|b| b.is_ascii_digit());
        let lengths: &[usize] = if field_of_study { &[6, 4, 2] } else { &[] };
        let grouping = self.groupings.get(category).or_else(|| {
            lengths
                .iter()
                .find_map(|&length| self.groupings.get(&category[..length]))
        })?;
        self.rates.rate(grouping, mode).map(Cents)
    }
}

/// What DQ3-7 delivery of `organisation` in `year` is valued with and measured against: the
/// year's rates through the subject groupings, and the allocations of the organisation's DQ3-7
/// commitment (with the unfunded provision of its accepted version) and of its work-based
/// mode commitments for the year.
fn valuation(
    conn: &mut DbConnection,
    organisation: Edumis,
    year: i32,
) -> Result<(Option<DeliveryRates>, BTreeMap<Template, Allocation>), StoreError> {
    let groupings = commitments::subject_groupings(conn)?;
    let rates = commitments::rates(conn, Template::Dq37.fund(), year)?;
    let rates =
        (!groupings.is_empty() && !rates.is_empty()).then(|| DeliveryRates::new(groupings, rates));
    let mut allocations = BTreeMap::new();
    for template in [
        Template::Dq37,
        Template::PathwayToWork,
        Template::AssessmentAndVerification,
    ] {
        let Some(commitment) = commitments::of_organisation(conn, organisation, template, year)?
        else {
            continue;
        };
        let Some(allocation) = commitment.allocation_cents else {
            continue;
        };
        let unfunded = if template.funding().is_some_and(|f| f.unfunded.is_some()) {
            let versions = commitments::versions(conn, &commitment.id)?;
            commitments::latest_accepted(&versions)
                .map_or(0, |version| version.unfunded_value_cents)
        } else {
            0
        };
        allocations.insert(
            template,
            Allocation {
                allocation: Cents(allocation),
                unfunded_provision: Cents(unfunded),
            },
        );
    }
    Ok((rates, allocations))
}

/// A work-based mode of delivery as delivery values it: its code, the name its rates are
/// loaded under, and the commitment whose allocation it is measured against (mode 24 shares
/// the DQ3-7 Mix of Provision with provider-based delivery).
pub const TRAINING_MODES: [(i32, &str, Template); 3] = [
    (24, "work-based", Template::Dq37),
    (25, "pathway-to-work", Template::PathwayToWork),
    (
        26,
        "assessment-and-verification",
        Template::AssessmentAndVerification,
    ),
];

/// Work-based delivery of one mode in a year.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainingDelivery {
    pub mode: i32,
    /// The name its rates are loaded under.
    pub rate_mode: &'static str,
    /// STMs of the whole year as the enrolments stand.
    pub stm: Efts,
    /// STMs of the months to the day they were worked out.
    pub to_date: Efts,
    /// The value of [`TrainingDelivery::stm`] at the year's rates (each field of study through
    /// the subject grouping the funder put it in); `None` without rates.
    pub value: Option<DeliveredValue>,
    /// Modes 25 and 26: the band check against their own commitment's allocation. Mode 24's
    /// value is in the DQ3-7 check instead.
    pub check: Option<DeliveryCheck>,
}

impl TrainingDelivery {
    /// What this mode's delivery means, in plain words.
    /// The mode's name, as the commitments' reference data gives it.
    pub fn mode_name(&self) -> &'static str {
        dxp_domain::commitments::reference::MODES_OF_DELIVERY
            .find(self.rate_mode)
            .map_or(self.rate_mode, |choice| choice.label)
    }

    pub fn in_words(&self) -> String {
        let name = self.mode_name();
        let mut words = format!(
            "{name} (mode {}): {} STM for the year as the enrolments stand, {} to date",
            self.mode, self.stm, self.to_date
        );
        match (&self.value, self.check) {
            (None, _) => words.push_str(
                "; valued once the funder's rates and the subject groupings of its fields of \
                 study are loaded.",
            ),
            (Some(value), _) if self.mode == 24 => words.push_str(&format!(
                ", valued at {} and counted in the DQ3-7 value above.",
                value.value
            )),
            (Some(value), Some(check)) => words.push_str(&format!(
                ", valued at {} against its commitment's allocation of {}: {}",
                value.value,
                check.allocation,
                check.band().in_plain_words()
            )),
            (Some(value), None) => words.push_str(&format!(
                ", valued at {}; no allocation for the mode's commitment this year.",
                value.value
            )),
        }
        words
    }
}

fn training_delivery(
    volumes: &[TrainingVolume],
    year: i32,
    rates: Option<&DeliveryRates>,
    allocations: &BTreeMap<Template, Allocation>,
) -> Vec<TrainingDelivery> {
    TRAINING_MODES
        .iter()
        .filter_map(|&(mode, rate_mode, template)| {
            let lines: Vec<&TrainingVolume> = volumes
                .iter()
                .filter(|volume| volume.year == year && volume.mode == mode)
                .collect();
            if lines.is_empty() {
                return None;
            }
            let value = rates.map(|rates| {
                delivered_value(
                    lines
                        .iter()
                        .map(|line| (line.field_of_study.as_str(), line.stm)),
                    rate_mode,
                    rates,
                )
            });
            let check = (template != Template::Dq37)
                .then(|| value.as_ref().zip(allocations.get(&template)))
                .flatten()
                .map(|(value, allocation)| allocation.check(value.value));
            Some(TrainingDelivery {
                mode,
                rate_mode,
                stm: lines.iter().map(|line| line.stm).sum(),
                to_date: lines.iter().map(|line| line.to_date).sum(),
                value,
                check,
            })
        })
        .collect()
}

impl Delivery {
    /// Fund 37 EFTS the return reports for the whole year (the months still to come of the
    /// courses enrolled included).
    pub fn delivered_efts(&self) -> Efts {
        self.monthly_efts.iter().copied().sum()
    }

    /// The month the return reports to: April for April's (December's, or no return: 12).
    pub fn through_month(&self) -> u32 {
        self.round.map_or(12, |round| round.kind.return_month())
    }

    /// Fund 37 EFTS delivered to the end of [`Delivery::through_month`].
    pub fn to_date_efts(&self) -> Efts {
        self.monthly_efts[..self.through_month() as usize]
            .iter()
            .copied()
            .sum()
    }

    /// What the delivery means, and what is missing to judge it, in plain words.
    pub fn in_words(&self) -> String {
        let mut words = match (&self.value, self.check) {
            (Some(value), Some(check)) => {
                let percent = |share: Option<f64>| {
                    share.map_or_else(|| "—".to_owned(), |share| format!("{:.1}%", share * 100.0))
                };
                let mut words = format!(
                    "Delivered value {} against an allocation of {} (plan-agreed unfunded \
                     provision {}): {} of the allocation, {} of it with the unfunded \
                     provision. {}",
                    value.value,
                    check.allocation,
                    check.unfunded_provision,
                    percent(check.share_of_allocation()),
                    percent(check.share_with_unfunded()),
                    check.band().in_plain_words()
                );
                match check.band() {
                    DeliveryBand::Under => words.push_str(&format!(
                        " Short of the allocation by {}.",
                        check.under_delivered()
                    )),
                    DeliveryBand::Over => words.push_str(&format!(
                        " Above 105% of the allocation with the unfunded provision by {}.",
                        check.over_delivered()
                    )),
                    DeliveryBand::Within | DeliveryBand::NoAllocation => {}
                }
                words
            }
            (Some(value), None) => format!(
                "Delivered value {} at the year's rates. The 99–105% band is judged once the \
                 funder gives the year's allocation in the organisation's DQ3-7 commitment.",
                value.value
            ),
            (None, _) => "Delivered EFTS only: the delivered value and the 99–105% band are given \
                          once the funder's rates for the year and the subject groupings are loaded."
                .to_owned(),
        };
        if let Some(projection) = &self.projection {
            let basis = match projection.growth {
                Some(_) => "grown as last year's grew from the same return to December's",
                None => {
                    "from the enrolments reported so far (no return of last year shows \
                         how the rest of a year grows)"
                }
            };
            words.push_str(&format!(
                " Projected for the year, {basis}: {} EFTS",
                projection.efts
            ));
            match (projection.value, projection.check) {
                (Some(value), Some(check)) => words.push_str(&format!(
                    ", {value}. If the year ends so: {}",
                    check.band().in_plain_words()
                )),
                (Some(value), None) => words.push_str(&format!(", {value}.")),
                (None, _) => words.push('.'),
            }
        }
        if let Some(value) = self
            .value
            .as_ref()
            .filter(|value| !value.unrated.is_empty())
        {
            words.push_str(&format!(
                " No rate is loaded for funding categories or fields of study {}: their volume \
                 is not in the value, so it is short.",
                value.unrated.join(", ")
            ));
        }
        for line in &self.training {
            words.push(' ');
            words.push_str(&line.in_words());
        }
        words
    }
}

impl Service {
    /// The organisation's EPIC for `year` (else the latest year with facts) beside the
    /// measures its returns show: the EPIC whose three years cover the year, the value of the
    /// year's column (Year 1 is the plan year) from its latest accepted version, else its
    /// latest submitted one, else the values being entered.
    /// `insights` are the organisation's as [`Service::insights`] read them for the asker.
    pub async fn epic_comparison(
        &self,
        insights: &Insights,
        year: Option<i32>,
    ) -> Result<EpicComparison, ServiceError> {
        let organisation = insights.organisation;
        let year = insights.year_or_latest(year);
        let chosen = self
            .blocking(move |conn| {
                let epic = commitments::list(conn, Some(organisation))?
                    .into_iter()
                    .filter(|commitment| {
                        commitment.template == Template::Epic
                            && (commitment.plan_year..=commitment.plan_year + 2).contains(&year)
                    })
                    .max_by_key(|commitment| commitment.plan_year);
                let Some(epic) = epic else {
                    return Ok::<_, StoreError>(None);
                };
                let versions = commitments::versions(conn, &epic.id)?;
                let read = commitments::latest_accepted(&versions)
                    .or_else(|| versions.iter().max_by_key(|version| version.version));
                let (version, is_accepted, rows) = match read {
                    Some(version) => (
                        Some(version.version),
                        version.is_accepted(),
                        version.rows.clone(),
                    ),
                    None => (None, false, commitments::rows(conn, &epic.id)?),
                };
                Ok(Some((
                    EpicSource {
                        commitment_id: epic.id,
                        plan_year: epic.plan_year,
                        version,
                        accepted: is_accepted,
                    },
                    rows,
                )))
            })
            .await?;
        let (source, rows) = match chosen {
            Some((source, rows)) => (Some(source), rows),
            None => (None, dxp_domain::commitments::epic::prepopulated_rows()),
        };
        let column = source
            .as_ref()
            .map(|source| format!("year{}", year - source.plan_year + 1));
        let lines = rows
            .into_iter()
            .map(|(_, values)| {
                let text = |name: &str| values.get(name).cloned().unwrap_or_default();
                EpicLine {
                    epic_type: text("epicType"),
                    description: text("description"),
                    learner_ethnicity: text("learnerEthnicity"),
                    level_band: text("levelBand"),
                    measure: text("measure"),
                    committed: column
                        .as_ref()
                        .and_then(|column| values.get(column))
                        .filter(|value| !value.is_empty())
                        .cloned(),
                    actual: measured(&insights.epic, &values, year),
                }
            })
            .collect();
        Ok(EpicComparison {
            organisation,
            year,
            source,
            lines,
        })
    }

    /// Whether `asker` may see `organisation`'s information products: the funder always; a
    /// person of another organisation never (as absent); a person of the organisation with the
    /// portal role for them.
    async fn insight_access(
        &self,
        asker: &Asker,
        organisation: Edumis,
    ) -> Result<(), ServiceError> {
        if asker.is_funder {
            return Ok(());
        }
        if asker.organisation != Some(organisation) {
            return Err(ServiceError::NotFound(format!(
                "no information products for organisation {organisation}"
            )));
        }
        let subject = asker.subject.clone();
        let roles = self
            .blocking(move |conn| people::find(conn, &subject))
            .await?
            .map(|person| person.portal_roles)
            .unwrap_or_default();
        if sees_information_products(&roles) {
            Ok(())
        } else {
            Err(ServiceError::Forbidden(
                "information products need the information products portal role; ask your \
                 organisation's user settings admin"
                    .to_owned(),
            ))
        }
    }

    /// Summarises the lodged returns whose facts are missing or out of date, and computes the
    /// indicators whose facts changed, for one organisation or every one. Lodging calls it for
    /// the organisation; the scheduled sweep for everyone. Reads never do: they read what is
    /// kept.
    pub async fn refresh_insights(
        &self,
        organisation: Option<Edumis>,
    ) -> Result<Refreshed, ServiceError> {
        let now = self.clock().now()?;
        self.blocking(move |conn| refresh(conn, organisation, now))
            .await
    }

    /// The kept facts of `organisation`.
    pub async fn insight_facts(
        &self,
        asker: &Asker,
        organisation: Edumis,
    ) -> Result<Vec<StoredFacts>, ServiceError> {
        self.insight_access(asker, organisation).await?;
        self.blocking(move |conn| insights::facts(conn, Some(organisation)))
            .await
    }

    /// Every organisation's kept facts, for the funder's side-by-side extracts.
    pub async fn every_organisation_insight_facts(
        &self,
        asker: &Asker,
    ) -> Result<Vec<StoredFacts>, ServiceError> {
        if !asker.is_funder {
            return Err(ServiceError::Forbidden(
                "every organisation side by side is for the funder's staff".to_owned(),
            ));
        }
        self.blocking(move |conn| insights::facts(conn, None)).await
    }

    /// The indicators of `organisation` over every year it has lodged returns for, as kept
    /// when it last lodged (or the sweep last found its inputs changed).
    pub async fn insights(
        &self,
        asker: &Asker,
        organisation: Edumis,
    ) -> Result<Insights, ServiceError> {
        self.insight_access(asker, organisation).await?;
        let (rounds, figures) = self
            .blocking(move |conn| {
                let rounds = insights::facts(conn, Some(organisation))?;
                let figures = insights::figures(conn, organisation)?;
                Ok::<_, StoreError>((rounds, figures))
            })
            .await?;
        let (figures, epic, volumes) = figures.map_or_else(Default::default, |kept| {
            (kept.figures, kept.epic, kept.volumes)
        });
        Ok(Insights {
            organisation,
            rounds,
            figures,
            epic,
            volumes,
            this_year: current_year(self.clock().now()?),
        })
    }

    /// DQ3-7 delivery of the organisation of `insights` (as [`Service::insights`] read them for
    /// the asker) in `year` (else the latest year with facts, else this year), valued at the
    /// year's DQ3-7 rates against the allocation of its DQ3-7 commitment when the funder has
    /// loaded them, with its work-based delivery by mode.
    pub async fn delivery(
        &self,
        insights: &Insights,
        year: Option<i32>,
    ) -> Result<Delivery, ServiceError> {
        let organisation = insights.organisation;
        let rounds = &insights.rounds;
        let year = insights.year_or_latest(year);
        let (rates, allocations) = self
            .blocking(move |conn| valuation(conn, organisation, year))
            .await?;
        let allocation = allocations.get(&Template::Dq37).copied();
        let latest = latest_of_year(rounds, year);
        let mut monthly_efts = [Efts::ZERO; 12];
        let mut by_category = Vec::new();
        let mut monthly = Vec::new();
        if let Some(kept) = latest {
            for line in &kept.facts.efts_by_month {
                if dxp_domain::codes::parse_two_digit(&line.fund) == Some(DQ37_FUND)
                    && (1..=12).contains(&line.month)
                {
                    monthly_efts[line.month as usize - 1] += line.efts;
                    monthly.push(line.clone());
                }
            }
            by_category = kept
                .facts
                .delivered_by_category(DQ37_FUND)
                .into_iter()
                .collect();
        }
        let training = training_delivery(&insights.volumes, year, rates.as_ref(), &allocations);
        let work_based_value = training
            .iter()
            .find(|line| line.mode == TRAINING_MODES[0].0)
            .and_then(|line| line.value.clone())
            .unwrap_or_default();
        let provider_value = rates.as_ref().map(|rates| {
            delivered_value(
                by_category
                    .iter()
                    .map(|(category, efts)| (category.as_str(), *efts)),
                PROVIDER_BASED,
                rates,
            )
        });
        let value = provider_value.as_ref().map(|provider| {
            let mut unrated = provider.unrated.clone();
            unrated.extend(work_based_value.unrated.iter().cloned());
            DeliveredValue {
                value: provider.value + work_based_value.value,
                unrated,
            }
        });
        let check = value
            .as_ref()
            .zip(allocation)
            .map(|(value, allocation)| allocation.check(value.value));
        let projection = latest
            .filter(|kept| kept.round.kind != RoundKind::Dec)
            .map(|kept| {
                let growth = last_year_growth(rounds, kept.round);
                let grown = |cents: Cents| Cents(growth.map_or(cents.0, |g| g.grow(cents.0)));
                // Work-based volumes are already the year's as the enrolments stand.
                let value = provider_value
                    .as_ref()
                    .map(|value| grown(value.value) + work_based_value.value);
                Projection {
                    efts: projected_efts(fund37_efts(kept), growth),
                    growth,
                    value,
                    check: value
                        .zip(allocation)
                        .map(|(value, allocation)| allocation.check(value)),
                }
            });
        Ok(Delivery {
            organisation,
            year,
            round: latest.map(|kept| kept.round),
            monthly_efts,
            monthly,
            by_category,
            value,
            check,
            allocation,
            rates,
            projection,
            training,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dxp_domain::insights::ReturnFacts;

    fn kept(round: &str, fund37: i64, other: i64) -> StoredFacts {
        let line = |fund: &str, efts: i64| MonthEfts {
            month: 3,
            fund: fund.to_owned(),
            category: "A1".to_owned(),
            efts: Efts::whole(efts),
        };
        StoredFacts {
            organisation: Edumis::new(6004).expect("an EDUMIS"),
            round: round.parse().expect("a round"),
            submission_id: round.to_owned(),
            computed_at: DateTime::<Utc>::default(),
            facts: ReturnFacts {
                efts_by_month: vec![line("37", fund37), line("01", other)],
                ..ReturnFacts::default()
            },
        }
    }

    #[test]
    fn a_field_of_study_falls_back_to_its_narrow_and_broad_field() {
        let pair = |a: &str, b: &str| (a.to_owned(), b.to_owned());
        let rate =
            |grouping: &str, mode: &str, cents| (grouping.to_owned(), mode.to_owned(), cents);
        let rates = DeliveryRates::new(
            [pair("A1", "SG1"), pair("0403", "SG2"), pair("05", "SG3")],
            Rates::new([
                rate("SG1", PROVIDER_BASED, 100),
                rate("SG2", "work-based", 200),
                rate("SG3", "work-based", 300),
            ]),
        );
        assert_eq!(rates.rate("040301", "work-based"), Some(Cents(200)));
        assert_eq!(rates.rate("050101", "work-based"), Some(Cents(300)));
        assert_eq!(rates.rate("060101", "work-based"), None);
        assert_eq!(rates.rate("A1", PROVIDER_BASED), Some(Cents(100)));
        // Only a field of study falls back: a funding category is looked up whole.
        assert_eq!(rates.rate("A12", PROVIDER_BASED), None);
    }

    fn judged(delivered: i64) -> Delivery {
        let check = DeliveryCheck {
            delivered: Cents::dollars(delivered),
            allocation: Cents::dollars(100_000),
            unfunded_provision: Cents::dollars(20_000),
        };
        Delivery {
            organisation: Edumis::new(6004).expect("an EDUMIS"),
            year: 2026,
            round: Some("2026-DEC".parse().expect("a round")),
            monthly_efts: [Efts::ZERO; 12],
            monthly: Vec::new(),
            by_category: Vec::new(),
            value: Some(DeliveredValue {
                value: check.delivered,
                unrated: vec!["P1".to_owned()],
            }),
            check: Some(check),
            allocation: Some(Allocation {
                allocation: check.allocation,
                unfunded_provision: check.unfunded_provision,
            }),
            rates: None,
            projection: None,
            training: Vec::new(),
        }
    }

    #[test]
    fn delivery_in_words_gives_the_shares_and_what_is_short_or_over() {
        let under = judged(90_000).in_words();
        assert!(
            under.contains("90.0% of the allocation, 75.0% of it with"),
            "{under}"
        );
        assert!(
            under.contains("Short of the allocation by $10,000.00."),
            "{under}"
        );
        assert!(
            under.contains("No rate is loaded for funding categories or fields of study P1"),
            "{under}"
        );
        // 105% of $120,000 is $126,000.
        let over = judged(130_000).in_words();
        assert!(over.contains("by $4,000.00."), "{over}");
        let within = judged(100_000).in_words();
        assert!(
            !within.contains("Short of") && !within.contains("Above 105%"),
            "{within}"
        );
    }

    #[test]
    fn last_year_s_growth_is_read_from_the_same_round_and_december() {
        let rounds = [
            kept("2025-APR", 50, 9),
            kept("2025-AUG", 100, 9),
            kept("2025-DEC", 120, 9),
            kept("2026-AUG", 80, 9),
        ];
        let august: RoundId = "2026-AUG".parse().expect("a round");
        // Fund 37 only: last August reported 100 and December delivered 120.
        assert_eq!(
            last_year_growth(&rounds, august),
            Some(LastYearGrowth {
                reported: Efts::whole(100),
                delivered: Efts::whole(120),
            })
        );
        // No 2025 December: nothing to grow by.
        assert_eq!(last_year_growth(&rounds[..2], august), None);
        // No 2025 return of the same round.
        let march: RoundId = "2026-IND".parse().expect("a round");
        assert_eq!(last_year_growth(&rounds, march), None);
    }
}
