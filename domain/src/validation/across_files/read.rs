//! Reading the few fields the rules across files need from each stored record, tolerantly.
//!
//! Each record is read into a small struct of its key fields, every one optional. A field that
//! is missing, `null`, empty or of the wrong JSON type is simply unknown here, and every rule
//! that needs it skips the record: the record's own rules already report the missing field or
//! the type error, and a second, vaguer problem about the same field would only add noise. A
//! record that is not a JSON object (or gives a field twice) has no known fields at all.
//!
//! What is read is owned, so a return can be read record by record and its JSON dropped as it
//! goes: the structs hold numbers, flags and shared identifiers, never the record's text.
//! Identifiers (student, course and qualification codes) are numbered as they are read: each
//! distinct code gets a dense [`Id`] and is kept once, shared by every record that names it, so
//! that every later match compares and hashes small numbers; what a record costs is its fields'
//! numbers and flags, under a hundred bytes.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::codes::{Attendance, FeesCategory, ResidentialStatus, parse_two_digit};
use crate::course_enrolment::parse_date_time;
use crate::registers::SiteKey;
use crate::validation::sink::Shown;

/// One JSON value of whatever type it has; composite values are skipped unread.
enum Loose<'a> {
    Text(Cow<'a, str>),
    Integer(i64),
    Number(f64),
    Bool(bool),
    /// An array of texts only (an empty one included).
    Texts(Vec<Cow<'a, str>>),
    /// A non-empty array of numbers only, as their sum: all the rules need of `eftsByMonth`.
    NumberSum(f64),
    /// Another array, or an object (`null` never gets here: it reads as a missing field).
    Other,
}

impl<'de: 'a, 'a> Deserialize<'de> for Loose<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LooseVisitor(PhantomData))
    }
}

