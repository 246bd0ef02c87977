//! Validation of the records of every file (course enrolments, learners, the course register,
//! course and qualification completions, the EFTS forecast): one checker for all six, driven by
//! each file's field table ([`crate::fields`]) and rule registry.
//!
//! Each record is read the same way: a fast typed parse into the file's wire
//! struct (every field optional, so a missing REQUIRED field is a rule problem, not a parse
//! error), and, only when serde refuses the record, a field-by-field diagnosis that reports every
//! wrongly typed field, sets it aside and reads the rest. Then the file's record rules run, then
//! the rules across the batch's records (one record per localId, one record per learner, course
//! or completion).
//!
//! Each file's rules are static data beside their checks. The shape
//! rules every file has (unreadable record, wrong JSON type, REQUIRED field missing, text
//! lengths, repeated localId, control characters) are written once here, generic over the file,
//! and each file names its own codes for them in its [`Shape`].

pub(crate) mod common;
pub(crate) mod course_completions;
pub(crate) mod course_enrolments;
pub(crate) mod courses;
pub(crate) mod efts_forecasts;
pub(crate) mod learners;
pub(crate) mod qualification_completions;

use std::collections::HashMap;
use std::collections::hash_map::{Entry, RandomState};
use std::hash::{BuildHasher, BuildHasherDefault, Hash, Hasher};

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::rule::Rule;
pub(crate) use super::rule::rule;
use super::sink::{Shown, Sink};
use super::support::{exceeds_chars, first_control};
use super::{FileRecordReport, FileReport, Problem, Severity};
use crate::SdrFile;
use crate::calendar::RoundKind;
use crate::course_enrolment::parse_date_time;
use crate::fields::{FieldKind, FieldSpec, fields};

/// A record check of one file: reads the record, reports what it finds.
pub(crate) type RecordCheck<W> = fn(&Record<'_, W>, &mut Sink<'_>);

/// One record as the rules see it.
pub(crate) struct Record<'a, W: FileWire> {
    /// The record as read: every field optional.
    pub wire: &'a W,
    /// What several of the rules read of the record, worked out once ([`FileWire::facts`]).
    pub facts: W::Facts,
    /// Bits, by position in the file's field table, of the fields set aside for a wrong JSON
    /// type: absent in `wire`, but not missing.
    pub unreadable: u32,
    /// The year of the return the record belongs to, when the caller knows it. Rules that need
    /// it (a learner's age, the first year of tertiary education, a year in a course code, a
    /// completion year after the return) do nothing without it.
    pub return_year: Option<i32>,
}

impl<W: FileWire> Record<'_, W> {
    /// Whether the field was sent with a wrong JSON type (and so is absent, but not missing).
    pub(crate) fn is_unreadable(&self, name: &str) -> bool {
        // Almost every record has no field set aside: then there is no name to look up.
        self.unreadable != 0
            && position(W::FILE, name).is_some_and(|at| self.unreadable & (1 << at) != 0)
    }
}

/// The shape rules of a file and what they need to know about it.
pub(crate) struct Shape {
    /// What one record is called in messages: "learner record", "course".
    pub noun: &'static str,
    /// The record is not a JSON object that can be read.
    pub unreadable: &'static Rule,
    /// A field has the wrong JSON type.
    pub wrong_type: &'static Rule,
    /// A REQUIRED field is missing.
    pub required: &'static Rule,
    /// A text field is too short or too long.
    pub lengths: &'static Rule,
    /// A localId is used by an earlier record of the batch.
    pub repeated_local_id: &'static Rule,
    /// An identifier contains a control character.
    pub printable: &'static Rule,
    /// The record repeats an earlier one's key (learner, course, completion).
    pub repeated_key: &'static Rule,
    /// Why the key must be unique, for the message of `repeated_key`.
    pub key_reason: &'static str,
    /// Text fields with their lengths in characters: (name, minimum, maximum).
    pub text_limits: &'static [(&'static str, usize, Option<usize>)],
    /// The identifiers that must be printable.
    pub identifiers: &'static [&'static str],
}

