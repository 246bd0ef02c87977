//! The fields of each SDR file, in one table per file: the JSON name the API uses, the column
//! title of the DXP CSV, how the value is written, whether the API schema REQUIRES it, and
//! where it sits in the legacy STEO fixed-width `.TXT` layout.
//!
//! The file formats (DXP CSV, legacy TXT) and the record types all describe the same fields;
//! this is the one list they agree on, so that a CSV column, a TXT slot and a JSON property can
//! be matched without each reader keeping its own copy.
//!
//! Sources: JSON names, types and REQUIRED marks from the funder's API pages where published
//! (spec 003 for course enrolments; the first fields of the other records), otherwise the lower
//! camelCase of the Data Specification field title (DXP API reference §3). CSV column titles
//! are the Data Specification field titles: the DXP CSV headers themselves are not published
//! (SDR domain specification §8.3). Legacy positions come from the SDR domain specification
//! (§2.1, §2.3–2.5, §7), itself reconstructed from an open-source parser of the STEO files;
//! `None` where a field has no slot in the legacy layout (a DXP addition) or where its slot is
//! not known.

use crate::SdrFile;

/// How a field is written: JSON type on the API, text form in the DXP CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// A JSON string; the CSV text as is.
    Text,
    /// A JSON integer (int32); CSV digits.
    Integer,
    /// A JSON number (double); CSV plain decimal, no thousands separators.
    Decimal,
    /// JSON `true`/`false`; CSV `Y`/`N`.
    Boolean,
    /// JSON RFC 3339 date-time; CSV `DD/MM/YYYY`; legacy TXT `DDMMYYYY`.
    DateTime,
    /// JSON number array; CSV values separated by `;`.
    DecimalList,
    /// JSON string array; CSV values separated by `;`.
    TextList,
    /// JSON integer array; CSV values separated by `;`.
    IntegerList,
}

impl FieldKind {
    /// Whether the field holds several values (a JSON array, `;`-separated in the CSV).
    pub const fn is_list(self) -> bool {
        matches!(
            self,
            FieldKind::DecimalList | FieldKind::TextList | FieldKind::IntegerList
        )
    }
}

/// One field of an SDR record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// The JSON (camelCase) name, e.g. `"courseStartDate"`.
    pub name: &'static str,
    /// The DXP CSV column title: the Data Specification field title, e.g. `"Course Start Date"`.
    pub title: &'static str,
    pub kind: FieldKind,
    /// Whether the API schema marks the field REQUIRED (a record without it is refused on
    /// upload). A field that is "mandatory" only in the guidance is not REQUIRED: a validation
    /// rule reports it instead.
    pub required: bool,
    /// The field's position in the STEO fixed-width `.TXT` layout, if it has one.
    pub legacy: Option<LegacySlot>,
}

/// Where a field sits in a legacy STEO fixed-width record.
///
/// Text is left-justified and blank-padded, numbers (the NSN, fees) right-justified, dates
/// `DDMMYYYY`. A list field occupies consecutive item slots of [`legacy_item_len`] characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LegacySlot {
    /// The first column, counting from 1 as the layouts do.
    pub start: usize,
    /// The number of characters.
    pub len: usize,
}

impl LegacySlot {
    /// The zero-based byte range of the slot in a record line.
    pub const fn range(self) -> std::ops::Range<usize> {
        (self.start - 1)..(self.start - 1 + self.len)
    }
}

/// Provider Code (the organisation's EDUMIS number) opens every legacy record, in columns 1–4.
/// It is not a record field: the API carries the organisation in the `EID` header.
pub const LEGACY_PROVIDER_CODE: LegacySlot = slot(1, 4);

/// The length of a legacy record line of each file (SDR domain specification §7): STUD 116,
/// COUR 186, CREG 148, QUAL 50, COMP 65. The EFTS forecast had no STEO file.
pub const fn legacy_record_len(file: SdrFile) -> Option<usize> {
    match file {
        SdrFile::Learners => Some(116),
        SdrFile::CourseEnrolments => Some(186),
        SdrFile::Courses => Some(148),
        SdrFile::QualificationCompletions => Some(50),
        SdrFile::CourseCompletions => Some(65),
        SdrFile::EftsForecasts => None,
    }
}

