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

fn learner(id: &str, nsn: i64) -> Value {
    json!({
        "learnerLocalId": id,
        "identity": {
            "nationalStudentNumber": nsn,
            "dateOfBirth": "2004-05-14",
            "nameIdCode": "SMITJ",
            "familyName": "Smith",
            "givenNames": "Jane Aroha",
            "genderCode": "F"
        },
        "demographics": {"countryOfCitizenship": "NZL", "disabilityStatus": 2, "ethnicityCodes": [111]},
        "educationHistory": {}
    })
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
    service
        .create_programme(
            &tms,
            body(json!({
                "programmeLocalId": "CARP-L4",
                "programmeLocalName": "New Zealand Certificate in Carpentry (Level 4) / Carpentry Apprenticeship",
                "nzscedFieldOfStudy": "040301",
                "creditValue": 240,
                "industryCodes": ["3020"],
                "modeOfDeliveryCode": 24,
                "studyTypeCode": "NZA",
                "targetQualificationCode": "2663",
                "nominalDurationMonths": 48,
                "versionStartDate": year_start.to_string()
            }))?,
        )
        .await?;
    for (n, signed_days_ago) in [(1, 60), (2, 90), (3, 120)] {
        let (learner_id, agreement_id) = (format!("L-100{n}"), format!("TA-100{n}"));
        service
            .create_learner(&tms, body(learner(&learner_id, 200_000_000 + n))?)
            .await?;
        service
            .create_training_agreement(
                &tms,
                body(json!({
                    "learnerLocalId": learner_id,
                    "trainingAgreementLocalId": agreement_id,
                    "trainingAgreement": {
                        "employerName": "Kahu Builders Limited",
                        "employmentRegionCode": 2,
                        "trainingAgreementSignedDate": day(signed_days_ago)
                    }
                }))?,
            )
            .await?;
        service
            .create_enrolment(
                &tms,
                body(json!({
                    "enrolmentLocalId": format!("E-100{n}"),
                    "learnerLocalId": learner_id,
                    "trainingAgreementLocalId": agreement_id,
                    "programmeLocalId": "CARP-L4",
                    "programmeVersionNumber": 1,
                    "enrolmentDate": day(signed_days_ago),
                    "participationStartDate": day(signed_days_ago - 7),
                    "fundingSourceTypeCode": "37",
                    "modeOfDeliveryCode": 24,
                    "studyTypeCode": "NZA"
                }))?,
            )
            .await?;
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