/// The wire form of one file's record: every field optional, unknown fields ignored.
pub(crate) trait FileWire: DeserializeOwned + 'static {
    const FILE: SdrFile;
    const SHAPE: Shape;
    /// The record rules with their checks, in code order.
    const CHECKS: &'static [(&'static Rule, RecordCheck<Self>)];
    /// Bits, by position in the file's field table, of its REQUIRED fields: worked out once,
    /// not for each record.
    const REQUIRED: u32 = shape::required_mask(fields(Self::FILE));

    /// What identifies the record within its file (the learner, the course, the completion).
    type Key<'a>: Hash + Eq
    where
        Self: 'a;

    /// Bits, by position in the file's field table, of the fields present (not missing, not
    /// null).
    fn presence(&self) -> u32;

    /// The value of a text field, by JSON name.
    fn text(&self, name: &str) -> Option<&str>;

    /// `localId`; every file's [`FileWire::text`] answers for it.
    fn local_id(&self) -> Option<&str> {
        self.text("localId")
    }

    /// What several of the file's record rules read of a record, worked out once per record
    /// rather than by each rule (dates reduced to the calendar date, codes parsed); `()` for
    /// a file with nothing of the kind.
    type Facts: Copy;

    fn facts(&self) -> Self::Facts;

    /// The record's key, when every part of it is present.
    fn key(&self) -> Option<Self::Key<'_>>;

    /// The key in words, for a message: "studentIdentificationCode 'S1'".
    fn describe_key(key: &Self::Key<'_>) -> String;

    /// `studentIdentificationCode`, for the record's report.
    fn student_identification_code(&self) -> Option<&str>;

    /// The year whose rules apply to the record, for rules whose severity depends on it
    /// ([`Rule::severity_for`]); `None` for files whose rules do not depend on a year.
    fn rule_year(&self) -> Option<i32> {
        None
    }

    /// The file's own rules across the records of a batch, beyond one record per localId and
    /// one per key; each problem goes to its record's report.
    fn check_across_batch(_records: &[Option<Self>], _reports: &mut [FileRecordReport]) {}
}

/// A field set as a `u32` of bits by position in the field table.
pub(crate) fn bits<const N: usize>(present: [bool; N]) -> u32 {
    present
        .iter()
        .enumerate()
        .fold(0, |set, (at, &on)| if on { set | (1 << at) } else { set })
}

/// The position of a field in its file's table.
fn position(file: SdrFile, name: &str) -> Option<usize> {
    fields(file).iter().position(|spec| spec.name == name)
}

/// A batch of one file's records checked record by record: each record's own rules as it is
/// added, the rules across the batch's records when the batch is finished. An upload hands on
/// each part of a batch to be stored as soon as its records are checked on their own, while
/// the rest is still being read; the rules across records need every record and come last.
pub(crate) struct Batch<W: FileWire> {
    return_of: (Option<i32>, Option<RoundKind>),
    reports: Vec<FileRecordReport>,
    wires: Vec<Option<W>>,
    /// What the rules across records compare, hashed once while the record is in cache.
    hashes: KeyHashes,
}

impl<W: FileWire> Batch<W> {
    pub(crate) fn new(return_year: Option<i32>, round: Option<RoundKind>, capacity: usize) -> Self {
        Batch {
            return_of: (return_year, round),
            reports: Vec::with_capacity(capacity),
            wires: Vec::with_capacity(capacity),
            hashes: KeyHashes::with_capacity(capacity),
        }
    }

    /// Reads the next record and runs its record rules: its report, with its own problems.
    pub(crate) fn add(&mut self, text: &str) -> &FileRecordReport {
        let index = self.reports.len();
        let mut problems = Vec::new();
        let (wire, local_id) = match read::<W>(index, text, &mut problems) {
            Reading::Read { wire, unreadable } => {
                check_record(index, &wire, unreadable, self.return_of, &mut problems);
                let local_id = wire.local_id().map(str::to_owned);
                (Some(wire), local_id)
            }
            Reading::Unreadable { local_id } => (None, local_id),
        };
        self.hashes
            .note(local_id.as_deref(), wire.as_ref().and_then(W::key));
        let student_identification_code = wire
            .as_ref()
            .and_then(W::student_identification_code)
            .map(str::to_owned);
        self.reports.push(FileRecordReport {
            index,
            local_id,
            student_identification_code,
            problems,
        });
        self.wires.push(wire);
        &self.reports[index]
    }

