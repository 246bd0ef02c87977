use chrono::NaiveDate;
use validator::Validate;

use super::*;
use crate::work_based::test_support::{codes, date};

fn today() -> NaiveDate {
    date("2026-12-02")
}

fn learner() -> Learner {
    let example =
        serde_json::to_value(<Learner as utoipa::PartialSchema>::schema()).unwrap()["example"]
            .clone();
    serde_json::from_value(example).unwrap()
}

fn update() -> LearnerUpdate {
    let example = serde_json::to_value(<LearnerUpdate as utoipa::PartialSchema>::schema()).unwrap()
        ["example"]
        .clone();
    serde_json::from_value(example).unwrap()
}

/// The rules `learner` breaks today.
fn broken(learner: &Learner) -> Vec<&'static str> {
    codes(&check_new(learner, today()))
}

#[test]
fn the_examples_are_valid_and_round_trip() {
    let learner = learner();
    assert!(learner.validate().is_ok());
    assert_eq!(check_new(&learner, today()), vec![]);
    let json = serde_json::to_value(&learner).unwrap();
    assert_eq!(json["identity"]["dateOfBirth"], "2004-05-14");
    assert_eq!(serde_json::from_value::<Learner>(json).unwrap(), learner);
    let update = update();
    assert!(update.validate().is_ok());
    assert_eq!(check_update(&learner, &update, today()), vec![]);
    let json = serde_json::to_value(&update).unwrap();
    assert!(json.get("identity").is_none());
    let schema = serde_json::to_value(<LearnerUpdate as utoipa::PartialSchema>::schema()).unwrap();
    assert!(schema["properties"].get("identity").is_none(), "{schema}");
    assert!(
        schema["properties"].get("demographics").is_some(),
        "{schema}"
    );
}

#[test]
fn shape_limits_are_validator_s() {
    let mut learner = learner();
    learner.learner_local_id = "x".repeat(21);
    learner.identity.name_id_code = String::new();
    learner.demographics.ethnicity_codes = vec![];
    learner.education_history.secondary_school_code = Some(10_000);
    let errors = learner.validate().unwrap_err().to_string();
    for field in [
        "learner_local_id",
        "name_id_code",
        "ethnicity_codes",
        "secondary_school_code",
    ] {
        assert!(errors.contains(field), "{field} in {errors}");
    }
}

#[test]
fn wb_001_date_of_birth_not_in_the_future() {
    let mut learner = learner();
    learner.education_history = EducationHistory::default();
    learner.identity.date_of_birth = date("2026-12-03");
    let refusals = check_new(&learner, today());
    assert_eq!(codes(&refusals), ["WB-001"]);
    assert_eq!(
        refusals[0].message,
        "dateOfBirth 2026-12-03 is after today (2026-12-02)"
    );
    assert_eq!(refusals[0].field, "identity.dateOfBirth");
    // Today is not in the future, but makes a learner of 0.
    learner.identity.date_of_birth = today();
    assert_eq!(broken(&learner), ["WB-001"]);
}

#[test]
fn wb_001_the_learner_is_14_to_100_today() {
    let mut learner = learner();
    // 14th birthday today: accepted; tomorrow: refused.
    learner.identity.date_of_birth = date("2012-12-02");
    assert_eq!(broken(&learner), Vec::<&str>::new());
    learner.identity.date_of_birth = date("2012-12-01");
    assert_eq!(broken(&learner), Vec::<&str>::new());
    learner.identity.date_of_birth = date("2012-12-03");
    let refusals = check_new(&learner, today());
    assert_eq!(codes(&refusals), ["WB-001"]);
    assert!(
        refusals[0]
            .message
            .contains("makes the learner 13 today (2026-12-02)")
    );
    // 101st birthday tomorrow: still 100; today: refused.
    learner.identity.date_of_birth = date("1925-12-03");
    learner.education_history = EducationHistory::default();
    assert_eq!(broken(&learner), Vec::<&str>::new());
    learner.identity.date_of_birth = date("1925-12-02");
    assert_eq!(broken(&learner), ["WB-001"]);
    learner.identity.date_of_birth = date("1925-12-01");
    assert_eq!(broken(&learner), ["WB-001"]);
}

