//! Whole returns: the five files of one TEO's return, valid and consistent with each other.
//!
//! [`valid_return`] builds learners first (citizenship, residency, a qualification), then
//! gives each one to four enrolments in courses of that qualification, and derives everything
//! the files must agree on the way a correct student management system would: the course
//! register holds every enrolled course once, with the EFTS factor, classification, field of
//! study and funding category its enrolments repeat; each learner has one learner record with
//! the NSN its enrolments and completions carry; the fees category follows citizenship and
//! residency (00 for New Zealand and Australian citizens and resident visa holders living in New
//! Zealand, 03 with fund 02 for international fee-payers, whose learner record carries the
//! international tuition fee); course completions match their enrolment on NSN, course code and
//! start date; qualification completions are for formal qualifications only, in the year of the
//! last course end date. A seed always gives the same return.

use chrono::{DateTime, Datelike, Days, FixedOffset, NaiveDate, NaiveTime};

use super::Seeded;
use crate::SdrFile;
use crate::course::Course;
use crate::course_completion::CourseCompletion;
use crate::course_enrolment::CourseEnrolment;
use crate::efts_forecast::{EftsForecast, needs_forecast};
use crate::learner::Learner;
use crate::qualification_completion::QualificationCompletion;

/// The return year of the records built here: every valid record is valid in it.
pub const RETURN_YEAR: i32 = 2026;

/// A return's five files as JSON texts, one record per text.
#[derive(Debug, Clone, PartialEq)]
pub struct ReturnRecords {
    pub return_year: i32,
    pub learners: Vec<String>,
    pub courses: Vec<String>,
    pub course_enrolments: Vec<String>,
    pub course_completions: Vec<String>,
    pub qualification_completions: Vec<String>,
    /// The EFTS forecast lodged beside the return (its own submission).
    pub efts_forecasts: Vec<String>,
}

impl ReturnRecords {
    /// The records of one file.
    pub fn file(&self, file: SdrFile) -> &[String] {
        match file {
            SdrFile::Learners => &self.learners,
            SdrFile::Courses => &self.courses,
            SdrFile::CourseEnrolments => &self.course_enrolments,
            SdrFile::CourseCompletions => &self.course_completions,
            SdrFile::QualificationCompletions => &self.qualification_completions,
            SdrFile::EftsForecasts => &self.efts_forecasts,
        }
    }
}

/// A return's five files as typed records.
#[derive(Debug, Clone, PartialEq)]
pub struct Return {
    pub return_year: i32,
    pub learners: Vec<Learner>,
    pub courses: Vec<Course>,
    pub course_enrolments: Vec<CourseEnrolment>,
    pub course_completions: Vec<CourseCompletion>,
    pub qualification_completions: Vec<QualificationCompletion>,
}

impl Return {
    /// The records as JSON texts.
    pub fn to_records(&self) -> ReturnRecords {
        ReturnRecords {
            return_year: self.return_year,
            learners: self.learners.iter().map(to_json).collect(),
            courses: self.courses.iter().map(to_json).collect(),
            course_enrolments: self.course_enrolments.iter().map(to_json).collect(),
            course_completions: self.course_completions.iter().map(to_json).collect(),
            qualification_completions: self.qualification_completions.iter().map(to_json).collect(),
            efts_forecasts: self.efts_forecast().iter().map(to_json).collect(),
        }
    }

    /// The EFTS forecast a correct system would lodge with this return: this year's EFTS of
    /// each fund and level the forecast covers, carried into the following year and grown by a
    /// tenth into the one after.
    pub fn efts_forecast(&self) -> Vec<EftsForecast> {
        let levels: std::collections::HashMap<&str, i32> = self
            .courses
            .iter()
            .map(|course| (course.course_code.as_str(), course.level_on_nzqcf))
            .collect();
        let mut efts: std::collections::BTreeMap<(u8, i32), f64> = Default::default();
        for enrolment in &self.course_enrolments {
            let fund = crate::codes::parse_two_digit(&enrolment.source_of_funding);
            let level = levels.get(enrolment.course_code.as_str()).copied();
            if let (Some(fund), Some(level)) = (fund, level)
                && needs_forecast(fund, level)
            {
                *efts.entry((fund, level)).or_default() += enrolment.course_efts_factor;
            }
        }
        let mut lines = Vec::new();
        for ((fund, level), total) in efts {
            for (ahead, growth) in [(1, 1.0), (2, 1.1)] {
                let year = self.return_year + ahead;
                lines.push(EftsForecast {
                    local_id: format!("FC-{year}-{fund:02}-{level}"),
                    source_of_funding: format!("{fund:02}"),
                    level_on_nzqcf: level,
                    forecast_year: year,
                    efts: (total * growth * 100.0).round() / 100.0,
                });
            }
        }
        lines
    }
}

