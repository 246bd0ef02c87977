//! Listing submissions with their record counts takes the same few queries however many
//! submissions the page holds, and the counts are each submission's own.

use dxp_domain::SdrFile;
use dxp_persistence::paging::PageRequest;
use dxp_persistence::submissions::{self, ListFilter, Scope};

use crate::on_both_backends;
use crate::support::{Backend, TestStore};

/// The queries a page of submissions with their counts costs: the page, then the counts.
const QUERIES_PER_PAGE: usize = 2;

fn sorted(mut counts: Vec<(SdrFile, i64)>) -> Vec<(SdrFile, i64)> {
    counts.sort_by_key(|(file, _)| file.as_str());
    counts
}

fn listing_counts_records_in_a_fixed_number_of_queries(backend: Backend) {
    let mut store = TestStore::new(backend);
    // Six submissions: the n-th holds n + 1 enrolments, every other one two learners too, and
    // one more holds nothing.
    let mut expected = Vec::new();
    for n in 0..6 {
        let id = store.open_return();
        store.put_records(&id, SdrFile::CourseEnrolments, n + 1);
        let mut counts = vec![(SdrFile::CourseEnrolments, n as i64 + 1)];
        if n % 2 == 0 {
            store.put_records(&id, SdrFile::Learners, 2);
            counts.push((SdrFile::Learners, 2));
        }
        expected.push((id, sorted(counts)));
    }
    let empty = store.open_return();
    expected.push((empty, Vec::new()));
    expected.reverse();

    let filter = ListFilter::default();
    let counter = store.count_queries();
    let page = submissions::list_with_record_counts(
        &mut store.conn,
        Scope::Everyone,
        &filter,
        &PageRequest::new(None, 100),
    )
    .expect("list");
    let queries_for_seven = counter.take();
    let short = submissions::list_with_record_counts(
        &mut store.conn,
        Scope::Everyone,
        &filter,
        &PageRequest::new(None, 1),
    )
    .expect("list");
    let queries_for_one = counter.take();
    store.stop_counting();

    assert_eq!(
        (queries_for_seven, queries_for_one),
        (QUERIES_PER_PAGE, QUERIES_PER_PAGE),
        "a page of seven submissions costs what a page of one does"
    );
    let listed: Vec<(String, Vec<(SdrFile, i64)>)> = page
        .items
        .into_iter()
        .map(|(submission, counts)| (submission.id, sorted(counts)))
        .collect();
    assert_eq!(listed, expected, "newest first, each with its own counts");
    assert_eq!(page.next, None);
    assert_eq!(short.items.len(), 1);
    assert!(short.next.is_some(), "six more follow the first");
    // The same counts as asking for each submission's on its own.
    for (id, counts) in &expected {
        let one = submissions::record_counts(&mut store.conn, id).expect("counts");
        assert_eq!(&sorted(one), counts, "{id}");
    }
}

on_both_backends!(listing_counts_records_in_a_fixed_number_of_queries);
