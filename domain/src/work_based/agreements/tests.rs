use chrono::NaiveDate;
use validator::Validate;

use super::*;
use crate::work_based::test_support::{date, example, refusals_of, refused_codes};
use AgreementStatus::{Active, Finished, Grace as InGrace, Hold as OnHold, Pending};

const TODAY: &str = "2026-12-02";
const SIGNED: &str = "2026-09-15";
const ACTIVATED: &str = "2026-10-01";

fn today() -> NaiveDate {
    date(TODAY)
}

fn details() -> AgreementDetails {
    AgreementDetails {
        training_agreement_signed_date: date(SIGNED),
        end_date: None,
        ..example()
    }
}

fn new_agreement() -> NewTrainingAgreement {
    NewTrainingAgreement {
        training_agreement: details(),
        ..example()
    }
}

/// An agreement signed on [`SIGNED`] in `status` since `since`.
fn agreement(status: AgreementStatus, since: &str) -> TrainingAgreement {
    let mut agreement = create(&new_agreement(), today()).unwrap();
    agreement.status = status;
    agreement.status_date = date(since);
    agreement
}

fn active() -> TrainingAgreement {
    agreement(Active, ACTIVATED)
}

fn withdrawal(on: &str, reason: &str) -> Withdrawal {
    Withdrawal {
        withdrawal_date: date(on),
        withdrawal_reason_code: reason.to_owned(),
    }
}

fn hold_on(on: &str) -> Hold {
    Hold {
        pause_date: date(on),
        on_hold_reason_code: "PL".to_owned(),
    }
}

fn grace_on(on: &str) -> Grace {
    Grace {
        pause_date: date(on),
        grace_reason_code: "RD".to_owned(),
    }
}

fn restart_on(on: &str) -> Restart {
    Restart {
        restart_date: date(on),
    }
}

fn transfer_signed(on: &str) -> Transfer {
    let mut request: Transfer = example();
    request
        .new_training_agreement
        .training_agreement_signed_date = date(on);
    request
}

const NONE: &[&str] = &[];

#[test]
fn the_examples_are_valid_and_round_trip() {
    let new: NewTrainingAgreement = example();
    assert!(new.validate().is_ok());
    let created = create(&new, today()).unwrap();
    assert_eq!(created.status, Pending);
    assert_eq!(created.status_date, date("2026-02-01"));
    let details: AgreementDetails = example();
    assert!(details.validate().is_ok());
    assert_eq!(
        refused_codes(create(
            &NewTrainingAgreement {
                training_agreement: details,
                ..new
            },
            today()
        )),
        NONE
    );
    let stored: TrainingAgreement = example();
    assert!(stored.validate().is_ok());
    let json = serde_json::to_value(&stored).unwrap();
    assert_eq!(json["status"], "HOLD");
    assert_eq!(json["statusDate"], "2026-06-15");
    assert_eq!(
        serde_json::from_value::<TrainingAgreement>(json).unwrap(),
        stored
    );
    let withdrawal: Withdrawal = example();
    let hold: Hold = example();
    let grace: Grace = example();
    let restart: Restart = example();
    let transfer: Transfer = example();
    let update: AgreementUpdate = example();
    assert!(withdrawal.validate().is_ok() && hold.validate().is_ok());
    assert!(grace.validate().is_ok() && restart.validate().is_ok());
    assert!(transfer.validate().is_ok() && update.validate().is_ok());
    assert_eq!(
        refused_codes(withdraw(&active(), &withdrawal, None, today())),
        NONE
    );
    assert_eq!(refused_codes(self::hold(&active(), &hold, today())), NONE);
    assert_eq!(refused_codes(self::grace(&active(), &grace, today())), NONE);
    assert_eq!(
        refused_codes(self::restart(
            &agreement(OnHold, "2026-11-20"),
            &restart,
            today()
        )),
        NONE
    );
    assert_eq!(
        refused_codes(self::transfer(&active(), &transfer, today())),
        NONE
    );
}

#[test]
fn shape_limits_are_validator_s() {
    let mut new = new_agreement();
    new.training_agreement_local_id = "x".repeat(21);
    new.training_agreement.employer_name = String::new();
    new.training_agreement.employer_nzbn = Some("123".to_owned());
    let errors = new.validate().unwrap_err().to_string();
    for field in [
        "training_agreement_local_id",
        "employer_name",
        "employer_nzbn",
    ] {
        assert!(errors.contains(field), "{field} in {errors}");
    }
}

