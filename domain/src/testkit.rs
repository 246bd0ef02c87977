//! Builders of realistic course-enrolment records, valid or with one known defect, for tests and
//! benchmarks in this crate and others (enable the `testkit` feature).
//!
//! Records are generated from [`Parts`]: any combination of parts builds a valid record, because
//! [`Parts::build`] derives the dependent fields (fees category from residency and attendance,
//! the delivery site from the mode, the consortium from the fund, EFTS by month from the factor
//! and the dates, ITE fields from the NZSCED field) the way a correct student management system
//! would. [`Parts::from_seed`] picks parts deterministically, so a seed always gives the same
//! record.
//!
//! For the other four files, [`valid_return`] builds a whole return whose five files agree with
//! each other (every enrolled course in the register once, one learner record per learner with
//! the NSN of its enrolments, completions matching their enrolments, fees categories following
//! citizenship); [`valid_learner`], [`valid_course`], [`valid_course_completion`] and
//! [`valid_qualification_completion`] build single valid records, and [`breaking`] a batch that
//! breaks one given rule and no other.

mod breaches;
mod returns;

pub use breaches::{Breach, breaking};
pub use returns::{
    RETURN_YEAR, Return, ReturnRecords, name_id_code, valid_course, valid_course_completion,
    valid_learner, valid_qualification_completion, valid_return, valid_return_typed,
};

use chrono::{DateTime, Datelike, Days, FixedOffset, NaiveDate, NaiveTime, Offset, Utc};
use serde_json::{Value, json};

use crate::codes::funding::CURRENT_FUNDS;
use crate::codes::ite::ITE_NZSCED;
use crate::codes::{Attendance, FeesCategory, FundingSource, IteSector};
use crate::course_enrolment::CourseEnrolment;

/// Qualification codes: register-shaped codes and the two non-formal forms.
pub const QUALIFICATIONS: [&str; 8] = [
    "PC4001", "BB7101", "NC3050", "ND2201", "MA8003", "DE6100", "G9999", "G48017",
];
/// Course codes as TEOs write them: no years.
pub const COURSES: [&str; 8] = [
    "ECON112", "ACCT102", "MATH170", "NURS301", "CARP201", "TREO101", "COMP500", "BIOL111",
];
/// Funding categories of the funder's shape.
pub const FUNDING_CATEGORIES: [&str; 6] = ["A1", "A2", "B1", "C1", "P1", "J3"];
/// Non-ITE NZSCED fields of study.
pub const FIELDS_OF_STUDY: [&str; 6] = ["091901", "080101", "060301", "040301", "020103", "100101"];
/// ITE subjects as a classification might name them.
pub const ITE_SUBJECTS: [&str; 8] = [
    "Mathematics",
    "English",
    "Science",
    "Te Reo Māori",
    "History",
    "Physical Education and Health",
    "Technology",
    "Visual Arts",
];
/// Registered delivery sites for intramural teaching (98 is for extramural delivery).
pub const CAMPUS_SITES: [&str; 5] = ["01", "02", "1", "A1", "AB"];

/// The NZSCED field of an enrolment: an ordinary field, or an Initial Teacher Education one.
#[derive(Debug, Clone, PartialEq)]
pub enum Study {
    Field(String),
    Ite {
        /// Index into [`ITE_NZSCED`].
        field: usize,
        /// Write the code with its leading zero (`070101`) or as spec 003 does (`70101`).
        leading_zero: bool,
        /// The sector for 070108 (General), which teaches more than one.
        general_sector: IteSector,
        /// The subjects of a Secondary learner: 1 to 4 of them are used.
        subjects: Vec<String>,
    },
}

