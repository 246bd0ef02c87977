//! The invariants the `fuzz_json_records` fuzz target checks (`fuzz/`, see `docs/fuzzing.md`),
//! in one place: the target calls [`check_json_records`] on every input, and
//! `service/tests/fuzz_corpus.rs` calls it on every file of the kept corpus
//! (`fuzz/corpus/fuzz_json_records/`) in the ordinary `cargo test`.
//!
//! It is public because the fuzz target is another workspace's crate and the replay test an
//! integration test; it is built only with the `fuzzing` feature, which those two turn on, so
//! it is not in the server. It lives here, beside the private streaming reader, so that it can
//! read bodies in tiny blocks (which cuts every value somewhere) without making the reader's
//! block size public.

use dxp_domain::SdrFile;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

use super::{Format, IngestError, RecordIn, for_each_record, json};
use dxp_formats::fuzzing::Trickle;

/// The record limit of the checks' reads, above what a fuzzed body holds.
const MANY: usize = 100_000;

/// The small limit, to check the refusal of too many records.
const FEW: usize = 2;

/// Fails the check with a message when `condition` does not hold.
macro_rules! ensure {
    ($condition:expr, $($message:tt)+) => {
        if !$condition {
            return Err(format!($($message)+));
        }
    };
}

/// Why a read stopped early: the reader refused the body, or the check's callback stopped it.
#[derive(Debug)]
enum Stop {
    Reader(IngestError),
    ByTheCheck,
}

impl From<IngestError> for Stop {
    fn from(error: IngestError) -> Self {
        Stop::Reader(error)
    }
}

/// How a read ended, and the records it handed over before.
struct Outcome {
    records: Vec<String>,
    result: Result<(), Stop>,
}

/// The body is not one envelope (a 400 at the API).
fn malformed(result: &Result<(), Stop>) -> bool {
    matches!(result, Err(Stop::Reader(IngestError::Malformed(_))))
}

/// The body has more records than the limit (a 413 at the API).
fn too_many(result: &Result<(), Stop>) -> bool {
    matches!(
        result,
        Err(Stop::Reader(IngestError::TooManyRecords { .. }))
    )
}

/// The records handed to the callback, each checked to be numbered in order.
fn collect(
    read: impl FnOnce(&mut dyn FnMut(RecordIn) -> Result<(), Stop>) -> Result<(), Stop>,
    stop_after: Option<usize>,
) -> Result<Outcome, String> {
    let mut records = Vec::new();
    let mut misnumbered = None;
    let result = read(&mut |record: RecordIn| {
        if record.number != records.len() || !record.reading_problems.is_empty() {
            misnumbered.get_or_insert((records.len(), record.number));
        }
        records.push(record.text);
        if stop_after == Some(records.len()) {
            return Err(Stop::ByTheCheck);
        }
        Ok(())
    });
    if let Some((expected, number)) = misnumbered {
        return Err(format!(
            "record {expected} is numbered {number}, or carries reading problems"
        ));
    }
    Ok(Outcome { records, result })
}

/// The body as the reader's public entry point reads it.
fn read_public(data: &[u8], max: usize, stop_after: Option<usize>) -> Result<Outcome, String> {
    collect(
        |each| {
            for_each_record(
                Format::Json,
                SdrFile::CourseEnrolments,
                data,
                None,
                max,
                each,
            )
        },
        stop_after,
    )
}

/// The body handed over and asked for a few bytes at a time.
fn read_trickled(data: &[u8], step: usize, max: usize) -> Result<Outcome, String> {
    collect(
        |each| json::read_records_in_blocks(Trickle::new(data, step), step, max, each),
        None,
    )
}

/// A short description of an outcome, to compare and show.
fn summary(result: &Result<(), Stop>) -> String {
    match result {
        Ok(()) => "Ok".to_owned(),
        Err(Stop::Reader(IngestError::Malformed(message))) => format!("malformed: {message}"),
        Err(Stop::Reader(error @ IngestError::TooManyRecords { .. })) => {
            format!("too many: {error}")
        }
        Err(Stop::Reader(IngestError::Unreadable(message))) => {
            format!("unexpected I/O error from bytes in memory: {message}")
        }
        Err(Stop::ByTheCheck) => "stopped by the check".to_owned(),
    }
}

