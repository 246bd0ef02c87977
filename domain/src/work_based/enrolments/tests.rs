use std::collections::BTreeSet;

use chrono::NaiveDate;
use validator::Validate;

use super::*;
use crate::work_based::test_support::{date as d, refusals_of};

/// Today in every test: the enrolment below was made on 1 February and starts on 9 February.
fn today() -> NaiveDate {
    d("2026-03-02")
}

fn agreement() -> AgreementContext {
    AgreementContext {
        training_agreement_local_id: "TA-1".into(),
        learner_local_id: "L-1".into(),
        signed_date: d("2026-01-20"),
        status: AgreementStatus::Active,
    }
}

fn programme() -> ProgrammeContext {
    ProgrammeContext {
        programme_local_id: "PLUMB".into(),
        programme_version_number: 2,
        mode_of_delivery_code: 24,
        study_type_code: "NZA".into(),
        version_start_date: d("2026-01-01"),
    }
}

fn sub_programme() -> ProgrammeContext {
    ProgrammeContext {
        programme_local_id: "PLUMB-L3".into(),
        programme_version_number: 1,
        ..programme()
    }
}

fn new() -> NewEnrolment {
    NewEnrolment {
        enrolment_local_id: "ENR-1".into(),
        learner_local_id: "L-1".into(),
        training_agreement_local_id: "TA-1".into(),
        programme_local_id: "PLUMB".into(),
        programme_version_number: 2,
        enrolment_date: d("2026-02-01"),
        participation_start_date: d("2026-02-09"),
        funding_source_type_code: "37".into(),
        mode_of_delivery_code: 24,
        study_type_code: "NZA".into(),
        unit_standards: vec![
            UnitStandard {
                unit_standard_code: "29677".into(),
                mandatory: true,
            },
            UnitStandard {
                unit_standard_code: "497".into(),
                mandatory: false,
            },
        ],
    }
}

fn with(change: impl FnOnce(&mut NewEnrolment)) -> NewEnrolment {
    let mut new = new();
    change(&mut new);
    new
}

fn complex() -> NewComplexEnrolment {
    NewComplexEnrolment {
        over_arching_enrolment: new(),
        sub_enrolments: vec![NewEnrolment {
            enrolment_local_id: "ENR-2".into(),
            programme_local_id: "PLUMB-L3".into(),
            programme_version_number: 1,
            ..new()
        }],
    }
}

fn stored() -> Enrolment {
    create(&new(), &agreement(), &programme(), today()).unwrap()
}

fn stored_in(status: EnrolmentStatus) -> Enrolment {
    Enrolment {
        enrolment_status: status,
        ..stored()
    }
}

fn create_with(new: NewEnrolment) -> Refusals {
    refusals_of(create(&new, &agreement(), &programme(), today()))
}

fn create_under(agreement: AgreementContext) -> Refusals {
    refusals_of(create(&new(), &agreement, &programme(), today()))
}

fn create_in(programme: ProgrammeContext) -> Refusals {
    refusals_of(create(&new(), &agreement(), &programme, today()))
}

fn create_complex_with(new: NewComplexEnrolment) -> Refusals {
    refusals_of(create_complex(
        &new,
        &agreement(),
        &[programme(), sub_programme()],
        today(),
    ))
}

fn units(list: &[(&str, bool)]) -> Vec<UnitStandard> {
    list.iter()
        .map(|(code, mandatory)| UnitStandard {
            unit_standard_code: (*code).into(),
            mandatory: *mandatory,
        })
        .collect()
}

fn update_with(stored: Enrolment, update: EnrolmentUpdate) -> Refusals {
    refusals_of(super::update(&stored, &update, today()))
}

fn date_update(on: &str) -> EnrolmentUpdate {
    EnrolmentUpdate {
        enrolment_date: Some(d(on)),
        unit_standards: None,
    }
}

fn withdrawal(date: &str) -> EnrolmentWithdrawal {
    EnrolmentWithdrawal {
        withdrawal_date: d(date),
    }
}

fn deletion(reason: &str, date: &str) -> EnrolmentDeletion {
    EnrolmentDeletion {
        deletion_reason: reason.into(),
        deletion_date: d(date),
    }
}