/// The width of one item of a list field in the legacy layout: ethnicity is 3 × 3 digits, iwi
/// affiliation 3 × 4 digits, EFTS by month 12 × (6 characters and a space). `None` for a field
/// that is not a list or has no legacy slot.
pub fn legacy_item_len(file: SdrFile, name: &str) -> Option<usize> {
    match (file, name) {
        (SdrFile::Learners, "ethnicity") => Some(3),
        (SdrFile::Learners, "iwiAffiliation") => Some(4),
        (SdrFile::CourseEnrolments, "eftsByMonth") => Some(7),
        _ => None,
    }
}

/// The fields of a file in the order of its CSV columns (localId first).
pub const fn fields(file: SdrFile) -> &'static [FieldSpec] {
    match file {
        SdrFile::Learners => LEARNER,
        SdrFile::CourseEnrolments => COURSE_ENROLMENT,
        SdrFile::Courses => COURSE,
        SdrFile::CourseCompletions => COURSE_COMPLETION,
        SdrFile::QualificationCompletions => QUALIFICATION_COMPLETION,
        SdrFile::EftsForecasts => EFTS_FORECAST,
    }
}

/// The field of `file` with this JSON name, if there is one.
pub fn field(file: SdrFile, name: &str) -> Option<&'static FieldSpec> {
    fields(file).iter().find(|spec| spec.name == name)
}

/// The field of `file` whose CSV column title is `title`, compared without regard to case or
/// surrounding blanks (spreadsheet exports vary in both).
pub fn field_by_title(file: SdrFile, title: &str) -> Option<&'static FieldSpec> {
    let title = title.trim();
    fields(file)
        .iter()
        .find(|spec| spec.title.eq_ignore_ascii_case(title))
}

const fn slot(start: usize, len: usize) -> LegacySlot {
    LegacySlot { start, len }
}

const fn spec(
    name: &'static str,
    title: &'static str,
    kind: FieldKind,
    required: bool,
    legacy: Option<LegacySlot>,
) -> FieldSpec {
    FieldSpec {
        name,
        title,
        kind,
        required,
        legacy,
    }
}

use FieldKind::{Boolean, DateTime, Decimal, DecimalList, Integer, IntegerList, Text, TextList};

/// The integrator's record identifier: API only, no legacy slot.
const LOCAL_ID: FieldSpec = spec("localId", "Local ID", Text, true, None);

