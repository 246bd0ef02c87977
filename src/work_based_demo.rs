//! The sandbox's work-based demo: three apprentices of the sandbox organisation in one
//! programme, one agreement active, one on hold and one in grace, put in through the same use
//! cases a TMS calls, dated from today so the rules of dates hold whenever the sandbox starts.

use chrono::{Duration, NaiveDate};
use dxp_domain::Edumis;
use dxp_service::Service;
use dxp_service::work_based::Tms;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// A request body from JSON; the demo's bodies are fixed, so one that does not read is a bug.
fn body<T: DeserializeOwned>(value: Value) -> anyhow::Result<T> {
    Ok(serde_json::from_value(value)?)
}

/// A body of the apprentice every work-based example starts from
/// (`examples/data/json/work-based/apprentice.json`, built in).
fn apprentice(part: &str) -> anyhow::Result<Value> {
    let fixture: Value = serde_json::from_str(include_str!(
        "../examples/data/json/work-based/apprentice.json"
    ))?;
    Ok(fixture[part].clone())
}

/// Puts the demo in through the use cases, as `sandbox`.
pub async fn seed(service: &Service, organisation: Edumis) -> anyhow::Result<()> {
    let tms = Tms {
        actor: "sandbox".to_owned(),
        organisation,
    };
    let today = service.nz_today()?;
    let day = |days_ago: i64| -> String { (today - Duration::days(days_ago)).to_string() };
    let year_start = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or(today);
    let mut programme = apprentice("programme")?;
    programme["versionStartDate"] = json!(year_start.to_string());
    service.create_programme(&tms, body(programme)?).await?;
    for (n, signed_days_ago) in [(1, 60), (2, 90), (3, 120)] {
        let (learner_id, agreement_id) = (format!("L-100{n}"), format!("TA-100{n}"));
        let mut learner = apprentice("learner")?;
        learner["learnerLocalId"] = json!(learner_id);
        learner["identity"]["nationalStudentNumber"] = json!(200_000_000 + n);
        service.create_learner(&tms, body(learner)?).await?;
        let mut agreement = apprentice("trainingAgreement")?;
        agreement["learnerLocalId"] = json!(learner_id);
        agreement["trainingAgreementLocalId"] = json!(agreement_id);
        agreement["trainingAgreement"]["trainingAgreementSignedDate"] = json!(day(signed_days_ago));
        service
            .create_training_agreement(&tms, body(agreement)?)
            .await?;
        let mut enrolment = apprentice("enrolment")?;
        enrolment["enrolmentLocalId"] = json!(format!("E-100{n}"));
        enrolment["learnerLocalId"] = json!(learner_id);
        enrolment["trainingAgreementLocalId"] = json!(agreement_id);
        enrolment["enrolmentDate"] = json!(day(signed_days_ago));
        enrolment["participationStartDate"] = json!(day(signed_days_ago - 7));
        service.create_enrolment(&tms, body(enrolment)?).await?;
    }
    service
        .hold_training_agreement(
            &tms,
            "TA-1002",
            body(json!({"pauseDate": day(10), "onHoldReasonCode": "PL"}))?,
        )
        .await?;
    service
        .grace_training_agreement(
            &tms,
            "TA-1003",
            body(json!({"pauseDate": day(30), "graceReasonCode": "RD"}))?,
        )
        .await?;
    Ok(())
}