fn to_json<T: serde::Serialize>(record: &T) -> String {
    serde_json::to_string(record)
        .unwrap_or_else(|error| unreachable!("a record serialises: {error}"))
}

/// A valid return of `learners` learners (at least one), as JSON texts.
pub fn valid_return(seed: u64, learners: usize) -> ReturnRecords {
    valid_return_typed(seed, learners).to_records()
}

/// Learner number 0 of return `seed`.
pub fn valid_learner(seed: u64) -> Learner {
    let mut built = valid_return_typed(seed, 1);
    built.learners.swap_remove(0)
}

/// The first course of return `seed`.
pub fn valid_course(seed: u64) -> Course {
    let mut built = valid_return_typed(seed, 1);
    built.courses.swap_remove(0)
}

/// The first course completion of return `seed` (its first learner's first enrolment always
/// ends within the return year and has one).
pub fn valid_course_completion(seed: u64) -> CourseCompletion {
    let mut built = valid_return_typed(seed, 1);
    built.course_completions.swap_remove(0)
}

/// A qualification completion of return `seed`: the first one of a return of eight learners,
/// or, should none of them have completed, one made for its first formal enrolment.
pub fn valid_qualification_completion(seed: u64) -> QualificationCompletion {
    let mut built = valid_return_typed(seed, 8);
    if !built.qualification_completions.is_empty() {
        return built.qualification_completions.swap_remove(0);
    }
    // A formal enrolment that ended in the return year, and its learner.
    let enrolment = built.course_enrolments.iter().find(|enrolment| {
        !enrolment.qualification_code.starts_with('G')
            && enrolment.course_end_date.year() <= RETURN_YEAR
    });
    let learner = enrolment
        .and_then(|enrolment| {
            built.learners.iter().find(|learner| {
                learner.student_identification_code == enrolment.student_identification_code
            })
        })
        .unwrap_or(&built.learners[0]);
    let (qualification, end) = match enrolment.filter(|enrolment| {
        enrolment.student_identification_code == learner.student_identification_code
    }) {
        Some(enrolment) => (
            enrolment.qualification_code.clone(),
            enrolment.course_end_date,
        ),
        None => ("PC4001".to_owned(), at_midnight(date(RETURN_YEAR, 11, 20))),
    };
    QualificationCompletion {
        local_id: format!("QC-{seed}-000001"),
        student_identification_code: learner.student_identification_code.clone(),
        national_student_number: learner.national_student_number,
        qualification_code: qualification,
        year_requirements_met: end.year(),
        qualification_completion_date: Some(end),
        linked_qualification_for_fees_free: None,
        ird_number: learner.ird_number.clone(),
    }
}

/// A qualification the return's learners study, with what its courses share.
struct Qualification {
    code: &'static str,
    level: i32,
    /// Course code prefix.
    subject: &'static str,
    nzsced: &'static str,
    classification_tenths: u16,
    funding_category: &'static str,
}

