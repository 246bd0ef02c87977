//! Defective records of the learner, course register and completion files: for each rule, a
//! batch built from valid record number `seed` that breaks that rule and no other, checked in
//! the return year [`RETURN_YEAR`].

use chrono::{Datelike, Duration};
use serde_json::{Value, json};

use super::returns::{
    RETURN_YEAR, valid_course, valid_course_completion, valid_learner,
    valid_qualification_completion,
};
use crate::SdrFile;

/// A batch that breaks one rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Breach {
    pub file: SdrFile,
    /// The rule broken, e.g. `LR-009`.
    pub rule: &'static str,
    /// The field the one problem names (`""` for the record).
    pub field: &'static str,
    /// The records, as JSON texts.
    pub records: Vec<String>,
    /// The return year to check them in.
    pub return_year: i32,
}

fn value<T: serde::Serialize>(record: &T) -> Value {
    serde_json::to_value(record)
        .unwrap_or_else(|error| unreachable!("a record serialises: {error}"))
}

/// Sets `name` to `new`, or removes it when `new` is null.
fn set(mut record: Value, name: &str, new: Value) -> Value {
    if let Value::Object(map) = &mut record {
        if new.is_null() {
            map.remove(name);
        } else {
            map.insert(name.to_owned(), new);
        }
    }
    record
}

fn text(record: &Value, name: &str) -> String {
    record[name].as_str().unwrap_or_default().to_owned()
}

fn breach(
    file: SdrFile,
    rule: &'static str,
    field: &'static str,
    records: Vec<Value>,
) -> Option<Breach> {
    Some(Breach {
        file,
        rule,
        field,
        records: records.iter().map(Value::to_string).collect(),
        return_year: RETURN_YEAR,
    })
}

/// A batch that breaks rule `code` of the learner, course register or completion files, and
/// no other, built from valid record number `seed`; `None` for any other code (course
/// enrolments have [`super::Defect`]).
pub fn breaking(code: &str, seed: u64) -> Option<Breach> {
    match code.split('-').next()? {
        "LR" => learner_breach(code, seed),
        "CR" => course_breach(code, seed),
        "CC" => course_completion_breach(code, seed),
        "QC" => qualification_completion_breach(code, seed),
        _ => None,
    }
}

fn learner_breach(code: &str, seed: u64) -> Option<Breach> {
    let file = SdrFile::Learners;
    let base = value(&valid_learner(seed));
    let other = value(&valid_learner(seed + 1));
    let one = |field: &'static str, name: &str, new: Value| {
        breach(
            file,
            rule_code(code)?,
            field,
            vec![set(base.clone(), name, new)],
        )
    };
    match code {
        "LR-001" => breach(file, "LR-001", "", vec![json!([text(&base, "localId")])]),
        "LR-002" => one(
            "nationalStudentNumber",
            "nationalStudentNumber",
            json!(base["nationalStudentNumber"].to_string()),
        ),
        "LR-003" => one("gender", "gender", Value::Null),
        "LR-004" => one(
            "studentIdentificationCode",
            "studentIdentificationCode",
            json!(format!("S{seed:012}")),
        ),
        "LR-005" => breach(
            file,
            "LR-005",
            "localId",
            vec![base.clone(), set(other, "localId", base["localId"].clone())],
        ),
        "LR-006" => one("localId", "localId", json!(format!("LRN\t{seed}"))),
        "LR-007" => breach(
            file,
            "LR-007",
            "",
            vec![
                base.clone(),
                set(
                    other,
                    "studentIdentificationCode",
                    base["studentIdentificationCode"].clone(),
                ),
            ],
        ),
        "LR-008" => one("gender", "gender", json!("X")),
        "LR-009" => {
            // Three on 1 January; the years of schooling and study go with the birth date.
            let record = set(
                set(
                    set(
                        base.clone(),
                        "dateOfBirth",
                        json!(format!("{}-01-01T00:00:00+13:00", RETURN_YEAR - 3)),
                    ),
                    "firstYearOfTertiaryEducation",
                    Value::Null,
                ),
                "lastYearAtSecondarySchool",
                Value::Null,
            );
            breach(file, "LR-009", "dateOfBirth", vec![record])
        }
        "LR-010" => {
            let lower = text(&base, "nameIdCode").to_lowercase();
            one("nameIdCode", "nameIdCode", json!(lower))
        }
        "LR-011" => one("nationalStudentNumber", "nationalStudentNumber", json!(0)),
        "LR-012" => one("countryOfCitizenship", "countryOfCitizenship", json!("nz")),
        "LR-013" => one("countryOfCitizenship", "countryOfCitizenship", json!("XKX")),
        "LR-014" => one("ethnicity", "ethnicity", json!([])),
        "LR-015" => one("ethnicity", "ethnicity", json!([199])),
        "LR-016" => one("iwiAffiliation", "iwiAffiliation", json!([104, 104])),
        "LR-017" => one("iwiAffiliation", "iwiAffiliation", json!([9998])),
        "LR-018" => one(
            "mainActivityAt1October",
            "mainActivityAt1October",
            json!("A1"),
        ),
        "LR-019" => one(
            "mainActivityAt1October",
            "mainActivityAt1October",
            json!("12"),
        ),
        "LR-020" => {
            let record = set(
                set(
                    base.clone(),
                    "firstYearOfTertiaryEducation",
                    json!(RETURN_YEAR),
                ),
                "mainActivityAt1October",
                json!("06"),
            );
            breach(file, "LR-020", "mainActivityAt1October", vec![record])
        }
        "LR-021" => one(
            "lastYearAtSecondarySchool",
            "lastYearAtSecondarySchool",
            json!(RETURN_YEAR + 1),
        ),
        "LR-022" => one(
            "lastSecondarySchoolAttended",
            "lastSecondarySchoolAttended",
            json!(0),
        ),
        "LR-023" => one(
            "highestSecondarySchoolQualification",
            "highestSecondarySchoolQualification",
            json!("99"),
        ),
        "LR-024" => one("disabilityStatus", "disabilityStatus", json!(4)),
        "LR-025" => one("disabilityStatus", "disabilityStatus", Value::Null),
        "LR-026" => one(
            "disabilitySupportNeeds",
            "disabilitySupportNeeds",
            json!([0]),
        ),
        "LR-027" => one("permanentPostCode", "permanentPostCode", json!("601")),
        "LR-028" => one("maximaExemptFee", "maximaExemptFee", json!(-1)),
        "LR-029" => one("irdNumber", "irdNumber", json!("12345")),
        "LR-030" => one("irdNumber", "irdNumber", json!("136-410-133")),
        "LR-031" => {
            let record = set(
                set(base.clone(), "countryOfCitizenship", json!("NZL")),
                "tuitionFeePaidByInternationalFeePayingStudent",
                json!(1250.0),
            );
            breach(
                file,
                "LR-031",
                "tuitionFeePaidByInternationalFeePayingStudent",
                vec![record],
            )
        }
        _ => None,
    }
}

