//! The rules of commitments and what DXP computes: each MoP row's values checked against its
//! column, its computed columns filled (total intended learner hours, funded value), the
//! totals, and the allocation tolerance; each EPIC row's Year 1–3 values checked against its
//! measure. Arithmetic is in whole cents and fixed decimals, never floats, so that the same
//! rows give the same totals however they arrive (keyed in or uploaded).

use std::collections::BTreeMap;

use super::reference::ChoiceList;
use super::{Column, ColumnKind, RateKey, RowValues, Template, Volume};
use crate::validation::{Problem, Rule, Scope, Severity};

/// The MoP rules in code order, for the catalogue.
pub static MOP_RULES: [&Rule; 12] = [
    &MOP_001, &MOP_002, &MOP_003, &MOP_004, &MOP_005, &MOP_006, &MOP_007, &MOP_008, &MOP_009,
    &MOP_010, &MOP_011, &MOP_012,
];

/// The EPIC rules in code order, for the catalogue.
pub static EPIC_RULES: [&Rule; 4] = [&EPIC_001, &EPIC_002, &EPIC_003, &EPIC_004];

pub const MOP_001: Rule = Rule::of_process(
    "MOP-001",
    Scope::MixOfProvision,
    "*",
    Severity::Error,
    "A mandatory column has a value (course title, region of delivery, funding category, \
     hours, learners, EFTS, …: each template's list is in docs/commitments.md).",
);
pub const MOP_002: Rule = Rule::of_process(
    "MOP-002",
    Scope::MixOfProvision,
    "*",
    Severity::Error,
    "A text column is no longer than its limit: 255 characters for a course, programme or \
     qualification title, 80 for comments (§5).",
);
pub const MOP_003: Rule = Rule::of_process(
    "MOP-003",
    Scope::MixOfProvision,
    "*",
    Severity::Error,
    "A reference-data column holds a value of its list (regions, priority provision, \
     priority groups, funding categories, modes of delivery, literacy programmes, Yes/No).",
);
pub const MOP_004: Rule = Rule::of_process(
    "MOP-004",
    Scope::MixOfProvision,
    "*",
    Severity::Error,
    "A decimal column is a plain number with at most its decimal places: hours per learner \
     2 (§5), EFTS and standard training measures 3.",
);
pub const MOP_005: Rule = Rule::of_process(
    "MOP-005",
    Scope::MixOfProvision,
    "*",
    Severity::Error,
    "Hours per learner, EFTS and standard training measures are greater than zero.",
);
pub const MOP_006: Rule = Rule::of_process(
    "MOP-006",
    Scope::MixOfProvision,
    "*",
    Severity::Error,
    "A whole-number column is a whole number in its range: number of learners from 1, the \
     NZQCF level within the template's levels (DQ3-7: 3–7, DQ7+: 7–10, DQ1-2: 1–2, YG: 1–3, \
     work-based: 1–7).",
);
pub const MOP_007: Rule = Rule::of_process(
    "MOP-007",
    Scope::MixOfProvision,
    "fundedValue",
    Severity::Error,
    "The funder has loaded a funding rate for the row's fund, plan year, funding category \
     and mode of delivery, so that its funded value can be computed.",
);
pub const MOP_008: Rule = Rule::of_process(
    "MOP-008",
    Scope::MixOfProvision,
    "*",
    Severity::Error,
    "A row (webform, API or CSV header) names only the template's columns. The computed \
     columns (total intended learner hours, funded value) are not entered: DXP ignores them \
     and computes them.",
);
pub const MOP_009: Rule = Rule::of_process(
    "MOP-009",
    Scope::MixOfProvision,
    "fundedValue",
    Severity::Error,
    "Allocation tolerance: the MoP's total funded value is at most 105% of the \
     organisation's allocation for the fund and year plus the value of its Plan-agreed \
     unfunded provision (§6.3).",
);
pub const MOP_010: Rule = Rule::of_process(
    "MOP-010",
    Scope::MixOfProvision,
    "fundedValue",
    Severity::Warning,
    "Allocation tolerance: a MoP whose total funded value is below 99% of the \
     organisation's allocation for the fund and year commits to less than it is funded for \
     (§6.3); the funder may recover the difference.",
);
pub const MOP_011: Rule = Rule::of_process(
    "MOP-011",
    Scope::MixOfProvision,
    "",
    Severity::Error,
    "A MoP submitted for review has at least one row.",
);
pub const MOP_012: Rule = Rule::of_process(
    "MOP-012",
    Scope::MixOfProvision,
    "",
    Severity::Error,
    "An uploaded MoP CSV is UTF-8 with a header row naming each mandatory column of its \
     template, by title or API name; a file that cannot be read replaces nothing.",
);