const QUALIFICATIONS: [Qualification; 8] = [
    Qualification {
        code: "BB7101",
        level: 7,
        subject: "ECON",
        nzsced: "091901",
        classification_tenths: 131,
        funding_category: "A2",
    },
    Qualification {
        code: "BN7002",
        level: 7,
        subject: "NURS",
        nzsced: "060301",
        classification_tenths: 181,
        funding_category: "B1",
    },
    Qualification {
        code: "NC3050",
        level: 3,
        subject: "CARP",
        nzsced: "040301",
        classification_tenths: 41,
        funding_category: "J3",
    },
    Qualification {
        code: "ND5201",
        level: 5,
        subject: "COMP",
        nzsced: "020103",
        classification_tenths: 212,
        funding_category: "C1",
    },
    Qualification {
        code: "PC4001",
        level: 4,
        subject: "ACCT",
        nzsced: "080101",
        classification_tenths: 11,
        funding_category: "A1",
    },
    Qualification {
        code: "MA8003",
        level: 8,
        subject: "BIOL",
        nzsced: "010901",
        classification_tenths: 121,
        funding_category: "P1",
    },
    Qualification {
        code: "NC2010",
        level: 2,
        subject: "FNDN",
        nzsced: "120101",
        classification_tenths: 51,
        funding_category: "A1",
    },
    // Non-formal education of more than 40 hours: no qualification completion.
    Qualification {
        code: "G12050",
        level: 2,
        subject: "TREO",
        nzsced: "091501",
        classification_tenths: 152,
        funding_category: "A1",
    },
];

/// Courses per qualification: course n of a qualification is `{subject}{level}{n:02}`.
const COURSES_PER_QUALIFICATION: usize = 6;
/// Course credits: each is a whole number of eighths of a year (EFTS 0.125 to 0.5).
const CREDITS: [i32; 4] = [15, 30, 45, 60];

/// When an enrolment runs in the return year.
#[derive(Clone, Copy)]
enum Term {
    First,
    Second,
    FullYear,
    /// November of the return year to February of the next.
    Summer,
}

impl Term {
    fn dates(self, year: i32) -> (NaiveDate, NaiveDate) {
        match self {
            Term::First => (date(year, 2, 23), date(year, 6, 26)),
            Term::Second => (date(year, 7, 13), date(year, 11, 13)),
            Term::FullYear => (date(year, 2, 23), date(year, 11, 13)),
            Term::Summer => (date(year, 11, 16), date(year + 1, 2, 12)),
        }
    }
}

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

/// Midnight of a New Zealand date, in the offset it has then: +12 (NZST) from April to
/// September, +13 (NZDT) otherwise (the changeover days are approximate; rules use the date as
/// written).
fn at_midnight(day: NaiveDate) -> DateTime<FixedOffset> {
    let hours = if (4..=9).contains(&day.month()) {
        12
    } else {
        13
    };
    FixedOffset::east_opt(hours * 3600)
        .and_then(|offset| {
            day.and_time(NaiveTime::MIN)
                .and_local_timezone(offset)
                .single()
        })
        .unwrap_or_default()
}

/// Who a learner is, for fees: what their enrolments' fees category and fund follow from.
#[derive(Clone, Copy, PartialEq)]
enum Standing {
    NewZealandCitizen,
    AustralianCitizen,
    /// A New Zealand resident visa holder of another citizenship.
    Resident(&'static str),
    /// An international fee-paying student.
    International(&'static str),
}

impl Standing {
    fn citizenship(self) -> &'static str {
        match self {
            Standing::NewZealandCitizen => "NZL",
            Standing::AustralianCitizen => "AUS",
            Standing::Resident(country) | Standing::International(country) => country,
        }
    }

    fn is_international(self) -> bool {
        matches!(self, Standing::International(_))
    }
}

const RESIDENT_COUNTRIES: [&str; 5] = ["GBR", "PHL", "IND", "CHN", "ZAF"];
const INTERNATIONAL_COUNTRIES: [&str; 8] = ["CHN", "IND", "USA", "DEU", "JPN", "KOR", "VNM", "BRA"];
const SURNAMES: [&str; 12] = [
    "Smith", "Wilson", "Ngata", "Taylor", "Li", "Ng", "Brown", "Patel", "Williams", "Pārata",
    "O'Brien", "Tuilagi",
];
const FIRST_NAMES: [&str; 10] = [
    "Aroha", "James", "Mere", "Wei", "Priya", "Sione", "Emma", "Liam", "Ana", "Tama",
];
const POST_CODES: [&str; 8] = [
    "6011", "1010", "8011", "9016", "3110", "4410", "0110", "7010",
];
/// Ethnic groups by share of a domestic cohort: (code, weight).
const ETHNIC_GROUPS: [(i32, u64); 10] = [
    (111, 50),
    (211, 18),
    (311, 5),
    (331, 3),
    (421, 6),
    (431, 5),
    (128, 2),
    (121, 4),
    (511, 2),
    (444, 5),
];
const IWI: [i32; 8] = [104, 107, 302, 414, 504, 601, 703, 1109];
/// Main activities of a learner starting tertiary study, and of one already in it.
const FIRST_YEAR_ACTIVITIES: [&str; 6] = ["01", "02", "03", "04", "08", "09"];
const CONTINUING_ACTIVITIES: [&str; 5] = ["05", "06", "07", "10", "11"];
const SECONDARY_QUALIFICATIONS: [&str; 8] = ["00", "14", "24", "25", "34", "35", "36", "56"];

/// The Name ID Code of a surname and first name: the surname's first four letters, padded with
/// spaces when shorter, and the first initial; without a first name, the surname's first five
/// letters.
pub fn name_id_code(surname: &str, first_name: Option<&str>) -> String {
    let letters = surname
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_uppercase);
    match first_name.and_then(|name| name.chars().next()) {
        Some(initial) => {
            let mut code: String = letters.take(4).collect();
            while code.chars().count() < 4 {
                code.push(' ');
            }
            code.extend(initial.to_uppercase());
            code
        }
        None => letters.take(5).collect(),
    }
}

