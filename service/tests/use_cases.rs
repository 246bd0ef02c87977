//! The use cases on a real store (an SQLite file of the test's own), as a surface calls them:
//! the errors come back in the domain's words, with no HTTP in sight. The HTTP API's tests
//! (`tests/api`) run the same use cases through the server on both backends.

use std::sync::Arc;
use std::time::Duration;

use dxp_domain::lodging::SubmissionType;
use dxp_domain::submission::SubmissionStatus;
use dxp_domain::{Edumis, RoundId, RoundKind, SdrFile, testkit};
use dxp_persistence::submissions::Scope;
use dxp_persistence::{DatabaseUrl, Pool, PoolOptions};
use dxp_service::ingest::Format;
use dxp_service::upload::upload_records;
use dxp_service::{Caller, Clock, Service, ServiceError};

/// A service over a fresh, migrated store whose clock says 20 April 2026, inside the April
/// round's window.
struct Fixture {
    service: Service,
    teo: Caller,
    organisation: Edumis,
    _folder: tempfile::TempDir,
}

fn fixture() -> Fixture {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let clock_file = folder.path().join("clock");
    std::fs::write(&clock_file, "2026-04-20T12:00:00+12:00").expect("write the clock");
    let url = DatabaseUrl::Sqlite {
        path: folder.path().join("dxp.sqlite3"),
    };
    let pool = Pool::open(&url, &PoolOptions::default()).expect("open the store");
    let organisation = Edumis::new(6004).expect("an EDUMIS number");
    {
        let mut conn = pool.get().expect("a connection");
        dxp_persistence::migrations::run_pending(&mut conn).expect("migrate");
        dxp_persistence::rounds::ensure_standard_years(&mut conn, [2026]).expect("rounds");
        dxp_persistence::organisations::ensure(&mut conn, organisation, "Test Polytechnic")
            .expect("organisation");
    }
    Fixture {
        service: Service::new(pool, Clock::File(Arc::new(clock_file))),
        teo: Caller {
            actor: "teo-user".to_owned(),
            scope: Scope::Organisation(organisation),
        },
        organisation,
        _folder: folder,
    }
}

fn april() -> RoundId {
    RoundId::new(2026, RoundKind::Apr).expect("a round")
}

#[tokio::test]
async fn an_upload_is_stored_with_its_tally_and_validation_rings_the_validators() {
    let fx = fixture();
    let opened = fx
        .service
        .open_submission(&fx.teo, fx.organisation, april(), SubmissionType::Return)
        .await
        .expect("opened");
    let id = opened.submission.id.clone();
    assert_eq!(opened.submission.status, SubmissionStatus::Draft);

    let body = format!(
        r#"{{"records": [{}]}}"#,
        testkit::valid_records(3).join(",")
    );
    let upload = fx
        .service
        .upload(
            &fx.teo,
            &id,
            (SdrFile::CourseEnrolments, Format::Json),
            std::io::Cursor::new(body.into_bytes()),
            10,
        )
        .await
        .expect("stored");
    assert_eq!((upload.tally.received, upload.stored), (3, 3));
    assert_eq!(upload.status, SubmissionStatus::Draft);

    let queued = fx.service.validate(&fx.teo, &id).await.expect("queued");
    assert_eq!(queued.submission.status, SubmissionStatus::Queued);
    tokio::time::timeout(Duration::from_secs(5), fx.service.validation_bell().rung())
        .await
        .expect("the validate use case rings the validators' bell");

    // Queued: the records and the status are locked until the verdict.
    let locked = fx.service.cancel(&fx.teo, &id, None).await;
    assert!(matches!(locked, Err(ServiceError::NotNow(_))), "{locked:?}");
    let not_processed = fx.service.lodge(&fx.teo, &id).await;
    assert!(
        matches!(not_processed, Err(ServiceError::NotNow(_))),
        "{not_processed:?}"
    );
}