#[test]
fn wb_025_and_wb_026_refusals_the_caller_raises() {
    let refusal = already_exists("TA-1");
    assert_eq!(
        (refusal.rule, refusal.field.as_str()),
        ("WB-025", "trainingAgreementLocalId")
    );
    assert!(refusal.message.contains("'TA-1'"));
    let refusal = learner_not_found("LRN-9");
    assert_eq!(
        (refusal.rule, refusal.field.as_str()),
        ("WB-026", "learnerLocalId")
    );
    assert!(refusal.message.contains("'LRN-9'"));
}

/// The rules a new agreement with `change` made to its details breaks.
fn broken(change: impl FnOnce(&mut AgreementDetails)) -> Vec<&'static str> {
    let mut new = new_agreement();
    change(&mut new.training_agreement);
    refused_codes(create(&new, today()))
}

#[test]
fn wb_027_nzbn() {
    assert_eq!(
        broken(|d| d.employer_nzbn = Some("9429041535258".to_owned())),
        ["WB-027"]
    );
    assert_eq!(
        broken(|d| d.employer_nzbn = Some("942904153525X".to_owned())),
        ["WB-027"]
    );
    assert_eq!(
        broken(|d| d.employer_nzbn = Some("9429034567890".to_owned())),
        NONE
    );
    assert_eq!(broken(|d| d.employer_nzbn = None), NONE);
    let mut new = new_agreement();
    new.training_agreement.employer_nzbn = Some("1".to_owned());
    assert_eq!(
        refusals_of(create(&new, today()))[0].field,
        "trainingAgreement.employerNzbn"
    );
}

#[test]
fn wb_028_region() {
    for region in [0, 10, 11, 19, 98] {
        assert_eq!(
            broken(|d| d.employment_region_code = region),
            ["WB-028"],
            "{region}"
        );
    }
    for region in [1, 9, 12, 18, 99] {
        assert_eq!(
            broken(|d| d.employment_region_code = region),
            NONE,
            "{region}"
        );
    }
}

#[test]
fn wb_029_territorial_authority() {
    for code in [0, 77, 998] {
        assert_eq!(
            broken(|d| d.employment_territorial_authority_code = Some(code)),
            ["WB-029"],
            "{code}"
        );
    }
    for code in [1, 76, 999] {
        assert_eq!(
            broken(|d| d.employment_territorial_authority_code = Some(code)),
            NONE
        );
    }
}

#[test]
fn wb_030_industry_code() {
    assert_eq!(
        broken(|d| d.industry_code = Some("30201".to_owned())),
        ["WB-030"]
    );
    assert_eq!(broken(|d| d.industry_code = Some("E3020".to_owned())), NONE);
}

#[test]
fn wb_031_employment_type() {
    let mut new = new_agreement();
    new.training_agreement.employment_type_code = Some("XX".to_owned());
    let refusals = refusals_of(create(&new, today()));
    assert_eq!(refusals[0].rule, "WB-031");
    assert_eq!(
        refusals[0].message,
        "employmentTypeCode 'XX' is not one of FT full-time, PT part-time, CA casual, FX \
         fixed-term, SE self-employed"
    );
}

#[test]
fn wb_032_prior_activity() {
    assert_eq!(
        broken(|d| d.prior_activity_code = Some("99".to_owned())),
        ["WB-032"]
    );
    assert_eq!(
        broken(|d| d.prior_activity_code = Some("2".to_owned())),
        NONE
    );
}

#[test]
fn wb_033_signed_date_not_after_today() {
    let mut new = new_agreement();
    new.training_agreement.training_agreement_signed_date = date("2026-12-03");
    let refusals = refusals_of(create(&new, today()));
    assert_eq!(refusals.len(), 1);
    assert_eq!(refusals[0].rule, "WB-033");
    assert_eq!(
        refusals[0].field,
        "trainingAgreement.trainingAgreementSignedDate"
    );
    assert_eq!(
        refusals[0].message,
        "trainingAgreementSignedDate 2026-12-03 is after today (2026-12-02)"
    );
    assert_eq!(broken(|d| d.training_agreement_signed_date = today()), NONE);
    assert_eq!(
        refused_codes(transfer(&active(), &transfer_signed("2026-12-03"), today())),
        ["WB-033"]
    );
    let update = AgreementUpdate {
        training_agreement_signed_date: Some(date("2026-12-03")),
        end_date: None,
    };
    assert_eq!(
        refused_codes(self::update(
            &agreement(Pending, SIGNED),
            &update,
            None,
            today()
        )),
        ["WB-033"]
    );
}