struct LooseVisitor<'a>(PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for LooseVisitor<'a> {
    type Value = Loose<'a>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
        Ok(Loose::Bool(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        Ok(Loose::Integer(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        // Beyond i64 no key field can hold it (NSNs, years and codes are int32).
        Ok(i64::try_from(value).map_or(Loose::Other, Loose::Integer))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        Ok(Loose::Number(value))
    }

    fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Self::Value, E> {
        Ok(Loose::Text(Cow::Borrowed(value)))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        Ok(Loose::Text(Cow::Owned(value.to_owned())))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Self::Value, E> {
        Ok(Loose::Text(Cow::Owned(value)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Loose::Other)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Loose::Other)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        Loose::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut texts = Vec::new();
        let (mut all_texts, mut all_numbers) = (true, true);
        let mut sum = 0.0;
        while let Some(item) = seq.next_element::<Loose<'a>>()? {
            match item {
                Loose::Text(text) if all_texts => {
                    texts.push(text);
                    all_numbers = false;
                }
                Loose::Integer(number) if all_numbers => {
                    // Beyond 2^53 the sum is approximate; no EFTS value comes near.
                    sum += number as f64;
                    all_texts = false;
                }
                Loose::Number(number) if all_numbers && number.is_finite() => {
                    sum += number;
                    all_texts = false;
                }
                _ => (all_texts, all_numbers) = (false, false),
            }
        }
        Ok(if all_texts {
            // The empty array too: it is an empty list of texts, as iteSubject reads it.
            Loose::Texts(texts)
        } else if all_numbers {
            Loose::NumberSum(sum)
        } else {
            Loose::Other
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Loose::Other)
    }
}

/// The dense number of an identifier among the distinct identifiers of its kind in a return.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) struct Id(u32);

impl Id {
    /// The position of the identifier's slot in a table of [`Interner::len`] slots.
    pub(super) fn index(self) -> usize {
        self.0 as usize
    }
}

/// Numbers the distinct identifiers of one kind in order of first appearance, and keeps each
/// one's text once, for messages.
#[derive(Debug)]
pub(super) struct Interner {
    kind: Kind,
    ids: HashMap<Arc<str>, Id>,
    texts: Vec<Arc<str>>,
}

impl Interner {
    fn new(kind: Kind) -> Self {
        Interner {
            kind,
            ids: HashMap::new(),
            texts: Vec::new(),
        }
    }

    /// The identifier's number.
    pub(super) fn code(&mut self, text: &str) -> Code {
        let kind = self.kind;
        if let Some(&id) = self.ids.get(text) {
            return Code { id, kind };
        }
        // More distinct identifiers than u32 can number cannot fit in memory as JSON records.
        let id = Id(u32::try_from(self.ids.len()).unwrap_or(u32::MAX));
        let shared: Arc<str> = Arc::from(text);
        self.ids.insert(Arc::clone(&shared), id);
        self.texts.push(shared);
        Code { id, kind }
    }

    /// The text of an identifier this interner numbered.
    fn text(&self, id: Id) -> &str {
        self.texts.get(id.index()).map_or("", |text| text)
    }

    /// The text of the identifier numbered `index`.
    pub(super) fn text_at(&self, index: usize) -> &str {
        self.texts.get(index).map_or("", |text| text)
    }

    /// How many distinct identifiers were numbered.
    pub(super) fn len(&self) -> usize {
        self.ids.len()
    }
}

/// The three kinds of identifiers the files share, and the countries learners name.
#[derive(Debug)]
pub(super) struct Interners {
    pub students: Interner,
    pub courses: Interner,
    pub qualifications: Interner,
    pub countries: Interner,
}

impl Default for Interners {
    fn default() -> Self {
        Interners {
            students: Interner::new(Kind::Student),
            courses: Interner::new(Kind::Course),
            qualifications: Interner::new(Kind::Qualification),
            countries: Interner::new(Kind::Country),
        }
    }
}

impl Interners {
    /// The identifier as written.
    pub(super) fn text(&self, code: &Code) -> &str {
        let interner = match code.kind {
            Kind::Student => &self.students,
            Kind::Course => &self.courses,
            Kind::Qualification => &self.qualifications,
            Kind::Country => &self.countries,
        };
        interner.text(code.id)
    }

    /// The identifier quoted for a message.
    pub(super) fn shown(&self, code: &Code) -> Shown<'_> {
        Shown(self.text(code))
    }
}

/// What an identifier identifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Student,
    Course,
    Qualification,
    Country,
}

/// An identifier, by its number: eight bytes a record, whatever its text (kept once by its
/// [`Interner`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Code {
    pub id: Id,
    kind: Kind,
}

/// A known identifier, numbered by `interner`.
fn code(value: Option<Loose<'_>>, interner: &mut Interner) -> Option<Code> {
    text(value).map(|text| interner.code(&text))
}

/// Non-empty text; anything else is unknown (an empty identifier matches nothing, and the
/// record's own length rule reports it).
fn text(value: Option<Loose<'_>>) -> Option<Cow<'_, str>> {
    match value {
        Some(Loose::Text(text)) if !text.is_empty() => Some(text),
        _ => None,
    }
}

/// A whole number within int32, the schema type of every integer field of the SDR records.
fn int32(value: Option<&Loose<'_>>) -> Option<i32> {
    match value {
        Some(Loose::Integer(number)) => i32::try_from(*number).ok(),
        _ => None,
    }
}

/// A JSON number of any form (`1` is as good as `1.0` for a double field).
fn number(value: Option<&Loose<'_>>) -> Option<f64> {
    match value {
        Some(Loose::Integer(number)) => i32::try_from(*number).ok().map(f64::from),
        Some(Loose::Number(number)) if number.is_finite() => Some(*number),
        _ => None,
    }
}

fn flag(value: Option<&Loose<'_>>) -> Option<bool> {
    match value {
        Some(Loose::Bool(value)) => Some(*value),
        _ => None,
    }
}

/// The calendar date as the sender wrote it (the date in the sender's own offset), as the
/// record rules compare dates.
fn date(value: Option<&Loose<'_>>) -> Option<NaiveDate> {
    match value {
        Some(Loose::Text(text)) => parse_date_time(text).map(|value| value.date_naive()),
        _ => None,
    }
}

/// A National Student Number: positive (the record rules report any other value).
fn nsn(value: Option<&Loose<'_>>) -> Option<i32> {
    int32(value).filter(|&nsn| nsn > 0)
}

/// A code of one or two digits (`"1"` and `"01"` are the same code).
fn two_digit(value: Option<&Loose<'_>>) -> Option<u8> {
    match value {
        Some(Loose::Text(text)) => parse_two_digit(text),
        _ => None,
    }
}

/// Reads a record, or gives the all-unknown record when it is not a readable JSON object.
fn read<'a, R: Deserialize<'a>, T: Default>(json: &'a str, convert: impl FnOnce(R) -> T) -> T {
    serde_json::from_str::<R>(json)
        .map(convert)
        .unwrap_or_default()
}

/// Whether an optional field is there, as far as the rules across files need to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum Presence {
    /// Missing or `null`.
    Missing,
    /// Given with a value of its type.
    Given,
    /// Given with the wrong type, or the record could not be read: not known.
    #[default]
    Unknown,
}

/// Country of Citizenship as the fees rules read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Citizenship {
    NewZealand,
    Australia,
    /// Another country's code.
    Other,
}