    /// Runs the rules across the batch's records: every record's report, its own problems
    /// first, then those of the rules across records.
    pub(crate) fn finish(mut self) -> FileReport {
        across_records(&self.wires, &self.hashes, &mut self.reports);
        W::check_across_batch(&self.wires, &mut self.reports);
        FileReport::from_records(self.reports)
    }
}

/// [`Batch`] whatever the file.
pub(crate) trait BatchOfAnyFile: Send {
    fn add(&mut self, text: &str) -> &FileRecordReport;
    fn finish(self: Box<Self>) -> FileReport;
}

impl<W: FileWire + Send> BatchOfAnyFile for Batch<W> {
    fn add(&mut self, text: &str) -> &FileRecordReport {
        Batch::add(self, text)
    }

    fn finish(self: Box<Self>) -> FileReport {
        Batch::finish(*self)
    }
}

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

/// Keyed hashes of each record's localId and key, taken as the records are read. The hashes
/// are keyed per batch (std's `RandomState`), so a sender cannot craft colliding identifiers to
/// slow the check down; two different keys sharing a 64-bit hash send the rule to comparing
/// the keys themselves.
struct KeyHashes {
    keys: RandomState,
    local_ids: Vec<Option<u64>>,
    records: Vec<Option<u64>>,
}

impl KeyHashes {
    fn with_capacity(records: usize) -> Self {
        KeyHashes {
            keys: RandomState::new(),
            local_ids: Vec::with_capacity(records),
            records: Vec::with_capacity(records),
        }
    }

    fn note<K: Hash>(&mut self, local_id: Option<&str>, key: Option<K>) {
        let local_id = local_id.filter(|id| !id.is_empty());
        self.local_ids
            .push(local_id.map(|id| self.keys.hash_one(id)));
        self.records.push(key.map(|key| self.keys.hash_one(key)));
    }
}

/// [`repeats`] over keyed hashes of the keys, each match confirmed by `same`. `None` when two
/// different keys share a hash: the caller then compares the keys themselves.
fn repeats_hashed(
    hashes: &[Option<u64>],
    same: impl Fn(usize, usize) -> bool,
) -> Option<Vec<(usize, usize)>> {
    let mut first_by_hash = ByHash::with_capacity_and_hasher(hashes.len(), Default::default());
    let mut found = Vec::new();
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
                found.push((position, first));
            }
        }
    }
    Some(found)
}

/// Runs the file's record rules on one record as read.
fn check_record<W: FileWire>(
    index: usize,
    wire: &W,
    unreadable: u32,
    (return_year, round): (Option<i32>, Option<RoundKind>),
    problems: &mut Vec<Problem>,
) {
    let record = Record {
        wire,
        facts: wire.facts(),
        unreadable,
        return_year,
    };
    let mut sink =
        Sink::new(index, wire.local_id(), wire.rule_year(), problems).in_return(return_year, round);
    for (_, check) in W::CHECKS {
        check(&record, &mut sink);
    }
}

/// The records of one file read once, for running their record rules again and again without
/// reading them: what `domain/examples/bench_validation.rs` measures as the rules alone.
pub(crate) struct Read<W> {
    records: Vec<(W, u32)>,
}

impl<W: FileWire> Read<W> {
    pub(crate) fn new<'a>(texts: impl IntoIterator<Item = &'a str>) -> Self {
        let mut ignored = Vec::new();
        let records = texts
            .into_iter()
            .enumerate()
            .filter_map(|(index, text)| match read::<W>(index, text, &mut ignored) {
                Reading::Read { wire, unreadable } => Some((wire, unreadable)),
                Reading::Unreadable { .. } => None,
            })
            .collect();
        Read { records }
    }
}

/// [`Read`] whatever the file.
pub(crate) trait RecordRules: Send + Sync {
    fn len(&self) -> usize;
    fn check(&self, return_year: Option<i32>, problems: &mut Vec<Problem>) -> usize;
}

