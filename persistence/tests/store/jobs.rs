//! A validation job's state, written and read back as the enum: every state is one the table
//! takes, and a state this code does not know is an error naming it.

use std::time::Duration;

use dxp_domain::SdrFile;
use dxp_persistence::jobs::{self, JobState, Progress};
use dxp_persistence::submissions::{self, Scope};

use crate::on_both_backends;
use crate::support::{ACTOR, Backend, TestStore};

const LEASE: Duration = Duration::from_secs(60);

fn state_of(store: &mut TestStore, id: &str) -> JobState {
    jobs::latest(&mut store.conn, id)
        .expect("read the job")
        .expect("a job")
        .state
}

fn a_job_goes_queued_running_done(backend: Backend) {
    let mut store = TestStore::new(backend);
    let id = store.open_return();
    store.put_records(&id, SdrFile::CourseEnrolments, 3);
    assert_eq!(jobs::latest(&mut store.conn, &id).expect("read"), None);
    submissions::request_validation(&mut store.conn, &id, Scope::Everyone, ACTOR).expect("queue");
    assert_eq!(state_of(&mut store, &id), JobState::Queued);

    let lease = jobs::claim(&mut store.conn, "node/0", LEASE)
        .expect("claim")
        .expect("a job to take");
    assert_eq!(state_of(&mut store, &id), JobState::Running);

    let progress = Progress {
        records_checked: 3,
        records_total: 3,
    };
    submissions::record_verdict(&mut store.conn, &lease, progress, &[], false).expect("verdict");
    let done = jobs::latest(&mut store.conn, &id)
        .expect("read")
        .expect("a job");
    assert_eq!((done.state, done.progress), (JobState::Done, progress));
}

fn a_job_whose_submission_moved_on_fails(backend: Backend) {
    let mut store = TestStore::new(backend);
    let id = store.open_return();
    store.put_records(&id, SdrFile::CourseEnrolments, 1);
    submissions::request_validation(&mut store.conn, &id, Scope::Everyone, ACTOR).expect("queue");
    store.execute(&format!(
        "UPDATE submissions SET status = 'Cancelled' WHERE id = '{id}'"
    ));
    let taken = jobs::claim(&mut store.conn, "node/0", LEASE).expect("claim");
    assert_eq!(taken, None, "nothing left to validate");
    assert_eq!(state_of(&mut store, &id), JobState::Failed);
}

fn an_unknown_state_is_a_corrupt_row_not_a_guess(backend: Backend) {
    let mut store = TestStore::new(backend);
    let id = store.open_return();
    store.put_records(&id, SdrFile::CourseEnrolments, 1);
    submissions::request_validation(&mut store.conn, &id, Scope::Everyone, ACTOR).expect("queue");
    // As a newer version with one more state would leave the row.
    match backend {
        Backend::Sqlite => store.execute("PRAGMA ignore_check_constraints = ON"),
        Backend::Postgres => {
            store.execute("ALTER TABLE validation_jobs DROP CONSTRAINT validation_jobs_state_check")
        }
    }
    store.execute("UPDATE validation_jobs SET state = 'paused'");
    let error = jobs::progress(&mut store.conn, &id).expect_err("a corrupt row");
    assert!(
        error
            .to_string()
            .contains("'paused' is not a validation job state"),
        "{error}"
    );
}

on_both_backends!(
    a_job_goes_queued_running_done,
    a_job_whose_submission_moved_on_fails,
    an_unknown_state_is_a_corrupt_row_not_a_guess,
);