#[tokio::test]
async fn a_cancellation_keeps_its_reason_and_another_organisation_finds_nothing() {
    let fx = fixture();
    let id = fx
        .service
        .open_submission(&fx.teo, fx.organisation, april(), SubmissionType::Return)
        .await
        .expect("opened")
        .submission
        .id;
    let stranger = Caller {
        actor: "someone-else".to_owned(),
        scope: Scope::Organisation(Edumis::new(6005).expect("an EDUMIS number")),
    };
    let hidden = fx.service.submission(&stranger, &id).await;
    assert!(
        matches!(hidden, Err(ServiceError::NotFound(_))),
        "{hidden:?}"
    );

    let too_long = fx.service.cancel(&fx.teo, &id, Some("x".repeat(501))).await;
    assert!(
        matches!(too_long, Err(ServiceError::BadInput(_))),
        "{too_long:?}"
    );
    let cancelled = fx
        .service
        .cancel(&fx.teo, &id, Some("opened by mistake".to_owned()))
        .await
        .expect("cancelled");
    assert_eq!(cancelled.submission.status, SubmissionStatus::Cancelled);
    let last = cancelled.history.last().expect("a status change");
    assert_eq!(
        (last.from, last.to, last.reason.as_deref()),
        (
            Some(SubmissionStatus::Draft),
            SubmissionStatus::Cancelled,
            Some("opened by mistake")
        )
    );
}

#[tokio::test]
async fn what_is_due_is_made_at_the_services_clock() {
    let fx = fixture();
    let due = fx.service.due(fx.organisation).await.expect("what is due");
    assert_eq!(due.as_at.to_rfc3339(), "2026-04-20T00:00:00+00:00");
    assert!(
        due.items.iter().any(|item| item.round == april()),
        "{:?}",
        due.items
    );
}

#[tokio::test]
async fn the_funder_lists_every_organisation_and_a_teo_only_its_own() {
    let fx = fixture();
    let other = Edumis::new(6005).expect("an EDUMIS number");
    {
        let mut conn = fx.service.pool().get().expect("a connection");
        dxp_persistence::people::note_signed_in(
            &mut conn,
            &dxp_persistence::people::SignedIn {
                subject: "jordan",
                organisation: Some(other),
                name: None,
                email: None,
                roles: &["teo-submitter".to_owned()],
            },
            chrono::Utc::now(),
        )
        .expect("noted");
    }
    let funder = Caller {
        actor: "funder".to_owned(),
        scope: Scope::Everyone,
    };
    let every: Vec<(i32, String)> = fx
        .service
        .organisations(&funder)
        .await
        .expect("the organisations")
        .into_iter()
        .map(|organisation| (organisation.edumis.value(), organisation.name))
        .collect();
    assert_eq!(
        every,
        [
            (6004, "Test Polytechnic".to_owned()),
            (6005, "EDUMIS 6005".to_owned())
        ]
    );
    let own = fx.service.organisations(&fx.teo).await.expect("its own");
    assert_eq!(own.len(), 1);
    assert_eq!(own[0].edumis, fx.organisation);
}

#[test]
fn the_command_line_stores_an_upload_without_a_runtime() {
    let fx = fixture();
    let mut conn = fx.service.pool().get().expect("a connection");
    let submission = dxp_persistence::submissions::create(
        &mut conn,
        fx.organisation,
        april(),
        SubmissionType::Return,
        "sandbox",
    )
    .expect("opened");
    let refused = upload_records(
        &mut conn,
        &fx.teo,
        &submission.id,
        (SdrFile::CourseEnrolments, Format::Json),
        &b"not json"[..],
        10,
    );
    assert!(
        matches!(refused, Err(ServiceError::BadInput(_))),
        "{refused:?}"
    );
    let upload = upload_records(
        &mut conn,
        &fx.teo,
        &submission.id,
        (SdrFile::CourseEnrolments, Format::Json),
        &br#"{"records": [{"localId": "E-1"}, {"localId": ""}]}"#[..],
        10,
    )
    .expect("stored with its problems");
    assert_eq!((upload.stored, upload.not_stored), (1, 1));
    assert!(upload.tally.error_count > 0);
}