/// Learner file (LEAR; legacy STUD, 116 characters). API reference §3.1; legacy §2.1.
///
/// - `disabilityServicesAccessedIndicator` was written `1` (yes) / `2` (no) in the legacy
///   layout, not `Y`/`N`.
/// - `totalFeeForDomesticStudent` (24, 6) and `maximaExemptFee` (95, 5) follow the open-source
///   parser's labels for those slots; the domain specification calls the first a removed fee
///   and the second unverified. Legacy fees are whole dollars.
/// - `disabilityStatus` is not the legacy Disability Indicator (57): different codes, no slot.
/// - `disabilityStatus` is mandatory from August 2025 but not marked REQUIRED, so a return
///   that lacks it is reported by a rule rather than refused on upload.
const LEARNER: &[FieldSpec] = &[
    LOCAL_ID,
    spec(
        "studentIdentificationCode",
        "Student Identification Code",
        Text,
        true,
        Some(slot(5, 10)),
    ),
    spec("gender", "Gender", Text, true, Some(slot(15, 1))),
    spec(
        "dateOfBirth",
        "Date of Birth",
        DateTime,
        true,
        Some(slot(16, 8)),
    ),
    spec(
        "totalFeeForDomesticStudent",
        "Total Fee for Domestic Student",
        Decimal,
        false,
        Some(slot(24, 6)),
    ),
    spec("nameIdCode", "Name ID Code", Text, true, Some(slot(30, 5))),
    spec(
        "nationalStudentNumber",
        "National Student Number",
        Integer,
        true,
        Some(slot(80, 10)),
    ),
    spec(
        "tuitionFeePaidByInternationalFeePayingStudent",
        "Tuition Fee Paid by International Fee Paying Student",
        Decimal,
        false,
        Some(slot(90, 5)),
    ),
    spec(
        "maximaExemptFee",
        "Maxima Exempt Fee",
        Decimal,
        false,
        Some(slot(95, 5)),
    ),
    spec(
        "mainActivityAt1October",
        "Main Activity at 1 October",
        Text,
        false,
        Some(slot(35, 2)),
    ),
    spec(
        "firstYearOfTertiaryEducation",
        "First Year of Tertiary Education",
        Integer,
        false,
        Some(slot(37, 4)),
    ),
    spec(
        "lastSecondarySchoolAttended",
        "Last Secondary School Attended",
        Integer,
        false,
        Some(slot(42, 4)),
    ),
    spec(
        "lastYearAtSecondarySchool",
        "Last Year at Secondary School",
        Integer,
        false,
        Some(slot(46, 4)),
    ),
    spec(
        "highestSecondarySchoolQualification",
        "Highest Secondary School Qualification",
        Text,
        false,
        Some(slot(50, 2)),
    ),
    spec(
        "countryOfCitizenship",
        "Country of Citizenship",
        Text,
        true,
        Some(slot(52, 3)),
    ),
    spec(
        "ethnicity",
        "Ethnicity",
        IntegerList,
        true,
        Some(slot(100, 9)),
    ),
    spec(
        "iwiAffiliation",
        "Iwi Affiliation",
        IntegerList,
        false,
        Some(slot(59, 12)),
    ),
    spec(
        "disabilityServicesAccessedIndicator",
        "Disability Services Accessed Indicator",
        Boolean,
        false,
        Some(slot(41, 1)),
    ),
    spec(
        "disabilityStatus",
        "Disability Status",
        Integer,
        false,
        None,
    ),
    spec(
        "disabilitySupportNeeds",
        "Disability Support Needs",
        IntegerList,
        false,
        None,
    ),
    spec(
        "permanentPostCode",
        "Permanent Post Code",
        Text,
        false,
        Some(slot(109, 4)),
    ),
    spec(
        "termPostCode",
        "Term Post Code",
        Text,
        false,
        Some(slot(113, 4)),
    ),
    spec("irdNumber", "IRD Number", Text, false, None),
];