#[test]
fn wb_034_end_date_after_signing() {
    for (end, expected) in [
        ("2026-09-14", &["WB-034"][..]),
        (SIGNED, &["WB-034"]),
        ("2026-09-16", NONE),
    ] {
        assert_eq!(broken(|d| d.end_date = Some(date(end))), expected, "{end}");
        let update = AgreementUpdate {
            training_agreement_signed_date: None,
            end_date: Some(date(end)),
        };
        assert_eq!(
            refused_codes(self::update(&active(), &update, None, today())),
            expected,
            "{end}"
        );
    }
}

#[test]
fn wb_035_changes_allowed_from_each_status() {
    let on = "2026-11-20";
    for status in [Pending, Active, OnHold, InGrace, Finished] {
        let stored = agreement(status, ACTIVATED);
        let allowed = |result: Vec<&str>| match result.as_slice() {
            [] => true,
            ["WB-035"] => false,
            other => panic!("{status:?}: {other:?}"),
        };
        assert_eq!(
            allowed(refused_codes(withdraw(
                &stored,
                &withdrawal(on, "CC"),
                None,
                today()
            ))),
            status != Finished
        );
        assert_eq!(
            allowed(refused_codes(hold(&stored, &hold_on(on), today()))),
            status == Active
        );
        assert_eq!(
            allowed(refused_codes(grace(&stored, &grace_on(on), today()))),
            status == Active
        );
        assert_eq!(
            allowed(refused_codes(restart(&stored, &restart_on(on), today()))),
            matches!(status, OnHold | InGrace)
        );
        assert_eq!(
            allowed(refused_codes(transfer(
                &stored,
                &transfer_signed(on),
                today()
            ))),
            status != Finished
        );
        let update = AgreementUpdate::default();
        assert_eq!(
            allowed(refused_codes(self::update(&stored, &update, None, today()))),
            status != Finished
        );
    }
    let refusals = refusals_of(hold(&agreement(Pending, SIGNED), &hold_on(on), today()));
    assert_eq!(
        refusals[0].message,
        "training agreement 'TA-000456' is PENDING; it can hold only when ACTIVE"
    );
    let refusals = refusals_of_withdraw_finished();
    assert_eq!(
        refusals[0].message,
        "training agreement 'TA-000456' is FINISHED; it can withdraw only when PENDING, ACTIVE, \
         HOLD or GRACE"
    );
}

fn refusals_of_withdraw_finished() -> Refusals {
    refusals_of(withdraw(
        &agreement(Finished, "2026-11-01"),
        &withdrawal("2026-11-20", "CC"),
        None,
        today(),
    ))
}

#[test]
fn wb_036_a_status_change_is_not_after_today() {
    let paused = agreement(OnHold, "2026-11-01");
    for (on, expected) in [(TODAY, NONE), ("2026-12-03", &["WB-036"][..])] {
        assert_eq!(
            refused_codes(withdraw(&active(), &withdrawal(on, "CC"), None, today())),
            expected
        );
        assert_eq!(
            refused_codes(hold(&active(), &hold_on(on), today())),
            expected
        );
        assert_eq!(
            refused_codes(grace(&active(), &grace_on(on), today())),
            expected
        );
        assert_eq!(
            refused_codes(restart(&paused, &restart_on(on), today())),
            expected
        );
    }
    let refusals = refusals_of(hold(&active(), &hold_on("2026-12-03"), today()));
    assert_eq!(
        refusals[0].message,
        "pauseDate 2026-12-03 is after today (2026-12-02)"
    );
    assert_eq!(refusals[0].field, "pauseDate");
}

#[test]
fn wb_037_backdated_at_most_three_months() {
    // Signed and active long ago, so only the backdating limit is in play.
    let mut stored = active();
    stored.training_agreement.training_agreement_signed_date = date("2026-01-05");
    stored.status_date = date("2026-02-01");
    let mut paused = stored.clone();
    paused.status = OnHold;
    for (on, expected) in [
        ("2026-09-01", &["WB-037"][..]),
        ("2026-09-02", NONE),
        ("2026-09-03", NONE),
    ] {
        assert_eq!(
            refused_codes(withdraw(&stored, &withdrawal(on, "CC"), None, today())),
            expected
        );
        assert_eq!(
            refused_codes(hold(&stored, &hold_on(on), today())),
            expected
        );
        assert_eq!(
            refused_codes(grace(&stored, &grace_on(on), today())),
            expected
        );
        assert_eq!(
            refused_codes(restart(&paused, &restart_on(on), today())),
            expected
        );
    }
    let refusals = refusals_of(hold(&stored, &hold_on("2026-09-01"), today()));
    assert_eq!(
        refusals[0].message,
        "pauseDate 2026-09-01 is backdated more than 3 months: the earliest date accepted today \
         (2026-12-02) is 2026-09-02"
    );
    // At the end of a month, the limit is the shorter month's last day.
    let end_of_may = date("2026-05-31");
    for (on, expected) in [("2026-02-27", &["WB-037"][..]), ("2026-02-28", NONE)] {
        assert_eq!(
            refused_codes(hold(&stored, &hold_on(on), end_of_may)),
            expected,
            "{on}"
        );
    }
}