/// One way of breaking one rule: the refusals it gets and the field path they must name.
struct Case {
    rule: &'static str,
    field: &'static str,
    refusals: fn() -> Refusals,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            rule: "WB-050",
            field: "enrolmentLocalId",
            refusals: || vec![already_exists("ENR-1")],
        },
        Case {
            rule: "WB-051",
            field: "trainingAgreementLocalId",
            refusals: || create_with(with(|n| n.training_agreement_local_id = "TA-9".into())),
        },
        Case {
            rule: "WB-052",
            field: "trainingAgreementLocalId",
            refusals: || {
                create_under(AgreementContext {
                    status: AgreementStatus::Finished,
                    ..agreement()
                })
            },
        },
        Case {
            rule: "WB-053",
            field: "learnerLocalId",
            refusals: || create_with(with(|n| n.learner_local_id = "L-2".into())),
        },
        Case {
            rule: "WB-054",
            field: "programmeVersionNumber",
            refusals: || {
                create_in(ProgrammeContext {
                    programme_version_number: 3,
                    ..programme()
                })
            },
        },
        Case {
            rule: "WB-055",
            field: "participationStartDate",
            // The version starts the day after the participation start.
            refusals: || {
                create_in(ProgrammeContext {
                    version_start_date: d("2026-02-10"),
                    ..programme()
                })
            },
        },
        Case {
            rule: "WB-056",
            field: "fundingSourceTypeCode",
            refusals: || create_with(with(|n| n.funding_source_type_code = "31".into())),
        },
        Case {
            rule: "WB-057",
            field: "modeOfDeliveryCode",
            refusals: || create_with(with(|n| n.mode_of_delivery_code = 23)),
        },
        Case {
            rule: "WB-058",
            field: "modeOfDeliveryCode",
            refusals: || create_with(with(|n| n.mode_of_delivery_code = 26)),
        },
        Case {
            rule: "WB-059",
            field: "studyTypeCode",
            refusals: || create_with(with(|n| n.study_type_code = "LCP".into())),
        },
        Case {
            rule: "WB-060",
            field: "participationStartDate",
            // Participation starts the day before the enrolment date.
            refusals: || create_with(with(|n| n.participation_start_date = d("2026-01-31"))),
        },
        Case {
            rule: "WB-061",
            field: "enrolmentDate",
            // Enrolled tomorrow (and starting the day after).
            refusals: || {
                create_with(with(|n| {
                    n.enrolment_date = d("2026-03-03");
                    n.participation_start_date = d("2026-03-04");
                }))
            },
        },
        Case {
            rule: "WB-062",
            field: "unitStandards",
            refusals: || {
                create_with(with(|n| {
                    n.unit_standards = units(&[("497", false), ("497", true)]);
                }))
            },
        },
        Case {
            rule: "WB-063",
            field: "subEnrolments[0].modeOfDeliveryCode",
            // The sub's own programme has mode 25 too, so only the sharing rule is broken.
            refusals: || {
                let mut new = complex();
                new.sub_enrolments[0].mode_of_delivery_code = 25;
                refusals_of(create_complex(
                    &new,
                    &agreement(),
                    &[
                        programme(),
                        ProgrammeContext {
                            mode_of_delivery_code: 25,
                            ..sub_programme()
                        },
                    ],
                    today(),
                ))
            },
        },
        Case {
            rule: "WB-064",
            field: "subEnrolments[0].enrolmentLocalId",
            refusals: || {
                let mut new = complex();
                new.sub_enrolments[0].enrolment_local_id = "ENR-1".into();
                create_complex_with(new)
            },
        },
        Case {
            rule: "WB-065",
            field: "",
            refusals: || {
                refusals_of(withdraw(
                    &stored_in(EnrolmentStatus::Completed),
                    &withdrawal("2026-02-20"),
                    today(),
                ))
            },
        },
        Case {
            rule: "WB-066",
            field: "unitStandards",
            refusals: || {
                update_with(
                    stored(),
                    EnrolmentUpdate {
                        enrolment_date: None,
                        unit_standards: Some(units(&[("497", false)])),
                    },
                )
            },
        },
        Case {
            rule: "WB-067",
            field: "withdrawalDate",
            refusals: || refusals_of(withdraw(&stored(), &withdrawal("2026-02-08"), today())),
        },
        Case {
            rule: "WB-068",
            field: "deletionReason",
            refusals: || refusals_of(delete(&stored(), &deletion("XX", "2026-03-01"), today())),
        },
        Case {
            rule: "WB-069",
            field: "deletionDate",
            refusals: || refusals_of(delete(&stored(), &deletion("IE", "2026-03-03"), today())),
        },
    ]
}