impl Citizenship {
    /// Reads a three-letter upper-case country code (`NZL`, `AUS`, `GBR`). Anything else is
    /// unknown, not "another country": a lower-case or misspelt `nzl` is the learner rules' to
    /// report, and reading it as a foreign citizenship would accuse a domestic learner's fees.
    fn parse(code: &str) -> Option<Citizenship> {
        if code.len() != 3 || !code.bytes().all(|byte| byte.is_ascii_uppercase()) {
            return None;
        }
        Some(match code {
            "NZL" => Citizenship::NewZealand,
            "AUS" => Citizenship::Australia,
            _ => Citizenship::Other,
        })
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawLearner<'a> {
    #[serde(borrow)]
    student_identification_code: Option<Loose<'a>>,
    #[serde(borrow)]
    national_student_number: Option<Loose<'a>>,
    #[serde(borrow)]
    country_of_citizenship: Option<Loose<'a>>,
    #[serde(borrow)]
    tuition_fee_paid_by_international_fee_paying_student: Option<Loose<'a>>,
    #[serde(borrow, rename = "mainActivityAt1October")]
    main_activity_at_1_october: Option<Loose<'a>>,
    #[serde(borrow)]
    first_year_of_tertiary_education: Option<Loose<'a>>,
    #[serde(borrow)]
    last_secondary_school_attended: Option<Loose<'a>>,
    #[serde(borrow)]
    last_year_at_secondary_school: Option<Loose<'a>>,
    #[serde(borrow)]
    highest_secondary_school_qualification: Option<Loose<'a>>,
    #[serde(borrow)]
    permanent_post_code: Option<Loose<'a>>,
    #[serde(borrow)]
    term_post_code: Option<Loose<'a>>,
}

/// The learner fields mandatory for a type D learner (SDR domain specification §2.0 and §2.1;
/// the learner record's field table marks them), in the order the learner file lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TypeDField {
    MainActivity,
    FirstYear,
    School,
    LastSchoolYear,
    SecondaryQualification,
    PermanentPostCode,
    TermPostCode,
}

impl TypeDField {
    pub(super) const ALL: [TypeDField; 7] = [
        TypeDField::MainActivity,
        TypeDField::FirstYear,
        TypeDField::School,
        TypeDField::LastSchoolYear,
        TypeDField::SecondaryQualification,
        TypeDField::PermanentPostCode,
        TypeDField::TermPostCode,
    ];