impl<W: FileWire + Send + Sync> RecordRules for Read<W> {
    fn len(&self) -> usize {
        self.records.len()
    }

    fn check(&self, return_year: Option<i32>, problems: &mut Vec<Problem>) -> usize {
        let mut found = 0;
        for (index, (wire, unreadable)) in self.records.iter().enumerate() {
            problems.clear();
            check_record(index, wire, *unreadable, (return_year, None), problems);
            found += problems.len();
        }
        found
    }
}

/// The rules across records: one record per localId, one record per key.
fn across_records<W: FileWire>(
    wires: &[Option<W>],
    hashes: &KeyHashes,
    reports: &mut [FileRecordReport],
) {
    let shape = W::SHAPE;
    let local_id = |position: usize| {
        reports[position]
            .local_id
            .as_deref()
            .filter(|id| !id.is_empty())
    };
    let key = |position: usize| wires[position].as_ref().and_then(W::key);
    let repeated_ids = repeats_hashed(&hashes.local_ids, |a, b| local_id(a) == local_id(b))
        .unwrap_or_else(|| repeats((0..reports.len()).map(local_id)));
    let repeated_keys = repeats_hashed(&hashes.records, |a, b| key(a) == key(b))
        .unwrap_or_else(|| repeats((0..wires.len()).map(key)));
    for &(later, first) in &repeated_ids {
        let first_index = reports[first].index;
        let report = &mut reports[later];
        let id = report.local_id.as_deref().unwrap_or_default();
        let year = wires[later].as_ref().and_then(W::rule_year);
        Sink::new(report.index, Some(id), year, &mut report.problems).report(
            shape.repeated_local_id,
            "localId",
            format_args!(
                "localId {} is already used by record {first_index} in this batch; each {} needs \
                 its own localId",
                Shown(id),
                shape.noun
            ),
        );
    }
    for (later, first) in repeated_keys {
        // A record that repeats an earlier one's localId as well as its key is one record sent
        // twice: the localId rule has said so.
        if repeated_ids.contains(&(later, first)) {
            continue;
        }
        let Some(key) = wires[later].as_ref().and_then(W::key) else {
            continue;
        };
        let first_local_id = reports[first].local_id.clone().unwrap_or_default();
        let first_index = reports[first].index;
        let year = wires[later].as_ref().and_then(W::rule_year);
        let report = &mut reports[later];
        Sink::new(
            report.index,
            report.local_id.as_deref(),
            year,
            &mut report.problems,
        )
        .report(
            shape.repeated_key,
            "",
            format_args!(
                "this {} repeats record {first_index} (localId {}) of this batch: the same {}; {}",
                shape.noun,
                Shown(&first_local_id),
                W::describe_key(&key),
                shape.key_reason
            ),
        );
    }
}

/// The message of a file's repeated-key rule on a stored record whose key an earlier record of
/// the submission has (the batch form names the earlier record by its number in the batch).
pub(crate) fn repeated_key_message<W: FileWire>(key: &W::Key<'_>, first_local_id: &str) -> String {
    let shape = W::SHAPE;
    format!(
        "this {} repeats the {} with localId {} in this submission: the same {}; {}",
        shape.noun,
        shape.noun,
        Shown(first_local_id),
        W::describe_key(key),
        shape.key_reason
    )
}

/// For each key seen before, the pair (its position, the position of its first occurrence), in
/// position order. std's hash map is keyed per map, so senders cannot craft colliding keys.
pub(crate) fn repeats<K: Hash + Eq>(keys: impl Iterator<Item = Option<K>>) -> Vec<(usize, usize)> {
    // Sized up front: growing re-hashes every key already in the map.
    let mut first_by_key: HashMap<K, usize> = HashMap::with_capacity(keys.size_hint().0);
    let mut found = Vec::new();
    for (position, key) in keys.enumerate() {
        let Some(key) = key else { continue };
        match first_by_key.entry(key) {
            Entry::Occupied(first) => found.push((position, *first.get())),
            Entry::Vacant(slot) => {
                slot.insert(position);
            }
        }
    }
    found
}