/// What serde_json makes of the whole body at once: the texts of the first `records` member's
/// items, `Ok(None)` for an object without one, `Err` when the body is not one JSON object
/// whose first `records` is an array. The reference the streaming reader must agree with.
fn reference(data: &[u8]) -> Result<Option<Vec<String>>, serde_json::Error> {
    struct Envelope;

    impl<'de> Visitor<'de> for Envelope {
        type Value = Option<Vec<String>>;

        fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            formatter.write_str("an object")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut records = None;
            while let Some(key) = map.next_key::<String>()? {
                if key == "records" && records.is_none() {
                    let raw: Vec<Box<RawValue>> = map.next_value()?;
                    records = Some(raw.into_iter().map(|raw| raw.get().to_owned()).collect());
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(records)
        }
    }

    struct Seed;

    impl<'de> DeserializeSeed<'de> for Seed {
        type Value = Option<Vec<String>>;

        fn deserialize<D: de::Deserializer<'de>>(
            self,
            deserializer: D,
        ) -> Result<Self::Value, D::Error> {
            deserializer.deserialize_map(Envelope)
        }
    }

    let mut deserializer = serde_json::Deserializer::from_slice(data);
    let value = Seed.deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

/// Checks the streaming JSON reader of `{"records": [...]}` bodies on `data`:
///
/// - it never panics, and ends with `Ok`, `Malformed` (not one envelope: a 400 at the API) or
///   `TooManyRecords` (over the record limit: a 413), nothing else; records are numbered 0, 1,
///   2, … and each is the text of one JSON value, without surrounding blanks;
/// - it agrees with serde_json reading the whole body at once: `Ok` with the same record texts
///   exactly when the body is one object whose first `records` member is an array (other
///   members ignored); `Malformed` otherwise (bodies nested past serde_json's depth limit
///   excepted: there the reader, which parses each record on its own, may go deeper);
/// - over the limit, `TooManyRecords` after exactly the limit's number of records;
/// - the outcome, message included, and the records are the same however the body arrives (at
///   once, or a few bytes at a time into blocks of a few bytes);
/// - an error from the callback stops the read at once and is what the read returns.
pub fn check_json_records(data: &[u8]) -> Result<(), String> {
    let whole = read_public(data, MANY, None)?;
    let step = 1 + data.len() % 7;
    let trickled = read_trickled(data, step, MANY)?;
    let (said, said_trickled) = (summary(&whole.result), summary(&trickled.result));
    ensure!(
        said == said_trickled && whole.records == trickled.records,
        "read whole: {said} after {} records; in steps of {step}: {said_trickled} after {}",
        whole.records.len(),
        trickled.records.len()
    );
    ensure!(
        whole.result.is_ok() || malformed(&whole.result),
        "an outcome other than Ok or malformed under no limit: {said}"
    );
    for text in &whole.records {
        let raw: &RawValue = serde_json::from_str(text)
            .map_err(|error| format!("a record is not one JSON value ({error}): {text:?}"))?;
        ensure!(
            raw.get() == text && text.trim() == text,
            "a record has blanks around it: {text:?}"
        );
    }

    match reference(data) {
        Ok(Some(records)) => ensure!(
            whole.result.is_ok() && whole.records == records,
            "serde_json reads {} records, the reader {said} after {}",
            records.len(),
            whole.records.len()
        ),
        Ok(None) => ensure!(malformed(&whole.result), "no `records` member, yet {said}"),
        Err(error) if error.to_string().contains("recursion limit") => {}
        Err(error) => ensure!(
            malformed(&whole.result),
            "serde_json refuses the body ({error}), yet the reader says {said}"
        ),
    }

    let limited = read_public(data, FEW, None)?;
    let said_limited = summary(&limited.result);
    match &whole.result {
        Ok(()) if whole.records.len() > FEW => ensure!(
            too_many(&limited.result) && limited.records[..] == whole.records[..FEW],
            "{} records under a limit of {FEW}: {said_limited} after {}",
            whole.records.len(),
            limited.records.len()
        ),
        _ => match &limited.result {
            // The body goes on past the limit's records: too many, whether or not what follows
            // would have been a good record.
            Err(Stop::Reader(IngestError::TooManyRecords { .. })) => ensure!(
                limited.records.len() == FEW
                    && whole.records.len() >= FEW
                    && limited.records[..] == whole.records[..FEW]
                    && !(whole.result.is_ok() && whole.records.len() == FEW),
                "too many after {} records under a limit of {FEW}, {said} without a limit",
                limited.records.len()
            ),
            _ => ensure!(
                said_limited == said && limited.records == whole.records,
                "at most {FEW} records: {said_limited}, without a limit: {said}"
            ),
        },
    }

    if let Some(last) = whole.records.len().checked_sub(1) {
        let stop = 1 + last / 2;
        let stopped = read_public(data, MANY, Some(stop))?;
        ensure!(
            matches!(stopped.result, Err(Stop::ByTheCheck))
                && stopped.records[..] == whole.records[..stop],
            "stopped after record {stop}: {} after {} records",
            summary(&stopped.result),
            stopped.records.len()
        );
    }
    Ok(())
}