/// The independent choices a record is made of.
#[derive(Debug, Clone, PartialEq)]
pub struct Parts {
    pub local_id: String,
    pub student_id: String,
    pub qualification_code: String,
    pub course_code: String,
    pub start: NaiveDate,
    /// Whole months after the start month that the course ends in (0: the same month).
    pub extra_months: u32,
    pub end_day: u32,
    /// The sender's UTC offset in hours (New Zealand: 12 or 13).
    pub offset_hours: i32,
    pub withdrawn: bool,
    pub attendance: Attendance,
    pub resident_visa: bool,
    pub australian_pr: bool,
    /// The category used when residency and attendance do not decide it.
    pub open_category: FeesCategory,
    /// Index into [`CAMPUS_SITES`] for intramural teaching.
    pub campus_site: usize,
    /// A current fund, by its code.
    pub fund: u8,
    pub consortium: i32,
    pub funding_category: String,
    /// Course classification in tenths (131 is 13.1).
    pub classification_tenths: u16,
    pub study: Study,
    /// The course EFTS factor in ten-thousandths (1250 is 0.125).
    pub factor_units: u32,
    /// Spread the factor with the remainder in the last month, rather than rounding each month
    /// down (both pass).
    pub remainder_in_last_month: bool,
    pub nsn: i32,
    pub apprenticeship: Option<bool>,
    pub secondary_school: bool,
    pub fee_cents: u32,
}

/// A small deterministic generator (SplitMix64): reproducible records without a dependency.
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound.max(1)
    }

    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize].clone()
    }

    fn chance(&mut self, one_in: u64) -> bool {
        self.below(one_in) == 0
    }

    fn small(&mut self, bound: u64) -> u32 {
        u32::try_from(self.below(bound)).unwrap_or(0)
    }
}

impl Parts {
    /// The parts of record number `seed`: realistic, varied, always the same for a seed.
    pub fn from_seed(seed: u64) -> Parts {
        let mut rng = Seeded(seed);
        // 2025 or 2026: the years an enrolment of a 2026 return starts in (CE-043), on both
        // sides of the ITE rules' 2026.
        let year = 2025 + rng.small(2) as i32;
        let start = NaiveDate::from_ymd_opt(year, 1 + rng.small(12), 1 + rng.small(28))
            .unwrap_or(NaiveDate::MIN);
        let study = if rng.chance(8) {
            let count = 1 + rng.below(4) as usize;
            let first = rng.below(ITE_SUBJECTS.len() as u64) as usize;
            Study::Ite {
                field: rng.below(ITE_NZSCED.len() as u64) as usize,
                leading_zero: rng.chance(2),
                general_sector: rng.pick(&IteSector::ALL),
                subjects: (0..count)
                    .map(|i| ITE_SUBJECTS[(first + i) % ITE_SUBJECTS.len()].to_owned())
                    .collect(),
            }
        } else {
            Study::Field(rng.pick(&FIELDS_OF_STUDY).to_owned())
        };
        Parts {
            local_id: format!("ENR-{seed:08}"),
            student_id: format!("S{:09}", seed % 1_000_000_000),
            qualification_code: rng.pick(&QUALIFICATIONS).to_owned(),
            course_code: rng.pick(&COURSES).to_owned(),
            start,
            extra_months: if rng.chance(10) {
                12 + rng.small(12)
            } else {
                rng.small(6)
            },
            end_day: 1 + rng.small(28),
            offset_hours: if rng.chance(2) { 13 } else { 12 },
            withdrawn: rng.chance(12),
            attendance: rng.pick(&Attendance::ALL),
            resident_visa: rng.chance(10),
            australian_pr: rng.chance(30),
            open_category: rng.pick(&FeesCategory::ALL),
            campus_site: rng.below(CAMPUS_SITES.len() as u64) as usize,
            fund: rng.pick(&CURRENT_FUNDS).code,
            consortium: 1 + rng.small(40) as i32,
            funding_category: rng.pick(&FUNDING_CATEGORIES).to_owned(),
            classification_tenths: 11 + u16::try_from(rng.below(980)).unwrap_or(0),
            study,
            factor_units: 125 + rng.small(11_875),
            remainder_in_last_month: rng.chance(2),
            nsn: 100_000_000 + i32::try_from(rng.below(900_000_000)).unwrap_or(0),
            apprenticeship: match rng.below(3) {
                0 => None,
                1 => Some(false),
                _ => Some(true),
            },
            secondary_school: rng.chance(15),
            fee_cents: rng.small(2_500_000),
        }
    }