/// A valid IRD number near `seed`: the first number from it whose check digit works.
fn ird_near(seed: u64) -> String {
    let mut candidate = 20_000_000 + u32::try_from(seed % 100_000_000).unwrap_or(0);
    loop {
        if crate::ird::is_valid(candidate) {
            return crate::ird::format(candidate);
        }
        candidate = candidate.wrapping_add(1).max(10_000_001) % 149_999_999;
    }
}

/// The courses of the register, built as enrolments need them.
struct Register {
    seed: u64,
    courses: Vec<Course>,
}

impl Register {
    /// The course `number` of qualification `qualification`, added to the register on first
    /// use; its position.
    fn course(&mut self, qualification: usize, number: usize) -> usize {
        let q = &QUALIFICATIONS[qualification % QUALIFICATIONS.len()];
        let code = format!("{}{}{:02}", q.subject, q.level, number + 1);
        if let Some(at) = self.courses.iter().position(|c| c.course_code == code) {
            return at;
        }
        let mut rng = Seeded(self.seed ^ ((qualification as u64 * 131 + number as u64 + 1) << 20));
        let credit = rng.pick(&CREDITS);
        // Tuition per credit in cents: $55.00 to $89.99.
        let per_credit = 5_500 + u32::try_from(rng.below(3_500)).unwrap_or(0);
        let tuition_cents = per_credit * u32::try_from(credit).unwrap_or(0);
        let costs_cents = 100 * u32::try_from(rng.below(21)).unwrap_or(0) * 10;
        let title = format!(
            "{} {} {}",
            [
                "Introduction to",
                "Principles of",
                "Applied",
                "Advanced",
                "Studies in"
            ][number % 5],
            match q.subject {
                "ECON" => "Economics",
                "NURS" => "Nursing Practice",
                "CARP" => "Carpentry",
                "COMP" => "Computing",
                "ACCT" => "Accounting",
                "BIOL" => "Biology",
                "FNDN" => "Foundation Skills",
                _ => "Te Reo Māori",
            },
            number + 1
        );
        self.courses.push(Course {
            local_id: format!("CRS-{code}"),
            course_code: code,
            course_title: title,
            qualification_code: q.code.to_owned(),
            course_classification: f64::from(q.classification_tenths) / 10.0,
            nzsced_field_of_study: q.nzsced.to_owned(),
            level_on_nzqcf: q.level,
            credit,
            funding_category: q.funding_category.to_owned(),
            course_efts_factor: f64::from(credit) / 120.0,
            course_tuition_fee: Some(f64::from(tuition_cents) / 100.0),
            compulsory_course_costs_fee: Some(f64::from(costs_cents) / 100.0),
            pbrf_eligible_course_indicator: Some(q.level >= 8),
            course_exemption_from_amfm: Some(false),
            discounted_course_tuition_fee: None,
            discounted_compulsory_course_costs_fee: None,
            learning_hours: Some(f64::from(credit * 10)),
            volume_research_factor: None,
        });
        self.courses.len() - 1
    }
}