#[test]
fn wb_038_a_status_change_is_not_before_the_latest() {
    let paused = agreement(OnHold, "2026-11-10");
    for (on, expected) in [
        ("2026-11-09", &["WB-038"][..]),
        ("2026-11-10", NONE),
        ("2026-11-11", NONE),
    ] {
        assert_eq!(
            refused_codes(restart(&paused, &restart_on(on), today())),
            expected,
            "{on}"
        );
        assert_eq!(
            refused_codes(withdraw(&paused, &withdrawal(on, "CC"), None, today())),
            expected,
            "{on}"
        );
    }
    let refusals = refusals_of(restart(&paused, &restart_on("2026-11-09"), today()));
    assert_eq!(
        refusals[0].message,
        "restartDate 2026-11-09 is before the agreement placed on hold (2026-11-10)"
    );
    // A pause before the activation it would follow.
    assert_eq!(
        refused_codes(hold(&active(), &hold_on("2026-09-30"), today())),
        ["WB-038"]
    );
    assert_eq!(
        refused_codes(grace(&active(), &grace_on(ACTIVATED), today())),
        NONE
    );
}

#[test]
fn wb_039_withdrawal_not_before_signing() {
    let pending = agreement(Pending, SIGNED);
    for (on, expected) in [
        ("2026-09-14", &["WB-039"][..]),
        (SIGNED, NONE),
        ("2026-09-16", NONE),
    ] {
        assert_eq!(
            refused_codes(withdraw(&pending, &withdrawal(on, "CC"), None, today())),
            expected
        );
    }
    // Before signing and before activation: one refusal, about the signed date.
    let refusals = refusals_of(withdraw(
        &active(),
        &withdrawal("2026-09-14", "CC"),
        None,
        today(),
    ));
    assert_eq!(refusals.len(), 1);
    assert_eq!(
        refusals[0].message,
        "withdrawalDate 2026-09-14 is before the agreement was signed (2026-09-15)"
    );
}

#[test]
fn wb_040_withdrawal_not_before_the_latest_participation_start() {
    let start = Some(date("2026-11-01"));
    for (on, expected) in [
        ("2026-10-31", &["WB-040"][..]),
        ("2026-11-01", NONE),
        ("2026-11-02", NONE),
    ] {
        assert_eq!(
            refused_codes(withdraw(&active(), &withdrawal(on, "CC"), start, today())),
            expected
        );
    }
}

#[test]
fn wb_041_and_wb_042_withdrawal_reasons() {
    let refusals = refusals_of(withdraw(&active(), &withdrawal(TODAY, "XX"), None, today()));
    assert_eq!(refusals[0].rule, "WB-041");
    assert!(refusals[0].message.starts_with(
        "withdrawalReasonCode 'XX' is not one of BC business closed, BD business downturn, "
    ));
    assert!(!refusals[0].message.contains("GE"));
    for (code, _) in WITHDRAWAL_REASONS.iter().filter(|(code, _)| *code != "GE") {
        assert_eq!(
            refused_codes(withdraw(&active(), &withdrawal(TODAY, code), None, today())),
            NONE
        );
    }
    assert_eq!(
        refused_codes(withdraw(&active(), &withdrawal(TODAY, "GE"), None, today())),
        ["WB-042"]
    );
}