#[test]
fn wb_002_name_id_code_form() {
    let mut learner = learner();
    learner.identity.family_name = None;
    for good in ["SMITJ", "NG  K", "NGĀTA", "SMITH", "NG"] {
        learner.identity.name_id_code = good.to_owned();
        assert_eq!(broken(&learner), Vec::<&str>::new(), "{good}");
    }
    for bad in ["SmitJ", "SM1TJ", "NG K", " NGK", "NG   "] {
        learner.identity.name_id_code = bad.to_owned();
        assert_eq!(broken(&learner), ["WB-002"], "{bad}");
    }
}

#[test]
fn wb_002_name_id_code_matches_the_names_when_given() {
    let mut learner = learner();
    learner.identity.name_id_code = "SMITA".to_owned();
    let refusals = check_new(&learner, today());
    assert_eq!(codes(&refusals), ["WB-002"]);
    assert!(refusals[0].message.contains("expected 'SMITJ'"));
    learner.identity.family_name = Some("Ng".to_owned());
    learner.identity.given_names = Some("kim".to_owned());
    learner.identity.name_id_code = "NG  K".to_owned();
    assert_eq!(broken(&learner), Vec::<&str>::new());
    learner.identity.family_name = Some("O'Brien-Tāne".to_owned());
    learner.identity.given_names = None;
    learner.identity.name_id_code = "OBRIE".to_owned();
    assert_eq!(broken(&learner), Vec::<&str>::new());
}

#[test]
fn wb_003_gender_code() {
    let mut learner = learner();
    learner.identity.gender_code = Some("X".to_owned());
    let refusals = check_new(&learner, today());
    assert_eq!(codes(&refusals), ["WB-003"]);
    assert_eq!(
        refusals[0].message,
        "genderCode 'X' is not one of M male, F female, D another gender"
    );
    learner.identity.gender_code = None;
    assert_eq!(broken(&learner), Vec::<&str>::new());
}

#[test]
fn wb_004_ird_number_form_and_check_digit() {
    let mut learner = learner();
    for good in ["49091850", "049-091-850", "136-410-132"] {
        learner.ird_number = Some(good.to_owned());
        assert_eq!(broken(&learner), Vec::<&str>::new(), "{good}");
    }
    for bad in ["49091851", "4909185", "049 091 850", "150-000-001"] {
        learner.ird_number = Some(bad.to_owned());
        assert_eq!(broken(&learner), ["WB-004"], "{bad}");
    }
}

#[test]
fn wb_005_disability_status() {
    let mut learner = learner();
    for status in [0, 4] {
        learner.demographics.disability_status = status;
        assert_eq!(broken(&learner), ["WB-005"], "{status}");
    }
    learner.demographics.disability_status = 3;
    assert_eq!(broken(&learner), Vec::<&str>::new());
}

#[test]
fn wb_006_support_needs_only_when_disabled() {
    let mut learner = learner();
    learner.demographics.disability_support_needs = vec![2];
    let refusals = check_new(&learner, today());
    assert_eq!(codes(&refusals), ["WB-006"]);
    assert!(refusals[0].message.contains("disabilityStatus is 2"));
    learner.demographics.disability_status = 1;
    assert_eq!(broken(&learner), Vec::<&str>::new());
    learner.demographics.disability_support_needs = vec![2, 2];
    assert_eq!(broken(&learner), ["WB-006"]);
    learner.demographics.disability_support_needs = vec![0];
    assert_eq!(broken(&learner), ["WB-006"]);
}

#[test]
fn wb_007_country_of_citizenship() {
    let mut learner = learner();
    for bad in ["nzl", "NZ", "XXX"] {
        learner.demographics.country_of_citizenship = bad.to_owned();
        assert_eq!(broken(&learner), ["WB-007"], "{bad}");
    }
    learner.demographics.country_of_citizenship = "AUS".to_owned();
    assert_eq!(broken(&learner), Vec::<&str>::new());
}

#[test]
fn wb_008_ethnicity_codes() {
    let mut learner = learner();
    learner.demographics.ethnicity_codes = vec![111, 110];
    assert_eq!(broken(&learner), ["WB-008"]);
    learner.demographics.ethnicity_codes = vec![211, 211];
    assert_eq!(broken(&learner), ["WB-008"]);
}

#[test]
fn wb_009_iwi_codes() {
    let mut learner = learner();
    learner.demographics.iwi_codes = vec![10_000];
    assert_eq!(broken(&learner), ["WB-009"]);
    learner.demographics.iwi_codes = vec![104, 104];
    assert_eq!(broken(&learner), ["WB-009"]);
    learner.demographics.iwi_codes = vec![9999];
    assert_eq!(broken(&learner), Vec::<&str>::new());
}