/// The EFTS factor spread over `months` months, rounded down, with or without the remainder in
/// the last month, in spec 003's form or in the January–December form of `year`.
fn efts_by_month(
    factor_units: u32,
    start: NaiveDate,
    months: u32,
    remainder_last: bool,
    calendar_year: Option<i32>,
) -> Vec<f64> {
    let per_month = factor_units / months.max(1);
    let mut units = vec![per_month; months as usize];
    if remainder_last && let Some(last) = units.last_mut() {
        *last = factor_units - per_month * (months - 1);
    }
    let spread: Vec<f64> = units.into_iter().map(|u| f64::from(u) / 10_000.0).collect();
    let Some(year) = calendar_year else {
        return spread;
    };
    let mut calendar = vec![0.0; 12];
    for (offset, value) in spread.into_iter().enumerate() {
        let index = start.month0() as usize + offset;
        let in_year = start.year() + i32::try_from(index / 12).unwrap_or(0);
        if in_year == year {
            calendar[index % 12] = value;
        }
    }
    calendar
}

fn months_between(start: NaiveDate, end: NaiveDate) -> u32 {
    let months = (end.year() - start.year()) * 12 + end.month() as i32 - start.month() as i32 + 1;
    u32::try_from(months).unwrap_or(1).max(1)
}