#[test]
fn wb_043_pause_and_restart_after_signing() {
    // Active from the day it was signed.
    let stored = agreement(Active, SIGNED);
    let mut paused = stored.clone();
    paused.status = OnHold;
    paused.status_date = date("2026-09-10");
    for (on, expected) in [
        ("2026-09-14", &["WB-043"][..]),
        (SIGNED, &["WB-043"]),
        ("2026-09-16", NONE),
    ] {
        assert_eq!(
            refused_codes(hold(&stored, &hold_on(on), today())),
            expected,
            "{on}"
        );
        assert_eq!(
            refused_codes(grace(&stored, &grace_on(on), today())),
            expected,
            "{on}"
        );
        assert_eq!(
            refused_codes(restart(&paused, &restart_on(on), today())),
            expected,
            "{on}"
        );
    }
    let refusals = refusals_of(hold(&stored, &hold_on(SIGNED), today()));
    assert_eq!(
        refusals[0].message,
        "pauseDate 2026-09-15 is on the day the agreement was signed (2026-09-15); it must be \
         after it"
    );
}

#[test]
fn wb_044_and_wb_045_pause_reasons() {
    let mut request = hold_on(TODAY);
    request.on_hold_reason_code = "LE".to_owned();
    let refused = refusals_of(hold(&active(), &request, today()));
    assert_eq!(refused[0].rule, "WB-044");
    assert_eq!(
        refused[0].message,
        "onHoldReasonCode 'LE' is not one of SW seasonal work, PL parental leave, OV overseas \
         travel, MD medical/ACC, CI correctional institution, OT other, ST stopped training, WE \
         work experience"
    );
    let mut request = grace_on(TODAY);
    request.grace_reason_code = "SW".to_owned();
    let refused = refusals_of(grace(&active(), &request, today()));
    assert_eq!(refused[0].rule, "WB-045");
    assert_eq!(
        refused[0].message,
        "graceReasonCode 'SW' is not one of LE loss of employment, DM dismissal, RD redundancy"
    );
}

#[test]
fn wb_046_a_transfer_needs_a_new_id() {
    let mut request = transfer_signed(TODAY);
    request.new_training_agreement_local_id = "TA-000456".to_owned();
    assert_eq!(
        refused_codes(transfer(&active(), &request, today())),
        ["WB-046"]
    );
}

#[test]
fn wb_047_the_new_agreement_is_not_signed_before_the_old() {
    for (on, expected) in [
        ("2026-09-14", &["WB-047"][..]),
        (SIGNED, NONE),
        ("2026-09-16", NONE),
    ] {
        assert_eq!(
            refused_codes(transfer(&active(), &transfer_signed(on), today())),
            expected,
            "{on}"
        );
    }
    let refusals = refusals_of(transfer(&active(), &transfer_signed("2026-09-14"), today()));
    assert_eq!(
        refusals[0].field,
        "newTrainingAgreement.trainingAgreementSignedDate"
    );
}

#[test]
fn wb_048_an_updated_signed_date_is_not_after_training_started() {
    let start = Some(date("2026-09-20"));
    let pending = agreement(Pending, SIGNED);
    for (on, expected) in [
        ("2026-09-19", NONE),
        ("2026-09-20", NONE),
        ("2026-09-21", &["WB-048"][..]),
    ] {
        let update = AgreementUpdate {
            training_agreement_signed_date: Some(date(on)),
            end_date: None,
        };
        assert_eq!(
            refused_codes(self::update(&pending, &update, start, today())),
            expected,
            "{on}"
        );
    }
    // Not after the activation of an agreement no longer pending.
    for (on, expected) in [(ACTIVATED, NONE), ("2026-10-02", &["WB-048"][..])] {
        let update = AgreementUpdate {
            training_agreement_signed_date: Some(date(on)),
            end_date: None,
        };
        assert_eq!(
            refused_codes(self::update(&active(), &update, None, today())),
            expected,
            "{on}"
        );
    }
}

#[test]
fn decisions_return_the_agreement_as_it_becomes() {
    let held = hold(&active(), &hold_on("2026-11-20"), today()).unwrap();
    assert_eq!(
        (
            held.status,
            held.status_date,
            held.status_reason_code.as_deref()
        ),
        (OnHold, date("2026-11-20"), Some("PL"))
    );
    let restarted = restart(&held, &restart_on("2026-11-25"), today()).unwrap();
    assert_eq!(
        (
            restarted.status,
            restarted.status_date,
            restarted.status_reason_code.clone()
        ),
        (Active, date("2026-11-25"), None)
    );
    let in_grace = grace(&restarted, &grace_on("2026-11-26"), today()).unwrap();
    assert_eq!(
        (in_grace.status, in_grace.status_reason_code.as_deref()),
        (InGrace, Some("RD"))
    );
    let withdrawn = withdraw(&in_grace, &withdrawal("2026-11-30", "LE"), None, today()).unwrap();
    assert_eq!(
        (
            withdrawn.status,
            withdrawn.status_date,
            withdrawn.status_reason_code.as_deref()
        ),
        (Finished, date("2026-11-30"), Some("LE"))
    );
    assert_eq!(withdrawn.training_agreement, in_grace.training_agreement);
}

