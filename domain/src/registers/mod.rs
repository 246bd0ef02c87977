//! The registers the funder keeps beside the returns (domain spec §2.3, spec 001, spec 002): the
//! course register of each organisation, the national qualification register, and the
//! delivery sites of each organisation; and the course change requests by which an
//! organisation asks the funder to change its course register.
//!
//! A REGT record (a [`Course`] in the course register file of a return or of standalone files)
//! is what the organisation *says* about a course in one submission; a [`CourseEntry`] is what
//! the funder *has approved* for that course, for a span of years, and it outlives every
//! submission. Field by field:
//!
//! | REGT record ([`Course`]) | register ([`CourseEntry`]) |
//! |---|---|
//! | `localId`: the integrator's id of the record in one submission | none: the register is keyed by organisation, course code and the first year the entry is valid |
//! | `courseCode` | `courseCode`, the same code |
//! | none: a record holds for the return it is in | `validFrom`, `validTo`: the years the entry holds (`validTo` empty: until changed) |
//! | `courseTitle`, `qualificationCode`, `courseClassification`, `nzscedFieldOfStudy`, `levelOnNzqcf`, `credit`, `fundingCategory`, `courseEftsFactor`, `courseTuitionFee`, `compulsoryCourseCostsFee`, `courseExemptionFromAmfm` | the same, in [`CourseDetails`]: the values the funder approved |
//! | `pbrfEligibleCourseIndicator`, discounted fees, `learningHours`, `volumeResearchFactor` | not kept: they are reported per return and need no approval |
//! | none | the history of every change: who, when, which fields, through which change request |
//!
//! When a submission's REGT differs from the register ([`course_differences`]), the
//! organisation sends each differing course as a change request; the funder approves it (the
//! register changes from the request's year, and its history says so) or declines it with a
//! reason. A pending request holds the organisation's SDR return and any further standalone
//! REGT (RD-011), and a return whose REGT changes credits, fees, level or classification is
//! not lodged until the change is approved (RD-012, spec 001).
//!
//! The SDR rules against the registers (RG-001 to RG-005, module [`rules`]) read a
//! [`RegisterSnapshot`] the service loads before validation; a register the funder has not
//! loaded for the organisation and year is not checked against (see [`RegisterSnapshot`]).

pub mod rules;
#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::codes::delivery_site::DeliverySite;
use crate::course::Course;

pub use rules::RULES;

/// What the course register holds of a course for the years an entry is valid: the fields of a
/// REGT record the funder approves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CourseDetails {
    #[schema(example = "Principles of Macroeconomics")]
    pub course_title: String,
    #[schema(example = "PC4001")]
    pub qualification_code: String,
    #[schema(example = 13.1)]
    pub course_classification: f64,
    #[schema(example = "091901")]
    pub nzsced_field_of_study: String,
    #[schema(example = 7)]
    pub level_on_nzqcf: i32,
    #[schema(example = 15)]
    pub credit: i32,
    #[schema(example = "A2")]
    pub funding_category: String,
    #[schema(example = 0.125)]
    pub course_efts_factor: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(example = 943.5)]
    pub course_tuition_fee: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(example = 100.0)]
    pub compulsory_course_costs_fee: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(example = false)]
    pub course_exemption_from_amfm: Option<bool>,
}

impl CourseDetails {
    /// The register's part of a REGT record.
    pub fn of_record(course: &Course) -> Self {
        CourseDetails {
            course_title: course.course_title.clone(),
            qualification_code: course.qualification_code.clone(),
            course_classification: course.course_classification,
            nzsced_field_of_study: course.nzsced_field_of_study.clone(),
            level_on_nzqcf: course.level_on_nzqcf,
            credit: course.credit,
            funding_category: course.funding_category.clone(),
            course_efts_factor: course.course_efts_factor,
            course_tuition_fee: course.course_tuition_fee,
            compulsory_course_costs_fee: course.compulsory_course_costs_fee,
            course_exemption_from_amfm: course.course_exemption_from_amfm,
        }
    }