    /// The field's camelCase name.
    pub(super) fn name(self) -> &'static str {
        match self {
            TypeDField::MainActivity => "mainActivityAt1October",
            TypeDField::FirstYear => "firstYearOfTertiaryEducation",
            TypeDField::School => "lastSecondarySchoolAttended",
            TypeDField::LastSchoolYear => "lastYearAtSecondarySchool",
            TypeDField::SecondaryQualification => "highestSecondarySchoolQualification",
            TypeDField::PermanentPostCode => "permanentPostCode",
            TypeDField::TermPostCode => "termPostCode",
        }
    }

    fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// Which of a learner record's type D fields are missing: one bit each, so a learner costs a
/// byte for them. A field of the wrong type is not missing (it is not known): the record's own
/// rules report it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct MissingTypeD(u8);

impl MissingTypeD {
    fn note(&mut self, field: TypeDField, presence: Presence) {
        if presence == Presence::Missing {
            self.0 |= field.bit();
        }
    }

    /// Whether the record lacks the field.
    pub(super) fn lacks(self, field: TypeDField) -> bool {
        self.0 & field.bit() != 0
    }
}

/// Whether a text field is given: missing, `null` and the empty text are all "not given", as
/// the record rules read an empty optional code.
fn text_presence(value: Option<&Loose<'_>>) -> Presence {
    match value {
        None => Presence::Missing,
        Some(Loose::Text(text)) if text.is_empty() => Presence::Missing,
        Some(Loose::Text(_)) => Presence::Given,
        Some(_) => Presence::Unknown,
    }
}

/// Whether an integer (int32) field is given.
fn integer_presence(value: Option<&Loose<'_>>) -> Presence {
    match value {
        None => Presence::Missing,
        Some(_) if int32(value).is_some() => Presence::Given,
        Some(_) => Presence::Unknown,
    }
}

/// Whether a number field is given.
fn number_presence(value: Option<&Loose<'_>>) -> Presence {
    match value {
        None => Presence::Missing,
        Some(_) if number(value).is_some() => Presence::Given,
        Some(_) => Presence::Unknown,
    }
}

/// The secondary school qualifications that are overseas awards ("Other overseas awards" of
/// Years 11, 12 and 13): a learner schooled overseas has no New Zealand school number to give.
const OVERSEAS_AWARDS: [u8; 3] = [90, 91, 92];

/// What the rules across files need of a learner record.
#[derive(Debug, Default)]
pub(super) struct Learner {
    pub student: Option<Code>,
    pub nsn: Option<i32>,
    /// The code, when it reads as a citizenship.
    pub citizenship: Option<(Code, Citizenship)>,
    /// `tuitionFeePaidByInternationalFeePayingStudent`.
    pub foreign_fee: Presence,
    /// The type D fields the record lacks.
    pub missing_type_d: MissingTypeD,
    /// Whether highestSecondarySchoolQualification is an overseas award (90, 91 or 92).
    pub schooled_overseas: bool,
}

