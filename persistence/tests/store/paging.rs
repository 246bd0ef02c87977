//! Every paged list of the store walks through one keyset helper: each item once, in key order,
//! the last page without a cursor, and cursors in the text form clients have always been given.

use dxp_domain::{Problem, SdrFile, Severity};
use dxp_persistence::paging::{self, Page, PageRequest};
use dxp_persistence::problems::{self, Origin, ProblemFilter};
use dxp_persistence::submissions::{self, ListCursor, ListFilter, Scope};
use dxp_persistence::{DbConnection, StoreError, audit, record_store};

use crate::on_both_backends;
use crate::support::{Backend, TestStore};

/// Walks a list in pages of `len`, returning the items and how many pages were read.
fn walk_all<T, K>(
    conn: &mut DbConnection,
    len: i64,
    mut fetch: impl FnMut(&mut DbConnection, &PageRequest<K>) -> Result<Page<T, K>, StoreError>,
) -> (Vec<T>, usize) {
    let (mut items, mut pages) = (Vec::new(), 0);
    paging::walk(
        len,
        |request| fetch(conn, request),
        |page| {
            pages += 1;
            items.extend(page);
            Ok(true)
        },
    )
    .expect("walk the list");
    (items, pages)
}

fn records_go_by_local_id_and_the_last_page_has_no_cursor(backend: Backend) {
    let mut store = TestStore::new(backend);
    let id = store.open_return();
    store.put_records(&id, SdrFile::CourseEnrolments, 7);
    store.put_records(&id, SdrFile::Learners, 2);
    let enrolments = SdrFile::CourseEnrolments;

    let first =
        record_store::file_page(&mut store.conn, &id, enrolments, &PageRequest::new(None, 3))
            .expect("first page");
    let ids: Vec<&str> = first
        .items
        .iter()
        .map(|(local_id, _)| local_id.as_str())
        .collect();
    assert_eq!(ids, ["R-0000", "R-0001", "R-0002"]);
    assert_eq!(
        first.next.as_deref(),
        Some("R-0002"),
        "the cursor is the last localId"
    );
    let last = record_store::file_page(
        &mut store.conn,
        &id,
        enrolments,
        &PageRequest::new(Some("R-0003".to_owned()), 3),
    )
    .expect("last page");
    assert_eq!(last.items.len(), 3);
    assert_eq!(
        last.next, None,
        "R-0006 is the last record, though the page is full"
    );

    let (all, pages) = walk_all(&mut store.conn, 3, |conn, request| {
        record_store::file_page(conn, &id, enrolments, request)
    });
    assert_eq!(all.len(), 7, "each record once, the learners left out");
    assert_eq!(pages, 3);
    // Reading on from a localId a client kept gives what follows it.
    let rest = record_store::file_page(
        &mut store.conn,
        &id,
        enrolments,
        &PageRequest::new(Some("R-0004".to_owned()), 10),
    )
    .expect("page");
    assert_eq!(rest.items.len(), 2);
}

fn problems_go_by_id_within_their_filter(backend: Backend) {
    let mut store = TestStore::new(backend);
    let id = store.open_return();
    let found: Vec<Problem> = (0..5)
        .map(|n| Problem {
            index: n,
            local_id: Some(format!("R-{n:04}")),
            field: "courseCode".to_owned(),
            rule: "CE-001".to_owned(),
            severity: if n % 2 == 0 {
                Severity::Error
            } else {
                Severity::Warning
            },
            message: format!("problem {n}"),
        })
        .collect();
    let local_ids: Vec<String> = (0..5).map(|n| format!("R-{n:04}")).collect();
    problems::insert(
        &mut store.conn,
        &id,
        SdrFile::CourseEnrolments,
        Origin::Record,
        local_ids.iter().map(String::as_str).zip(&found),
    )
    .expect("store problems");

    let every = ProblemFilter::default();
    let (all, pages) = walk_all(&mut store.conn, 2, |conn, request| {
        problems::report_page(conn, &id, &every, request)
    });
    let messages: Vec<&str> = all.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "problem 0",
            "problem 1",
            "problem 2",
            "problem 3",
            "problem 4"
        ]
    );
    assert_eq!(pages, 3);
    let first = problems::report_page(&mut store.conn, &id, &every, &PageRequest::new(None, 2))
        .expect("first page");
    assert_eq!(
        first.next,
        Some(first.items[1].id),
        "the cursor is the last problem's id"
    );

    let errors = ProblemFilter {
        severity: Some(Severity::Error),
        ..ProblemFilter::default()
    };
    let (errors, pages) = walk_all(&mut store.conn, 2, |conn, request| {
        problems::report_page(conn, &id, &errors, request)
    });
    assert_eq!(errors.len(), 3);
    assert_eq!(pages, 2, "three errors in pages of two");
}

fn the_audit_log_goes_by_id_about_one_subject(backend: Backend) {
    let mut store = TestStore::new(backend);
    let ids: Vec<String> = (0..3).map(|_| store.open_return()).collect();
    let (events, _) = walk_all(&mut store.conn, 1, |conn, request| {
        audit::log_page(conn, Some(ids[1].as_str()), request)
    });
    assert_eq!(events.len(), 1, "one event opened the second submission");
    assert_eq!(events[0].subject, ids[1]);
    let (everything, _) = walk_all(&mut store.conn, 2, |conn, request| {
        audit::log_page(conn, None, request)
    });
    assert!(
        everything.windows(2).all(|pair| pair[0].id < pair[1].id),
        "oldest first"
    );
    let opened = everything
        .iter()
        .filter(|event| event.action == "submission.created")
        .count();
    assert_eq!(opened, 3);
}

fn submissions_go_newest_first_through_cursors_clients_keep(backend: Backend) {
    let mut store = TestStore::new(backend);
    let mut opened: Vec<String> = (0..5).map(|_| store.open_return()).collect();
    opened.reverse();
    let filter = ListFilter::default();
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        // Each cursor makes the trip through its text form, as it does through a client.
        let after = cursor
            .as_deref()
            .map(|text| ListCursor::decode(text).expect("a cursor"));
        let page = submissions::list_with_record_counts(
            &mut store.conn,
            Scope::Everyone,
            &filter,
            &PageRequest::new(after, 2),
        )
        .expect("a page");
        seen.extend(page.items.into_iter().map(|(submission, _)| submission.id));
        match page.next {
            Some(next) => cursor = Some(next.encode()),
            None => break,
        }
    }
    assert_eq!(seen, opened, "newest first, each once");
}

on_both_backends!(
    records_go_by_local_id_and_the_last_page_has_no_cursor,
    problems_go_by_id_within_their_filter,
    the_audit_log_goes_by_id_about_one_subject,
    submissions_go_newest_first_through_cursors_clients_keep,
);