    fn end(&self) -> NaiveDate {
        let months = u64::from(self.start.month0()) + u64::from(self.extra_months);
        let year = self.start.year() + i32::try_from(months / 12).unwrap_or(0);
        let month = u32::try_from(months % 12).unwrap_or(0) + 1;
        let mut day = self.end_day.clamp(1, 28);
        if self.extra_months == 0 {
            day = day.max(self.start.day());
        }
        NaiveDate::from_ymd_opt(year, month, day).unwrap_or(self.start)
    }

    fn at_midnight(&self, date: NaiveDate) -> DateTime<FixedOffset> {
        let offset =
            FixedOffset::east_opt(self.offset_hours.clamp(-12, 14) * 3600).unwrap_or(Utc.fix());
        // A fixed offset maps every local time to exactly one instant.
        date.and_time(NaiveTime::MIN)
            .and_local_timezone(offset)
            .earliest()
            .unwrap_or_else(|| {
                DateTime::<Utc>::from_naive_utc_and_offset(date.and_time(NaiveTime::MIN), Utc)
                    .fixed_offset()
            })
    }

    /// The factor spread over the course months, rounded down to four decimal places, with or
    /// without the remainder in the last month.
    fn efts_by_month(&self, months: u32) -> Vec<f64> {
        let per_month = self.factor_units / months;
        let mut units = vec![per_month; months as usize];
        if self.remainder_in_last_month
            && let Some(last) = units.last_mut()
        {
            *last = self.factor_units - per_month * (months - 1);
        }
        units.into_iter().map(|u| f64::from(u) / 10_000.0).collect()
    }

    /// The valid record these parts make.
    pub fn build(&self) -> CourseEnrolment {
        let end = self.end();
        let months = self.extra_months + 1;
        let residing_in_nz = self.attendance.resides_in_nz();
        let category = if residing_in_nz && (self.resident_visa || self.australian_pr) {
            FeesCategory::Domestic
        } else if self.attendance == Attendance::ExtramuralOverseas
            && self.resident_visa
            && self.open_category == FeesCategory::Domestic
        {
            FeesCategory::InternationalFeePaying
        } else {
            self.open_category
        };
        let site = if self.attendance.is_intramural() {
            CAMPUS_SITES[self.campus_site % CAMPUS_SITES.len()]
        } else {
            "98"
        };
        let fund = FundingSource::parse(&self.fund.to_string());
        let consortium = fund
            .filter(|f| f.needs_consortium())
            .map(|_| self.consortium);
        let withdrawn = self.withdrawn || self.fund == FundingSource::NON_FUNDED_CONFIRMED;
        let withdrawal = withdrawn.then(|| {
            let days = (end - self.start).num_days().max(0) / 2;
            self.start
                .checked_add_days(Days::new(days.unsigned_abs()))
                .unwrap_or(self.start)
        });
        let (nzsced, ite_sector, ite_subject) = match &self.study {
            Study::Field(code) => (code.clone(), None, None),
            Study::Ite {
                field,
                leading_zero,
                general_sector,
                subjects,
            } => {
                let ite = &ITE_NZSCED[field % ITE_NZSCED.len()];
                let code = if *leading_zero {
                    ite.code()
                } else {
                    ite.number.to_string()
                };
                let sector = ite.sector.unwrap_or(*general_sector);
                let subjects = (sector == IteSector::Secondary).then(|| {
                    let mut chosen: Vec<String> = subjects.iter().take(4).cloned().collect();
                    if chosen.is_empty() {
                        chosen.push(ITE_SUBJECTS[0].to_owned());
                    }
                    chosen
                });
                (code, Some(sector.code()), subjects)
            }
        };
        CourseEnrolment {
            local_id: self.local_id.clone(),
            student_identification_code: self.student_id.clone(),
            qualification_code: self.qualification_code.clone(),
            course_code: self.course_code.clone(),
            course_start_date: self.at_midnight(self.start),
            course_end_date: self.at_midnight(end),
            students_course_withdrawal_date: withdrawal.map(|date| self.at_midnight(date)),
            category_of_fees_assessment: category.code().to_owned(),
            intramural_extramural_attendance: self.attendance.code(),
            course_delivery_site: site.to_owned(),
            source_of_funding: format!("{:02}", self.fund),
            residential_status: if self.resident_visa { "Y" } else { "N" }.to_owned(),
            australian_residential_status: self.australian_pr,
            funding_category: self.funding_category.clone(),
            course_classification: f64::from(self.classification_tenths.min(999)) / 10.0,
            nzsced_field_of_study: nzsced,
            course_efts_factor: f64::from(self.factor_units) / 10_000.0,
            efts_by_month: self.efts_by_month(months),
            national_student_number: self.nsn.max(1),
            consortium,
            ite_sector,
            ite_subject,
            apprenticeships: self.apprenticeship,
            secondary_school_programme_indicator: Some(
                if self.secondary_school { "Y" } else { "N" }.to_owned(),
            ),
            actual_course_fee: Some(f64::from(self.fee_cents) / 100.0),
        }
    }
}