pub const EPIC_001: Rule = Rule::of_process(
    "EPIC-001",
    Scope::Epic,
    "*",
    Severity::Error,
    "Each EPIC row has a Year 1, Year 2 and Year 3 value (§5).",
);
pub const EPIC_002: Rule = Rule::of_process(
    "EPIC-002",
    Scope::Epic,
    "*",
    Severity::Error,
    "A value of a row measured as a number (such as expected graduates) is a whole number \
     from 0.",
);
pub const EPIC_003: Rule = Rule::of_process(
    "EPIC-003",
    Scope::Epic,
    "*",
    Severity::Error,
    "A value of a row measured as a percentage (such as participation) is from 0 to 100 \
     with at most one decimal place, without the % sign.",
);
pub const EPIC_004: Rule = Rule::of_process(
    "EPIC-004",
    Scope::Epic,
    "*",
    Severity::Error,
    "An EPIC is entered by webform only: its rows are pre-populated by the funder and only \
     their Year 1–3 values are entered; no rows are added or removed, no CSV is uploaded.",
);

/// The allocation tolerance: a MoP's funded value above this share of its allocation (plus
/// unfunded provision) is an error (MOP-009)…
pub const OVER_TOLERANCE_PERCENT: i128 = 105;
/// …and below this share of its allocation a warning (MOP-010).
pub const UNDER_TOLERANCE_PERCENT: i128 = 99;

/// A decimal held exactly: `units` / 10^`places`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fixed {
    pub units: i128,
    pub places: u32,
}

/// Why a decimal cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecimalError {
    NotANumber,
    TooManyPlaces,
}

impl Fixed {
    /// Reads a plain decimal (`12`, `12.5`, `-3.25`) with at most `places` decimal places.
    pub fn parse(text: &str, places: u32) -> Result<Fixed, DecimalError> {
        let text = text.trim();
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let all_digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
        if whole.is_empty() && fraction.is_empty()
            || !all_digits(whole)
            || !all_digits(fraction)
            || digits.ends_with('.')
            || whole.len() > 15
        {
            return Err(DecimalError::NotANumber);
        }
        if fraction.len() > places as usize {
            return Err(DecimalError::TooManyPlaces);
        }
        let padded = format!("{whole}{fraction:0<width$}", width = places as usize);
        let units: i128 = padded.parse().map_err(|_| DecimalError::NotANumber)?;
        Ok(Fixed {
            units: if negative { -units } else { units },
            places,
        })
    }

    /// The value rounded half up to `places` decimal places.
    pub fn rounded_to(self, places: u32) -> Fixed {
        if places >= self.places {
            return Fixed {
                units: self.units * 10i128.pow(places - self.places),
                places,
            };
        }
        let divisor = 10i128.pow(self.places - places);
        let half = divisor / 2;
        let units = if self.units >= 0 {
            (self.units + half) / divisor
        } else {
            (self.units - half) / divisor
        };
        Fixed { units, places }
    }
}

impl std::fmt::Display for Fixed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.units < 0 { "-" } else { "" };
        let magnitude = self.units.unsigned_abs();
        if self.places == 0 {
            return write!(f, "{sign}{magnitude}");
        }
        let divisor = 10u128.pow(self.places);
        write!(
            f,
            "{sign}{}.{:0width$}",
            magnitude / divisor,
            magnitude % divisor,
            width = self.places as usize
        )
    }
}

/// Cents as dollars: `123456` → `1234.56`.
pub fn dollars(cents: i64) -> String {
    Fixed {
        units: i128::from(cents),
        places: 2,
    }
    .to_string()
}

/// Reads dollars (at most 2 decimal places, not negative) as cents.
pub fn parse_dollars(text: &str) -> Result<i64, String> {
    let fixed = Fixed::parse(text, 2).map_err(|error| match error {
        DecimalError::NotANumber => {
            format!("'{text}' is not an amount in dollars, such as 1234.50")
        }
        DecimalError::TooManyPlaces => format!("'{text}' has more than 2 decimal places"),
    })?;
    if fixed.units < 0 {
        return Err(format!("'{text}' is negative"));
    }
    i64::try_from(fixed.units).map_err(|_| format!("'{text}' is too large"))
}