/// The code as a `'static` string, when it is one of the rules the builders know.
fn rule_code(code: &str) -> Option<&'static str> {
    crate::validation::rule_by_code(code).map(|rule| rule.code)
}

fn course_breach(code: &str, seed: u64) -> Option<Breach> {
    let file = SdrFile::Courses;
    let base = value(&valid_course(seed));
    let course_code = text(&base, "courseCode");
    let one = |field: &'static str, name: &str, new: Value| {
        breach(
            file,
            rule_code(code)?,
            field,
            vec![set(base.clone(), name, new)],
        )
    };
    match code {
        "CR-001" => breach(file, "CR-001", "", vec![json!(text(&base, "localId"))]),
        "CR-002" => one("credit", "credit", json!(base["credit"].to_string())),
        "CR-003" => one("courseTitle", "courseTitle", Value::Null),
        "CR-004" => one("courseTitle", "courseTitle", json!("T".repeat(76))),
        "CR-005" => breach(
            file,
            "CR-005",
            "localId",
            vec![
                base.clone(),
                set(base.clone(), "courseCode", json!(format!("{course_code}X"))),
            ],
        ),
        "CR-006" => one(
            "courseCode",
            "courseCode",
            json!(format!("{course_code}\n")),
        ),
        "CR-007" => breach(
            file,
            "CR-007",
            "",
            vec![
                base.clone(),
                set(base.clone(), "localId", json!(format!("CRS-{seed}-again"))),
            ],
        ),
        "CR-008" => one(
            "courseCode",
            "courseCode",
            json!(format!("{course_code}.A")),
        ),
        "CR-009" => one(
            "courseCode",
            "courseCode",
            json!(format!("{course_code}{RETURN_YEAR}")),
        ),
        "CR-010" => one("qualificationCode", "qualificationCode", json!("PC-401")),
        "CR-011" => one("qualificationCode", "qualificationCode", json!("G4801")),
        "CR-012" => one("qualificationCode", "qualificationCode", json!("PC401")),
        "CR-013" => one("courseClassification", "courseClassification", json!(13.15)),
        "CR-014" => one("nzscedFieldOfStudy", "nzscedFieldOfStudy", json!("O91901")),
        "CR-015" => one("levelOnNzqcf", "levelOnNzqcf", json!(11)),
        "CR-016" => one("credit", "credit", json!(1000)),
        "CR-017" => one("fundingCategory", "fundingCategory", json!("A-")),
        "CR-018" => one("courseEftsFactor", "courseEftsFactor", json!(0.12501)),
        "CR-019" => one("courseTuitionFee", "courseTuitionFee", json!(-5)),
        "CR-020" => {
            let tuition = base["courseTuitionFee"].as_f64().unwrap_or(0.0);
            one(
                "discountedCourseTuitionFee",
                "discountedCourseTuitionFee",
                json!(tuition + 10.0),
            )
        }
        "CR-021" => one("learningHours", "learningHours", json!(-1)),
        _ => None,
    }
}