/// Course Enrolment file (ENRL; legacy COUR, 186 characters). Spec 003; legacy §7.
///
/// `apprenticeships` takes the legacy Managed Apprenticeship slot (74): the DXP flag replaced
/// it and covers the same provider-based apprenticeships. A vendor reports the DXP CSV column
/// as "Apprenticeship"; spec 003's title is used here.
const COURSE_ENROLMENT: &[FieldSpec] = &[
    LOCAL_ID,
    spec(
        "studentIdentificationCode",
        "Student Identification Code",
        Text,
        true,
        Some(slot(5, 10)),
    ),
    spec(
        "qualificationCode",
        "Qualification Code",
        Text,
        true,
        Some(slot(15, 6)),
    ),
    spec("courseCode", "Course Code", Text, true, Some(slot(21, 20))),
    spec(
        "courseStartDate",
        "Course Start Date",
        DateTime,
        true,
        Some(slot(41, 8)),
    ),
    spec(
        "courseEndDate",
        "Course End Date",
        DateTime,
        true,
        Some(slot(49, 8)),
    ),
    spec(
        "studentsCourseWithdrawalDate",
        "Student Course Withdrawal Date",
        DateTime,
        false,
        Some(slot(57, 8)),
    ),
    spec(
        "categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment",
        "Category of Fees Assessment for International Students for each enrolment",
        Text,
        true,
        Some(slot(65, 2)),
    ),
    spec(
        "intramuralExtramuralAttendance",
        "Intramural or Extramural Attendance",
        Integer,
        true,
        Some(slot(67, 1)),
    ),
    spec(
        "courseDeliverySite",
        "Course Delivery Site",
        Text,
        true,
        Some(slot(68, 2)),
    ),
    spec(
        "sourceOfFunding",
        "Source of Funding",
        Text,
        true,
        Some(slot(70, 2)),
    ),
    spec(
        "residentialStatus",
        "Residential Status",
        Text,
        true,
        Some(slot(72, 1)),
    ),
    spec(
        "australianResidentialStatus",
        "Australian Residential Status",
        Boolean,
        true,
        Some(slot(73, 1)),
    ),
    spec(
        "fundingCategory",
        "Funding Category",
        Text,
        true,
        Some(slot(75, 2)),
    ),
    spec(
        "courseClassification",
        "Course Classification",
        Decimal,
        true,
        Some(slot(77, 4)),
    ),
    spec(
        "nzscedFieldOfStudy",
        "NZSCED Field of Study",
        Text,
        true,
        Some(slot(81, 6)),
    ),
    spec(
        "courseEftsFactor",
        "Course EFTS Factor",
        Decimal,
        true,
        Some(slot(87, 6)),
    ),
    spec(
        "eftsByMonth",
        "EFTS by Month",
        DecimalList,
        true,
        Some(slot(93, 84)),
    ),
    spec(
        "nationalStudentNumber",
        "National Student Number",
        Integer,
        true,
        Some(slot(177, 10)),
    ),
    spec("consortium", "Consortium", Integer, false, None),
    spec("iteSector", "ITE Sector", Integer, false, None),
    spec("iteSubject", "ITE Subject", TextList, false, None),
    spec(
        "apprenticeships",
        "Apprenticeships",
        Boolean,
        false,
        Some(slot(74, 1)),
    ),
    spec(
        "secondarySchoolProgrammeIndicator",
        "Secondary School Programme Indicator",
        Text,
        false,
        None,
    ),
    spec("actualCourseFee", "Actual Course Fee", Decimal, false, None),
];

/// Course Register file (REGT; legacy CREG, 148 characters). API reference §3.2; legacy §2.3.
///
/// Slots up to the EFTS factor are reliable. The parser the layout comes from gives the fee,
/// PBRF and AMFM columns positions that do not agree with their lengths (a 9-character PBRF
/// indicator, a 1-character fee), so those fields are left without a slot rather than read
/// from the wrong columns.
const COURSE: &[FieldSpec] = &[
    LOCAL_ID,
    spec("courseCode", "Course Code", Text, true, Some(slot(5, 20))),
    spec(
        "courseTitle",
        "Course Title",
        Text,
        true,
        Some(slot(25, 75)),
    ),
    spec(
        "qualificationCode",
        "Qualification Code",
        Text,
        true,
        Some(slot(100, 6)),
    ),
    spec(
        "courseClassification",
        "Course Classification",
        Decimal,
        true,
        Some(slot(106, 4)),
    ),
    spec(
        "nzscedFieldOfStudy",
        "NZSCED Field of Study",
        Text,
        true,
        Some(slot(110, 6)),
    ),
    spec(
        "levelOnNzqcf",
        "Level on NZQCF",
        Integer,
        true,
        Some(slot(116, 1)),
    ),
    spec("credit", "Credit", Integer, true, Some(slot(117, 3))),
    spec(
        "fundingCategory",
        "Funding Category",
        Text,
        true,
        Some(slot(120, 2)),
    ),
    spec(
        "courseEftsFactor",
        "Course EFTS Factor",
        Decimal,
        true,
        Some(slot(122, 6)),
    ),
    spec(
        "courseTuitionFee",
        "Course Tuition Fee",
        Decimal,
        false,
        None,
    ),
    spec(
        "compulsoryCourseCostsFee",
        "Compulsory Course Costs Fee",
        Decimal,
        false,
        None,
    ),
    spec(
        "pbrfEligibleCourseIndicator",
        "PBRF Eligible Course Indicator",
        Boolean,
        false,
        None,
    ),
    spec(
        "courseExemptionFromAmfm",
        "Course Exemption from AMFM",
        Boolean,
        false,
        None,
    ),
    spec(
        "discountedCourseTuitionFee",
        "Discounted Course Tuition Fee",
        Decimal,
        false,
        None,
    ),
    spec(
        "discountedCompulsoryCourseCostsFee",
        "Discounted Compulsory Course Costs Fee",
        Decimal,
        false,
        None,
    ),
    spec("learningHours", "Learning Hours", Decimal, false, None),
    spec(
        "volumeResearchFactor",
        "Volume Research Factor",
        Decimal,
        false,
        None,
    ),
];

