//! Throughput of course-enrolment checking.
//!
//! ```text
//! cargo run --release -p dxp-domain --example bench_validation -- 100000
//! ```
//!
//! Generates the given number of records (default 100,000; one in ten with a known defect) as
//! JSON text and prints records per second for (a) serde_json's typed parse alone, (b)
//! `check_file` (parse + record rules + batch rules), (c) the record rules alone on records
//! already read. Each figure is the best of five runs on one thread; freeing what a run
//! produced is not timed.
//!
//! (a) is shown two ways: keeping the parsed records (what parsing a request body into a
//! `Vec<CourseEnrolment>` does, and what `check_file` does) and dropping each at once (a
//! best case no request handler gets).
//!
//! For instruction counts (e.g. under callgrind), `BENCH_ONLY=b` or `BENCH_ONLY=c` runs only
//! that measurement, once, so its function's inclusive cost is one pass over the records.

use std::hint::black_box;
use std::time::{Duration, Instant};

use dxp_domain::testkit;
use dxp_domain::validation::RecordsRead;
use dxp_domain::{CourseEnrolment, SdrFile, check_file};

const RUNS: usize = 5;
/// One record in this many carries a defect.
const DEFECT_EVERY: usize = 10;

fn best_of<T>(mut run: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut kept = None;
    for _ in 0..RUNS {
        let started = Instant::now();
        let result = black_box(run());
        best = best.min(started.elapsed());
        // The previous run's result is freed here, outside the timing.
        kept = Some(result);
    }
    match kept {
        Some(result) => (best, result),
        None => (best, run()),
    }
}

fn report(label: &str, records: usize, bytes: usize, elapsed: Duration) {
    let seconds = elapsed.as_secs_f64().max(f64::MIN_POSITIVE);
    println!(
        "{label:<44} {:>12.0} records/s {:>8.1} MB/s  ({:.1} ms)",
        records as f64 / seconds,
        bytes as f64 / seconds / 1e6,
        seconds * 1e3
    );
}

/// One measurement, run once: `b` is `check_file`, `c` the record rules on records read. Not
/// inlined, so that a profile can take its cost with that of freeing what it produced.
#[inline(never)]
fn run_only(only: &str, texts: &[&str]) {
    match only {
        "b" => {
            let report = black_box(check_file(SdrFile::CourseEnrolments, texts.iter().copied()));
            println!("(b) {} problems", report.error_count + report.warning_count);
        }
        "c" => {
            let records = RecordsRead::new(SdrFile::CourseEnrolments, texts.iter().copied());
            let mut scratch = Vec::new();
            let found = black_box(records.check_record_rules(None, &mut scratch));
            println!("(c) {found} problems on {} records", records.len());
        }
        _ => eprintln!("BENCH_ONLY is b or c"),
    }
}

fn main() {
    let count = std::env::args()
        .nth(1)
        .and_then(|arg| arg.parse().ok())
        .unwrap_or(100_000_usize);
    let generated = testkit::mixed_records(count, DEFECT_EVERY);
    let texts: Vec<&str> = generated.iter().map(|(text, _)| text.as_str()).collect();
    if let Ok(only) = std::env::var("BENCH_ONLY") {
        run_only(&only, &texts);
        return;
    }
    let bytes: usize = texts.iter().map(|text| text.len()).sum();
    let defective = generated
        .iter()
        .filter(|(_, defect)| defect.is_some())
        .count();
    println!(
        "{count} records, {defective} with a known defect, {:.1} MB of JSON ({} bytes per record)",
        bytes as f64 / 1e6,
        bytes / count.max(1)
    );

    let parse_all = || -> Vec<CourseEnrolment> {
        texts
            .iter()
            .filter_map(|text| serde_json::from_str::<CourseEnrolment>(text).ok())
            .collect()
    };
    let (elapsed, parsed) = best_of(parse_all);
    report(
        "(a) serde_json typed parse, records kept",
        count,
        bytes,
        elapsed,
    );
    let parse_rate = count as f64 / elapsed.as_secs_f64();
    let parsed = parsed.len();

    let (elapsed, _) = best_of(|| {
        texts
            .iter()
            .filter_map(|text| serde_json::from_str::<CourseEnrolment>(text).ok())
            .map(black_box)
            .count()
    });
    report(
        "(a') serde_json typed parse, each dropped",
        count,
        bytes,
        elapsed,
    );
    let discard_rate = count as f64 / elapsed.as_secs_f64();

    // What a request handler pays: the report is freed once it has been answered.
    let (elapsed, _) = best_of(|| {
        let report = check_file(SdrFile::CourseEnrolments, texts.iter().copied());
        report.error_count + report.warning_count
    });
    report("(b*) (b) with the report freed", count, bytes, elapsed);
    let (elapsed, batch) = best_of(|| check_file(SdrFile::CourseEnrolments, texts.iter().copied()));
    report("(b) check_file (parse + rules)", count, bytes, elapsed);
    let check_rate = count as f64 / elapsed.as_secs_f64();
    let problems = batch.error_count + batch.warning_count;
    drop(batch);

    let valid: Vec<&str> = generated
        .iter()
        .filter(|(_, defect)| defect.is_none())
        .map(|(text, _)| text.as_str())
        .collect();
    let valid_bytes: usize = valid.iter().map(|text| text.len()).sum();
    let (elapsed, _) = best_of(|| check_file(SdrFile::CourseEnrolments, valid.iter().copied()));
    report(
        "(b') check_file, valid records only",
        valid.len(),
        valid_bytes,
        elapsed,
    );

    let records = RecordsRead::new(SdrFile::CourseEnrolments, texts.iter().copied());
    let record_bytes: usize = records.len() * (bytes / count.max(1));
    let mut scratch = Vec::new();
    let (elapsed, rule_problems) = best_of(|| records.check_record_rules(None, &mut scratch));
    report(
        "(c) record rules alone on records read",
        records.len(),
        record_bytes,
        elapsed,
    );

    println!(
        "{parsed} records parsed by (a); {problems} problems from (b); {rule_problems} from (c)"
    );
    println!(
        "check_file runs at {:.0}% of the typed parse rate ({:.0}% of the drop-at-once rate)",
        100.0 * check_rate / parse_rate,
        100.0 * check_rate / discard_rate
    );
}
