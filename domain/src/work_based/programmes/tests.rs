use validator::Validate;

use super::*;
use crate::work_based::test_support::{codes, date, example};

fn programme() -> NewProgramme {
    example()
}

fn latest() -> ProgrammeVersionRecord {
    ProgrammeVersionRecord::first(programme())
}

/// A version that may follow [`latest`]: more credits, starting a year later.
fn next() -> ProgrammeVersion {
    let mut next = programme().version;
    next.credit_value = 250;
    next.version_start_date = date("2027-01-01");
    next
}

fn broken(version: ProgrammeVersion) -> Vec<&'static str> {
    let programme = NewProgramme {
        version,
        ..programme()
    };
    codes(&check_new(&programme))
}

#[test]
fn the_examples_are_valid_and_flatten() {
    let programme = programme();
    assert!(programme.validate().is_ok());
    assert_eq!(check_new(&programme), vec![]);
    let json = serde_json::to_value(&programme).unwrap();
    assert_eq!(json["programmeLocalId"], "CARP-L4");
    assert_eq!(json["creditValue"], 240);
    assert_eq!(json["versionStartDate"], "2026-01-01");
    let record: ProgrammeVersionRecord = example();
    assert_eq!(record, latest());
    assert!(record.validate().is_ok());
    let version: ProgrammeVersion = example();
    assert_eq!(version, programme.version);
    assert_eq!(check_new_version(&latest(), &next()), vec![]);
    let second = latest().next(next());
    assert_eq!(second.programme_version_number, 2);
    assert_eq!(second.programme_local_id, "CARP-L4");
    // The flattened schemas show the version's fields.
    let schema = serde_json::to_string(&<NewProgramme as utoipa::PartialSchema>::schema()).unwrap();
    assert!(schema.contains("programmeLocalId"), "{schema}");
}

#[test]
fn shape_limits_reach_the_flattened_version() {
    let mut programme = programme();
    programme.version.credit_value = 0;
    programme.version.industry_codes.clear();
    let errors = programme.validate().unwrap_err().to_string();
    assert!(errors.contains("credit_value"), "{errors}");
    assert!(errors.contains("industry_codes"), "{errors}");
}

#[test]
fn wb_015_and_wb_016_duplicates() {
    let refusal = already_exists("CARP-L4");
    assert_eq!(
        (refusal.rule, refusal.field.as_str()),
        ("WB-015", "programmeLocalId")
    );
    let refusal = name_already_used("Carpentry", "CARP-L3");
    assert_eq!(refusal.rule, "WB-016");
    assert!(refusal.message.contains("'Carpentry'") && refusal.message.contains("'CARP-L3'"));
}

#[test]
fn wb_017_nzsced_six_digits() {
    for bad in ["04030", "04030A", "0403011"] {
        let mut version = programme().version;
        version.nzsced_field_of_study = bad.to_owned();
        assert_eq!(broken(version), ["WB-017"], "{bad}");
    }
}

#[test]
fn wb_018_industry_codes() {
    for good in ["3020", "E3020", "A0111"] {
        let mut version = programme().version;
        version.industry_codes = vec![good.to_owned()];
        assert_eq!(broken(version), Vec::<&str>::new(), "{good}");
    }
    for bad in [
        vec!["302"],
        vec!["T3020"],
        vec!["e3020"],
        vec!["3020", "3020"],
    ] {
        let mut version = programme().version;
        version.industry_codes = bad.iter().map(|code| (*code).to_owned()).collect();
        assert_eq!(broken(version), ["WB-018"], "{bad:?}");
    }
}

#[test]
fn wb_019_occupation_code() {
    let mut version = programme().version;
    version.occupation_code = Some("33121".to_owned());
    assert_eq!(broken(version.clone()), ["WB-019"]);
    version.occupation_code = None;
    assert_eq!(broken(version), Vec::<&str>::new());
}

#[test]
fn wb_020_mode_of_delivery() {
    for (mode, ok) in [(23, false), (24, true), (25, true), (26, true), (27, false)] {
        let mut version = programme().version;
        version.mode_of_delivery_code = mode;
        let expected: &[&str] = if ok { &[] } else { &["WB-020"] };
        assert_eq!(broken(version), expected, "{mode}");
    }
}

#[test]
fn wb_021_study_type() {
    let mut version = programme().version;
    version.study_type_code = "nza".to_owned();
    let programme = NewProgramme {
        version,
        ..programme()
    };
    let refusals = check_new(&programme);
    assert_eq!(codes(&refusals), ["WB-021"]);
    assert!(
        refusals[0]
            .message
            .starts_with("studyTypeCode 'nza' is not one of NZA New Zealand Apprenticeship, ")
    );
}

#[test]
fn wb_022_a_version_changes_credits_duration_or_target() {
    let mut same = programme().version;
    same.version_start_date = date("2027-01-01");
    same.programme_local_name = "Renamed".to_owned();
    same.occupation_code = None;
    assert_eq!(codes(&check_new_version(&latest(), &same)), ["WB-022"]);
    let changes: [fn(&mut ProgrammeVersion); 5] = [
        |v| v.credit_value += 1,
        |v| v.nominal_duration_months += 1,
        |v| v.target_qualification_code = "2664".to_owned(),
        |v| v.target_qualification_version = Some(3),
        |v| v.strand_code = Some("S1".to_owned()),
    ];
    for change in changes {
        let mut next = same.clone();
        change(&mut next);
        assert_eq!(check_new_version(&latest(), &next), vec![]);
    }
}

#[test]
fn wb_023_version_start_date_after_the_latest() {
    for (start, ok) in [
        ("2025-12-31", false),
        ("2026-01-01", false),
        ("2026-01-02", true),
    ] {
        let mut next = next();
        next.version_start_date = date(start);
        let refusals = check_new_version(&latest(), &next);
        let expected: &[&str] = if ok { &[] } else { &["WB-023"] };
        assert_eq!(codes(&refusals), expected, "{start}");
        if !ok {
            assert_eq!(
                refusals[0].message,
                format!("versionStartDate {start} is not after version 1's (2026-01-01)")
            );
        }
    }
}

#[test]
fn wb_024_a_version_keeps_mode_and_study_type() {
    let mut next = next();
    next.mode_of_delivery_code = 26;
    assert_eq!(codes(&check_new_version(&latest(), &next)), ["WB-024"]);
    let mut next = self::next();
    next.study_type_code = "TRN".to_owned();
    let refusals = check_new_version(&latest(), &next);
    assert_eq!(codes(&refusals), ["WB-024"]);
    assert_eq!(refusals[0].field, "studyTypeCode");
}

#[test]
fn a_new_version_is_checked_like_a_new_programme() {
    let mut next = next();
    next.nzsced_field_of_study = "x".to_owned();
    assert_eq!(codes(&check_new_version(&latest(), &next)), ["WB-017"]);
}