impl FileReport {
    pub(crate) fn from_records(records: Vec<FileRecordReport>) -> FileReport {
        let (mut error_count, mut warning_count) = (0, 0);
        for problem in records.iter().flat_map(|record| record.problems.iter()) {
            match problem.severity {
                Severity::Error => error_count += 1,
                Severity::Warning => warning_count += 1,
            }
        }
        FileReport {
            records,
            error_count,
            warning_count,
        }
    }
}

/// What reading a record gave.
enum Reading<W> {
    /// The record could be read, perhaps with some fields set aside (their bits).
    Read { wire: W, unreadable: u32 },
    /// Nothing in the record can be checked; its localId if one could be seen.
    Unreadable { local_id: Option<String> },
}

fn read<W: FileWire>(index: usize, text: &str, problems: &mut Vec<Problem>) -> Reading<W> {
    match serde_json::from_str::<W>(text) {
        Ok(wire) => Reading::Read {
            wire,
            unreadable: 0,
        },
        Err(error) => diagnose(index, text, &error, problems),
    }
}

/// The slow path: the record as a JSON value, each known field's type checked against the
/// field table; wrongly typed fields are reported and set aside, the rest read.
fn diagnose<W: FileWire>(
    index: usize,
    text: &str,
    fast_error: &serde_json::Error,
    problems: &mut Vec<Problem>,
) -> Reading<W> {
    let shape = W::SHAPE;
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(error) => {
            Sink::new(index, None, None, problems).report(
                shape.unreadable,
                "",
                format_args!("the record is not valid JSON: {error}"),
            );
            return Reading::Unreadable { local_id: None };
        }
    };
    let Value::Object(mut map) = value else {
        Sink::new(index, None, None, problems).report(
            shape.unreadable,
            "",
            format_args!(
                "the record is {}; expected a JSON object with the fields of a {}",
                describe(&value),
                shape.noun
            ),
        );
        return Reading::Unreadable { local_id: None };
    };
    let local_id = map
        .get("localId")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let mut sink = Sink::new(index, local_id.as_deref(), None, problems);
    let mut unreadable = 0;
    for (at, spec) in fields(W::FILE).iter().enumerate() {
        let Some(value) = map.get_mut(spec.name) else {
            continue;
        };
        if let Some(message) = misfit(spec, value) {
            sink.report(shape.wrong_type, spec.name, format_args!("{message}"));
            unreadable |= 1 << at;
            *value = Value::Null;
        }
    }
    let wire = match W::deserialize(Value::Object(map)) {
        Ok(wire) => wire,
        Err(error) => {
            // Every known field now has its type; kept as a safety net.
            sink.report(
                shape.unreadable,
                "",
                format_args!("the record could not be read: {error}"),
            );
            return Reading::Unreadable { local_id };
        }
    };
    if unreadable == 0 {
        // serde refused the record though every field has the right type: a field given twice
        // is the case JSON values hide (the last one wins there).
        sink.report(
            shape.unreadable,
            "",
            format_args!("the record could not be read: {fast_error}"),
        );
    }
    Reading::Read { wire, unreadable }
}

/// What a value is, for a message.
pub(crate) fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(flag) => flag.to_string(),
        Value::Number(number) => format!("the number {number}"),
        Value::String(text) => format!("the text {}", Shown(text)),
        Value::Array(items) if items.len() == 1 => "an array of 1 value".to_owned(),
        Value::Array(items) => format!("an array of {} values", items.len()),
        Value::Object(_) => "an object".to_owned(),
    }
}

const DATE_TIME_EXAMPLE: &str = "an RFC 3339 date-time such as 2026-02-23T00:00:00+13:00 (a plain date such as 2026-02-23 is also read)";

fn is_int32(value: &Value) -> bool {
    value
        .as_i64()
        .is_some_and(|number| i32::try_from(number).is_ok())
}

