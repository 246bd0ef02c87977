//! The shape of a record: readable JSON, the right types, the REQUIRED fields, lengths,
//! printable text, one record per localId.

use crate::SdrFile;
use crate::validation::Severity;
use crate::validation::rule::{Check, Rule, rule};

pub(crate) const CE_001: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-001",
    "",
    Severity::Error,
    Check::Read,
    "The record is a JSON object that can be read: not malformed JSON, not an array or \
     a plain value, no field given twice. Nothing else can be checked on an unreadable \
     record; the other records of the batch are still checked.",
);

pub(crate) const CE_002: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-002",
    "*",
    Severity::Error,
    Check::Read,
    "Each field has the JSON type spec 003 gives it: text for string fields, a whole \
     number within int32 for integer fields, a number for double fields, true/false \
     for boolean fields, arrays of numbers or text for eftsByMonth and iteSubject, and \
     an RFC 3339 date-time (or a plain YYYY-MM-DD date) for the three dates. Every \
     wrongly typed field of a record is reported; unknown extra fields are ignored.",
);

pub(crate) const CE_003: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-003",
    "*",
    Severity::Error,
    Check::FileRecord,
    "Every field spec 003 marks REQUIRED is supplied (not missing, not null): localId, \
     studentIdentificationCode, qualificationCode, courseCode, courseStartDate, \
     courseEndDate, categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment, \
     intramuralExtramuralAttendance, courseDeliverySite, sourceOfFunding, \
     residentialStatus, australianResidentialStatus, fundingCategory, \
     courseClassification, nzscedFieldOfStudy, courseEftsFactor, eftsByMonth and \
     nationalStudentNumber.",
);

pub(crate) const CE_004: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-004",
    "*",
    Severity::Error,
    Check::FileRecord,
    "Text fields have spec 003's lengths, counted in characters: localId at least 1; \
     studentIdentificationCode 1–10; qualificationCode 1–6; courseCode 1–20; the fees \
     category, courseDeliverySite, sourceOfFunding and fundingCategory 1–2; \
     residentialStatus 1; nzscedFieldOfStudy 1–6; secondarySchoolProgrammeIndicator at \
     most 1.",
);

pub(crate) const CE_005: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-005",
    "localId",
    Severity::Error,
    Check::Batch,
    "Each record of a batch has its own localId (spec 003: a unique identifier for this \
     item). The second and later records with a localId already used get the problem.",
);

/// Judgement call: the funder's duplicate rules are not public (domain spec §8.13). An
/// enrolment is identified by the learner, the course and its start date: the key the funder
/// matches course completions on (NSN, TEO, course code, course start date; rule X5). Two records
/// with one key would claim the enrolment's EFTS twice and make its completion ambiguous.
pub(crate) const CE_042: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-042",
    "",
    Severity::Error,
    Check::Batch,
    "An enrolment is reported once: no two records have the same \
     studentIdentificationCode, courseCode and courseStartDate (the date as written). \
     The second and later records get the problem. Checked within a batch and across \
     a stored submission.",
);

pub(crate) const CE_006: Rule = rule(
    SdrFile::CourseEnrolments,
    "CE-006",
    "*",
    Severity::Error,
    Check::FileRecord,
    "The identifiers localId, studentIdentificationCode and courseCode contain no \
     control characters (tabs, line breaks, other non-printing characters): they would \
     corrupt the funder's CSV files and never match the learner and course register.",
);