    /// The fields whose values differ from `other`'s, in field order. Numbers are compared to
    /// their last published decimal place (classification one, EFTS factor four, fees two), so
    /// that a value read back from CSV is the same value.
    pub fn changed_fields(&self, other: &CourseDetails) -> Vec<CourseField> {
        let money = |a: Option<f64>, b: Option<f64>| a.map(cents) != b.map(cents);
        CourseField::ALL
            .into_iter()
            .filter(|field| match field {
                CourseField::Title => self.course_title != other.course_title,
                CourseField::Qualification => self.qualification_code != other.qualification_code,
                CourseField::Classification => {
                    tenths(self.course_classification) != tenths(other.course_classification)
                }
                CourseField::FieldOfStudy => {
                    self.nzsced_field_of_study != other.nzsced_field_of_study
                }
                CourseField::Level => self.level_on_nzqcf != other.level_on_nzqcf,
                CourseField::Credit => self.credit != other.credit,
                CourseField::FundingCategory => self.funding_category != other.funding_category,
                CourseField::EftsFactor => {
                    ten_thousandths(self.course_efts_factor)
                        != ten_thousandths(other.course_efts_factor)
                }
                CourseField::TuitionFee => money(self.course_tuition_fee, other.course_tuition_fee),
                CourseField::CompulsoryCostsFee => money(
                    self.compulsory_course_costs_fee,
                    other.compulsory_course_costs_fee,
                ),
                CourseField::AmfmExemption => {
                    self.course_exemption_from_amfm != other.course_exemption_from_amfm
                }
            })
            .collect()
    }

    /// Checks what a register entry needs: a title, codes, and numbers in the REGT's ranges.
    pub fn check(&self) -> Result<(), String> {
        let mut wrong = Vec::new();
        if self.course_title.trim().is_empty() || self.course_title.chars().count() > 75 {
            wrong.push("courseTitle must have 1 to 75 characters".to_owned());
        }
        if !is_code(&self.qualification_code, 6) {
            wrong.push("qualificationCode must be 1 to 6 letters or digits".to_owned());
        }
        if !(0.0..=99.9).contains(&self.course_classification) {
            wrong.push("courseClassification must be 0 to 99.9".to_owned());
        }
        if self.nzsced_field_of_study.is_empty()
            || self.nzsced_field_of_study.len() > 6
            || !self
                .nzsced_field_of_study
                .bytes()
                .all(|b| b.is_ascii_digit())
        {
            wrong.push("nzscedFieldOfStudy must be 1 to 6 digits".to_owned());
        }
        if !(1..=10).contains(&self.level_on_nzqcf) {
            wrong.push("levelOnNzqcf must be 1 to 10".to_owned());
        }
        if !(0..=999).contains(&self.credit) {
            wrong.push("credit must be 0 to 999".to_owned());
        }
        if !is_code(&self.funding_category, 2) {
            wrong.push("fundingCategory must be 1 or 2 letters or digits".to_owned());
        }
        if !(0.0..=9.9999).contains(&self.course_efts_factor) {
            wrong.push("courseEftsFactor must be 0 to 9.9999".to_owned());
        }
        for (name, fee) in [
            ("courseTuitionFee", self.course_tuition_fee),
            ("compulsoryCourseCostsFee", self.compulsory_course_costs_fee),
        ] {
            if fee.is_some_and(|fee| !(0.0..=999_999.99).contains(&fee)) {
                wrong.push(format!("{name} must be 0 to 999999.99"));
            }
        }
        if wrong.is_empty() {
            Ok(())
        } else {
            Err(wrong.join("; "))
        }
    }
}

fn is_code(text: &str, max: usize) -> bool {
    !text.is_empty() && text.len() <= max && text.bytes().all(|b| b.is_ascii_alphanumeric())
}

fn tenths(value: f64) -> i64 {
    (value * 10.0).round() as i64
}

fn cents(value: f64) -> i64 {
    (value * 100.0).round() as i64
}

fn ten_thousandths(value: f64) -> i64 {
    (value * 10_000.0).round() as i64
}