#[test]
fn wb_010_education_years_between_birth_and_this_year() {
    let mut learner = learner();
    for (year, ok) in [(2003, false), (2004, true), (2026, true), (2027, false)] {
        learner.education_history.last_year_at_secondary_school = Some(year);
        learner.education_history.first_year_of_tertiary_study = None;
        let expected: &[&str] = if ok { &[] } else { &["WB-010"] };
        assert_eq!(broken(&learner), expected, "{year}");
        learner.education_history.last_year_at_secondary_school = None;
        learner.education_history.first_year_of_tertiary_study = Some(year);
        assert_eq!(broken(&learner), expected, "{year}");
    }
    let refusals = check_new(&learner, today());
    assert_eq!(
        refusals[0].field,
        "educationHistory.firstYearOfTertiaryStudy"
    );
    assert_eq!(
        refusals[0].message,
        "firstYearOfTertiaryStudy 2027 is after the current year (2026)"
    );
}

#[test]
fn wb_011_education_codes() {
    let mut learner = learner();
    learner.education_history.prior_activity_code = Some("99".to_owned());
    assert_eq!(broken(&learner), ["WB-011"]);
    learner.education_history.prior_activity_code = Some("5".to_owned());
    assert_eq!(broken(&learner), Vec::<&str>::new());
    learner
        .education_history
        .highest_secondary_school_qualification = Some("XX".to_owned());
    assert_eq!(broken(&learner), ["WB-011"]);
}

#[test]
fn wb_012_and_wb_013_duplicates() {
    let refusal = already_exists("LRN-1");
    assert_eq!(refusal.rule, "WB-012");
    assert_eq!(refusal.field, "learnerLocalId");
    assert!(refusal.message.contains("'LRN-1'"));
    let refusal = nsn_already_used(123456789, "LRN-2");
    assert_eq!(refusal.rule, "WB-013");
    assert!(refusal.message.contains("123456789"));
    assert!(refusal.message.contains("LRN-2"));
}

#[test]
fn wb_014_identity_cannot_be_changed_by_an_update() {
    let stored = learner();
    let body = serde_json::json!({
        "demographics": {
            "countryOfCitizenship": "NZL", "disabilityStatus": 2, "ethnicityCodes": [111]
        },
        "educationHistory": {},
        "identity": {
            "nationalStudentNumber": 987654321, "dateOfBirth": "2004-05-14", "nameIdCode": "SMITJ"
        }
    });
    let update: LearnerUpdate = serde_json::from_value(body).unwrap();
    assert_eq!(codes(&check_update(&stored, &update, today())), ["WB-014"]);
    // The stored identity sent back is not a change.
    let mut same = update.clone();
    same.identity = Some(serde_json::to_value(&stored.identity).unwrap());
    assert_eq!(check_update(&stored, &same, today()), vec![]);
    let mut garbage = update;
    garbage.identity = Some(serde_json::json!("me"));
    assert_eq!(codes(&check_update(&stored, &garbage, today())), ["WB-014"]);
}

#[test]
fn an_update_is_checked_against_the_stored_identity_and_applied_whole() {
    let stored = learner();
    let mut update = update();
    update.education_history.last_year_at_secondary_school = Some(2003);
    update.demographics.disability_status = 5;
    assert_eq!(
        codes(&check_update(&stored, &update, today())),
        ["WB-005", "WB-010"]
    );
    let update = LearnerUpdate {
        ird_number: None,
        ..self::update()
    };
    let updated = apply_update(&stored, update.clone());
    assert_eq!(updated.identity, stored.identity);
    assert_eq!(updated.learner_local_id, stored.learner_local_id);
    assert_eq!(updated.ird_number, None);
    assert_eq!(updated.demographics, update.demographics);
    assert_eq!(updated.education_history, update.education_history);
}

#[test]
fn name_id_codes_are_derived_from_the_names() {
    assert_eq!(derived_name_id("Smith", Some("Jane")), "SMITJ");
    assert_eq!(derived_name_id("Ng", Some("Kim")), "NG  K");
    assert_eq!(derived_name_id("Ng", None), "NG");
    assert_eq!(derived_name_id("Ngāta", Some("ārani")), "NGĀTĀ");
}