/// The funding rates of one fund and plan year: dollars (as cents) per unit of volume (a
/// learner hour, an EFTS, a standard training measure), by funding category and mode.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rates {
    by_key: BTreeMap<(String, String), i64>,
}

impl Rates {
    pub fn new(rates: impl IntoIterator<Item = (String, String, i64)>) -> Rates {
        Rates {
            by_key: rates
                .into_iter()
                .map(|(category, mode, cents)| ((category, mode), cents))
                .collect(),
        }
    }

    /// Whether no rate is loaded.
    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }

    pub fn rate(&self, category: &str, mode: &str) -> Option<i64> {
        self.by_key
            .get(&(category.to_owned(), mode.to_owned()))
            .copied()
    }
}

/// One row as entered: its number (stable while the commitment is edited; the line order of
/// an upload) and its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnteredRow {
    pub number: i64,
    pub values: RowValues,
}

/// A row after checking: its values with the computed columns filled where they could be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedRow {
    pub number: i64,
    pub values: RowValues,
    /// Its funded value in cents, when it could be computed.
    pub value_cents: Option<i64>,
    /// Plan-agreed unfunded provision: its value counts in the 105% test, not as funded.
    pub unfunded: bool,
}

/// A commitment's totals.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    pub rows: usize,
    /// Σ total intended learner hours (the hours families), 2 decimal places.
    pub learner_hours: Option<Fixed>,
    /// Σ EFTS or standard training measures (the volume families), 3 decimal places.
    pub volume: Option<Fixed>,
    /// Σ funded value of the funded rows, in cents.
    pub funded_value_cents: i64,
    /// Σ value of the Plan-agreed unfunded rows, in cents.
    pub unfunded_value_cents: i64,
    /// The organisation's allocation for the fund and year, when the funder gave one.
    pub allocation_cents: Option<i64>,
}

impl Totals {
    /// The funded value as a share of the allocation, in tenths of a percent (1000 = 100%).
    pub fn per_mille_of_allocation(&self) -> Option<i64> {
        let allocation = self.allocation_cents.filter(|cents| *cents > 0)?;
        let share = i128::from(self.funded_value_cents) * 1000 / i128::from(allocation);
        i64::try_from(share).ok()
    }
}

/// A commitment checked: its rows, totals and every problem, errors and warnings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Checked {
    pub rows: Vec<CheckedRow>,
    pub totals: Totals,
    pub problems: Vec<Problem>,
}

impl Checked {
    pub fn error_count(&self) -> usize {
        self.problems
            .iter()
            .filter(|problem| problem.severity == Severity::Error)
            .count()
    }

    pub fn warning_count(&self) -> usize {
        self.problems.len() - self.error_count()
    }
}