/// Valid record number `seed`.
pub fn valid_enrolment(seed: u64) -> CourseEnrolment {
    Parts::from_seed(seed).build()
}

/// Valid record number `seed` as JSON text.
pub fn valid_json(seed: u64) -> String {
    to_json(&valid_enrolment(seed))
}

fn to_json(record: &CourseEnrolment) -> String {
    serde_json::to_string(record)
        .unwrap_or_else(|error| unreachable!("a record serialises: {error}"))
}

/// `count` valid records (numbers 0 to count − 1) as JSON text, all with distinct localIds.
pub fn valid_records(count: usize) -> Vec<String> {
    (0..count as u64).map(valid_json).collect()
}

/// One deliberate fault, each breaking exactly one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Defect {
    /// `courseCode` left out.
    MissingField,
    /// `nationalStudentNumber` sent as text.
    WrongType,
    /// The record is a JSON array, not an object.
    NotAnObject,
    /// `eftsByMonth` with more values than the course has months.
    EftsByMonthCount,
    /// `eftsByMonth` that does not add up to the factor.
    EftsByMonthSum,
    /// A historic fund (07, Youth Training).
    HistoricFund,
    /// A fund code on neither list (17).
    UnknownFund,
    /// `courseEndDate` the day before `courseStartDate`.
    EndBeforeStart,
    /// A resident visa holder living in New Zealand assessed as international (03).
    FeesCategoryForResident,
    /// A student identification code of 13 characters (distinct per seed).
    LongStudentId,
    /// A negative National Student Number.
    NegativeNsn,
    /// Fund 28 without a consortium.
    MissingConsortium,
    /// The localId of record `seed − 1` (so the record before it in [`mixed_records`]).
    DuplicateLocalId,
}

impl Defect {
    pub const ALL: [Defect; 13] = [
        Defect::MissingField,
        Defect::WrongType,
        Defect::NotAnObject,
        Defect::EftsByMonthCount,
        Defect::EftsByMonthSum,
        Defect::HistoricFund,
        Defect::UnknownFund,
        Defect::EndBeforeStart,
        Defect::FeesCategoryForResident,
        Defect::LongStudentId,
        Defect::NegativeNsn,
        Defect::MissingConsortium,
        Defect::DuplicateLocalId,
    ];

    /// The code of the rule the defect breaks.
    pub fn rule(self) -> &'static str {
        match self {
            Defect::MissingField => "CE-003",
            Defect::WrongType => "CE-002",
            Defect::NotAnObject => "CE-001",
            Defect::EftsByMonthCount => "CE-021",
            Defect::EftsByMonthSum => "CE-022",
            Defect::HistoricFund => "CE-020",
            Defect::UnknownFund => "CE-019",
            Defect::EndBeforeStart => "CE-012",
            Defect::FeesCategoryForResident => "CE-015",
            Defect::LongStudentId => "CE-004",
            Defect::NegativeNsn => "CE-029",
            Defect::MissingConsortium => "CE-030",
            Defect::DuplicateLocalId => "CE-005",
        }
    }

    /// The field the problem names (`""` for the record).
    pub fn field(self) -> &'static str {
        match self {
            Defect::MissingField => "courseCode",
            Defect::WrongType | Defect::NegativeNsn => "nationalStudentNumber",
            Defect::NotAnObject => "",
            Defect::EftsByMonthCount | Defect::EftsByMonthSum => "eftsByMonth",
            Defect::HistoricFund | Defect::UnknownFund => "sourceOfFunding",
            Defect::EndBeforeStart => "courseEndDate",
            Defect::FeesCategoryForResident => {
                "categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment"
            }
            Defect::LongStudentId => "studentIdentificationCode",
            Defect::MissingConsortium => "consortium",
            Defect::DuplicateLocalId => "localId",
        }
    }
}