#[test]
fn every_rule_has_a_case_and_every_case_a_rule() {
    let tested: BTreeSet<&str> = cases().iter().map(|case| case.rule).collect();
    let registered: BTreeSet<&str> = RULES.iter().map(|rule| rule.code).collect();
    assert_eq!(tested, registered);
    assert_eq!(cases().len(), RULES.len());
}

#[test]
fn each_case_breaks_only_its_rule() {
    for case in cases() {
        let refusals = (case.refusals)();
        assert_eq!(refusals.len(), 1, "{}: {refusals:#?}", case.rule);
        assert_eq!(refusals[0].rule, case.rule, "{refusals:#?}");
        assert_eq!(refusals[0].field, case.field, "{refusals:#?}");
        assert!(!refusals[0].message.is_empty());
        println!("{}: {}", case.rule, refusals[0].message);
    }
}

#[test]
fn a_good_enrolment_follows_its_agreement() {
    for (agreement_status, status) in [
        (AgreementStatus::Pending, EnrolmentStatus::Pending),
        (AgreementStatus::Active, EnrolmentStatus::Active),
        (AgreementStatus::Hold, EnrolmentStatus::Hold),
        (AgreementStatus::Grace, EnrolmentStatus::Grace),
    ] {
        let agreement = AgreementContext {
            status: agreement_status,
            ..agreement()
        };
        let enrolment = create(&new(), &agreement, &programme(), today()).unwrap();
        assert_eq!(enrolment.enrolment_status, status);
        assert_eq!(enrolment.details, new());
        assert_eq!(enrolment.over_arching_enrolment_local_id, None);
        assert_eq!(enrolment.withdrawal_date, None);
    }
}

#[test]
fn the_messages_name_the_value_and_the_limit() {
    let refusals = create_with(with(|n| n.participation_start_date = d("2026-01-05")));
    assert_eq!(
        refusals[0].message,
        "participationStartDate 2026-01-05 is before the enrolment date 2026-02-01"
    );
}

#[test]
fn participation_may_start_on_the_enrolment_date_or_later() {
    for start in ["2026-02-01", "2026-02-02"] {
        let new = with(|n| n.participation_start_date = d(start));
        assert!(create(&new, &agreement(), &programme(), today()).is_ok());
    }
}

#[test]
fn the_version_may_start_on_or_before_the_participation_start() {
    for version_start in ["2026-02-09", "2026-02-08"] {
        let programme = ProgrammeContext {
            version_start_date: d(version_start),
            ..programme()
        };
        assert!(create(&new(), &agreement(), &programme, today()).is_ok());
    }
}

#[test]
fn enrolment_dates_up_to_today_are_taken_and_participation_may_start_later() {
    for date in ["2026-03-01", "2026-03-02"] {
        let new = with(|n| {
            n.enrolment_date = d(date);
            n.participation_start_date = d("2026-04-01");
        });
        assert!(create(&new, &agreement(), &programme(), today()).is_ok());
    }
}

#[test]
fn every_work_based_mode_is_taken_when_it_is_the_programmes() {
    for mode in WORK_BASED_MODES {
        let new = with(|n| n.mode_of_delivery_code = mode);
        let programme = ProgrammeContext {
            mode_of_delivery_code: mode,
            ..programme()
        };
        assert!(create(&new, &agreement(), &programme, today()).is_ok());
    }
}