fn course_completion_breach(code: &str, seed: u64) -> Option<Breach> {
    let file = SdrFile::CourseCompletions;
    let record = valid_course_completion(seed);
    let base = value(&record);
    let one = |field: &'static str, name: &str, new: Value| {
        breach(
            file,
            rule_code(code)?,
            field,
            vec![set(base.clone(), name, new)],
        )
    };
    let start = record.course_start_date;
    match code {
        "CC-001" => breach(file, "CC-001", "", vec![json!(null)]),
        "CC-002" => one(
            "studentCourseCompletionIndicator",
            "studentCourseCompletionIndicator",
            json!(base["studentCourseCompletionIndicator"].to_string()),
        ),
        "CC-003" => one("courseEndDate", "courseEndDate", Value::Null),
        "CC-004" => one("courseCode", "courseCode", json!("C".repeat(21))),
        "CC-005" => breach(
            file,
            "CC-005",
            "localId",
            vec![
                base.clone(),
                set(
                    base.clone(),
                    "courseCode",
                    json!(format!("{}X", record.course_code)),
                ),
            ],
        ),
        "CC-006" => one(
            "studentIdentificationCode",
            "studentIdentificationCode",
            json!(format!("S\t{}", seed % 1000)),
        ),
        "CC-007" => breach(
            file,
            "CC-007",
            "",
            vec![
                base.clone(),
                set(base.clone(), "localId", json!(format!("CC-{seed}-again"))),
            ],
        ),
        "CC-008" => one(
            "studentCourseCompletionIndicator",
            "studentCourseCompletionIndicator",
            json!(9),
        ),
        "CC-009" => one(
            "courseEndDate",
            "courseEndDate",
            json!((start - Duration::days(1)).to_rfc3339()),
        ),
        "CC-010" => one("nationalStudentNumber", "nationalStudentNumber", json!(-5)),
        "CC-011" => one(
            "pbrfCourseCompletionYear",
            "pbrfCourseCompletionYear",
            json!(start.year() - 1),
        ),
        _ => None,
    }
}

fn qualification_completion_breach(code: &str, seed: u64) -> Option<Breach> {
    let file = SdrFile::QualificationCompletions;
    let record = valid_qualification_completion(seed);
    let base = value(&record);
    let one = |field: &'static str, name: &str, new: Value| {
        breach(
            file,
            rule_code(code)?,
            field,
            vec![set(base.clone(), name, new)],
        )
    };
    let year = record.year_requirements_met;
    match code {
        "QC-001" => breach(file, "QC-001", "", vec![json!(42)]),
        "QC-002" => one(
            "yearRequirementsMet",
            "yearRequirementsMet",
            json!(year.to_string()),
        ),
        "QC-003" => one("qualificationCode", "qualificationCode", Value::Null),
        "QC-004" => one(
            "studentIdentificationCode",
            "studentIdentificationCode",
            json!(format!("S{seed:010}")),
        ),
        "QC-005" => breach(
            file,
            "QC-005",
            "localId",
            vec![
                base.clone(),
                set(base.clone(), "qualificationCode", json!("PC4999")),
            ],
        ),
        "QC-006" => one("localId", "localId", json!(format!("QC\u{7}{seed}"))),
        "QC-007" => breach(
            file,
            "QC-007",
            "",
            vec![
                base.clone(),
                set(base.clone(), "localId", json!(format!("QC-{seed}-again"))),
            ],
        ),
        "QC-008" => one("nationalStudentNumber", "nationalStudentNumber", json!(0)),
        "QC-009" => one("qualificationCode", "qualificationCode", json!("PC-401")),
        "QC-010" => one("qualificationCode", "qualificationCode", json!("G9999")),
        "QC-011" => one("qualificationCode", "qualificationCode", json!("PC401")),
        "QC-012" => {
            let later = set(
                set(base.clone(), "yearRequirementsMet", json!(RETURN_YEAR + 1)),
                "qualificationCompletionDate",
                json!(format!("{}-03-02T00:00:00+13:00", RETURN_YEAR + 1)),
            );
            breach(file, "QC-012", "yearRequirementsMet", vec![later])
        }
        "QC-013" => one(
            "qualificationCompletionDate",
            "qualificationCompletionDate",
            Value::Null,
        ),
        "QC-014" => one(
            "qualificationCompletionDate",
            "qualificationCompletionDate",
            json!(format!("{}-11-20T00:00:00+13:00", year - 1)),
        ),
        "QC-015" => one(
            "linkedQualificationForFeesFree",
            "linkedQualificationForFeesFree",
            json!("PC-400"),
        ),
        "QC-016" => one("irdNumber", "irdNumber", json!("ABC")),
        "QC-017" => one("irdNumber", "irdNumber", json!("136410133")),
        "QC-018" => one("qualificationCode", "qualificationCode", json!("G4801")),
        _ => None,
    }
}
