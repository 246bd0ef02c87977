//! Rules across records: one record per localId (CE-005), one record per enrolment (CE-042),
//! and the same ITE values for a learner's enrolments in a qualification (CE-041).
//!
//! In a batch, what these rules need of each record is gathered by [`BatchIndex::note`] right
//! after the record is checked, while it is still in cache: keyed hashes of its localId, of its
//! enrolment (learner, course, start date) and of its learner and qualification, and whether it
//! carries ITE values. The rules then work on those compact arrays (one hash map each, no nested
//! loops) and touch a report again only to confirm a match or to add a problem. The hashes are
//! keyed per batch (std's `RandomState`), so a sender cannot craft colliding identifiers to slow
//! the check down; two different keys sharing a 64-bit hash send the rule to its exact form.
//!
//! Across a stored submission, `across_files::within` applies CE-042 and CE-041 to the key
//! fields of every enrolment.

use std::collections::HashMap;
use std::collections::hash_map::{Entry, RandomState};
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};

use chrono::{Datelike, NaiveDate};

use super::RecordReport;
use super::files::repeats;
use super::rules::{CE_005, CE_042, compare_with_first, has_ite_values};
use super::sink::{Shown, Sink};
use crate::course_enrolment::CourseEnrolment;

/// A hasher for keys that are already keyed hashes: it passes the `u64` through.
#[derive(Default)]
struct PreHashed(u64);

impl Hasher for PreHashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*byte);
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

type ByHash = HashMap<u64, usize, BuildHasherDefault<PreHashed>>;

/// Facts about each record of a batch, gathered as the records are checked.
pub(crate) struct BatchIndex {
    keys: RandomState,
    /// Keyed hash of each record's localId; `None` when it has none (or an empty one, which is
    /// CE-004's).
    local_ids: Vec<Option<u64>>,
    /// Keyed hash of each typed record's enrolment: the CE-042 key.
    enrolments: Vec<Option<u64>>,
    /// Keyed hash of each typed record's learner and qualification: the CE-041 group.
    groups: Vec<Option<u64>>,
    /// Positions of the typed records that carry ITE values.
    with_ite: Vec<usize>,
}

impl BatchIndex {
    pub(crate) fn with_capacity(records: usize) -> Self {
        BatchIndex {
            keys: RandomState::new(),
            local_ids: Vec::with_capacity(records),
            enrolments: Vec::with_capacity(records),
            groups: Vec::with_capacity(records),
            with_ite: Vec::new(),
        }
    }

    /// Takes note of the next record of the batch.
    pub(crate) fn note(&mut self, report: &RecordReport) {
        let local_id = local_id_of(report);
        self.local_ids
            .push(local_id.map(|id| self.keys.hash_one(id)));
        let record = report.record.as_ref();
        self.enrolments
            .push(record.map(|record| self.keys.hash_one(enrolment_of(record))));
        self.groups
            .push(record.map(|record| self.keys.hash_one(group_of(record))));
        if record.is_some_and(has_ite_values) {
            self.with_ite.push(self.local_ids.len() - 1);
        }
    }

    /// Applies the rules across records to the reports noted, in the order noted.
    pub(crate) fn apply(self, reports: &mut [RecordReport]) {
        debug_assert_eq!(reports.len(), self.local_ids.len());
        let repeated_ids = repeats_hashed(&self.local_ids, |a, b| {
            local_id_of(&reports[a]) == local_id_of(&reports[b])
        })
        .unwrap_or_else(|| repeats(reports.iter().map(local_id_of)));
        let repeated_enrolments = repeats_hashed(&self.enrolments, |a, b| {
            enrolment_key(&reports[a]) == enrolment_key(&reports[b])
        })
        .unwrap_or_else(|| repeats(reports.iter().map(enrolment_key)));
        for &(later, first) in &repeated_ids {
            report_repeated_local_id(reports, later, first);
        }
        // A record that repeats an earlier one's localId as well as its enrolment is one record
        // sent twice: CE-005 has said so. Both lists are in position order, so one walk finds
        // those.
        let mut same_record = repeated_ids.iter().peekable();
        for (later, first) in repeated_enrolments {
            while same_record
                .next_if(|&&(id_later, _)| id_later < later)
                .is_some()
            {}
            if same_record.peek() != Some(&&(later, first)) {
                report_repeated_enrolment(reports, later, first);
            }
        }
        consistent_ite_values(&self, reports);
    }
}