/// A field of [`CourseDetails`], by its camelCase name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
pub enum CourseField {
    #[serde(rename = "courseTitle")]
    Title,
    #[serde(rename = "qualificationCode")]
    Qualification,
    #[serde(rename = "courseClassification")]
    Classification,
    #[serde(rename = "nzscedFieldOfStudy")]
    FieldOfStudy,
    #[serde(rename = "levelOnNzqcf")]
    Level,
    #[serde(rename = "credit")]
    Credit,
    #[serde(rename = "fundingCategory")]
    FundingCategory,
    #[serde(rename = "courseEftsFactor")]
    EftsFactor,
    #[serde(rename = "courseTuitionFee")]
    TuitionFee,
    #[serde(rename = "compulsoryCourseCostsFee")]
    CompulsoryCostsFee,
    #[serde(rename = "courseExemptionFromAmfm")]
    AmfmExemption,
}

impl CourseField {
    pub const ALL: [CourseField; 11] = [
        CourseField::Title,
        CourseField::Qualification,
        CourseField::Classification,
        CourseField::FieldOfStudy,
        CourseField::Level,
        CourseField::Credit,
        CourseField::FundingCategory,
        CourseField::EftsFactor,
        CourseField::TuitionFee,
        CourseField::CompulsoryCostsFee,
        CourseField::AmfmExemption,
    ];

    /// The field's camelCase name, as in the REGT.
    pub fn name(self) -> &'static str {
        match self {
            CourseField::Title => "courseTitle",
            CourseField::Qualification => "qualificationCode",
            CourseField::Classification => "courseClassification",
            CourseField::FieldOfStudy => "nzscedFieldOfStudy",
            CourseField::Level => "levelOnNzqcf",
            CourseField::Credit => "credit",
            CourseField::FundingCategory => "fundingCategory",
            CourseField::EftsFactor => "courseEftsFactor",
            CourseField::TuitionFee => "courseTuitionFee",
            CourseField::CompulsoryCostsFee => "compulsoryCourseCostsFee",
            CourseField::AmfmExemption => "courseExemptionFromAmfm",
        }
    }

    /// Whether a change to the field must be approved before the SDR is lodged: credits, fees,
    /// levels and classifications (spec 001, "before you submit a trial SDR").
    pub fn needs_approval_before_sdr(self) -> bool {
        matches!(
            self,
            CourseField::Credit
                | CourseField::TuitionFee
                | CourseField::CompulsoryCostsFee
                | CourseField::Level
                | CourseField::Classification
        )
    }
}

impl fmt::Display for CourseField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One entry of an organisation's course register: what the funder approved for a course from
/// one year to another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CourseEntry {
    #[schema(example = "ECON112")]
    pub course_code: String,
    /// The first year the entry holds.
    #[schema(example = 2026)]
    pub valid_from: i32,
    /// The last year the entry holds; empty: until it is changed.
    #[serde(default)]
    #[schema(example = json!(null))]
    pub valid_to: Option<i32>,
    #[serde(flatten)]
    pub details: CourseDetails,
}

impl CourseEntry {
    /// Whether the entry holds in `year`.
    pub fn valid_in(&self, year: i32) -> bool {
        self.valid_from <= year && self.valid_to.is_none_or(|to| year <= to)
    }

    /// Checks the entry's code, years and details.
    pub fn check(&self) -> Result<(), String> {
        let mut wrong = Vec::new();
        if !is_course_code(&self.course_code) {
            wrong.push(format!(
                "courseCode {:?} must be 1 to 20 characters without spaces at either end",
                self.course_code
            ));
        }
        if !(2000..=2100).contains(&self.valid_from) {
            wrong.push(format!(
                "validFrom {} must be 2000 to 2100",
                self.valid_from
            ));
        }
        if let Some(to) = self.valid_to
            && to < self.valid_from
        {
            wrong.push(format!(
                "validTo {to} is before validFrom {}",
                self.valid_from
            ));
        }
        if let Err(details) = self.details.check() {
            wrong.push(details);
        }
        if wrong.is_empty() {
            Ok(())
        } else {
            Err(format!("course {}: {}", self.course_code, wrong.join("; ")))
        }
    }
}