/// Record number `seed` with `defect`, as JSON text. It breaks exactly `defect.rule()` (for
/// [`Defect::DuplicateLocalId`], when record `seed − 1` is in the same batch before it).
pub fn defective_json(seed: u64, defect: Defect) -> String {
    let mut record = valid_enrolment(seed);
    match defect {
        Defect::EndBeforeStart => {
            record.course_end_date = record.course_start_date - chrono::Duration::days(1);
            record.students_course_withdrawal_date = None;
            // Fund 31 wants a withdrawal date; keep the defect to the one rule.
            if record.source_of_funding == "31" {
                record.source_of_funding = "01".to_owned();
            }
        }
        Defect::FeesCategoryForResident => {
            record.residential_status = "Y".to_owned();
            record.intramural_extramural_attendance = Attendance::IntramuralInNz.code();
            record.course_delivery_site = "01".to_owned();
            record.category_of_fees_assessment =
                FeesCategory::InternationalFeePaying.code().to_owned();
        }
        Defect::LongStudentId => record.student_identification_code = format!("S{seed:012}"),
        Defect::NegativeNsn => record.national_student_number = -5,
        Defect::MissingConsortium => {
            record.source_of_funding = "28".to_owned();
            record.consortium = None;
            record.students_course_withdrawal_date = None;
        }
        Defect::HistoricFund => {
            record.source_of_funding = "07".to_owned();
            record.consortium = None;
        }
        Defect::UnknownFund => {
            record.source_of_funding = "17".to_owned();
            record.consortium = None;
        }
        Defect::EftsByMonthCount => {
            let months = record.efts_by_month.len();
            let extra = if months + 1 == 12 { 2 } else { 1 };
            record.efts_by_month.extend(std::iter::repeat_n(0.0, extra));
        }
        Defect::EftsByMonthSum => {
            if let Some(first) = record.efts_by_month.first_mut() {
                *first = (*first * 10_000.0 + 100.0).round() / 10_000.0;
            }
        }
        Defect::DuplicateLocalId => record.local_id = format!("ENR-{:08}", seed.saturating_sub(1)),
        Defect::MissingField | Defect::WrongType | Defect::NotAnObject => {}
    }
    let mut value = serde_json::to_value(&record)
        .unwrap_or_else(|error| unreachable!("a record serialises: {error}"));
    match defect {
        Defect::MissingField => {
            if let Value::Object(map) = &mut value {
                map.remove("courseCode");
            }
        }
        Defect::WrongType => {
            value["nationalStudentNumber"] = json!(record.national_student_number.to_string());
        }
        Defect::NotAnObject => value = json!([record.local_id]),
        _ => {}
    }
    value.to_string()
}

/// `count` records as JSON text, every `every`-th (from the `every`-th on) with a defect, the
/// defects taken in turn from [`Defect::ALL`]; with each record, its defect. `every` below 2 is
/// read as 2, so the record before a [`Defect::DuplicateLocalId`] is always a valid one.
pub fn mixed_records(count: usize, every: usize) -> Vec<(String, Option<Defect>)> {
    let every = every.max(2);
    (0..count)
        .map(|position| {
            let seed = position as u64;
            if position % every == every - 1 {
                let defect = Defect::ALL[(position / every) % Defect::ALL.len()];
                (defective_json(seed, defect), Some(defect))
            } else {
                (valid_json(seed), None)
            }
        })
        .collect()
}