/// Course Completion file (COURCOMP; legacy COMP, 65 characters). API reference §3.4; legacy
/// §2.5.
const COURSE_COMPLETION: &[FieldSpec] = &[
    LOCAL_ID,
    spec(
        "studentIdentificationCode",
        "Student Identification Code",
        Text,
        true,
        Some(slot(5, 10)),
    ),
    spec("courseCode", "Course Code", Text, true, Some(slot(15, 20))),
    spec(
        "courseStartDate",
        "Course Start Date",
        DateTime,
        true,
        Some(slot(36, 8)),
    ),
    spec(
        "studentCourseCompletionIndicator",
        "Student Course Completion Indicator",
        Integer,
        true,
        Some(slot(35, 1)),
    ),
    spec(
        "nationalStudentNumber",
        "National Student Number",
        Integer,
        true,
        Some(slot(44, 10)),
    ),
    spec(
        "courseEndDate",
        "Course End Date",
        DateTime,
        true,
        Some(slot(54, 8)),
    ),
    spec(
        "pbrfCourseCompletionYear",
        "PBRF Course Completion Year",
        Integer,
        false,
        Some(slot(62, 4)),
    ),
];

/// Qualification Completion file (QUALCOMP; legacy QUAL, 50 characters). API reference §3.5;
/// legacy §2.4.
///
/// `qualificationCompletionDate` is mandatory from August 2025 but not marked REQUIRED: legacy
/// files have no such column, and a missing date is reported by a rule.
const QUALIFICATION_COMPLETION: &[FieldSpec] = &[
    LOCAL_ID,
    spec(
        "studentIdentificationCode",
        "Student Identification Code",
        Text,
        true,
        Some(slot(5, 10)),
    ),
    spec(
        "nationalStudentNumber",
        "National Student Number",
        Integer,
        true,
        Some(slot(15, 10)),
    ),
    spec(
        "qualificationCode",
        "Qualification Code",
        Text,
        true,
        Some(slot(25, 6)),
    ),
    spec(
        "yearRequirementsMet",
        "Year Requirements Met",
        Integer,
        true,
        Some(slot(43, 4)),
    ),
    spec(
        "qualificationCompletionDate",
        "Qualification Completion Date",
        DateTime,
        false,
        None,
    ),
    spec(
        "linkedQualificationForFeesFree",
        "Linked Qualification for Fees Free",
        Text,
        false,
        None,
    ),
    spec("irdNumber", "IRD Number", Text, false, None),
];

