//! The grace expiry on a real store: an agreement in grace is withdrawn by the system on the
//! 42nd day after its pause and not the 41st, with its open enrolments, once; the change feed
//! shows the system's own changes.

use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;
use dxp_domain::Edumis;
use dxp_domain::work_based::agreements::{self, Grace, NewTrainingAgreement, TrainingAgreement};
use dxp_domain::work_based::enrolments::Enrolment;
use dxp_persistence::work_based::{self, Author, ChangeKind, Contents, Key, Kind};
use dxp_persistence::{DatabaseUrl, Pool, PoolOptions};
use dxp_service::work_based::Tms;
use dxp_service::{Clock, Service};

/// A change as the test reads it: kind, change, new status, actor, reason.
type FeedLine<'a> = (Kind, ChangeKind, Option<&'a str>, &'a str, Option<&'a str>);

fn day(text: &str) -> NaiveDate {
    text.parse().expect("a date")
}

fn set_clock(file: &Path, nz_date: &str) {
    std::fs::write(file, format!("{nz_date}T09:00:00+13:00")).expect("write the clock");
}

/// An agreement paused in grace on `paused`, with one open enrolment.
fn agreement_in_grace(paused: NaiveDate) -> (TrainingAgreement, Enrolment) {
    let new: NewTrainingAgreement = serde_json::from_value(serde_json::json!({
        "learnerLocalId": "L-1",
        "trainingAgreementLocalId": "TA-1",
        "trainingAgreement": {
            "employerName": "Kahu Builders Limited",
            "employmentRegionCode": 2,
            "trainingAgreementSignedDate": "2026-01-12"
        }
    }))
    .expect("an agreement");
    let created = agreements::create(&new, day("2026-01-12")).expect("created");
    let active = agreements::activate(&created, day("2026-01-19"));
    let grace = Grace {
        pause_date: paused,
        grace_reason_code: "RD".to_owned(),
    };
    let in_grace = agreements::grace(&active, &grace, paused).expect("in grace");
    let enrolment: Enrolment = serde_json::from_value(serde_json::json!({
        "enrolmentLocalId": "E-1",
        "learnerLocalId": "L-1",
        "trainingAgreementLocalId": "TA-1",
        "programmeLocalId": "P-1",
        "programmeVersionNumber": 1,
        "enrolmentDate": "2026-01-12",
        "participationStartDate": "2026-01-19",
        "fundingSourceTypeCode": "37",
        "modeOfDeliveryCode": 24,
        "studyTypeCode": "NZA",
        "unitStandards": [],
        "enrolmentStatus": "GRACE",
        "overArchingEnrolmentLocalId": null,
        "withdrawalDate": null,
        "deletionReason": null,
        "deletionDate": null,
        "completionDate": null
    }))
    .expect("an enrolment");
    (in_grace, enrolment)
}

#[tokio::test]
async fn an_agreement_in_grace_is_withdrawn_on_the_42nd_day_with_its_enrolments() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let clock = folder.path().join("clock");
    let pool = Pool::open(
        &DatabaseUrl::Sqlite {
            path: folder.path().join("dxp.sqlite3"),
        },
        &PoolOptions::default(),
    )
    .expect("open the store");
    let organisation = Edumis::new(8001).expect("an EDUMIS number");
    let (agreement, enrolment) = agreement_in_grace(day("2026-03-02"));
    {
        let mut conn = pool.get().expect("a connection");
        dxp_persistence::migrations::run_pending(&mut conn).expect("migrate");
        let author = Author {
            actor: "tms",
            at: chrono::Utc::now(),
            reason: None,
        };
        let agreement_row = Contents {
            parent_id: Some("L-1".to_owned()),
            lookup: None,
            status: Some("GRACE".to_owned()),
            status_date: Some(agreement.status_date),
            body: serde_json::to_string(&agreement).expect("JSON"),
        };
        work_based::insert(
            &mut conn,
            &Key::new(organisation, Kind::TrainingAgreement, "TA-1"),
            &agreement_row,
            &author,
        )
        .expect("agreement kept");
        let enrolment_row = Contents {
            parent_id: Some("TA-1".to_owned()),
            lookup: None,
            status: Some("GRACE".to_owned()),
            status_date: Some(day("2026-01-19")),
            body: serde_json::to_string(&enrolment).expect("JSON"),
        };
        work_based::insert(
            &mut conn,
            &Key::new(organisation, Kind::Enrolment, "E-1"),
            &enrolment_row,
            &author,
        )
        .expect("enrolment kept");
    }
    let service = Service::new(pool, Clock::File(Arc::new(clock.clone())));

    set_clock(&clock, "2026-04-12"); // the 41st day after 2 March
    assert_eq!(service.expire_graces().await.expect("ran"), 0);
    set_clock(&clock, "2026-04-13"); // the 42nd
    assert_eq!(service.expire_graces().await.expect("ran"), 1);
    assert_eq!(
        service.expire_graces().await.expect("ran again"),
        0,
        "once only"
    );

    let tms = Tms {
        actor: "tms".to_owned(),
        organisation,
    };
    let feed = service
        .work_based_changes(&tms, Some(2), 100)
        .await
        .expect("the feed");
    let seen: Vec<FeedLine<'_>> = feed
        .items
        .iter()
        .map(|change| {
            (
                change.kind,
                change.change,
                change.to_status.as_deref(),
                change.actor.as_str(),
                change.reason.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (
                Kind::TrainingAgreement,
                ChangeKind::StatusChanged,
                Some("FINISHED"),
                "system",
                Some("GE")
            ),
            (
                Kind::Enrolment,
                ChangeKind::StatusChanged,
                Some("WITHDRAWN"),
                "system",
                Some("GE")
            ),
        ]
    );
    let withdrawn: TrainingAgreement =
        serde_json::from_str(&feed.items[0].body).expect("the agreement as it became");
    assert_eq!(withdrawn.status_date, day("2026-04-13"));
    let enrolment: Enrolment = serde_json::from_str(&feed.items[1].body).expect("the enrolment");
    assert_eq!(enrolment.withdrawal_date, Some(day("2026-04-13")));
}