#[test]
fn every_problem_of_an_enrolment_is_reported_at_once() {
    let new = with(|n| {
        n.funding_source_type_code = "31".into();
        n.study_type_code = "LCP".into();
        n.learner_local_id = "L-2".into();
    });
    let rules: Vec<&str> = create_with(new).iter().map(|r| r.rule).collect();
    assert_eq!(rules, ["WB-053", "WB-059", "WB-056"]);
}

#[test]
fn a_complex_enrolment_links_its_subs_to_the_over_arching_one() {
    let enrolments = create_complex(
        &complex(),
        &agreement(),
        &[programme(), sub_programme()],
        today(),
    )
    .unwrap();
    assert_eq!(enrolments.len(), 2);
    assert_eq!(enrolments[0].details.enrolment_local_id, "ENR-1");
    assert_eq!(enrolments[0].over_arching_enrolment_local_id, None);
    assert_eq!(enrolments[1].details.enrolment_local_id, "ENR-2");
    assert_eq!(
        enrolments[1].over_arching_enrolment_local_id.as_deref(),
        Some("ENR-1")
    );
    assert!(
        enrolments
            .iter()
            .all(|e| e.enrolment_status == EnrolmentStatus::Active)
    );
}

#[test]
fn complex_refusals_name_the_enrolment_they_are_about() {
    let mut new = complex();
    new.over_arching_enrolment.study_type_code = "LCP".into();
    new.sub_enrolments.push(NewEnrolment {
        enrolment_local_id: "ENR-3".into(),
        training_agreement_local_id: "TA-2".into(),
        funding_source_type_code: "31".into(),
        ..complex().sub_enrolments[0].clone()
    });
    new.sub_enrolments.push(NewEnrolment {
        enrolment_local_id: "ENR-2".into(),
        ..complex().sub_enrolments[0].clone()
    });
    let refusals = refusals_of(create_complex(
        &new,
        &agreement(),
        &[
            programme(),
            sub_programme(),
            sub_programme(),
            sub_programme(),
        ],
        today(),
    ));
    let found: Vec<(&str, &str)> = refusals
        .iter()
        .map(|r| (r.rule, r.field.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("WB-059", "overArchingEnrolment.studyTypeCode"),
            ("WB-051", "subEnrolments[1].trainingAgreementLocalId"),
            ("WB-056", "subEnrolments[1].fundingSourceTypeCode"),
            ("WB-063", "subEnrolments[1].trainingAgreementLocalId"),
            ("WB-063", "subEnrolments[1].fundingSourceTypeCode"),
            ("WB-064", "subEnrolments[2].enrolmentLocalId"),
        ]
    );
}

#[test]
fn a_missing_programme_of_a_complex_enrolment_is_not_found() {
    let refusals = refusals_of(create_complex(
        &complex(),
        &agreement(),
        &[programme()],
        today(),
    ));
    assert_eq!(refusals.len(), 1);
    assert_eq!(refusals[0].rule, "WB-054");
    assert_eq!(refusals[0].field, "subEnrolments[0].programmeVersionNumber");
}

#[test]
fn within_prefixes_a_refusal_from_the_store() {
    let refusal = within(&sub_enrolment(1), already_exists("ENR-7"));
    assert_eq!(refusal.field, "subEnrolments[1].enrolmentLocalId");
    let refusal = within(OVER_ARCHING, already_exists("ENR-7"));
    assert_eq!(refusal.field, "overArchingEnrolment.enrolmentLocalId");
}

#[test]
fn a_complex_enrolment_needs_a_sub_enrolment_by_shape() {
    let mut new = complex();
    assert!(new.validate().is_ok());
    new.sub_enrolments.clear();
    assert!(new.validate().is_err());
}

#[test]
fn shape_limits_are_declared() {
    assert!(new().validate().is_ok());
    assert!(
        with(|n| n.enrolment_local_id = "E".repeat(21))
            .validate()
            .is_err()
    );
    assert!(
        with(|n| n.enrolment_local_id = String::new())
            .validate()
            .is_err()
    );
    assert!(
        with(|n| n.unit_standards = units(&[("", false)]))
            .validate()
            .is_err()
    );
}