/// Keeps the entered columns of `input`: trimmed, blanks dropped, computed columns ignored
/// (DXP computes them). A name the template does not have is refused (MOP-008), or for the
/// EPIC any column but Year 1–3 (EPIC-004).
pub fn entered_values(
    template: Template,
    input: BTreeMap<String, String>,
) -> Result<RowValues, String> {
    let mut values = RowValues::new();
    for (name, value) in input {
        let Some(column) = template.column(&name) else {
            let rule = if template.is_epic() {
                &EPIC_004
            } else {
                &MOP_008
            };
            return Err(format!(
                "{}: '{name}' is not a column of the {}; its columns are {}",
                rule.code,
                template.title(),
                template
                    .columns()
                    .iter()
                    .filter(|column| column.kind != ColumnKind::Computed)
                    .map(|column| column.name)
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        };
        match column.kind {
            ColumnKind::Computed => continue,
            ColumnKind::Fixed => {
                return Err(format!(
                    "{}: '{name}' is pre-populated by the funder; only year1, year2 and year3 \
                     are entered",
                    EPIC_004.code
                ));
            }
            _ => {}
        }
        let value = value.trim();
        if !value.is_empty() {
            values.insert(name, value.to_owned());
        }
    }
    Ok(values)
}

/// Checks every row of a commitment and its totals: `rates` are the fund and plan year's,
/// `allocation_cents` the organisation's allocation when the funder gave one.
pub fn check(
    template: Template,
    rows: &[EnteredRow],
    rates: &Rates,
    allocation_cents: Option<i64>,
) -> Checked {
    if template.is_epic() {
        return check_epic(rows);
    }
    let mut checked = Checked {
        totals: Totals {
            rows: rows.len(),
            allocation_cents,
            ..Totals::default()
        },
        ..Checked::default()
    };
    let Some(funding) = template.funding() else {
        return checked;
    };
    for row in rows {
        let index = usize::try_from(row.number).unwrap_or_default();
        let mut values = row.values.clone();
        let mut readable = true;
        for column in template.columns() {
            if !check_value(column, &mut values, index, &mut checked.problems) {
                readable = false;
            }
        }
        let volume = match funding.volume {
            Volume::Entered(name) => values
                .get(name)
                .and_then(|text| decimal_places(template, name).map(|places| (text, places)))
                .and_then(|(text, places)| Fixed::parse(text, places).ok()),
            Volume::LearnerHours => {
                let hours = values
                    .get("hoursPerLearner")
                    .and_then(|text| Fixed::parse(text, 2).ok());
                let learners = values
                    .get("numberOfLearners")
                    .and_then(|text| text.trim().parse::<i64>().ok());
                match (hours, learners) {
                    (Some(hours), Some(learners)) if hours.units > 0 && learners > 0 => {
                        let total = Fixed {
                            units: hours.units * i128::from(learners),
                            places: 2,
                        };
                        values.insert("totalIntendedLearnerHours".to_owned(), total.to_string());
                        Some(total)
                    }
                    _ => None,
                }
            }
        };
        let unfunded = funding
            .unfunded
            .and_then(|name| values.get(name))
            .is_some_and(|value| value.eq_ignore_ascii_case("yes"));
        let mut value_cents = None;
        if let Some(volume) = volume.filter(|volume| readable && volume.units > 0) {
            match (funding.volume, &mut checked.totals) {
                (Volume::LearnerHours, totals) => add(&mut totals.learner_hours, volume),
                (Volume::Entered(_), totals) => add(&mut totals.volume, volume),
            }
            let category = key_value(funding.category, &values);
            let mode = key_value(funding.mode, &values);
            match rates.rate(&category, &mode) {
                Some(rate) => {
                    let cents = Fixed {
                        units: volume.units * i128::from(rate),
                        places: volume.places,
                    }
                    .rounded_to(0)
                    .units;
                    let cents = i64::try_from(cents).unwrap_or(i64::MAX);
                    values.insert("fundedValue".to_owned(), dollars(cents));
                    value_cents = Some(cents);
                    // Saturating: absurd volumes or rates pin the total at its largest, which
                    // the tolerance then refuses, instead of wrapping to a negative total
                    // that would pass it (or panicking).
                    let total = if unfunded {
                        &mut checked.totals.unfunded_value_cents
                    } else {
                        &mut checked.totals.funded_value_cents
                    };
                    *total = total.saturating_add(cents);
                }
                None => checked.problems.push(MOP_007.problem(
                    index,
                    None,
                    "fundedValue",
                    format!(
                        "no funding rate is loaded for fund {}, funding category {category} and \
                         mode {mode}: the funder loads the year's rates before the funded value \
                         can be computed",
                        template.fund()
                    ),
                )),
            }
        }
        checked.rows.push(CheckedRow {
            number: row.number,
            values,
            value_cents,
            unfunded,
        });
    }
    if rows.is_empty() {
        checked.problems.push(MOP_011.problem(
            0,
            None,
            "",
            "the MoP has no rows: add rows one by one or upload a CSV".to_owned(),
        ));
    }
    tolerance(&checked.totals, &mut checked.problems);
    checked
}

fn add(total: &mut Option<Fixed>, volume: Fixed) {
    let sum = total.map_or(0, |total| total.units) + volume.units;
    *total = Some(Fixed {
        units: sum,
        places: volume.places,
    });
}

fn decimal_places(template: Template, name: &str) -> Option<u32> {
    match template.column(name)?.kind {
        ColumnKind::Decimal { places } => Some(places),
        _ => None,
    }
}

/// The code a row's rate is found by: its column's value in the list's code (a label was
/// accepted too), or the fixed value.
fn key_value(key: RateKey, values: &RowValues) -> String {
    match key {
        RateKey::Fixed(value) => value.to_owned(),
        RateKey::Column(name) => values.get(name).cloned().unwrap_or_default(),
    }
}

/// Checks one column's value of a row; normalises a choice to its code. Returns whether the
/// value is usable (present and readable, or absent and optional).
fn check_value(
    column: &Column,
    values: &mut RowValues,
    index: usize,
    problems: &mut Vec<Problem>,
) -> bool {
    let name = column.name;
    let Some(value) = values.get(name).cloned() else {
        if column.mandatory && column.kind != ColumnKind::Computed {
            problems.push(MOP_001.problem(
                index,
                None,
                name,
                format!("{} is mandatory and has no value", column.title),
            ));
            return false;
        }
        return true;
    };
    let problem = match column.kind {
        ColumnKind::Text { max } => {
            let length = value.chars().count();
            (length > max).then(|| {
                (
                    &MOP_002,
                    format!(
                        "{} has {length} characters; at most {max} are kept",
                        column.title
                    ),
                )
            })
        }
        ColumnKind::Choice(list) => choice_problem(column, list, values, &value),
        ColumnKind::Decimal { places } => match Fixed::parse(&value, places) {
            Err(DecimalError::NotANumber) => Some((
                &MOP_004,
                format!("{} '{value}' is not a number, such as 12.5", column.title),
            )),
            Err(DecimalError::TooManyPlaces) => Some((
                &MOP_004,
                format!(
                    "{} '{value}' has more than {places} decimal places",
                    column.title
                ),
            )),
            Ok(number) if number.units <= 0 => Some((
                &MOP_005,
                format!("{} is {value}; it must be greater than zero", column.title),
            )),
            Ok(_) => None,
        },
        ColumnKind::Whole { min, max } => match value.parse::<i64>() {
            Ok(number) if (min..=max).contains(&number) => None,
            _ => Some((
                &MOP_006,
                format!(
                    "{} '{value}' is not a whole number from {min} to {max}",
                    column.title
                ),
            )),
        },
        ColumnKind::Computed | ColumnKind::Fixed | ColumnKind::Measure => None,
    };
    match problem {
        Some((rule, message)) => {
            problems.push(rule.problem(index, None, name, message));
            false
        }
        None => true,
    }
}

fn choice_problem(
    column: &Column,
    list: ChoiceList,
    values: &mut RowValues,
    value: &str,
) -> Option<(&'static Rule, String)> {
    match list.find(value) {
        Some(choice) => {
            values.insert(column.name.to_owned(), choice.code.to_owned());
            None
        }
        None => Some((
            &MOP_003,
            format!(
                "{} '{value}' is not in the list; one of {}",
                column.title,
                list.codes()
            ),
        )),
    }
}

/// The allocation tolerance (MOP-009, MOP-010), when the funder gave an allocation.
fn tolerance(totals: &Totals, problems: &mut Vec<Problem>) {
    let Some(allocation) = totals.allocation_cents.filter(|cents| *cents > 0) else {
        return;
    };
    let funded = i128::from(totals.funded_value_cents);
    let ceiling = i128::from(allocation) + i128::from(totals.unfunded_value_cents);
    let share = |of: i128| {
        Fixed {
            units: funded * 1000 / of,
            places: 1,
        }
        .to_string()
    };
    if funded * 100 > OVER_TOLERANCE_PERCENT * ceiling {
        problems.push(MOP_009.problem(
            0,
            None,
            "fundedValue",
            format!(
                "the total funded value ${} is {}% of the allocation ${} plus unfunded provision \
                 ${}: above the {OVER_TOLERANCE_PERCENT}% tolerance; reduce the provision or \
                 discuss it with the funder",
                dollars(totals.funded_value_cents),
                share(ceiling),
                dollars(allocation),
                dollars(totals.unfunded_value_cents),
            ),
        ));
    } else if funded * 100 < UNDER_TOLERANCE_PERCENT * i128::from(allocation) {
        problems.push(MOP_010.problem(
            0,
            None,
            "fundedValue",
            format!(
                "the total funded value ${} is {}% of the allocation ${}: below the \
                 {UNDER_TOLERANCE_PERCENT}% tolerance, so the MoP commits to less than the \
                 allocation funds",
                dollars(totals.funded_value_cents),
                share(i128::from(allocation)),
                dollars(allocation),
            ),
        ));
    }
}

/// Checks an EPIC's rows: each year's value as its measure requires.
fn check_epic(rows: &[EnteredRow]) -> Checked {
    let mut problems = Vec::new();
    for row in rows {
        let index = usize::try_from(row.number).unwrap_or_default();
        let percentage = row
            .values
            .get("measure")
            .is_some_and(|measure| measure == super::epic::PERCENTAGE);
        for (name, title) in [
            ("year1", "Year 1"),
            ("year2", "Year 2"),
            ("year3", "Year 3"),
        ] {
            let Some(value) = row.values.get(name) else {
                problems.push(EPIC_001.problem(index, None, name, format!("{title} has no value")));
                continue;
            };
            if percentage {
                match Fixed::parse(value, 1) {
                    Ok(number) if (0..=1000).contains(&number.units) => {}
                    _ => problems.push(EPIC_003.problem(
                        index,
                        None,
                        name,
                        format!(
                            "{title} '{value}' is not a percentage from 0 to 100 with at most \
                             one decimal place"
                        ),
                    )),
                }
            } else if !matches!(value.parse::<i64>(), Ok(number) if number >= 0) {
                problems.push(EPIC_002.problem(
                    index,
                    None,
                    name,
                    format!("{title} '{value}' is not a whole number from 0"),
                ));
            }
        }
    }
    Checked {
        rows: rows
            .iter()
            .map(|row| CheckedRow {
                number: row.number,
                values: row.values.clone(),
                value_cents: None,
                unfunded: false,
            })
            .collect(),
        totals: Totals {
            rows: rows.len(),
            ..Totals::default()
        },
        problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ace_row(number: i64, pairs: &[(&str, &str)]) -> EnteredRow {
        let mut values: RowValues = [
            ("courseTitle", "Te reo for whānau"),
            ("regionOfDelivery", "Otago"),
            ("priorityProvision1", "TEREO"),
            ("targetPriorityGroup", "MAORI"),
            ("hoursPerLearner", "12.50"),
            ("numberOfLearners", "20"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        for (name, value) in pairs {
            if value.is_empty() {
                values.remove(*name);
            } else {
                values.insert((*name).to_owned(), (*value).to_owned());
            }
        }
        EnteredRow { number, values }
    }

    fn dq_row(pairs: &[(&str, &str)]) -> EnteredRow {
        let mut values: RowValues = [
            (
                "qualificationOrSubjectArea",
                "NZ Certificate in Carpentry (Level 4)",
            ),
            ("fundingCategory", "SG2"),
            ("nzqcfLevel", "4"),
            ("modeOfDelivery", "provider-based"),
            ("efts", "10.000"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        for (name, value) in pairs {
            values.insert((*name).to_owned(), (*value).to_owned());
        }
        EnteredRow { number: 1, values }
    }

    fn ace_rates() -> Rates {
        Rates::new([("ACE".to_owned(), "provider-based".to_owned(), 1450)])
    }

    fn dq_rates() -> Rates {
        Rates::new([("SG2".to_owned(), "provider-based".to_owned(), 1_000_000)])
    }

    fn codes(checked: &Checked) -> Vec<&str> {
        checked.problems.iter().map(|p| p.rule.as_str()).collect()
    }

    #[test]
    fn a_clean_ace_row_has_its_hours_and_funded_value_computed() {
        let checked = check(
            Template::AceInSchools,
            &[ace_row(1, &[])],
            &ace_rates(),
            None,
        );
        assert!(checked.problems.is_empty(), "{:?}", checked.problems);
        let row = &checked.rows[0].values;
        assert_eq!(row["totalIntendedLearnerHours"], "250.00");
        assert_eq!(row["fundedValue"], "3625.00");
        assert_eq!(checked.totals.funded_value_cents, 362_500);
        assert_eq!(checked.totals.learner_hours.unwrap().to_string(), "250.00");
    }

    #[test]
    fn mop_001_a_mandatory_value_is_missing() {
        let checked = check(
            Template::AceInSchools,
            &[ace_row(1, &[("courseTitle", "")])],
            &ace_rates(),
            None,
        );
        assert_eq!(codes(&checked), ["MOP-001"]);
        assert_eq!(checked.problems[0].field, "courseTitle");
        let optional = check(
            Template::AceInSchools,
            &[ace_row(1, &[("priorityProvision2", "")])],
            &ace_rates(),
            None,
        );
        assert!(optional.problems.is_empty());
    }

    #[test]
    fn mop_002_text_longer_than_its_limit() {
        let long = "x".repeat(256);
        let checked = check(
            Template::AceInSchools,
            &[ace_row(1, &[("courseTitle", &long)])],
            &ace_rates(),
            None,
        );
        assert_eq!(codes(&checked), ["MOP-002"]);
        let at_limit = "x".repeat(255);
        let comment = "y".repeat(80);
        let fine = check(
            Template::AceInSchools,
            &[ace_row(
                1,
                &[("courseTitle", &at_limit), ("comments", &comment)],
            )],
            &ace_rates(),
            None,
        );
        assert!(fine.problems.is_empty());
        let long_comment = "y".repeat(81);
        let checked = check(
            Template::AceInSchools,
            &[ace_row(1, &[("comments", &long_comment)])],
            &ace_rates(),
            None,
        );
        assert_eq!(codes(&checked), ["MOP-002"]);
    }

    #[test]
    fn mop_003_a_value_not_in_its_list() {
        let checked = check(
            Template::AceInSchools,
            &[ace_row(1, &[("regionOfDelivery", "Atlantis")])],
            &ace_rates(),
            None,
        );
        assert_eq!(codes(&checked), ["MOP-003"]);
        let by_label = check(
            Template::AceInSchools,
            &[ace_row(1, &[("targetPriorityGroup", "pasifika learners")])],
            &ace_rates(),
            None,
        );
        assert!(by_label.problems.is_empty());
        assert_eq!(by_label.rows[0].values["targetPriorityGroup"], "PASIFIKA");
    }

    #[test]
    fn mop_004_a_decimal_unreadable_or_with_too_many_places() {
        for bad in ["12.505", "twelve", "1e3", "12."] {
            let checked = check(
                Template::AceInSchools,
                &[ace_row(1, &[("hoursPerLearner", bad)])],
                &ace_rates(),
                None,
            );
            assert_eq!(codes(&checked), ["MOP-004"], "{bad}");
        }
        let checked = check(
            Template::Dq37,
            &[dq_row(&[("efts", "1.0005")])],
            &dq_rates(),
            None,
        );
        assert_eq!(codes(&checked), ["MOP-004"]);
    }

    #[test]
    fn mop_005_a_volume_that_is_not_positive() {
        for bad in ["0", "-2.5"] {
            let checked = check(
                Template::AceInSchools,
                &[ace_row(1, &[("hoursPerLearner", bad)])],
                &ace_rates(),
                None,
            );
            assert_eq!(codes(&checked), ["MOP-005"], "{bad}");
        }
    }

    #[test]
    fn mop_006_a_whole_number_out_of_range() {
        for bad in ["0", "2.5", "many"] {
            let checked = check(
                Template::AceInSchools,
                &[ace_row(1, &[("numberOfLearners", bad)])],
                &ace_rates(),
                None,
            );
            assert_eq!(codes(&checked), ["MOP-006"], "{bad}");
        }
        let level = check(
            Template::Dq37,
            &[dq_row(&[("nzqcfLevel", "8")])],
            &dq_rates(),
            None,
        );
        assert_eq!(codes(&level), ["MOP-006"]);
        let degree = check(
            Template::Dq7Plus,
            &[dq_row(&[("nzqcfLevel", "8")])],
            &Rates::new([("SG2".to_owned(), "provider-based".to_owned(), 100)]),
            None,
        );
        assert!(degree.problems.is_empty());
    }

    #[test]
    fn mop_007_no_rate_for_the_rows_category_and_mode() {
        let checked = check(
            Template::Dq37,
            &[dq_row(&[("modeOfDelivery", "work-based")])],
            &dq_rates(),
            None,
        );
        assert_eq!(codes(&checked), ["MOP-007"]);
        assert!(!checked.rows[0].values.contains_key("fundedValue"));
    }

    #[test]
    fn mop_008_an_unknown_column_is_refused_and_computed_ones_ignored() {
        let input = |name: &str| {
            [(name.to_owned(), "1".to_owned())]
                .into_iter()
                .collect::<BTreeMap<_, _>>()
        };
        let refused = entered_values(Template::AceInSchools, input("courseTitel")).unwrap_err();
        assert!(refused.starts_with("MOP-008"), "{refused}");
        let kept = entered_values(Template::AceInSchools, input("fundedValue")).unwrap();
        assert!(kept.is_empty());
        assert!(entered_values(Template::AceInSchools, input("courseTitle")).is_ok());
    }

    #[test]
    fn mop_009_over_105_percent_of_allocation_plus_unfunded_is_an_error() {
        // 10 EFTS at $10,000 = $100,000.
        let over = check(Template::Dq37, &[dq_row(&[])], &dq_rates(), Some(9_500_000));
        assert_eq!(codes(&over), ["MOP-009"]);
        assert_eq!(over.problems[0].severity, Severity::Error);
        let at_limit = check(Template::Dq37, &[dq_row(&[])], &dq_rates(), Some(9_523_810));
        assert!(at_limit.problems.is_empty(), "{:?}", at_limit.problems);
        // Unfunded provision raises the ceiling of the 105% test.
        let mut unfunded = dq_row(&[("planAgreedUnfunded", "Yes"), ("efts", "1.000")]);
        unfunded.number = 2;
        let with_unfunded = check(
            Template::Dq37,
            &[dq_row(&[]), unfunded],
            &dq_rates(),
            Some(9_500_000),
        );
        assert!(
            with_unfunded.problems.is_empty(),
            "{:?}",
            with_unfunded.problems
        );
        assert_eq!(with_unfunded.totals.unfunded_value_cents, 1_000_000);
        assert_eq!(with_unfunded.totals.funded_value_cents, 10_000_000);
    }

    #[test]
    fn mop_010_under_99_percent_of_allocation_is_a_warning() {
        let under = check(
            Template::Dq37,
            &[dq_row(&[])],
            &dq_rates(),
            Some(10_102_100),
        );
        assert_eq!(codes(&under), ["MOP-010"]);
        assert_eq!(under.problems[0].severity, Severity::Warning);
        let at_limit = check(
            Template::Dq37,
            &[dq_row(&[])],
            &dq_rates(),
            Some(10_101_010),
        );
        assert!(at_limit.problems.is_empty());
    }

    #[test]
    fn mop_011_a_mop_without_rows() {
        let checked = check(Template::AceInSchools, &[], &ace_rates(), None);
        assert_eq!(codes(&checked), ["MOP-011"]);
        let epic = check(Template::Epic, &[], &Rates::default(), None);
        assert!(epic.problems.is_empty());
    }

    #[test]
    fn epic_values_are_checked_by_their_measure() {
        let row = |measure: &str, values: [&str; 3]| {
            let mut row: RowValues = [("measure".to_owned(), measure.to_owned())].into();
            for (name, value) in ["year1", "year2", "year3"].into_iter().zip(values) {
                if !value.is_empty() {
                    row.insert(name.to_owned(), value.to_owned());
                }
            }
            EnteredRow {
                number: 1,
                values: row,
            }
        };
        let check_one = |entered: EnteredRow| {
            check(Template::Epic, &[entered], &Rates::default(), None)
                .problems
                .into_iter()
                .map(|p| p.rule)
                .collect::<Vec<_>>()
        };
        assert!(check_one(row("number", ["10", "12", "0"])).is_empty());
        assert!(check_one(row("percentage", ["10.5", "100", "0"])).is_empty());
        assert_eq!(check_one(row("number", ["10", "", "12"])), ["EPIC-001"]);
        assert_eq!(check_one(row("number", ["10", "1.5", "12"])), ["EPIC-002"]);
        assert_eq!(check_one(row("number", ["10", "-1", "12"])), ["EPIC-002"]);
        assert_eq!(
            check_one(row("percentage", ["10", "100.1", "1"])),
            ["EPIC-003"]
        );
        assert_eq!(
            check_one(row("percentage", ["10", "5.25", "1"])),
            ["EPIC-003"]
        );
    }

    #[test]
    fn epic_004_only_year_values_are_entered() {
        let input = |name: &str| {
            [(name.to_owned(), "1".to_owned())]
                .into_iter()
                .collect::<BTreeMap<_, _>>()
        };
        for refused in ["description", "epicType", "somethingElse"] {
            let error = entered_values(Template::Epic, input(refused)).unwrap_err();
            assert!(error.starts_with("EPIC-004"), "{error}");
        }
        assert!(entered_values(Template::Epic, input("year2")).is_ok());
    }

    #[test]
    fn decimals_are_exact_and_round_half_up() {
        assert_eq!(Fixed::parse("12.5", 2).unwrap().to_string(), "12.50");
        assert_eq!(Fixed::parse("-0.05", 2).unwrap().units, -5);
        let value = Fixed {
            units: 12_345,
            places: 3,
        };
        assert_eq!(value.rounded_to(2).to_string(), "12.35");
        assert_eq!(dollars(123_456), "1234.56");
        assert_eq!(parse_dollars("14.5"), Ok(1450));
        assert!(parse_dollars("-1").is_err());
    }

    #[test]
    fn absurd_volumes_pin_the_total_instead_of_wrapping_past_the_tolerance() {
        let huge = dq_row(&[("efts", "999999999999999.999")]);
        let mut again = huge.clone();
        again.number = 2;
        let checked = check(Template::Dq37, &[huge, again], &dq_rates(), Some(9_500_000));
        assert_eq!(checked.totals.funded_value_cents, i64::MAX);
        assert!(
            codes(&checked).contains(&"MOP-009"),
            "{:?}",
            checked.problems
        );
    }
}