pub(super) fn learner(json: &str, keys: &mut Interners) -> Learner {
    read(json, |raw: RawLearner<'_>| {
        // `null` reads as a missing field (serde gives `None`), as the record rules read it.
        let fee = raw.tuition_fee_paid_by_international_fee_paying_student;
        let foreign_fee = number_presence(fee.as_ref());
        let mut missing_type_d = MissingTypeD::default();
        for (field, presence) in [
            (
                TypeDField::MainActivity,
                text_presence(raw.main_activity_at_1_october.as_ref()),
            ),
            (
                TypeDField::FirstYear,
                integer_presence(raw.first_year_of_tertiary_education.as_ref()),
            ),
            (
                TypeDField::School,
                integer_presence(raw.last_secondary_school_attended.as_ref()),
            ),
            (
                TypeDField::LastSchoolYear,
                integer_presence(raw.last_year_at_secondary_school.as_ref()),
            ),
            (
                TypeDField::SecondaryQualification,
                text_presence(raw.highest_secondary_school_qualification.as_ref()),
            ),
            (
                TypeDField::PermanentPostCode,
                text_presence(raw.permanent_post_code.as_ref()),
            ),
            (
                TypeDField::TermPostCode,
                text_presence(raw.term_post_code.as_ref()),
            ),
        ] {
            missing_type_d.note(field, presence);
        }
        let schooled_overseas = two_digit(raw.highest_secondary_school_qualification.as_ref())
            .is_some_and(|code| OVERSEAS_AWARDS.contains(&code));
        Learner {
            missing_type_d,
            schooled_overseas,
            nsn: nsn(raw.national_student_number.as_ref()),
            citizenship: text(raw.country_of_citizenship).and_then(|code| {
                Citizenship::parse(&code).map(|parsed| (keys.countries.code(&code), parsed))
            }),
            student: code(raw.student_identification_code, &mut keys.students),
            foreign_fee,
        }
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawCourse<'a> {
    #[serde(borrow)]
    course_code: Option<Loose<'a>>,
    #[serde(borrow)]
    course_efts_factor: Option<Loose<'a>>,
    #[serde(borrow)]
    level_on_nzqcf: Option<Loose<'a>>,
}

/// What the rules across files need of a course register record.
#[derive(Debug, Default)]
pub(super) struct Course {
    pub code: Option<Code>,
    pub efts: Option<f64>,
    /// `levelOnNzqcf`, 1 to 10.
    pub level: Option<i32>,
}

pub(super) fn course(json: &str, keys: &mut Interners) -> Course {
    read(json, |raw: RawCourse<'_>| Course {
        efts: number(raw.course_efts_factor.as_ref()),
        level: int32(raw.level_on_nzqcf.as_ref()),
        code: code(raw.course_code, &mut keys.courses),
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawForecast<'a> {
    #[serde(borrow)]
    source_of_funding: Option<Loose<'a>>,
    #[serde(borrow)]
    level_on_nzqcf: Option<Loose<'a>>,
    #[serde(borrow)]
    forecast_year: Option<Loose<'a>>,
}

/// What the rules on a whole stored forecast need of one of its lines.
#[derive(Debug, Default)]
pub(super) struct ForecastLine {
    /// `sourceOfFunding` as a number (`"1"` and `"01"` are 1).
    pub fund: Option<u8>,
    pub level: Option<i32>,
    pub year: Option<i32>,
}

pub(super) fn forecast_line(json: &str) -> ForecastLine {
    read(json, |raw: RawForecast<'_>| ForecastLine {
        fund: two_digit(raw.source_of_funding.as_ref()),
        level: int32(raw.level_on_nzqcf.as_ref()),
        year: int32(raw.forecast_year.as_ref()),
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawEnrolment<'a> {
    #[serde(borrow)]
    student_identification_code: Option<Loose<'a>>,
    #[serde(borrow)]
    national_student_number: Option<Loose<'a>>,
    #[serde(borrow)]
    course_code: Option<Loose<'a>>,
    #[serde(borrow)]
    qualification_code: Option<Loose<'a>>,
    #[serde(borrow)]
    course_start_date: Option<Loose<'a>>,
    #[serde(borrow)]
    course_end_date: Option<Loose<'a>>,
    #[serde(borrow)]
    source_of_funding: Option<Loose<'a>>,
    #[serde(borrow)]
    course_efts_factor: Option<Loose<'a>>,
    #[serde(
        borrow,
        rename = "categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment"
    )]
    fees_category: Option<Loose<'a>>,
    #[serde(borrow)]
    residential_status: Option<Loose<'a>>,
    #[serde(borrow)]
    australian_residential_status: Option<Loose<'a>>,
    #[serde(borrow)]
    intramural_extramural_attendance: Option<Loose<'a>>,
    #[serde(borrow)]
    ite_sector: Option<Loose<'a>>,
    #[serde(borrow)]
    ite_subject: Option<Loose<'a>>,
    #[serde(borrow)]
    efts_by_month: Option<Loose<'a>>,
    #[serde(borrow)]
    apprenticeships: Option<Loose<'a>>,
    #[serde(borrow)]
    secondary_school_programme_indicator: Option<Loose<'a>>,
    #[serde(borrow)]
    actual_course_fee: Option<Loose<'a>>,
    #[serde(borrow)]
    course_delivery_site: Option<Loose<'a>>,
}

/// Ten-thousandths in an EFTS: EFTS values have four decimal places (spec 003, Numeric(1,4)).
pub(super) const EFTS_UNITS: f64 = 10_000.0;

/// What the rules across files need of a course enrolment.
#[derive(Debug, Default)]
pub(super) struct Enrolment {
    pub student: Option<Code>,
    pub nsn: Option<i32>,
    pub course: Option<Code>,
    pub qualification: Option<Code>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    /// `sourceOfFunding` as a number (`"1"` and `"01"` are 1).
    pub fund: Option<u8>,
    pub efts: Option<f64>,
    pub fees: Option<FeesCategory>,
    pub residency: Option<ResidentialStatus>,
    pub australian_pr: Option<bool>,
    pub attendance: Option<Attendance>,
    /// `iteSector` and `iteSubject`; `None` when either has the wrong type.
    pub ite: Option<IteGiven>,
    /// The sum of `eftsByMonth`, the enrolment's EFTS in the return, in ten-thousandths of an
    /// EFTS ([`EFTS_UNITS`]): the precision of the values, in four bytes.
    pub efts_in_return: Option<i32>,
    /// `apprenticeships`.
    pub apprenticeship: Option<bool>,
    /// `secondarySchoolProgrammeIndicator` (the empty text is not given, as CE-037 reads it).
    pub secondary_school: Presence,
    /// `actualCourseFee`.
    pub actual_fee: Presence,
    /// `courseDeliverySite`, when it names a site (not 98 or 99).
    pub site: Option<SiteKey>,
}

/// The Initial Teacher Education values of an enrolment.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Ite {
    pub sector: Option<i32>,
    /// Empty when none is given.
    pub subjects: Vec<String>,
}