/// EFTS forecast (our layout: the funder's template is not public). `sourceOfFunding` and
/// `levelOnNzqcf` have the titles they have in the enrolment and register files.
const EFTS_FORECAST: &[FieldSpec] = &[
    LOCAL_ID,
    spec("sourceOfFunding", "Source of Funding", Text, true, None),
    spec("levelOnNzqcf", "Level on NZQCF", Integer, true, None),
    spec("forecastYear", "Forecast Year", Integer, true, None),
    spec("efts", "EFTS", Decimal, true, None),
];

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A record type's schema has exactly the file's fields as properties, and requires
    /// exactly the REQUIRED ones: the field table and the serde names agree.
    pub(crate) fn assert_schema_matches(file: SdrFile, schema: &serde_json::Value) {
        let sorted = |names: Vec<&str>| {
            let mut names: Vec<String> = names.into_iter().map(str::to_owned).collect();
            names.sort_unstable();
            names
        };
        let properties = sorted(
            schema["properties"]
                .as_object()
                .map(|map| map.keys().map(String::as_str).collect())
                .unwrap_or_default(),
        );
        let required = sorted(
            schema["required"]
                .as_array()
                .map(|items| items.iter().filter_map(|v| v.as_str()).collect())
                .unwrap_or_default(),
        );
        let specs = fields(file);
        assert_eq!(
            properties,
            sorted(specs.iter().map(|spec| spec.name).collect()),
            "{file}"
        );
        assert_eq!(
            required,
            sorted(
                specs
                    .iter()
                    .filter(|spec| spec.required)
                    .map(|spec| spec.name)
                    .collect()
            ),
            "{file}"
        );
        for spec in specs {
            assert!(
                !schema["properties"][spec.name]["description"].is_null(),
                "{file} {} has no description",
                spec.name
            );
        }
    }

    #[test]
    fn the_course_enrolment_schema_matches_its_field_table() {
        let schema =
            serde_json::to_value(<crate::CourseEnrolment as utoipa::PartialSchema>::schema())
                .unwrap();
        assert_schema_matches(SdrFile::CourseEnrolments, &schema);
    }

    /// The lower camelCase of a title: words joined, acronyms read as words.
    fn camel_case(title: &str) -> String {
        let mut out = String::new();
        for (position, word) in title.split_whitespace().enumerate() {
            let lower = word.to_ascii_lowercase();
            if position == 0 {
                out.push_str(&lower);
            } else {
                let mut chars = lower.chars();
                if let Some(first) = chars.next() {
                    out.push(first.to_ascii_uppercase());
                    out.extend(chars);
                }
            }
        }
        out
    }

    #[test]
    fn names_and_titles_are_unique_within_each_file_and_local_id_comes_first() {
        for file in SdrFile::EVERY {
            let specs = fields(file);
            assert_eq!(specs[0].name, "localId", "{file}");
            assert!(specs[0].required);
            for (position, spec) in specs.iter().enumerate() {
                for other in &specs[position + 1..] {
                    assert_ne!(spec.name, other.name, "{file}");
                    assert!(!spec.title.eq_ignore_ascii_case(other.title), "{file}");
                }
                assert_eq!(field(file, spec.name), Some(spec));
                assert_eq!(field_by_title(file, &spec.title.to_uppercase()), Some(spec));
            }
        }
    }

    /// Names the API reference infers are the camelCase of the title; the funder's published
    /// names that are not (spec 003) are listed.
    #[test]
    fn names_are_the_camel_case_of_titles_except_where_the_funder_says_otherwise() {
        let published = [
            "studentsCourseWithdrawalDate",
            "intramuralExtramuralAttendance",
        ];
        for file in SdrFile::EVERY {
            for spec in fields(file) {
                if !published.contains(&spec.name) {
                    assert_eq!(camel_case(spec.title), spec.name, "{file}");
                }
            }
        }
    }

    #[test]
    fn legacy_slots_fit_their_record_and_do_not_overlap() {
        for file in SdrFile::ALL {
            let record_len = legacy_record_len(file).expect("every SDR file had a STEO layout");
            let mut taken = vec![false; record_len];
            for column in LEGACY_PROVIDER_CODE.range() {
                taken[column] = true;
            }
            for spec in fields(file) {
                let Some(slot) = spec.legacy else { continue };
                assert!(slot.start >= 1 && slot.len >= 1, "{file} {}", spec.name);
                assert!(
                    slot.range().end <= record_len,
                    "{file} {} ends past the record",
                    spec.name
                );
                for column in slot.range() {
                    assert!(!taken[column], "{file} {} overlaps at {column}", spec.name);
                    taken[column] = true;
                }
                if let Some(item) = legacy_item_len(file, spec.name) {
                    assert!(spec.kind.is_list());
                    assert!(slot.len % item == 0 || (slot.len + 1) % item == 0);
                }
            }
        }
    }

    #[test]
    fn dates_take_eight_legacy_characters() {
        for file in SdrFile::EVERY {
            for spec in fields(file) {
                if let (DateTime, Some(slot)) = (spec.kind, spec.legacy) {
                    assert_eq!(slot.len, 8, "{file} {}", spec.name);
                }
            }
        }
    }
}