/// A valid return of `learners` learners (at least one), as typed records.
pub fn valid_return_typed(seed: u64, learners: usize) -> Return {
    let year = RETURN_YEAR;
    let mut register = Register {
        seed,
        courses: Vec::new(),
    };
    let mut built = Return {
        return_year: year,
        learners: Vec::new(),
        courses: Vec::new(),
        course_enrolments: Vec::new(),
        course_completions: Vec::new(),
        qualification_completions: Vec::new(),
    };
    for number in 0..learners.max(1) {
        // Each learner's own stream: the seed and the learner's number mixed, so that learners
        // of one return are not shifted copies of each other's streams.
        let mut rng = Seeded(
            Seeded(seed).next()
                ^ Seeded(number as u64 ^ 0x5851_F42D_4C95_7F2D)
                    .next()
                    .rotate_left(17),
        );
        let student = format!("S{:03}{:06}", seed % 1000, number + 1);
        let nsn = 100_000_000
            + i32::try_from((seed % 8_000) * 100_000 + number as u64 % 100_000).unwrap_or(0);
        let standing = match rng.below(100) {
            0..70 => Standing::NewZealandCitizen,
            70..75 => Standing::AustralianCitizen,
            75..85 => Standing::Resident(rng.pick(&RESIDENT_COUNTRIES)),
            _ => Standing::International(rng.pick(&INTERNATIONAL_COUNTRIES)),
        };
        // International learners study formal qualifications at Level 4 and above.
        let qualification = loop {
            let pick = rng.below(QUALIFICATIONS.len() as u64) as usize;
            let q = &QUALIFICATIONS[pick];
            if !standing.is_international() || (q.level >= 4 && !q.code.starts_with('G')) {
                break pick;
            }
        };
        let q = &QUALIFICATIONS[qualification];
        let enrolments = 1 + rng.below(4) as usize;
        let mut fees_cents: u64 = 0;
        let mut all_passed = true;
        let mut last_end: Option<DateTime<FixedOffset>> = None;
        let mut chosen: Vec<usize> = Vec::new();
        for k in 0..enrolments {
            let mut number_in_qualification = rng.below(COURSES_PER_QUALIFICATION as u64) as usize;
            while chosen.contains(&number_in_qualification) {
                number_in_qualification = (number_in_qualification + 1) % COURSES_PER_QUALIFICATION;
            }
            chosen.push(number_in_qualification);
            let at = register.course(qualification, number_in_qualification);
            let course = &register.courses[at];
            // The first enrolment ends within the return year, so every learner has a completion.
            let term = match (k, rng.below(10)) {
                (0, 0..=4) | (1.., 0..=2) => Term::First,
                (0, 5..=7) | (1.., 3..=5) => Term::Second,
                (0, _) | (1.., 6..=8) => Term::FullYear,
                _ => Term::Summer,
            };
            let (start, end) = term.dates(year);
            let months = months_between(start, end);
            let factor_units = u32::try_from(course.credit).unwrap_or(0) * 10_000 / 120;
            let calendar = (matches!(term, Term::First | Term::Second | Term::FullYear)
                && rng.chance(4))
            .then_some(year);
            let withdrawn = !standing.is_international() && rng.chance(15);
            let attendance = if !standing.is_international() && rng.chance(6) {
                2
            } else {
                1
            };
            let site = if attendance == 2 { "98" } else { "01" };
            let fund = match (standing, q.level, q.code.starts_with('G')) {
                (Standing::International(_), _, _) => "02",
                (_, _, true) => "23",
                (_, 7.., _) => "01",
                (_, 3.., _) => "37",
                _ => "26",
            };
            let tuition = course.course_tuition_fee.unwrap_or(0.0);
            let costs = course.compulsory_course_costs_fee.unwrap_or(0.0);
            // International tuition is about three times the domestic fee.
            let fee_cents = if standing.is_international() {
                ((tuition * 3.0 + costs) * 100.0).round() as u64
            } else {
                ((tuition + costs) * 100.0).round() as u64
            };
            fees_cents += fee_cents;
            let withdrawal = withdrawn.then(|| {
                let days = (end - start).num_days().max(0) / 3;
                start
                    .checked_add_days(Days::new(days.unsigned_abs()))
                    .unwrap_or(start)
            });
            let enrolment = CourseEnrolment {
                local_id: format!("ENR-{seed}-{number:06}-{k}"),
                student_identification_code: student.clone(),
                qualification_code: q.code.to_owned(),
                course_code: course.course_code.clone(),
                course_start_date: at_midnight(start),
                course_end_date: at_midnight(end),
                students_course_withdrawal_date: withdrawal.map(at_midnight),
                category_of_fees_assessment: if standing.is_international() {
                    "03"
                } else {
                    "00"
                }
                .to_owned(),
                intramural_extramural_attendance: attendance,
                course_delivery_site: site.to_owned(),
                source_of_funding: fund.to_owned(),
                residential_status: if matches!(standing, Standing::Resident(_)) {
                    "Y"
                } else {
                    "N"
                }
                .to_owned(),
                australian_residential_status: false,
                funding_category: course.funding_category.clone(),
                course_classification: course.course_classification,
                nzsced_field_of_study: course.nzsced_field_of_study.clone(),
                course_efts_factor: course.course_efts_factor,
                efts_by_month: efts_by_month(factor_units, start, months, rng.chance(2), calendar),
                national_student_number: nsn,
                consortium: None,
                ite_sector: None,
                ite_subject: None,
                apprenticeships: None,
                secondary_school_programme_indicator: Some("N".to_owned()),
                actual_course_fee: Some(fee_cents as f64 / 100.0),
            };
            if end.year() == year {
                let indicator = if withdrawn {
                    4
                } else if rng.chance(6) {
                    3
                } else {
                    2
                };
                all_passed &= indicator == 2;
                built.course_completions.push(CourseCompletion {
                    local_id: format!("CC-{seed}-{number:06}-{k}"),
                    student_identification_code: student.clone(),
                    course_code: enrolment.course_code.clone(),
                    course_start_date: enrolment.course_start_date,
                    student_course_completion_indicator: indicator,
                    national_student_number: nsn,
                    course_end_date: enrolment.course_end_date,
                    pbrf_course_completion_year: (q.level >= 8 && indicator == 2).then_some(year),
                });
            } else {
                all_passed = false;
            }
            if last_end.is_none_or(|last| enrolment.course_end_date > last) {
                last_end = Some(enrolment.course_end_date);
            }
            built.course_enrolments.push(enrolment);
        }
        // The learner record.
        let age = 17 + rng.below(30) as i32;
        let birth = date(
            year - 1 - age,
            1 + u32::try_from(rng.below(12)).unwrap_or(0),
            1 + u32::try_from(rng.below(28)).unwrap_or(0),
        );
        let last_school_year = birth.year() + 17;
        let first_year = if rng.chance(3) {
            year
        } else {
            last_school_year
                + 1
                + rng.below(u64::try_from(year - last_school_year).unwrap_or(1)) as i32
        }
        .min(year);
        let international = standing.is_international();
        let activity = if international {
            "08"
        } else if first_year == year {
            rng.pick(&FIRST_YEAR_ACTIVITIES)
        } else {
            rng.pick(&CONTINUING_ACTIVITIES)
        };
        let ethnicity = if international {
            vec![match standing.citizenship() {
                "CHN" => 421,
                "IND" => 431,
                "JPN" => 442,
                "KOR" => 443,
                "VNM" => 413,
                "BRA" => 521,
                _ => 129,
            }]
        } else {
            let mut codes = Vec::new();
            for _ in 0..1 + rng.below(3) {
                let total: u64 = ETHNIC_GROUPS.iter().map(|(_, weight)| weight).sum();
                let mut roll = rng.below(total);
                for (code, weight) in ETHNIC_GROUPS {
                    if roll < weight {
                        if !codes.contains(&code) {
                            codes.push(code);
                        }
                        break;
                    }
                    roll -= weight;
                }
            }
            if codes.is_empty() {
                codes.push(111);
            }
            codes
        };
        let iwi = ethnicity.contains(&211).then(|| {
            let first = rng.below(IWI.len() as u64) as usize;
            (0..1 + rng.below(2) as usize)
                .map(|i| IWI[(first + i) % IWI.len()])
                .collect::<Vec<i32>>()
        });
        let status = match rng.below(20) {
            0..=2 => 1,
            3 => 3,
            _ => 2,
        };
        let surname = rng.pick(&SURNAMES);
        let first_name = (!rng.chance(25)).then(|| rng.pick(&FIRST_NAMES));
        let maxima_cents = if international {
            0
        } else {
            80_000 + 100 * rng.below(200)
        };
        built.learners.push(Learner {
            local_id: format!("LRN-{seed}-{:06}", number + 1),
            student_identification_code: student.clone(),
            gender: rng.pick(&["F", "M", "F", "M", "D"]).to_owned(),
            date_of_birth: at_midnight(birth),
            total_fee_for_domestic_student: (!international)
                .then(|| (fees_cents + maxima_cents) as f64 / 100.0),
            name_id_code: name_id_code(surname, first_name),
            national_student_number: nsn,
            tuition_fee_paid_by_international_fee_paying_student: international
                .then(|| fees_cents as f64 / 100.0),
            maxima_exempt_fee: (!international).then(|| maxima_cents as f64 / 100.0),
            main_activity_at_1_october: Some(activity.to_owned()),
            first_year_of_tertiary_education: Some(first_year),
            last_secondary_school_attended: (!international).then(|| 1 + rng.below(9_999) as i32),
            last_year_at_secondary_school: Some(last_school_year),
            highest_secondary_school_qualification: Some(
                if international {
                    "92"
                } else {
                    rng.pick(&SECONDARY_QUALIFICATIONS)
                }
                .to_owned(),
            ),
            country_of_citizenship: standing.citizenship().to_owned(),
            ethnicity,
            iwi_affiliation: iwi,
            disability_services_accessed_indicator: Some(status == 1 && rng.chance(2)),
            disability_status: Some(status),
            disability_support_needs: (status == 1).then(|| vec![1 + rng.below(7) as i32]),
            permanent_post_code: (!international).then(|| rng.pick(&POST_CODES).to_owned()),
            term_post_code: Some(rng.pick(&POST_CODES).to_owned()),
            ird_number: (!international && rng.chance(3)).then(|| ird_near(rng.next())),
        });
        // A learner who passed every course of a formal qualification this year may have
        // completed it; the first such learner always has, so the file is never empty when it
        // can have a record.
        if all_passed
            && !q.code.starts_with('G')
            && (built.qualification_completions.is_empty() || rng.chance(2))
            && let Some(end) = last_end
        {
            built
                .qualification_completions
                .push(QualificationCompletion {
                    local_id: format!("QC-{seed}-{:06}", number + 1),
                    student_identification_code: student.clone(),
                    national_student_number: nsn,
                    qualification_code: q.code.to_owned(),
                    year_requirements_met: end.year(),
                    qualification_completion_date: Some(end),
                    linked_qualification_for_fees_free: None,
                    ird_number: built.learners.last().and_then(|l| l.ird_number.clone()),
                });
        }
    }
    built.courses = register.courses;
    built
}