/// [`repeats`] over keyed hashes of the keys, each match confirmed by `same`. `None`
/// when two different keys share a hash: the caller then compares the keys themselves.
fn repeats_hashed(
    hashes: &[Option<u64>],
    same: impl Fn(usize, usize) -> bool,
) -> Option<Vec<(usize, usize)>> {
    let mut first_by_hash = ByHash::with_capacity_and_hasher(hashes.len(), Default::default());
    let mut repeats = Vec::new();
    for (position, hash) in hashes.iter().enumerate() {
        let Some(hash) = *hash else { continue };
        match first_by_hash.entry(hash) {
            Entry::Vacant(slot) => {
                slot.insert(position);
            }
            Entry::Occupied(first) => {
                let first = *first.get();
                if !same(first, position) {
                    return None;
                }
                repeats.push((position, first));
            }
        }
    }
    Some(repeats)
}

fn local_id_of(report: &RecordReport) -> Option<&str> {
    report.local_id.as_deref().filter(|id| !id.is_empty())
}

/// What identifies an enrolment: the learner, the course and the start date as written.
fn enrolment_of(record: &CourseEnrolment) -> (&str, &str, NaiveDate) {
    (
        &record.student_identification_code,
        &record.course_code,
        record.course_start_date.date_naive(),
    )
}

fn enrolment_key(report: &RecordReport) -> Option<(&str, &str, NaiveDate)> {
    report.record.as_ref().map(enrolment_of)
}

/// The year whose rules apply to a record, when it has a typed start date.
fn start_year(report: &RecordReport) -> Option<i32> {
    report
        .record
        .as_ref()
        .map(|record| record.course_start_date.date_naive().year())
}

/// CE-005 on the later of two records with one localId.
fn report_repeated_local_id(reports: &mut [RecordReport], later: usize, first: usize) {
    let first_index = reports[first].index;
    let year = start_year(&reports[later]);
    let RecordReport {
        index,
        local_id,
        problems,
        ..
    } = &mut reports[later];
    let id = local_id.as_deref().unwrap_or_default();
    Sink::new(*index, Some(id), year, problems).report(
        &CE_005,
        "localId",
        format_args!(
            "localId {} is already used by record {first_index} in this batch; each enrolment \
             needs its own localId",
            Shown(id)
        ),
    );
}

/// The message of CE-042, `earlier` naming the record the enrolment repeats.
pub(crate) fn repeated_enrolment_message(
    (student, course, start): (&str, &str, NaiveDate),
    earlier: &str,
) -> String {
    format!(
        "this enrolment repeats {earlier}: the same learner (studentIdentificationCode {}), \
         course {} and courseStartDate {start}; each enrolment is reported once, or it would be \
         counted, and its completion matched, twice",
        Shown(student),
        Shown(course)
    )
}

/// CE-042 on the later of two records of one enrolment.
fn report_repeated_enrolment(reports: &mut [RecordReport], later: usize, first: usize) {
    let (Some(key), Some(first_record)) = (enrolment_key(&reports[later]), &reports[first].record)
    else {
        return;
    };
    let earlier = format!(
        "record {} (localId {}) of this batch",
        reports[first].index,
        Shown(&first_record.local_id)
    );
    let message = repeated_enrolment_message(key, &earlier);
    let year = Some(key.2.year());
    let RecordReport {
        index,
        local_id,
        problems,
        ..
    } = &mut reports[later];
    Sink::new(*index, local_id.as_deref(), year, problems).report(
        &CE_042,
        "",
        format_args!("{message}"),
    );
}

/// The group of a record for CE-041.
fn group_of(record: &CourseEnrolment) -> (&str, &str) {
    (
        &record.student_identification_code,
        &record.qualification_code,
    )
}

