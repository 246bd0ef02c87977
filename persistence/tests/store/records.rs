//! A submission's counts of errors and warnings are kept by each change of its records, in the
//! change's transaction, and always equal what counting its stored problems gives.

use diesel::prelude::*;
use dxp_domain::{Problem, SdrFile, Severity};
use dxp_persistence::record_store::{self, IncomingRecord};
use dxp_persistence::schema::problems;
use dxp_persistence::submissions::{self, Scope};
use dxp_persistence::{DbConnection, StoreError};

use crate::on_both_backends;
use crate::support::{ACTOR, Backend, TestStore};

const FILE: SdrFile = SdrFile::CourseEnrolments;

fn problem(severity: Severity) -> Problem {
    Problem {
        index: 0,
        local_id: None,
        field: "courseCode".to_owned(),
        rule: "CE-001".to_owned(),
        severity,
        message: "a problem".to_owned(),
    }
}

/// A record whose text says what version it is, with these problems.
fn record(local_id: &str, version: u32, problems: &[Severity]) -> IncomingRecord {
    IncomingRecord {
        local_id: local_id.to_owned(),
        student_identification_code: None,
        record: format!(r#"{{"localId":"{local_id}","version":{version}}}"#),
        problems: problems.iter().copied().map(problem).collect(),
    }
}

fn put(conn: &mut DbConnection, id: &str, incoming: &[IncomingRecord]) {
    record_store::put_streaming(conn, id, Scope::Everyone, ACTOR, FILE, |_, writer| {
        writer.write(incoming)
    })
    .map(drop)
    .unwrap_or_else(|error: StoreError| panic!("store the records: {error}"));
}

/// (errors, warnings) as the submission holds them, and as its stored problems count.
fn kept_and_counted(conn: &mut DbConnection, id: &str) -> ((i64, i64), (i64, i64)) {
    let submission = submissions::find(conn, id, Scope::Everyone).expect("the submission");
    let mut count = |severity: &str| -> i64 {
        problems::table
            .filter(problems::submission_id.eq(id))
            .filter(problems::severity.eq(severity))
            .count()
            .get_result(conn)
            .expect("count problems")
    };
    let counted = (count("error"), count("warning"));
    ((submission.error_count, submission.warning_count), counted)
}

fn counts_follow_the_problems_through_every_change(backend: Backend) {
    use Severity::{Error, Warning};
    let mut store = TestStore::new(backend);
    let id = store.open_return();
    let conn = &mut store.conn;
    let step = |conn: &mut DbConnection, what: &str, expected: (i64, i64)| {
        let (kept, counted) = kept_and_counted(conn, &id);
        assert_eq!(counted, expected, "{what}: the stored problems");
        assert_eq!(kept, counted, "{what}: the submission's counts");
    };

    put(
        conn,
        &id,
        &[
            record("E-1", 1, &[Error, Error]),
            record("E-2", 1, &[Warning]),
            record("E-3", 1, &[]),
        ],
    );
    step(conn, "added", (2, 1));

    // Replaced with other problems, re-sent unchanged, and added, in one request; a localId
    // twice in a request keeps the last.
    put(
        conn,
        &id,
        &[
            record("E-1", 2, &[Error]),
            record("E-1", 3, &[Warning, Warning]),
            record("E-2", 1, &[Warning]),
            record("E-4", 1, &[Error]),
        ],
    );
    step(conn, "replaced", (1, 3));

    record_store::delete(conn, &id, Scope::Everyone, ACTOR, FILE, "E-1").expect("delete E-1");
    step(conn, "one deleted", (1, 1));

    let held = record_store::delete_many(
        conn,
        &id,
        Scope::Everyone,
        ACTOR,
        FILE,
        &["E-4".to_owned(), "E-9".to_owned(), "E-3".to_owned()],
    )
    .expect("delete many");
    assert_eq!(held, [true, false, true]);
    step(conn, "several deleted", (0, 1));

    // A request refused half-way keeps nothing: neither its records nor its counts.
    let refused = record_store::put_streaming(
        conn,
        &id,
        Scope::Everyone,
        ACTOR,
        FILE,
        |_, writer| -> Result<(), StoreError> {
            writer.write(&[record("E-5", 1, &[Error, Error, Error])])?;
            Err(StoreError::Invalid("the body broke off".to_owned()))
        },
    );
    assert!(refused.is_err());
    step(conn, "after a refused request", (0, 1));
}

on_both_backends!(counts_follow_the_problems_through_every_change);