/// An enrolment's ITE values as read: none (most enrolments, in no space), or some.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct IteGiven(Option<Box<Ite>>);

impl IteGiven {
    /// The values, the empty ones when none is given.
    pub(super) fn values(&self) -> (Option<i32>, &[String]) {
        match &self.0 {
            Some(ite) => (ite.sector, &ite.subjects),
            None => (None, &[]),
        }
    }
}

/// The ITE values, when both fields are missing, `null` or of their type.
fn ite(sector: Option<Loose<'_>>, subjects: Option<Loose<'_>>) -> Option<IteGiven> {
    let sector = match sector {
        None => None,
        Some(value) => Some(int32(Some(&value))?),
    };
    let subjects = match subjects {
        None => Vec::new(),
        Some(Loose::Texts(subjects)) => subjects.into_iter().map(Cow::into_owned).collect(),
        Some(_) => return None,
    };
    if sector.is_none() && subjects.is_empty() {
        return Some(IteGiven(None));
    }
    Some(IteGiven(Some(Box::new(Ite { sector, subjects }))))
}

pub(super) fn enrolment(json: &str, keys: &mut Interners) -> Enrolment {
    read(json, |raw: RawEnrolment<'_>| Enrolment {
        nsn: nsn(raw.national_student_number.as_ref()),
        start: date(raw.course_start_date.as_ref()),
        end: date(raw.course_end_date.as_ref()),
        fund: two_digit(raw.source_of_funding.as_ref()),
        efts: number(raw.course_efts_factor.as_ref()),
        fees: match &raw.fees_category {
            Some(Loose::Text(code)) => FeesCategory::parse(code),
            _ => None,
        },
        residency: match &raw.residential_status {
            Some(Loose::Text(code)) => ResidentialStatus::parse(code),
            _ => None,
        },
        australian_pr: flag(raw.australian_residential_status.as_ref()),
        attendance: int32(raw.intramural_extramural_attendance.as_ref())
            .and_then(Attendance::from_code),
        ite: ite(raw.ite_sector, raw.ite_subject),
        efts_in_return: match raw.efts_by_month {
            // Beyond i32 (over 200,000 EFTS) the sum is no EFTS at all: unknown.
            Some(Loose::NumberSum(sum)) => i32::try_from((sum * EFTS_UNITS).round() as i64).ok(),
            // An empty list: no EFTS (CE-021 reports the missing months).
            Some(Loose::Texts(texts)) if texts.is_empty() => Some(0),
            _ => None,
        },
        apprenticeship: flag(raw.apprenticeships.as_ref()),
        secondary_school: text_presence(raw.secondary_school_programme_indicator.as_ref()),
        actual_fee: number_presence(raw.actual_course_fee.as_ref()),
        site: match &raw.course_delivery_site {
            Some(Loose::Text(code)) => SiteKey::of(code),
            _ => None,
        },
        student: code(raw.student_identification_code, &mut keys.students),
        course: code(raw.course_code, &mut keys.courses),
        qualification: code(raw.qualification_code, &mut keys.qualifications),
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawCourseCompletion<'a> {
    #[serde(borrow)]
    student_identification_code: Option<Loose<'a>>,
    #[serde(borrow)]
    national_student_number: Option<Loose<'a>>,
    #[serde(borrow)]
    course_code: Option<Loose<'a>>,
    #[serde(borrow)]
    course_start_date: Option<Loose<'a>>,
    #[serde(borrow)]
    student_course_completion_indicator: Option<Loose<'a>>,
}

/// What the rules across files need of a course completion.
#[derive(Debug, Default)]
pub(super) struct CourseCompletion {
    pub student: Option<Code>,
    pub nsn: Option<i32>,
    pub course: Option<Code>,
    pub start: Option<NaiveDate>,
    /// `studentCourseCompletionIndicator` (int32; 4 = did not complete, withdrew).
    pub indicator: Option<i32>,
}

pub(super) fn course_completion(json: &str, keys: &mut Interners) -> CourseCompletion {
    read(json, |raw: RawCourseCompletion<'_>| CourseCompletion {
        nsn: nsn(raw.national_student_number.as_ref()),
        start: date(raw.course_start_date.as_ref()),
        indicator: int32(raw.student_course_completion_indicator.as_ref()),
        student: code(raw.student_identification_code, &mut keys.students),
        course: code(raw.course_code, &mut keys.courses),
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawQualificationCompletion<'a> {
    #[serde(borrow)]
    student_identification_code: Option<Loose<'a>>,
    #[serde(borrow)]
    national_student_number: Option<Loose<'a>>,
    #[serde(borrow)]
    qualification_code: Option<Loose<'a>>,
    #[serde(borrow)]
    linked_qualification_for_fees_free: Option<Loose<'a>>,
    #[serde(borrow)]
    year_requirements_met: Option<Loose<'a>>,
}

/// What the rules across files need of a qualification completion.
#[derive(Debug, Default)]
pub(super) struct QualificationCompletion {
    pub student: Option<Code>,
    pub nsn: Option<i32>,
    pub qualification: Option<Code>,
    /// `linkedQualificationForFeesFree`: the exit or expired qualification whose code the
    /// learner's enrolments used.
    pub linked: Option<Code>,
    /// `yearRequirementsMet` (CCYY).
    pub year: Option<i32>,
}

pub(super) fn qualification_completion(
    json: &str,
    keys: &mut Interners,
) -> QualificationCompletion {
    read(json, |raw: RawQualificationCompletion<'_>| {
        QualificationCompletion {
            nsn: nsn(raw.national_student_number.as_ref()),
            year: int32(raw.year_requirements_met.as_ref()),
            student: code(raw.student_identification_code, &mut keys.students),
            qualification: code(raw.qualification_code, &mut keys.qualifications),
            linked: code(
                raw.linked_qualification_for_fees_free,
                &mut keys.qualifications,
            ),
        }
    })
}