/// Why `value` does not have the field's JSON type, or `None` when it does. Null is absence,
/// not a wrong type. Must agree with what serde accepts for the wire structs.
fn misfit(spec: &FieldSpec, value: &Value) -> Option<String> {
    let name = spec.name;
    if value.is_null() {
        return None;
    }
    match spec.kind {
        FieldKind::Text => (!value.is_string()).then(|| {
            format!(
                "{name} must be text (a JSON string); found {}",
                describe(value)
            )
        }),
        FieldKind::DateTime => match value.as_str() {
            Some(text) if parse_date_time(text).is_some() => None,
            Some(text) => Some(format!(
                "{name} {} is not a date-time; expected {DATE_TIME_EXAMPLE}",
                Shown(text)
            )),
            None => Some(format!(
                "{name} must be {DATE_TIME_EXAMPLE}, as text; found {}",
                describe(value)
            )),
        },
        FieldKind::Integer => match value {
            _ if is_int32(value) => None,
            Value::Number(number) if number.is_i64() || number.is_u64() => Some(format!(
                "{name} is {number}, outside the range of a 32-bit integer (int32)"
            )),
            _ => Some(format!(
                "{name} must be a whole number; found {}",
                describe(value)
            )),
        },
        FieldKind::Decimal => (!value.is_number())
            .then(|| format!("{name} must be a number; found {}", describe(value))),
        FieldKind::Boolean => (!value.is_boolean()).then(|| {
            format!(
                "{name} must be true or false (the API's form of Y and N); found {}",
                describe(value)
            )
        }),
        FieldKind::IntegerList | FieldKind::DecimalList | FieldKind::TextList => {
            let (fits, expected, items): (fn(&Value) -> bool, &str, &str) = match spec.kind {
                FieldKind::IntegerList => (is_int32, "a whole number (int32)", "whole numbers"),
                FieldKind::DecimalList => (Value::is_number, "a number", "numbers"),
                _ => (Value::is_string, "text", "text values"),
            };
            match value {
                Value::Array(items) => items.iter().position(|item| !fits(item)).map(|at| {
                    format!(
                        "{name} value {} must be {expected}; found {}",
                        at + 1,
                        describe(&items[at])
                    )
                }),
                _ => Some(format!(
                    "{name} must be an array of {items} (not text separated by ';'); found {}",
                    describe(value)
                )),
            }
        }
    }
}

/// The generic shape checks, registered by each file under its own codes.
pub(crate) mod shape {
    use super::*;

    /// Every REQUIRED field of the file is present (or was reported as wrongly typed).
    pub(crate) fn required_fields<W: FileWire>(record: &Record<'_, W>, sink: &mut Sink<'_>) {
        let missing = W::REQUIRED & !record.wire.presence() & !record.unreadable;
        if missing == 0 {
            return;
        }
        for (at, spec) in fields(W::FILE).iter().enumerate() {
            if missing & (1 << at) != 0 {
                sink.report(
                    W::SHAPE.required,
                    spec.name,
                    format_args!(
                        "{} is required but was not supplied (missing or null)",
                        spec.name
                    ),
                );
            }
        }
    }

    pub(super) const fn required_mask(specs: &[FieldSpec]) -> u32 {
        let mut set = 0;
        let mut at = 0;
        while at < specs.len() {
            if specs[at].required {
                set |= 1 << at;
            }
            at += 1;
        }
        set
    }

    /// Text fields are within their lengths, counted in characters.
    pub(crate) fn text_lengths<W: FileWire>(record: &Record<'_, W>, sink: &mut Sink<'_>) {
        for &(name, min, max) in W::SHAPE.text_limits {
            let Some(text) = record.wire.text(name) else {
                continue;
            };
            if text.len() < min {
                match max {
                    Some(max) => sink.report(
                        W::SHAPE.lengths,
                        name,
                        format_args!("{name} is empty; it needs {min} to {max} characters"),
                    ),
                    None => sink.report(
                        W::SHAPE.lengths,
                        name,
                        format_args!("{name} is empty; it needs at least {min} character"),
                    ),
                }
            } else if let Some(max) = max.filter(|&max| exceeds_chars(text, max)) {
                sink.report(
                    W::SHAPE.lengths,
                    name,
                    format_args!(
                        "{name} {} has {} characters; at most {max} are allowed",
                        Shown(text),
                        text.chars().count()
                    ),
                );
            }
        }
    }

