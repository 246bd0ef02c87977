//! The shape of a record: readable JSON, the right types, the REQUIRED fields, lengths,
//! printable text, one record per localId.

use crate::validation::Severity;
use crate::validation::rule::{Check, Rule, Scope};

pub(crate) const CE_001: Rule = Rule {
    code: "CE-001",
    scope: Scope::CourseEnrolments,
    field: "",
    severity: Severity::Error,
    error_from_year: None,
    legacy_error: None,
    from_return: None,
    description: "The record is a JSON object that can be read: not malformed JSON, not an array or \
                  a plain value, no field given twice. Nothing else can be checked on an unreadable \
                  record; the other records of the batch are still checked.",
    check: Check::Read,
};

pub(crate) const CE_002: Rule = Rule {
    code: "CE-002",
    scope: Scope::CourseEnrolments,
    field: "*",
    severity: Severity::Error,
    error_from_year: None,
    legacy_error: None,
    from_return: None,
    description: "Each field has the JSON type spec 003 gives it: text for string fields, a whole \
                  number within int32 for integer fields, a number for double fields, true/false \
                  for boolean fields, arrays of numbers or text for eftsByMonth and iteSubject, and \
                  an RFC 3339 date-time (or a plain YYYY-MM-DD date) for the three dates. Every \
                  wrongly typed field of a record is reported; unknown extra fields are ignored.",
    check: Check::Read,
};

pub(crate) const CE_003: Rule = Rule {
    code: "CE-003",
    scope: Scope::CourseEnrolments,
    field: "*",
    severity: Severity::Error,
    error_from_year: None,
    legacy_error: None,
    from_return: None,
    description: "Every field spec 003 marks REQUIRED is supplied (not missing, not null): localId, \
                  studentIdentificationCode, qualificationCode, courseCode, courseStartDate, \
                  courseEndDate, categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment, \
                  intramuralExtramuralAttendance, courseDeliverySite, sourceOfFunding, \
                  residentialStatus, australianResidentialStatus, fundingCategory, \
                  courseClassification, nzscedFieldOfStudy, courseEftsFactor, eftsByMonth and \
                  nationalStudentNumber.",
    check: Check::FileRecord,
};

pub(crate) const CE_004: Rule = Rule {
    code: "CE-004",
    scope: Scope::CourseEnrolments,
    field: "*",
    severity: Severity::Error,
    error_from_year: None,
    legacy_error: None,
    from_return: None,
    description: "Text fields have spec 003's lengths, counted in characters: localId at least 1; \
                  studentIdentificationCode 1–10; qualificationCode 1–6; courseCode 1–20; the fees \
                  category, courseDeliverySite, sourceOfFunding and fundingCategory 1–2; \
                  residentialStatus 1; nzscedFieldOfStudy 1–6; secondarySchoolProgrammeIndicator at \
                  most 1.",
    check: Check::FileRecord,
};

pub(crate) const CE_005: Rule = Rule {
    code: "CE-005",
    scope: Scope::CourseEnrolments,
    field: "localId",
    severity: Severity::Error,
    error_from_year: None,
    legacy_error: None,
    from_return: None,
    description: "Each record of a batch has its own localId (spec 003: a unique identifier for this \
                  item). The second and later records with a localId already used get the problem.",
    check: Check::Batch,
};

/// Judgement call: the funder's duplicate rules are not public (domain spec §8.13). An
/// enrolment is identified by the learner, the course and its start date: the key the funder
/// matches course completions on (NSN, TEO, course code, course start date; rule X5). Two records
/// with one key would claim the enrolment's EFTS twice and make its completion ambiguous.
pub(crate) const CE_042: Rule = Rule {
    code: "CE-042",
    scope: Scope::CourseEnrolments,
    field: "",
    severity: Severity::Error,
    error_from_year: None,
    legacy_error: None,
    from_return: None,
    description: "An enrolment is reported once: no two records have the same \
                  studentIdentificationCode, courseCode and courseStartDate (the date as written). \
                  The second and later records get the problem. Checked within a batch and across \
                  a stored submission.",
    check: Check::Batch,
};

pub(crate) const CE_006: Rule = Rule {
    code: "CE-006",
    scope: Scope::CourseEnrolments,
    field: "*",
    severity: Severity::Error,
    error_from_year: None,
    legacy_error: None,
    from_return: None,
    description: "The identifiers localId, studentIdentificationCode and courseCode contain no \
                  control characters (tabs, line breaks, other non-printing characters): they would \
                  corrupt the funder's CSV files and never match the learner and course register.",
    check: Check::FileRecord,
};