#[test]
fn the_wire_names_are_camel_case_and_unit_standards_may_be_left_out() {
    let json = serde_json::to_value(stored()).unwrap();
    assert_eq!(json["enrolmentLocalId"], "ENR-1");
    assert_eq!(json["participationStartDate"], "2026-02-09");
    assert_eq!(json["enrolmentStatus"], "ACTIVE");
    assert!(json["overArchingEnrolmentLocalId"].is_null());
    let back: Enrolment = serde_json::from_value(json).unwrap();
    assert_eq!(back, stored());
    let mut json = serde_json::to_value(new()).unwrap();
    json.as_object_mut().unwrap().remove("unitStandards");
    let read: NewEnrolment = serde_json::from_value(json).unwrap();
    assert!(read.unit_standards.is_empty());
}

#[test]
fn an_update_changes_the_enrolment_date_up_to_the_participation_start() {
    for date in ["2026-02-08", "2026-02-09"] {
        let updated = super::update(&stored(), &date_update(date), today()).unwrap();
        assert_eq!(updated.details.enrolment_date, d(date));
    }
    let refusals = update_with(stored(), date_update("2026-02-10"));
    assert_eq!(refusals.len(), 1);
    assert_eq!(refusals[0].rule, "WB-060");
    assert_eq!(refusals[0].field, "enrolmentDate");
    assert_eq!(
        refusals[0].message,
        "enrolmentDate 2026-02-10 is after the participation start date 2026-02-09"
    );
}

#[test]
fn an_updated_enrolment_date_is_not_after_today() {
    let stored = Enrolment {
        details: with(|n| n.participation_start_date = d("2026-04-01")),
        ..stored()
    };
    assert!(super::update(&stored, &date_update("2026-03-02"), today()).is_ok());
    let refusals = update_with(stored, date_update("2026-03-03"));
    assert_eq!(refusals.len(), 1);
    assert_eq!(refusals[0].rule, "WB-061");
}

#[test]
fn an_update_adds_and_removes_only_non_mandatory_unit_standards() {
    let update = EnrolmentUpdate {
        enrolment_date: None,
        unit_standards: Some(units(&[("29677", true), ("1234", false)])),
    };
    let updated = super::update(&stored(), &update, today()).unwrap();
    assert_eq!(
        updated.details.unit_standards,
        units(&[("29677", true), ("1234", false)])
    );
    assert_eq!(updated.details.enrolment_date, d("2026-02-01"));
    // Adding a mandatory one, or making an optional one mandatory, is refused.
    for list in [
        [("29677", true), ("497", false), ("1234", true)].as_slice(),
        [("29677", true), ("497", true)].as_slice(),
    ] {
        let update = EnrolmentUpdate {
            enrolment_date: None,
            unit_standards: Some(units(list)),
        };
        let refusals = update_with(stored(), update);
        assert_eq!(refusals.len(), 1, "{refusals:#?}");
        assert_eq!(refusals[0].rule, "WB-066");
    }
}

#[test]
fn an_empty_update_changes_nothing() {
    let update = EnrolmentUpdate {
        enrolment_date: None,
        unit_standards: None,
    };
    assert_eq!(
        super::update(&stored(), &update, today()).unwrap(),
        stored()
    );
}

#[test]
fn only_open_enrolments_are_updated_or_withdrawn() {
    for status in [
        EnrolmentStatus::Pending,
        EnrolmentStatus::Active,
        EnrolmentStatus::Hold,
        EnrolmentStatus::Grace,
    ] {
        assert!(super::update(&stored_in(status), &date_update("2026-02-02"), today()).is_ok());
        assert!(withdraw(&stored_in(status), &withdrawal("2026-02-20"), today()).is_ok());
    }
    for status in [
        EnrolmentStatus::Withdrawn,
        EnrolmentStatus::Completed,
        EnrolmentStatus::Deleted,
    ] {
        let refusals = update_with(stored_in(status), date_update("2026-02-02"));
        assert_eq!(refusals.len(), 1);
        assert_eq!(refusals[0].rule, "WB-065");
        let refusals = refusals_of(withdraw(
            &stored_in(status),
            &withdrawal("2026-02-20"),
            today(),
        ));
        assert_eq!(refusals.len(), 1);
        assert_eq!(refusals[0].rule, "WB-065");
    }
}