    /// Identifiers contain no control characters.
    pub(crate) fn printable_identifiers<W: FileWire>(record: &Record<'_, W>, sink: &mut Sink<'_>) {
        for &name in W::SHAPE.identifiers {
            let Some(text) = record.wire.text(name) else {
                continue;
            };
            if let Some((position, c)) = first_control(text) {
                sink.report(
                    W::SHAPE.printable,
                    name,
                    format_args!(
                        "{name} {} contains a control character (U+{:04X}) at character {}; only \
                         printable characters are allowed",
                        Shown(text),
                        u32::from(c),
                        position + 1
                    ),
                );
            }
        }
    }

    /// Whether a text field's value is within its lengths: content rules skip values the
    /// length rule reports, so one fault gives one problem.
    pub(crate) fn fits<W: FileWire>(name: &str, text: &str) -> bool {
        W::SHAPE
            .text_limits
            .iter()
            .find(|(limited, _, _)| *limited == name)
            .is_none_or(|&(_, min, max)| {
                text.len() >= min && !max.is_some_and(|max| exceeds_chars(text, max))
            })
    }
}

/// Consistency checks on a file's registry, for each file's tests.
#[cfg(test)]
pub(crate) fn assert_registry_consistent<W: FileWire>(registry: &[&Rule]) {
    use super::rule::Check;
    let shape = W::SHAPE;
    for rule in registry {
        assert_eq!(rule.file(), Some(W::FILE), "{}", rule.code);
        let checks = W::CHECKS
            .iter()
            .filter(|(checked, _)| checked.code == rule.code)
            .count();
        match rule.check {
            Check::FileRecord => assert_eq!(checks, 1, "{} needs one check", rule.code),
            Check::Read | Check::Batch => assert_eq!(checks, 0, "{}", rule.code),
            Check::Process => panic!("{} is a process rule in a file's registry", rule.code),
        }
    }
    for (rule, _) in W::CHECKS {
        assert!(
            registry.iter().any(|listed| listed.code == rule.code),
            "{} is checked but not registered",
            rule.code
        );
    }
    for rule in [shape.unreadable, shape.wrong_type] {
        assert!(matches!(rule.check, Check::Read), "{}", rule.code);
    }
    for rule in [shape.repeated_local_id, shape.repeated_key] {
        assert!(rule.applies_across_records(), "{}", rule.code);
    }
    for (name, _, _) in shape.text_limits {
        let spec = crate::fields::field(W::FILE, name);
        assert!(
            spec.is_some_and(|spec| spec.kind == FieldKind::Text),
            "{name} is not a text field"
        );
    }
    for name in shape.identifiers {
        assert!(crate::fields::field(W::FILE, name).is_some(), "{name}");
    }
    assert!(fields(W::FILE).len() <= 32, "field sets are held in a u32");
}

/// The presence bits follow the field table: each field, sent alone with a value of its kind,
/// sets its own bit and no other.
#[cfg(test)]
pub(crate) fn assert_presence_follows_the_field_table<W: FileWire>() {
    for (at, spec) in fields(W::FILE).iter().enumerate() {
        let value = match spec.kind {
            FieldKind::Text => serde_json::json!("A"),
            FieldKind::Integer => serde_json::json!(1),
            FieldKind::Decimal => serde_json::json!(1.5),
            FieldKind::Boolean => serde_json::json!(true),
            FieldKind::DateTime => serde_json::json!("2026-02-23T00:00:00+13:00"),
            FieldKind::IntegerList => serde_json::json!([1]),
            FieldKind::DecimalList => serde_json::json!([1.5]),
            FieldKind::TextList => serde_json::json!(["A"]),
        };
        let mut map = serde_json::Map::new();
        map.insert(spec.name.to_owned(), value);
        let wire: W = serde_json::from_value(Value::Object(map))
            .unwrap_or_else(|error| panic!("{}: {error}", spec.name));
        assert_eq!(wire.presence(), 1 << at, "{}", spec.name);
        if spec.kind == FieldKind::Text {
            assert_eq!(wire.text(spec.name), Some("A"), "{}", spec.name);
        }
    }
}