/// CE-041: within each group of typed records with the same studentIdentificationCode and
/// qualificationCode, every record's ITE values equal those of the group's first record that
/// carries any. Groups are matched by their keyed hash and confirmed by comparing the codes.
fn consistent_ite_values(index: &BatchIndex, reports: &mut [RecordReport]) {
    if index.with_ite.is_empty() {
        return;
    }
    let mut first_in_group = ByHash::default();
    for &position in &index.with_ite {
        let Some(hash) = index.groups[position] else {
            continue;
        };
        let first = *first_in_group.entry(hash).or_insert(position);
        if !same_group(reports, first, position) {
            // Two groups with one 64-bit keyed hash: vanishingly rare; compare the codes.
            return consistent_ite_values_exact(index, reports);
        }
    }
    let mut found = Vec::new();
    for (position, hash) in index.groups.iter().enumerate() {
        let Some(&first) = hash.and_then(|hash| first_in_group.get(&hash)) else {
            continue;
        };
        if first == position {
            continue;
        }
        if !same_group(reports, first, position) {
            return consistent_ite_values_exact(index, reports);
        }
        let problems = compare_with_first(&reports[position], &reports[first]);
        if !problems.is_empty() {
            found.push((position, problems));
        }
    }
    add_problems(reports, found);
}

/// CE-041 comparing the codes themselves.
fn consistent_ite_values_exact(index: &BatchIndex, reports: &mut [RecordReport]) {
    let mut first_in_group: HashMap<(&str, &str), usize> = HashMap::new();
    for &position in &index.with_ite {
        if let Some(record) = &reports[position].record {
            first_in_group.entry(group_of(record)).or_insert(position);
        }
    }
    let mut found = Vec::new();
    for (position, report) in reports.iter().enumerate() {
        let Some(record) = &report.record else {
            continue;
        };
        if let Some(&first) = first_in_group
            .get(&group_of(record))
            .filter(|&&first| first != position)
        {
            let problems = compare_with_first(report, &reports[first]);
            if !problems.is_empty() {
                found.push((position, problems));
            }
        }
    }
    drop(first_in_group);
    add_problems(reports, found);
}

fn same_group(reports: &[RecordReport], a: usize, b: usize) -> bool {
    match (&reports[a].record, &reports[b].record) {
        (Some(a), Some(b)) => group_of(a) == group_of(b),
        _ => false,
    }
}

fn add_problems(reports: &mut [RecordReport], found: Vec<(usize, Vec<super::Problem>)>) {
    for (position, problems) in found {
        reports[position].problems.extend(problems);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::check_record;

    fn noted(texts: &[String]) -> (Vec<RecordReport>, BatchIndex) {
        let reports: Vec<RecordReport> = texts
            .iter()
            .enumerate()
            .map(|(index, text)| check_record(index, text))
            .collect();
        let mut index = BatchIndex::with_capacity(reports.len());
        for report in &reports {
            index.note(report);
        }
        (reports, index)
    }

    #[test]
    fn the_exact_ite_comparison_finds_the_same_problems() {
        let mut texts = Vec::new();
        for seed in 0..400_u64 {
            let mut record = crate::testkit::valid_enrolment(seed);
            // Few learners and qualifications, so that groups form; some with ITE values.
            record.student_identification_code = format!("S{}", seed % 7);
            record.qualification_code =
                crate::testkit::QUALIFICATIONS[(seed % 3) as usize].to_owned();
            texts.push(serde_json::to_string(&record).unwrap());
        }
        let (mut hashed, index) = noted(&texts);
        consistent_ite_values(&index, &mut hashed);
        let (mut exact, index) = noted(&texts);
        consistent_ite_values_exact(&index, &mut exact);
        assert_eq!(hashed, exact);
        assert!(hashed.iter().any(|report| !report.problems.is_empty()));
    }

    #[test]
    fn hashed_and_exact_repeats_agree() {
        let ids = ["A", "B", "A", "", "C", "B", "A"];
        let keys = RandomState::new();
        let hashes: Vec<Option<u64>> = ids
            .iter()
            .map(|id| (!id.is_empty()).then(|| keys.hash_one(id)))
            .collect();
        let exact = repeats(ids.iter().map(|id| (!id.is_empty()).then_some(*id)));
        assert_eq!(exact, [(2, 0), (5, 1), (6, 0)]);
        assert_eq!(
            repeats_hashed(&hashes, |a, b| ids[a] == ids[b]),
            Some(exact)
        );
        // A collision (simulated: every key with one hash) sends the caller to the exact form.
        let colliding = vec![Some(7_u64); ids.len()];
        assert_eq!(repeats_hashed(&colliding, |a, b| ids[a] == ids[b]), None);
    }
}