/// What an NZQA result reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum NzqaResultKind {
    /// A unit standard achieved, with its credits.
    UnitStandard,
    /// A qualification awarded.
    Qualification,
}

impl NzqaResultKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NzqaResultKind::UnitStandard => "unit-standard",
            NzqaResultKind::Qualification => "qualification",
        }
    }
}

/// One result NZQA reported for a learner, loaded by the funder: what DXP counts work-based
/// credits achieved and programme completions from (domain spec §4, §6.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NzqaResultEntry {
    #[schema(example = 123456789)]
    pub national_student_number: i32,
    pub kind: NzqaResultKind,
    /// The unit standard's number, or the qualification's code.
    #[schema(example = "29677")]
    pub code: String,
    /// The unit standard's credits (1 to 999); absent for a qualification.
    #[serde(default)]
    #[schema(example = 4)]
    pub credits: Option<i32>,
    /// The day it was achieved or awarded.
    #[schema(example = "2026-05-14")]
    pub achieved_on: chrono::NaiveDate,
}

impl NzqaResultEntry {
    /// The learner and standard: a load holds each once.
    pub fn key(&self) -> String {
        format!(
            "{} {} for NSN {}",
            self.kind.as_str(),
            self.code,
            self.national_student_number
        )
    }

    pub fn check(&self) -> Result<(), String> {
        let mut wrong = Vec::new();
        if !(1..=999_999_999).contains(&self.national_student_number) {
            wrong.push("nationalStudentNumber must be 1 to 999999999".to_owned());
        }
        if !is_code(&self.code, 20) {
            wrong.push("code must be 1 to 20 letters or digits".to_owned());
        }
        match (self.kind, self.credits) {
            (NzqaResultKind::UnitStandard, Some(1..=999)) => {}
            (NzqaResultKind::UnitStandard, _) => {
                wrong.push("a unit standard's credits must be 1 to 999".to_owned());
            }
            (NzqaResultKind::Qualification, None | Some(0)) => {}
            (NzqaResultKind::Qualification, Some(_)) => {
                wrong.push(
                    "a qualification has no credits of its own: leave credits out".to_owned(),
                );
            }
        }
        if wrong.is_empty() {
            Ok(())
        } else {
            Err(format!("{}: {}", self.key(), wrong.join("; ")))
        }
    }
}

fn is_course_code(code: &str) -> bool {
    !code.is_empty() && code.chars().count() <= 20 && code.trim() == code
}

/// One qualification of the national qualification register, loaded by the funder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct QualificationEntry {
    #[schema(example = "PC4001")]
    pub qualification_code: String,
    #[schema(example = "New Zealand Certificate in Business (Level 4)")]
    pub title: String,
    #[schema(example = 4)]
    pub level: i32,
    #[schema(example = 60)]
    pub credits: i32,
    /// Qualification award category (QAC), two digits.
    #[schema(example = "21")]
    pub award_category: String,
    /// The first year the qualification is approved for DQ3-7 funding; empty: not approved.
    #[serde(default)]
    #[schema(example = 2025)]
    pub dq37_approved_from: Option<i32>,
}

impl QualificationEntry {
    /// Whether enrolments in the qualification may be funded from DQ3-7 (fund 37) in `year`.
    pub fn approved_for_dq37_in(&self, year: i32) -> bool {
        self.dq37_approved_from.is_some_and(|from| from <= year)
    }