#[test]
fn a_transfer_finishes_the_old_agreement_and_starts_the_new() {
    let (old, new) = transfer(
        &agreement(InGrace, "2026-11-01"),
        &transfer_signed("2026-11-16"),
        today(),
    )
    .unwrap();
    assert_eq!(
        (old.status, old.status_date),
        (Finished, date("2026-11-16"))
    );
    assert_eq!(old.transferred_to.as_deref(), Some("TA-000789"));
    assert_eq!(new.training_agreement_local_id, "TA-000789");
    assert_eq!(new.learner_local_id, old.learner_local_id);
    assert_eq!((new.status, new.status_date), (Active, date("2026-11-16")));
    assert_eq!(new.transferred_from.as_deref(), Some("TA-000456"));
    assert_eq!(
        new.training_agreement.employer_name,
        "Tōtara Construction Limited"
    );
    let (_, new) = transfer(
        &agreement(Pending, SIGNED),
        &transfer_signed("2026-11-16"),
        today(),
    )
    .unwrap();
    assert_eq!(new.status, Pending);
}

#[test]
fn an_update_keeps_what_it_does_not_carry() {
    let pending = agreement(Pending, SIGNED);
    let update = AgreementUpdate {
        training_agreement_signed_date: Some(date("2026-09-10")),
        end_date: None,
    };
    let updated = self::update(&pending, &update, None, today()).unwrap();
    assert_eq!(
        updated.training_agreement.training_agreement_signed_date,
        date("2026-09-10")
    );
    assert_eq!(
        updated.status_date,
        date("2026-09-10"),
        "a pending agreement's date follows"
    );
    let update = AgreementUpdate {
        training_agreement_signed_date: None,
        end_date: Some(date("2030-01-01")),
    };
    let updated = self::update(&active(), &update, None, today()).unwrap();
    assert_eq!(
        updated.training_agreement.training_agreement_signed_date,
        date(SIGNED)
    );
    assert_eq!(
        updated.training_agreement.end_date,
        Some(date("2030-01-01"))
    );
    assert_eq!(updated.status_date, date(ACTIVATED));
}

#[test]
fn grace_expires_on_the_42nd_day() {
    let stored = agreement(InGrace, "2026-10-01");
    assert_eq!(grace_expiry(&stored, date("2026-11-11")), None, "day 41");
    let expected = Some(Withdrawal {
        withdrawal_date: date("2026-11-12"),
        withdrawal_reason_code: "GE".to_owned(),
    });
    assert_eq!(
        grace_expiry(&stored, date("2026-11-12")),
        expected,
        "day 42"
    );
    assert_eq!(
        grace_expiry(&stored, date("2026-11-13")),
        expected,
        "day 43"
    );
    assert_eq!(grace_expiry(&active(), date("2027-06-01")), None);
    assert_eq!(withdraw_for_grace_expiry(&stored, date("2026-11-11")), None);
    // A job months late still withdraws it on the 42nd day.
    let withdrawn = withdraw_for_grace_expiry(&stored, date("2027-06-01")).unwrap();
    assert_eq!(
        (
            withdrawn.status,
            withdrawn.status_date,
            withdrawn.status_reason_code.as_deref()
        ),
        (Finished, date("2026-11-12"), Some("GE"))
    );
}

#[test]
fn a_pending_agreement_activates_when_training_starts() {
    let pending = agreement(Pending, SIGNED);
    assert!(!activation_due(&pending, None, today()));
    assert!(!activation_due(&pending, Some(date("2026-12-03")), today()));
    assert!(activation_due(&pending, Some(today()), today()));
    assert!(activation_due(&pending, Some(date("2026-12-01")), today()));
    assert!(!activation_due(
        &active(),
        Some(date("2026-12-01")),
        today()
    ));
    let activated = activate(&pending, date("2026-12-01"));
    assert_eq!(
        (activated.status, activated.status_date),
        (Active, date("2026-12-01"))
    );
}

#[test]
fn nzbn_check_digits() {
    assert!(is_nzbn("9429041535257"));
    assert!(is_nzbn("9429034567890"));
    assert!(!is_nzbn("9429041535252"));
    assert!(!is_nzbn("942904153525"));
    assert!(!is_nzbn("+429041535257"));
}