#[test]
fn a_withdrawal_is_dated_from_the_participation_start_to_today() {
    for date in ["2026-02-09", "2026-02-10", "2026-03-01", "2026-03-02"] {
        let withdrawn = withdraw(&stored(), &withdrawal(date), today()).unwrap();
        assert_eq!(withdrawn.enrolment_status, EnrolmentStatus::Withdrawn);
        assert_eq!(withdrawn.withdrawal_date, Some(d(date)));
    }
    for date in ["2026-02-08", "2026-03-03"] {
        let refusals = refusals_of(withdraw(&stored(), &withdrawal(date), today()));
        assert_eq!(refusals.len(), 1);
        assert_eq!(refusals[0].rule, "WB-067");
    }
}

#[test]
fn deletion_keeps_the_reason_and_frees_nothing_completed() {
    for status in [
        EnrolmentStatus::Pending,
        EnrolmentStatus::Active,
        EnrolmentStatus::Hold,
        EnrolmentStatus::Grace,
        EnrolmentStatus::Withdrawn,
    ] {
        for reason in DELETION_REASONS {
            let deleted =
                delete(&stored_in(status), &deletion(reason, "2026-03-01"), today()).unwrap();
            assert_eq!(deleted.enrolment_status, EnrolmentStatus::Deleted);
            assert_eq!(deleted.deletion_reason.as_deref(), Some(reason));
            assert_eq!(deleted.deletion_date, Some(d("2026-03-01")));
        }
    }
    for status in [EnrolmentStatus::Completed, EnrolmentStatus::Deleted] {
        let refusals = refusals_of(delete(
            &stored_in(status),
            &deletion("IE", "2026-03-01"),
            today(),
        ));
        assert_eq!(refusals.len(), 1);
        assert_eq!(refusals[0].rule, "WB-065");
    }
}

#[test]
fn a_deletion_is_dated_from_the_enrolment_date_to_today() {
    for date in ["2026-02-01", "2026-02-02", "2026-03-01", "2026-03-02"] {
        assert!(delete(&stored(), &deletion("OT", date), today()).is_ok());
    }
    for date in ["2026-01-31", "2026-03-03"] {
        let refusals = refusals_of(delete(&stored(), &deletion("OT", date), today()));
        assert_eq!(refusals.len(), 1);
        assert_eq!(refusals[0].rule, "WB-069");
    }
}

#[test]
fn open_enrolments_follow_their_agreement() {
    let on = d("2026-03-02");
    let held = follow_agreement(&stored(), AgreementStatus::Hold, on).unwrap();
    assert_eq!(held.enrolment_status, EnrolmentStatus::Hold);
    assert_eq!(held.withdrawal_date, None);
    let restarted = follow_agreement(&held, AgreementStatus::Active, on).unwrap();
    assert_eq!(restarted.enrolment_status, EnrolmentStatus::Active);
    let finished = follow_agreement(&stored(), AgreementStatus::Finished, on).unwrap();
    assert_eq!(finished.enrolment_status, EnrolmentStatus::Withdrawn);
    assert_eq!(finished.withdrawal_date, Some(on));
}

#[test]
fn closed_or_unchanged_enrolments_do_not_follow() {
    let on = d("2026-03-02");
    assert_eq!(
        follow_agreement(&stored(), AgreementStatus::Active, on),
        None
    );
    for status in [
        EnrolmentStatus::Withdrawn,
        EnrolmentStatus::Completed,
        EnrolmentStatus::Deleted,
    ] {
        for agreement in [AgreementStatus::Hold, AgreementStatus::Finished] {
            assert_eq!(follow_agreement(&stored_in(status), agreement, on), None);
        }
    }
}

#[test]
fn the_store_refusals_name_their_rules() {
    assert_eq!(agreement_not_found("TA-9").rule, "WB-051");
    assert_eq!(
        agreement_not_found("TA-9").field,
        "trainingAgreementLocalId"
    );
    let refusal = programme_version_not_found("PLUMB", 7);
    assert_eq!(refusal.rule, "WB-054");
    assert!(refusal.message.contains("PLUMB") && refusal.message.contains('7'));
}