    pub fn check(&self) -> Result<(), String> {
        let mut wrong = Vec::new();
        if !is_code(&self.qualification_code, 6) {
            wrong.push("qualificationCode must be 1 to 6 letters or digits".to_owned());
        }
        if self.title.trim().is_empty() || self.title.chars().count() > 200 {
            wrong.push("title must have 1 to 200 characters".to_owned());
        }
        if !(1..=10).contains(&self.level) {
            wrong.push("level must be 1 to 10".to_owned());
        }
        if !(0..=9999).contains(&self.credits) {
            wrong.push("credits must be 0 to 9999".to_owned());
        }
        if self.award_category.len() != 2
            || !self.award_category.bytes().all(|b| b.is_ascii_digit())
        {
            wrong.push("awardCategory must be two digits".to_owned());
        }
        if self
            .dq37_approved_from
            .is_some_and(|year| !(2000..=2100).contains(&year))
        {
            wrong.push("dq37ApprovedFrom must be 2000 to 2100".to_owned());
        }
        if wrong.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "qualification {}: {}",
                self.qualification_code,
                wrong.join("; ")
            ))
        }
    }
}

/// One delivery site of an organisation's delivery-site register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DeliverySiteEntry {
    /// The code enrolments give as `courseDeliverySite`: 01 to 96, or one or two letters (or a
    /// letter and a digit).
    #[schema(example = "02")]
    pub site_code: String,
    #[schema(example = "Manukau campus")]
    pub name: String,
    #[schema(example = "2 Lakewood Court, Manukau, Auckland 2104")]
    pub address: String,
    #[schema(example = 2020)]
    pub active_from: i32,
    /// The last year the site is active; empty: still active.
    #[serde(default)]
    #[schema(example = json!(null))]
    pub active_to: Option<i32>,
}

impl DeliverySiteEntry {
    pub fn active_in(&self, year: i32) -> bool {
        self.active_from <= year && self.active_to.is_none_or(|to| year <= to)
    }

    /// The site code as enrolments are matched against it.
    pub fn key(&self) -> Option<SiteKey> {
        SiteKey::of(&self.site_code)
    }

    pub fn check(&self) -> Result<(), String> {
        let mut wrong = Vec::new();
        if self.key().is_none() {
            wrong.push(format!(
                "siteCode {:?} is not a site: 01 to 96, or one or two letters (or a letter and a \
                 digit); 98 and 99 are ways of delivery, not sites",
                self.site_code
            ));
        }
        if self.name.trim().is_empty() || self.name.chars().count() > 100 {
            wrong.push("name must have 1 to 100 characters".to_owned());
        }
        if self.address.chars().count() > 200 {
            wrong.push("address must have at most 200 characters".to_owned());
        }
        if !(2000..=2100).contains(&self.active_from) {
            wrong.push("activeFrom must be 2000 to 2100".to_owned());
        }
        if let Some(to) = self.active_to
            && to < self.active_from
        {
            wrong.push(format!(
                "activeTo {to} is before activeFrom {}",
                self.active_from
            ));
        }
        if wrong.is_empty() {
            Ok(())
        } else {
            Err(format!("site {}: {}", self.site_code, wrong.join("; ")))
        }
    }
}

/// The key a delivery-site code is matched by: numbers as two digits (`1` is `01`), letters in
/// capitals; two bytes, so that matching an enrolment's site allocates nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SiteKey([u8; 2]);

impl SiteKey {
    /// The key of a site code; `None` for a code that names no site: 98 (extramural) and 99
    /// (community education) are ways of delivery, and codes spec 003 does not allow match
    /// nothing.
    pub fn of(code: &str) -> Option<SiteKey> {
        let digit = |n: u8| b'0' + n;
        match DeliverySite::parse(code)? {
            DeliverySite::Main => Some(SiteKey(*b"01")),
            DeliverySite::Other(number) => Some(SiteKey([digit(number / 10), digit(number % 10)])),
            DeliverySite::Registered => match code.as_bytes() {
                [a] => Some(SiteKey([a.to_ascii_uppercase(), b' '])),
                [a, b] => Some(SiteKey([a.to_ascii_uppercase(), b.to_ascii_uppercase()])),
                _ => None,
            },
            DeliverySite::Extramural | DeliverySite::CommunityEducation => None,
        }
    }
}

impl fmt::Display for SiteKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(std::str::from_utf8(&self.0).unwrap_or("").trim_end())
    }
}

/// Whether a course is new to the register or changes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
pub enum DifferenceKind {
    /// The register has no entry for the course in the year.
    NewCourse,
    /// The register's entry for the year has other values.
    Changed,
}

impl DifferenceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DifferenceKind::NewCourse => "NewCourse",
            DifferenceKind::Changed => "Changed",
        }
    }
}

impl FromStr for DifferenceKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "NewCourse" => Ok(DifferenceKind::NewCourse),
            "Changed" => Ok(DifferenceKind::Changed),
            other => Err(format!("unknown difference kind {other}")),
        }
    }
}

/// How one course of a REGT differs from the register in the submission's year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CourseDifference {
    pub course_code: String,
    pub kind: DifferenceKind,
    /// The fields that change (empty for a new course).
    pub changed_fields: Vec<CourseField>,
    /// What the register holds now (none for a new course).
    pub current: Option<CourseDetails>,
    /// What the REGT says.
    pub proposed: CourseDetails,
}

impl CourseDifference {
    /// Whether the difference must be approved before the SDR is lodged (spec 001): a change
    /// to credits, fees, level or classification.
    pub fn holds_the_sdr(&self) -> bool {
        self.changed_fields
            .iter()
            .any(|field| field.needs_approval_before_sdr())
    }
}

/// The courses of a REGT that differ from the register's entries valid in `year`, by course
/// code. A course given twice in the REGT (CR-007's problem) is compared once, by its first
/// record. Nothing differs from a register that has no entry valid in the year: the funder has
/// not loaded the organisation's register for it, so there is nothing to compare with.
pub fn course_differences(
    records: &[Course],
    register: &[CourseEntry],
    year: i32,
) -> Vec<CourseDifference> {
    let current: HashMap<&str, &CourseEntry> = register
        .iter()
        .filter(|entry| entry.valid_in(year))
        .map(|entry| (entry.course_code.as_str(), entry))
        .collect();
    if current.is_empty() {
        return Vec::new();
    }
    let mut seen = HashSet::new();
    let mut differences: Vec<CourseDifference> = records
        .iter()
        .filter(|record| seen.insert(record.course_code.as_str()))
        .filter_map(|record| {
            let proposed = CourseDetails::of_record(record);
            match current.get(record.course_code.as_str()) {
                None => Some(CourseDifference {
                    course_code: record.course_code.clone(),
                    kind: DifferenceKind::NewCourse,
                    changed_fields: Vec::new(),
                    current: None,
                    proposed,
                }),
                Some(entry) => {
                    let changed_fields = entry.details.changed_fields(&proposed);
                    (!changed_fields.is_empty()).then(|| CourseDifference {
                        course_code: record.course_code.clone(),
                        kind: DifferenceKind::Changed,
                        changed_fields,
                        current: Some(entry.details.clone()),
                        proposed,
                    })
                }
            }
        })
        .collect();
    differences.sort_by(|a, b| a.course_code.cmp(&b.course_code));
    differences
}

/// What became of a change request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
pub enum ChangeRequestStatus {
    /// Waiting for the funder; it holds the SDR return and further standalone REGTs (RD-011).
    Pending,
    /// The funder approved it and the register changed.
    Approved,
    /// The funder declined it, with a reason; the register did not change.
    Declined,
}

impl ChangeRequestStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeRequestStatus::Pending => "Pending",
            ChangeRequestStatus::Approved => "Approved",
            ChangeRequestStatus::Declined => "Declined",
        }
    }
}

impl fmt::Display for ChangeRequestStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ChangeRequestStatus {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [
            ChangeRequestStatus::Pending,
            ChangeRequestStatus::Approved,
            ChangeRequestStatus::Declined,
        ]
        .into_iter()
        .find(|status| status.as_str().eq_ignore_ascii_case(s))
        .ok_or_else(|| format!("unknown status '{s}'; expected Pending, Approved or Declined"))
    }
}

/// The funder's decision on a pending change request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Approve,
    /// Declined, with the reason the organisation reads.
    Decline(String),
}

/// Checks a decision on a request in `status`: only a pending request is decided, and a
/// decline says why.
pub fn check_decision(status: ChangeRequestStatus, decision: &Decision) -> Result<(), String> {
    if status != ChangeRequestStatus::Pending {
        return Err(format!(
            "the change request is already {status}; only a pending request is decided"
        ));
    }
    if let Decision::Decline(reason) = decision {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(
                "say why the change is declined (reason): the organisation reads it".to_owned(),
            );
        }
        if reason.chars().count() > 1000 {
            return Err("the reason must have at most 1000 characters".to_owned());
        }
    }
    Ok(())
}

/// How approving a change for `year` changes the register: the entry valid in the year (if
/// any) is either replaced (it starts that year) or closed the year before, and a new entry
/// holds from the year for as long as the old one did.
#[derive(Debug, Clone, PartialEq)]
pub struct Approval {
    /// The entry to close, by its `validFrom`, and its new `validTo`.
    pub close: Option<(i32, i32)>,
    /// The entry to replace in place, by its `validFrom`.
    pub replace: Option<i32>,
    /// The entry written.
    pub entry: CourseEntry,
}

/// Plans the register change for an approved request: `current` is the entry valid in `year`.
pub fn plan_approval(
    course_code: &str,
    year: i32,
    current: Option<&CourseEntry>,
    proposed: &CourseDetails,
) -> Approval {
    let entry = |valid_to| CourseEntry {
        course_code: course_code.to_owned(),
        valid_from: year,
        valid_to,
        details: proposed.clone(),
    };
    match current {
        None => Approval {
            close: None,
            replace: None,
            entry: entry(None),
        },
        Some(current) if current.valid_from == year => Approval {
            close: None,
            replace: Some(year),
            entry: entry(current.valid_to),
        },
        Some(current) => Approval {
            close: Some((current.valid_from, year - 1)),
            replace: None,
            entry: entry(current.valid_to),
        },
    }
}

/// What the SDR rules against the registers read for one organisation and year: lookups by
/// code. A register the funder has not loaded is `None` and its rules are not applied: the
/// organisation's course register when it has no entry valid in the year, the delivery sites
/// when none is active in the year, the qualification register when it is empty. An existing
/// organisation's returns are thus validated as before until the funder loads its registers,
/// and once loaded, every enrolment is held to them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegisterSnapshot {
    /// Course codes valid in the year.
    pub courses: Option<HashSet<String>>,
    /// Qualification codes, each with whether it is approved for DQ3-7 funding in the year.
    pub qualifications: Option<HashMap<String, bool>>,
    /// The keys of the delivery sites active in the year.
    pub delivery_sites: Option<HashSet<SiteKey>>,
}

impl RegisterSnapshot {
    /// The snapshot for `year` of what the registers hold.
    pub fn of(
        year: i32,
        courses: &[CourseEntry],
        qualifications: &[QualificationEntry],
        sites: &[DeliverySiteEntry],
    ) -> Self {
        let courses: HashSet<String> = courses
            .iter()
            .filter(|entry| entry.valid_in(year))
            .map(|entry| entry.course_code.clone())
            .collect();
        let qualifications: HashMap<String, bool> = qualifications
            .iter()
            .map(|entry| {
                (
                    entry.qualification_code.clone(),
                    entry.approved_for_dq37_in(year),
                )
            })
            .collect();
        let sites: HashSet<SiteKey> = sites
            .iter()
            .filter(|site| site.active_in(year))
            .filter_map(DeliverySiteEntry::key)
            .collect();
        RegisterSnapshot {
            courses: (!courses.is_empty()).then_some(courses),
            qualifications: (!qualifications.is_empty()).then_some(qualifications),
            delivery_sites: (!sites.is_empty()).then_some(sites),
        }
    }

    /// Whether any register is loaded (a snapshot with none checks nothing).
    pub fn is_empty(&self) -> bool {
        self.courses.is_none() && self.qualifications.is_none() && self.delivery_sites.is_none()
    }
}
