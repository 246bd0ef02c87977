//! The whole-return benchmark (issue 6): how fast one TEO's whole return goes through a real
//! `dxp serve` over HTTP, on SQLite and on PostgreSQL, as JSON batches and as CSV files, next to
//! PostgreSQL's own `COPY` of the same enrolment rows.
//!
//! ```sh
//! cargo run --release --example bench_return -- --enrolments 300000
//! ```
//!
//! `cargo run --example` does not build the server, so the benchmark does: it runs
//! `cargo build --release --bin dxp` into the target folder it runs from (a no-op when the
//! server is up to date), or uses the binary named with `--dxp PATH`.
//!
//! What it does:
//!
//! 1. Generates a valid return with `dxp_domain::testkit::valid_return_typed`, with enough
//!    learners to reach `--enrolments` course enrolments, and a variant with `--bad-percent`
//!    bad records: that share of learners get gender `X` (rule LR-008) and that share of
//!    enrolments lose a month of `eftsByMonth` (CE-021), one error each.
//! 2. Starts `dxp serve` for each run, on SQLite in a temporary folder or on PostgreSQL in a
//!    fresh database on `--postgres-url`'s server (dropped afterwards; skipped with a message
//!    when the server cannot be reached). The runs of one backend share its database; each has
//!    a server of its own, so that the server's peak memory is the run's alone.
//! 3. For each variant and format, opens a submission for 2026-APR, uploads the five files in
//!    requests of `--batch` records (1,000 by default, the integrators' batch size; at most
//!    the submission's `maxRecordsPerRequest`) as JSON `{"records"}` batches, or DXP CSV
//!    files of that many rows each with the header row, one after another, asks for
//!    validation and polls every `--poll-ms` until the verdict, printing the submission's
//!    `progress` when it has one. The submission is cancelled afterwards; its records stay in
//!    the database, so later runs find bigger tables.
//! 4. Prints per run: upload records/s, validation seconds and records/s (validate call to
//!    verdict), end-to-end records/s (first upload to verdict), the verdict and error count
//!    against the expected count, and the server's peak RSS (`VmHWM` of the run's own server).
//!    Then, where the time goes: the time of
//!    one enrolment batch, the dry run of the same batch (parsing and checking without storing),
//!    the CPU of the server, of the PostgreSQL backends and of the whole machine during upload
//!    and validation, and the rows PostgreSQL read from its tables in the run. And the curve of
//!    the enrolment requests: the first, middle and last 20, and the enrolments' own rate next
//!    to `COPY`'s.
//! 5. Times PostgreSQL's `COPY ... FROM STDIN` (through `psql`) of the same enrolment rows into
//!    a plain 25-column table, and into the same table with a primary key, and prints ours
//!    against it.
//! 6. Does all of that for each size: `--enrolments` may list several, and a small return of
//!    `--memory-baseline` enrolments (10,000) goes first, so that the server's peak memory at
//!    the full size can be set beside it: it should stay flat as the return grows.
//!
//! Records/s count the records of all five files; the `COPY` figure counts enrolment rows.
//! Nothing here asserts a timing: it is a program that prints.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, anyhow, bail};
use bench_support::{
    Backend, CpuMeter, CpuUse, PgDatabase, Server, cpu_cell, dedup, find_dxp, group, group_rate,
    millis, print_machine, print_table, proc, rate, redact, seconds, token,
};
use clap::{Parser, ValueEnum};
use diesel::{Connection, RunQueryDsl};
use dxp_domain::testkit::{Return, ReturnRecords, valid_return_typed};
use dxp_domain::{CourseEnrolment, SdrFile};
use serde_json::Value;

mod bench_support;

/// A batch of course enrolments as serde reads it, for the parse-rate yardstick.
#[derive(serde::Deserialize)]
struct EnrolmentBatch {
    #[expect(dead_code, reason = "parsed to be timed, never read")]
    records: Vec<CourseEnrolment>,
}

/// The organisation the return is for, and the round it is sent in.
const ORGANISATION: i64 = 6004;
const ROUND: &str = "2026-APR";
/// Used when a submission does not say how many records a request may carry.
const DEFAULT_MAX_RECORDS: usize = 10_000;
/// Course enrolments per learner in the testkit's returns: one to four, evenly.
const MEAN_ENROLMENTS_PER_LEARNER: f64 = 2.5;
/// The first NSN given when the testkit's NSNs repeat (see [`make_nsns_unique`]).
const FIRST_UNIQUE_NSN: i32 = 200_000_000;
/// The COPY target table; `{table}` and `{key}` are filled in.
const COPY_TABLE: &str = "CREATE TABLE {table} (
    local_id text{key},
    student_identification_code text NOT NULL,
    qualification_code text NOT NULL,
    course_code text NOT NULL,
    course_start_date timestamptz NOT NULL,
    course_end_date timestamptz NOT NULL,
    students_course_withdrawal_date timestamptz,
    category_of_fees_assessment text NOT NULL,
    intramural_extramural_attendance integer NOT NULL,
    course_delivery_site text NOT NULL,
    source_of_funding text NOT NULL,
    residential_status text NOT NULL,
    australian_residential_status boolean NOT NULL,
    funding_category text NOT NULL,
    course_classification numeric NOT NULL,
    nzsced_field_of_study text NOT NULL,
    course_efts_factor numeric NOT NULL,
    efts_by_month numeric[] NOT NULL,
    national_student_number integer NOT NULL,
    consortium integer,
    ite_sector integer,
    ite_subject text[],
    apprenticeships boolean,
    secondary_school_programme_indicator text,
    actual_course_fee numeric
)";

#[derive(Debug, Parser)]
#[command(
    about = "Times a whole SDR return through a real `dxp serve` over HTTP, on SQLite and \
             PostgreSQL, as JSON and CSV, next to PostgreSQL COPY of the same enrolment rows"
)]
struct Args {
    /// Course enrolments in the return; the learners and the other files follow from them.
    /// Several sizes may be given (`10000,300000`): each is run in turn.
    #[arg(long, value_delimiter = ',', default_value = "300000")]
    enrolments: Vec<usize>,
    /// A return of this many enrolments is run first, for the server's peak memory to be
    /// compared with that at the other sizes; 0 leaves it out.
    #[arg(long, default_value_t = 10_000)]
    memory_baseline: usize,
    /// The databases to run the server on.
    #[arg(long, value_delimiter = ',', default_value = "sqlite,postgres")]
    backends: Vec<Backend>,
    /// How the records are uploaded.
    #[arg(long, value_delimiter = ',', default_value = "json,csv")]
    formats: Vec<Format>,
    /// The returns to send: the valid one, and the one with --bad-percent bad records.
    #[arg(long, value_delimiter = ',', default_value = "valid,bad")]
    variants: Vec<Variant>,
    /// The share of bad learners and of bad enrolments in the `bad` variant, in percent.
    #[arg(long, default_value_t = 1.0)]
    bad_percent: f64,
    /// The `dxp` binary to run (default: built with `cargo build --release --bin dxp` into the
    /// target folder this example runs from).
    #[arg(long)]
    dxp: Option<PathBuf>,
    /// The PostgreSQL server to create the benchmark database on.
    #[arg(long, default_value = "postgres://postgres@127.0.0.1:5432/postgres")]
    postgres_url: String,
    /// The testkit seed of the generated return.
    #[arg(long, default_value_t = 6004)]
    seed: u64,
    /// How often to poll the submission for its verdict, in milliseconds.
    #[arg(long, default_value_t = 50)]
    poll_ms: u64,
    /// Give up waiting for a verdict after this many seconds.
    #[arg(long, default_value_t = 3_600)]
    verdict_timeout: u64,
    /// How many times to run COPY; the median is reported.
    #[arg(long, default_value_t = 3)]
    copy_runs: usize,
    /// The folder for the SQLite database and the servers' data folders (default: the
    /// system's temporary folder). Keep it on a real disk: SQLite on tmpfs never waits for one.
    #[arg(long)]
    work_dir: Option<PathBuf>,
    /// Records per upload request (the integrators' batch size), capped at the submission's
    /// `maxRecordsPerRequest`.
    #[arg(long, default_value_t = 1_000)]
    batch: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Json,
    Csv,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Json => "JSON",
            Format::Csv => "CSV",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Csv => "text/csv",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Variant {
    Valid,
    Bad,
}

impl Variant {
    fn name(self) -> &'static str {
        match self {
            Variant::Valid => "valid",
            Variant::Bad => "bad",
        }
    }
}

fn main() {
    if let Err(error) = run(Args::parse()) {
        eprintln!("bench_return: {error:#}");
        std::process::exit(1);
    }
}

fn run(args: Args) -> anyhow::Result<()> {
    if args.enrolments.contains(&0) {
        bail!("--enrolments must be at least 1");
    }
    if args.batch == 0 {
        bail!("--batch must be at least 1");
    }
    if args.variants.contains(&Variant::Bad)
        && !(args.bad_percent > 0.0 && args.bad_percent <= 100.0)
    {
        bail!(
            "--bad-percent must be more than 0 and at most 100 for the bad variant (got {})",
            args.bad_percent
        );
    }
    let dxp = find_dxp(args.dxp.as_deref())?;
    let work_dir = args.work_dir.clone().unwrap_or_else(std::env::temp_dir);
    std::fs::create_dir_all(&work_dir)
        .with_context(|| format!("cannot create {}", work_dir.display()))?;
    print_machine(&dxp);
    let mut sizes = Vec::new();
    if args.memory_baseline > 0 && args.enrolments.iter().all(|&n| n > args.memory_baseline) {
        sizes.push(args.memory_baseline);
    }
    sizes.extend(dedup(&args.enrolments));
    let mut all = Vec::new();
    for enrolments in sizes {
        println!();
        println!("=== {} course enrolments ===", group(enrolments));
        let results = run_size(&args, &dxp, &work_dir, enrolments)?;
        all.push((enrolments, results));
    }
    print_memory(&all);
    Ok(())
}

/// Generates a return of `enrolments` course enrolments and runs it through every backend,
/// variant and format asked for; prints the results and the COPY baseline.
fn run_size(
    args: &Args,
    dxp: &Path,
    work_dir: &Path,
    enrolments: usize,
) -> anyhow::Result<Vec<RunResult>> {
    // The returns.
    let started = Instant::now();
    let (valid, renumbered) = generate(args.seed, enrolments)?;
    let mut workloads = Vec::new();
    for variant in dedup(&args.variants) {
        workloads.push(match variant {
            Variant::Valid => Workload::new(Variant::Valid, &valid, Broken::default()),
            Variant::Bad => {
                let (bad, broken) = with_bad_records(&valid, args.bad_percent);
                Workload::new(Variant::Bad, &bad, broken)
            }
        });
    }
    println!(
        "return: {} learners, {} course enrolments, {} courses, {} course completions, \
         {} qualification completions = {} records (seed {}, generated in {:.1} s)",
        group(valid.learners.len()),
        group(valid.course_enrolments.len()),
        group(valid.courses.len()),
        group(valid.course_completions.len()),
        group(valid.qualification_completions.len()),
        group(total_records(&valid)),
        args.seed,
        started.elapsed().as_secs_f64()
    );
    if renumbered {
        println!(
            "note: the testkit's NSNs repeat after 100,000 learners (rule XF-001 would reject \
             the return); every learner was given its own NSN from {FIRST_UNIQUE_NSN}"
        );
    }
    for workload in &workloads {
        if workload.variant == Variant::Bad {
            println!(
                "bad variant: {} learners with gender X (LR-008) and {} enrolments one \
                 eftsByMonth value short (CE-021): {} errors expected",
                group(workload.broken.learners),
                group(workload.broken.enrolments),
                group(workload.broken.total())
            );
        }
    }
    println!();

    // PostgreSQL, when it is asked for or for COPY.
    let postgres = match PgDatabase::create(&args.postgres_url) {
        Ok(database) => Some(database),
        Err(error) => {
            println!(
                "*** PostgreSQL SKIPPED: {} is unreachable or refused a new database: {error:#}",
                redact(&args.postgres_url)
            );
            println!();
            None
        }
    };

    let mut results = Vec::new();
    for backend in dedup(&args.backends) {
        let database_url = match backend {
            Backend::Sqlite => None,
            Backend::Postgres => match &postgres {
                Some(database) => Some(database.url.clone()),
                None => continue,
            },
        };
        let data_dir = tempfile::Builder::new()
            .prefix("dxp-bench-")
            .tempdir_in(work_dir)
            .with_context(|| format!("cannot create a folder in {}", work_dir.display()))?;
        let database_url = database_url.unwrap_or_else(|| {
            format!("sqlite://{}", data_dir.path().join("dxp.sqlite3").display())
        });
        println!("{}:", backend.name());
        for workload in &workloads {
            for format in dedup(&args.formats) {
                // A server of its own for each run, so that its peak memory is the run's alone
                // and not what an earlier run left allocated.
                let mut server = Server::start(dxp, &database_url, data_dir.path(), &[])
                    .with_context(|| format!("starting dxp serve on {}", backend.name()))?;
                println!(
                    "  {} return as {} (dxp serve, pid {}, at {}) ...",
                    workload.variant.name(),
                    format.name(),
                    server.pid(),
                    server.base
                );
                let api = Api::new(&server.base)?;
                let result = run_once(
                    &api,
                    &mut server,
                    backend,
                    postgres.as_ref().filter(|_| backend == Backend::Postgres),
                    workload,
                    format,
                    args,
                )
                .with_context(|| {
                    format!(
                        "{} {} return as {}",
                        backend.name(),
                        workload.variant.name(),
                        format.name()
                    )
                })?;
                println!(
                    "    {} with {} errors in {:.1} s",
                    result.verdict,
                    group_i64(result.errors),
                    result.total.as_secs_f64()
                );
                results.push(result);
            }
        }
        println!();
    }

    let copy = match &postgres {
        Some(database) => {
            println!(
                "PostgreSQL COPY of {} enrolment rows ...",
                group(valid.course_enrolments.len())
            );
            match copy_rates(database, &valid.course_enrolments, args.copy_runs.max(1)) {
                Ok(copy) => Some(copy),
                Err(error) => {
                    println!("*** COPY SKIPPED: {error:#}");
                    None
                }
            }
        }
        None => None,
    };
    println!();
    print_results(&results, copy.as_ref());
    Ok(results)
}

/// The server's peak memory at each size, per backend, return and format: flat means the
/// server does not hold the return.
fn print_memory(all: &[(usize, Vec<RunResult>)]) {
    if all.len() < 2 {
        return;
    }
    println!();
    println!("Server peak RSS by size of the return (VmHWM of each run):");
    println!();
    let mut header = vec![
        "backend".to_owned(),
        "return".to_owned(),
        "format".to_owned(),
    ];
    header.extend(all.iter().map(|(enrolments, results)| {
        let records = results.first().map_or(0, |r| r.records);
        format!(
            "{} enrolments ({} records)",
            group(*enrolments),
            group(records)
        )
    }));
    header.push("largest / smallest".to_owned());
    let mut rows = Vec::new();
    for first in &all[0].1 {
        let mut row = vec![
            first.backend.name().to_owned(),
            first.variant.name().to_owned(),
            first.format.name().to_owned(),
        ];
        let mut peaks = Vec::new();
        for (_, results) in all {
            let peak = results
                .iter()
                .find(|r| {
                    r.backend == first.backend
                        && r.variant == first.variant
                        && r.format == first.format
                })
                .and_then(|r| r.peak_rss_kib);
            row.push(peak.map_or_else(
                || "?".to_owned(),
                |kib| format!("{:.0} MiB", kib as f64 / 1024.0),
            ));
            peaks.extend(peak);
        }
        row.push(match (peaks.first(), peaks.last()) {
            (Some(&small), Some(&large)) if small > 0 && peaks.len() == all.len() => {
                format!("{:.2}", large as f64 / small as f64)
            }
            _ => "?".to_owned(),
        });
        rows.push(row);
    }
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    print_table(&header, &rows);
}

// ---------------------------------------------------------------------------------------------
// The returns

/// A valid return with at least `enrolments` course enrolments: the fewest learners that reach
/// the count. Also whether the NSNs had to be renumbered.
fn generate(seed: u64, enrolments: usize) -> anyhow::Result<(Return, bool)> {
    // Learners' enrolments come in learner order, and a return of n learners is the first n
    // learners of any bigger return of the same seed: build a few too many, count how many
    // learners the first `enrolments` enrolments belong to, and build exactly those.
    let mut learners = (enrolments as f64 / MEAN_ENROLMENTS_PER_LEARNER * 1.02) as usize + 16;
    let needed = loop {
        let built = valid_return_typed(seed, learners);
        if built.course_enrolments.len() >= enrolments {
            let mut distinct = 0;
            let mut previous: Option<&str> = None;
            for enrolment in &built.course_enrolments[..enrolments] {
                let student = enrolment.student_identification_code.as_str();
                if previous != Some(student) {
                    distinct += 1;
                    previous = Some(student);
                }
            }
            break distinct;
        }
        learners = learners + learners / 10 + 16;
    };
    let mut built = valid_return_typed(seed, needed);
    if built.course_enrolments.len() < enrolments {
        bail!(
            "the testkit built {} enrolments for {needed} learners, fewer than the {enrolments} \
             a bigger return of the same seed began with",
            built.course_enrolments.len()
        );
    }
    let renumbered = make_nsns_unique(&mut built)?;
    Ok((built, renumbered))
}

/// The testkit numbers learners' NSNs modulo 100,000, so a return of more learners repeats
/// them (XF-001). When it does, gives each learner its own NSN, the same in every file.
fn make_nsns_unique(built: &mut Return) -> anyhow::Result<bool> {
    let mut seen = HashSet::new();
    if built
        .learners
        .iter()
        .all(|learner| seen.insert(learner.national_student_number))
    {
        return Ok(false);
    }
    let mut nsns = HashMap::new();
    for (number, learner) in built.learners.iter_mut().enumerate() {
        let nsn = i32::try_from(number)
            .ok()
            .and_then(|number| FIRST_UNIQUE_NSN.checked_add(number))
            .ok_or_else(|| anyhow!("too many learners for an NSN each"))?;
        learner.national_student_number = nsn;
        nsns.insert(learner.student_identification_code.clone(), nsn);
    }
    let nsn_of = |student: &str, current: i32| nsns.get(student).copied().unwrap_or(current);
    for record in &mut built.course_enrolments {
        record.national_student_number = nsn_of(
            &record.student_identification_code,
            record.national_student_number,
        );
    }
    for record in &mut built.course_completions {
        record.national_student_number = nsn_of(
            &record.student_identification_code,
            record.national_student_number,
        );
    }
    for record in &mut built.qualification_completions {
        record.national_student_number = nsn_of(
            &record.student_identification_code,
            record.national_student_number,
        );
    }
    Ok(true)
}

/// How many records of a return were broken on purpose, each with one error.
#[derive(Debug, Clone, Copy, Default)]
struct Broken {
    learners: usize,
    enrolments: usize,
}

impl Broken {
    fn total(self) -> usize {
        self.learners + self.enrolments
    }
}

/// The return with `percent` of its learners given gender `X` (LR-008) and `percent` of its
/// enrolments one `eftsByMonth` value short (CE-021): every n-th record, from the first.
fn with_bad_records(valid: &Return, percent: f64) -> (Return, Broken) {
    let every = ((100.0 / percent).round() as usize).max(1);
    let mut bad = valid.clone();
    let mut broken = Broken::default();
    for learner in bad.learners.iter_mut().step_by(every) {
        learner.gender = "X".to_owned();
        broken.learners += 1;
    }
    for enrolment in bad.course_enrolments.iter_mut().step_by(every) {
        // Every enrolment of the testkit spans at least four months.
        if enrolment.efts_by_month.len() > 1 {
            enrolment.efts_by_month.pop();
            broken.enrolments += 1;
        }
    }
    (bad, broken)
}

fn total_records(built: &Return) -> usize {
    built.learners.len()
        + built.courses.len()
        + built.course_enrolments.len()
        + built.course_completions.len()
        + built.qualification_completions.len()
}

/// One return to send: its records as the API's JSON texts.
struct Workload {
    variant: Variant,
    records: ReturnRecords,
    total: usize,
    broken: Broken,
}

impl Workload {
    fn new(variant: Variant, built: &Return, broken: Broken) -> Self {
        let records = built.to_records();
        Self {
            variant,
            total: total_records(built),
            records,
            broken,
        }
    }
}

/// One upload request.
struct Batch {
    file: SdrFile,
    records: usize,
    body: Vec<u8>,
}

/// The return's files as request bodies of at most `max` records each, in `SdrFile::ALL`
/// order.
fn batches(records: &ReturnRecords, format: Format, max: usize) -> anyhow::Result<Vec<Batch>> {
    let mut out = Vec::new();
    for file in SdrFile::ALL {
        for chunk in records.file(file).chunks(max.max(1)) {
            let size: usize = chunk.iter().map(String::len).sum::<usize>() + chunk.len() + 16;
            let mut body = Vec::with_capacity(size);
            match format {
                Format::Json => {
                    body.extend_from_slice(b"{\"records\":[");
                    for (at, record) in chunk.iter().enumerate() {
                        if at > 0 {
                            body.push(b',');
                        }
                        body.extend_from_slice(record.as_bytes());
                    }
                    body.extend_from_slice(b"]}");
                }
                Format::Csv => {
                    let written =
                        dxp_formats::write_csv(file, chunk.iter().map(String::as_str), &mut body)
                            .with_context(|| format!("writing {file} as CSV"))?;
                    if written != chunk.len() {
                        bail!(
                            "the CSV writer wrote {written} of {} {file} records",
                            chunk.len()
                        );
                    }
                }
            }
            out.push(Batch {
                file,
                records: chunk.len(),
                body,
            });
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// The API

struct Api {
    http: reqwest::blocking::Client,
    base: String,
    token: String,
}

impl Api {
    fn new(base: &str) -> anyhow::Result<Self> {
        Ok(Self {
            http: reqwest::blocking::Client::builder()
                .timeout(Duration::from_secs(3_600))
                .build()
                .context("building the HTTP client")?,
            base: base.trim_end_matches('/').to_owned(),
            token: token("bench-return", ORGANISATION)?,
        })
    }

    /// POSTs a body; the answer's status and JSON body (`Null` when it has none). A status
    /// other than `expected` is an error that quotes the answer.
    fn post(
        &self,
        path: &str,
        content_type: &str,
        body: Vec<u8>,
        expected: u16,
    ) -> anyhow::Result<Value> {
        let response = self
            .http
            .post(format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .header("content-type", content_type)
            .body(body)
            .send()
            .with_context(|| format!("POST {path}"))?;
        answer("POST", path, response, expected)
    }

    fn get(&self, path: &str) -> anyhow::Result<Value> {
        let response = self
            .http
            .get(format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .send()
            .with_context(|| format!("GET {path}"))?;
        answer("GET", path, response, 200)
    }
}

fn answer(
    method: &str,
    path: &str,
    response: reqwest::blocking::Response,
    expected: u16,
) -> anyhow::Result<Value> {
    let status = response.status();
    let text = response
        .text()
        .with_context(|| format!("{method} {path}: reading the answer"))?;
    if status.as_u16() != expected {
        let excerpt: String = text.chars().take(2_000).collect();
        bail!("{method} {path}: expected {expected}, got {status}: {excerpt}");
    }
    if text.trim().is_empty() {
        return Ok(Value::Null);
    }
    serde_json::from_str(&text)
        .with_context(|| format!("{method} {path}: the answer is not JSON: {text:.200}"))
}

// ---------------------------------------------------------------------------------------------
// One run

struct RunResult {
    backend: Backend,
    variant: Variant,
    format: Format,
    records: usize,
    requests: usize,
    bytes: usize,
    upload: Duration,
    validate: Duration,
    total: Duration,
    verdict: String,
    errors: i64,
    warnings: i64,
    expected_errors: usize,
    counts_match: bool,
    peak_rss_kib: Option<u64>,
    /// The machine's one-minute load average at the verdict.
    load_average: Option<f64>,
    upload_cpu: CpuUse,
    validate_cpu: CpuUse,
    /// Median and slowest course-enrolment request, and how many there were.
    enrolment_batches: Option<(Duration, Duration, usize)>,
    /// Every course-enrolment request's time, in the order they were sent (the curve of a
    /// request's cost against what the submission already holds).
    enrolment_curve: Vec<Duration>,
    /// Course enrolments sent.
    enrolments: usize,
    /// The dry run of the first course-enrolment batch: parsing and checking, nothing stored.
    dry_run: Option<Duration>,
    /// serde_json's typed parse of the dry run's body (JSON runs).
    serde_parse: Option<Duration>,
    /// Rows PostgreSQL read from the benchmark database's tables during the run (sequential
    /// scans and index fetches), from its statistics.
    postgres_rows_read: Option<i64>,
}

fn run_once(
    api: &Api,
    server: &mut Server,
    backend: Backend,
    postgres: Option<&PgDatabase>,
    workload: &Workload,
    format: Format,
    args: &Args,
) -> anyhow::Result<RunResult> {
    let pid = server.pid();
    // What PostgreSQL reads for the run, from its statistics.
    let mut statistics = match postgres {
        Some(database) => Some(diesel::PgConnection::establish(&database.url)?),
        None => None,
    };
    let read_before = statistics.as_mut().map(rows_read).transpose()?;
    let opened = api.post(
        "/api/v1/submissions",
        "application/json",
        serde_json::to_vec(&serde_json::json!({ "round": ROUND }))?,
        201,
    )?;
    let id = opened["id"]
        .as_str()
        .ok_or_else(|| anyhow!("the new submission has no id: {opened}"))?
        .to_owned();
    let max = opened["maxRecordsPerRequest"]
        .as_u64()
        .and_then(|max| usize::try_from(max).ok())
        .unwrap_or(DEFAULT_MAX_RECORDS)
        .min(args.batch);
    let batches = batches(&workload.records, format, max)?;
    let requests = batches.len();
    let bytes = batches.iter().map(|batch| batch.body.len()).sum();
    let dry_run_body = batches
        .iter()
        .find(|batch| batch.file == SdrFile::CourseEnrolments)
        .map(|batch| batch.body.clone());

    // Upload.
    let database = postgres.map(|database| database.name.as_str());
    let cpu = CpuMeter::start(pid, database);
    let started = Instant::now();
    let mut enrolment_times = Vec::new();
    for batch in batches {
        let path = format!("/api/v1/submissions/{id}/{}", batch.file);
        let sent = Instant::now();
        let report = api.post(&path, format.content_type(), batch.body, 200)?;
        if batch.file == SdrFile::CourseEnrolments {
            enrolment_times.push(sent.elapsed());
        }
        let received = report["received"].as_u64().unwrap_or(0);
        if received != batch.records as u64 {
            bail!(
                "{path}: the server received {received} of {} records: {}",
                batch.records,
                excerpt(&report)
            );
        }
    }
    let upload = started.elapsed();
    let upload_cpu = cpu.stop();

    // Validate and wait for the verdict.
    let cpu = CpuMeter::start(pid, database);
    let validating = Instant::now();
    api.post(
        &format!("/api/v1/submissions/{id}/validate"),
        "application/json",
        Vec::new(),
        202,
    )?;
    let view = wait_for_verdict(api, server, &id, args)?;
    let validate = validating.elapsed();
    let total = started.elapsed();
    let validate_cpu = cpu.stop();
    let peak_rss_kib = proc::peak_rss_kib(pid);
    let load_average = proc::load_average();

    let verdict = view["status"].as_str().unwrap_or("?").to_owned();
    let counts: u64 = view["recordCounts"]
        .as_object()
        .map(|counts| counts.values().filter_map(Value::as_u64).sum())
        .unwrap_or(0);

    // Outside the timing: the dry run of one enrolment batch, three times, the median.
    let dry_run = match &dry_run_body {
        Some(body) => {
            let mut times = Vec::new();
            for _ in 0..3 {
                let sent = Instant::now();
                api.post(
                    "/api/v1/validation/course-enrolments",
                    format.content_type(),
                    body.clone(),
                    200,
                )?;
                times.push(sent.elapsed());
            }
            median(&mut times)
        }
        None => None,
    };
    // serde_json's own typed parse of the same body, in this process: the yardstick of the
    // dry run's goal (at least half its rate over HTTP).
    let serde_parse = match (&dry_run_body, format) {
        (Some(body), Format::Json) => {
            let mut times = Vec::new();
            for _ in 0..3 {
                let started = Instant::now();
                let batch: EnrolmentBatch = serde_json::from_slice(body)
                    .context("the dry-run body does not parse as course enrolments")?;
                times.push(started.elapsed());
                drop(batch);
            }
            median(&mut times)
        }
        _ => None,
    };
    // Done with it; its records stay in the database.
    if let Err(error) = api.post(
        &format!("/api/v1/submissions/{id}/cancel"),
        "application/json",
        Vec::new(),
        200,
    ) {
        println!("    (could not cancel the submission: {error:#})");
    }
    let postgres_rows_read = match (statistics.as_mut(), read_before) {
        (Some(conn), Some(before)) => {
            // Backends report their statistics at most once a second, and when idle.
            thread::sleep(Duration::from_secs(2));
            Some(rows_read(conn)? - before)
        }
        _ => None,
    };

    let enrolment_curve = enrolment_times.clone();
    let enrolment_batches = {
        let count = enrolment_times.len();
        let slowest = enrolment_times.iter().max().copied();
        median(&mut enrolment_times)
            .zip(slowest)
            .map(|(m, s)| (m, s, count))
    };
    Ok(RunResult {
        backend,
        variant: workload.variant,
        format,
        records: workload.total,
        requests,
        bytes,
        upload,
        validate,
        total,
        verdict,
        errors: view["errorCount"].as_i64().unwrap_or(-1),
        warnings: view["warningCount"].as_i64().unwrap_or(-1),
        expected_errors: workload.broken.total(),
        counts_match: counts == workload.total as u64,
        peak_rss_kib,
        load_average,
        upload_cpu,
        validate_cpu,
        enrolment_batches,
        enrolment_curve,
        enrolments: workload.records.file(SdrFile::CourseEnrolments).len(),
        dry_run,
        serde_parse,
        postgres_rows_read,
    })
}

/// Polls the submission until it is `Processed` or `Rejected`; its last view. Prints the
/// `progress` the server reports, when it does, at most once a second.
fn wait_for_verdict(
    api: &Api,
    server: &mut Server,
    id: &str,
    args: &Args,
) -> anyhow::Result<Value> {
    let started = Instant::now();
    let poll = Duration::from_millis(args.poll_ms.max(1));
    let limit = Duration::from_secs(args.verdict_timeout);
    let mut last_progress: Option<(Instant, Value)> = None;
    let path = format!("/api/v1/submissions/{id}");
    loop {
        thread::sleep(poll);
        let view = api.get(&path)?;
        match view["status"].as_str() {
            Some("Processed" | "Rejected") => return Ok(view),
            Some("Queued" | "Validating") => {}
            other => bail!(
                "the submission is {other:?} while waiting for a verdict: {}",
                excerpt(&view)
            ),
        }
        if let Some(progress) = view.get("progress").filter(|p| !p.is_null()) {
            let due = last_progress.as_ref().is_none_or(|(at, last)| {
                at.elapsed() >= Duration::from_secs(1) && last != progress
            });
            if due {
                println!(
                    "    {:>6.1} s  {} progress {progress}",
                    started.elapsed().as_secs_f64(),
                    view["status"].as_str().unwrap_or("?")
                );
                last_progress = Some((Instant::now(), progress.clone()));
            }
        }
        if started.elapsed() > limit {
            bail!(
                "no verdict after {} s (--verdict-timeout); last status {}",
                limit.as_secs(),
                view["status"]
            );
        }
        // A server that died would otherwise be polled until the timeout.
        server.check_alive()?;
    }
}

/// A JSON value as text, cut short for a message.
fn excerpt(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(500) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

fn median(times: &mut [Duration]) -> Option<Duration> {
    times.sort();
    times.get(times.len() / 2).copied()
}

struct CopyRate {
    rows: usize,
    bytes: usize,
    runs: usize,
    /// Median seconds into the plain table, and into the one with a primary key.
    plain: Duration,
    keyed: Duration,
}

impl CopyRate {
    fn plain_rate(&self) -> f64 {
        rate(self.rows, self.plain)
    }
}

/// Times `psql`'s `\copy ... FROM pstdin` of the enrolments, as CSV, into a plain table and
/// into one with a primary key on `local_id`: the median of `runs` runs each.
fn copy_rates(
    database: &PgDatabase,
    enrolments: &[CourseEnrolment],
    runs: usize,
) -> anyhow::Result<CopyRate> {
    let csv = copy_csv(enrolments);
    let mut conn = diesel::PgConnection::establish(&database.url)?;
    let mut medians = Vec::new();
    for (table, key) in [
        ("bench_copy_plain", ""),
        ("bench_copy_keyed", " PRIMARY KEY"),
    ] {
        let ddl = COPY_TABLE.replace("{table}", table).replace("{key}", key);
        diesel::sql_query(ddl).execute(&mut conn)?;
        let mut times = Vec::new();
        for _ in 0..runs {
            diesel::sql_query(format!("TRUNCATE {table}")).execute(&mut conn)?;
            // Each run starts from a flushed database; only a superuser may ask, and without
            // it the runs are merely noisier.
            let _ = diesel::sql_query("CHECKPOINT").execute(&mut conn);
            times.push(psql_copy(&database.url, table, &csv)?);
        }
        let copied = count_rows(&mut conn, table)?;
        if copied != enrolments.len() as i64 {
            bail!(
                "COPY left {copied} rows in {table}, not {}",
                enrolments.len()
            );
        }
        medians.push(median(&mut times).unwrap_or_default());
    }
    Ok(CopyRate {
        rows: enrolments.len(),
        bytes: csv.len(),
        runs,
        plain: medians.first().copied().unwrap_or_default(),
        keyed: medians.get(1).copied().unwrap_or_default(),
    })
}

/// The rows read so far from the tables of the connection's database: sequential scans' rows
/// and index scans' fetches, summed over every table.
fn rows_read(conn: &mut diesel::PgConnection) -> anyhow::Result<i64> {
    #[derive(diesel::QueryableByName)]
    struct Read {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        rows: i64,
    }
    diesel::sql_query("SELECT pg_stat_clear_snapshot()").execute(conn)?;
    let read: Read = diesel::sql_query(
        "SELECT (coalesce(sum(seq_tup_read), 0) + coalesce(sum(idx_tup_fetch), 0))::bigint \
         AS rows FROM pg_stat_user_tables",
    )
    .get_result(conn)?;
    Ok(read.rows)
}

fn count_rows(conn: &mut diesel::PgConnection, table: &str) -> anyhow::Result<i64> {
    #[derive(diesel::QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        rows: i64,
    }
    let counted: Count =
        diesel::sql_query(format!("SELECT count(*) AS rows FROM {table}")).get_result(conn)?;
    Ok(counted.rows)
}

/// One `psql \copy` of the CSV into the table: the time from starting psql to its exit.
fn psql_copy(url: &str, table: &str, csv: &[u8]) -> anyhow::Result<Duration> {
    let started = Instant::now();
    let mut child = Command::new("psql")
        .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-c"])
        .arg(format!("\\copy {table} FROM pstdin WITH (FORMAT csv)"))
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .context("cannot run psql (the PostgreSQL client): is it installed and on PATH?")?;
    let Some(mut stdin) = child.stdin.take() else {
        bail!("psql has no standard input to write to");
    };
    let output = thread::scope(|scope| {
        let writer = scope.spawn(move || stdin.write_all(csv));
        let output = child.wait_with_output();
        (writer.join(), output)
    });
    let elapsed = started.elapsed();
    let (written, output) = output;
    let output = output.context("waiting for psql")?;
    if !output.status.success() {
        bail!(
            "psql \\copy failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    match written {
        Ok(Ok(())) => Ok(elapsed),
        Ok(Err(error)) => bail!("writing the rows to psql: {error}"),
        Err(_) => bail!("the thread writing to psql panicked"),
    }
}

/// The enrolments as CSV rows for [`COPY_TABLE`]: empty for NULL, arrays as `{a,b}`.
fn copy_csv(enrolments: &[CourseEnrolment]) -> Vec<u8> {
    fn text(row: &mut String, value: &str) {
        if value.contains([',', '"', '\n', '\r']) || value.is_empty() {
            row.push('"');
            row.push_str(&value.replace('"', "\"\""));
            row.push('"');
        } else {
            row.push_str(value);
        }
    }
    fn optional<T: std::fmt::Display>(row: &mut String, value: Option<T>) {
        if let Some(value) = value {
            let _ = write!(row, "{value}");
        }
    }
    let mut out = String::with_capacity(enrolments.len() * 400);
    for e in enrolments {
        text(&mut out, &e.local_id);
        out.push(',');
        text(&mut out, &e.student_identification_code);
        out.push(',');
        text(&mut out, &e.qualification_code);
        out.push(',');
        text(&mut out, &e.course_code);
        let _ = write!(
            out,
            ",{},{},",
            e.course_start_date.to_rfc3339(),
            e.course_end_date.to_rfc3339()
        );
        optional(
            &mut out,
            e.students_course_withdrawal_date.map(|d| d.to_rfc3339()),
        );
        out.push(',');
        text(&mut out, &e.category_of_fees_assessment);
        let _ = write!(out, ",{},", e.intramural_extramural_attendance);
        text(&mut out, &e.course_delivery_site);
        out.push(',');
        text(&mut out, &e.source_of_funding);
        out.push(',');
        text(&mut out, &e.residential_status);
        let _ = write!(out, ",{},", e.australian_residential_status);
        text(&mut out, &e.funding_category);
        let _ = write!(out, ",{},", e.course_classification);
        text(&mut out, &e.nzsced_field_of_study);
        let months: Vec<String> = e.efts_by_month.iter().map(f64::to_string).collect();
        let _ = write!(
            out,
            ",{},\"{{{}}}\",{},",
            e.course_efts_factor,
            months.join(","),
            e.national_student_number
        );
        optional(&mut out, e.consortium);
        out.push(',');
        optional(&mut out, e.ite_sector);
        out.push(',');
        if let Some(subjects) = &e.ite_subject {
            let quoted: Vec<String> = subjects.iter().map(|s| format!("\"{s}\"")).collect();
            text(&mut out, &format!("{{{}}}", quoted.join(",")));
        }
        out.push(',');
        optional(&mut out, e.apprenticeships);
        out.push(',');
        if let Some(indicator) = &e.secondary_school_programme_indicator {
            text(&mut out, indicator);
        }
        out.push(',');
        optional(&mut out, e.actual_course_fee);
        out.push('\n');
    }
    out.into_bytes()
}

// ---------------------------------------------------------------------------------------------
// Output

fn print_results(results: &[RunResult], copy: Option<&CopyRate>) {
    if results.is_empty() {
        println!("no runs");
    } else {
        println!(
            "Results (records/s count the records of all five files; validation is the \
             validate call to the verdict; end to end is the first upload to the verdict)"
        );
        println!();
        let mut rows = Vec::new();
        for r in results {
            let verdict_ok = r.counts_match
                && r.errors == r.expected_errors as i64
                && r.verdict
                    == if r.expected_errors == 0 {
                        "Processed"
                    } else {
                        "Rejected"
                    };
            let mut row = vec![
                r.backend.name().to_owned(),
                r.variant.name().to_owned(),
                r.format.name().to_owned(),
                group(r.records),
                seconds(r.upload),
                group_rate(rate(r.records, r.upload)),
                seconds(r.validate),
                group_rate(rate(r.records, r.validate)),
                seconds(r.total),
                group_rate(rate(r.records, r.total)),
            ];
            if let Some(copy) = copy {
                row.push(format!(
                    "{:.1}%",
                    100.0 * rate(r.records, r.total) / copy.plain_rate()
                ));
            }
            row.push(r.verdict.clone());
            row.push(format!(
                "{} ({}){}",
                group_i64(r.errors),
                group(r.expected_errors),
                if verdict_ok { "" } else { " MISMATCH" }
            ));
            row.push(group_i64(r.warnings));
            row.push(match r.peak_rss_kib {
                Some(kib) => format!("{:.0} MiB", kib as f64 / 1024.0),
                None => "?".to_owned(),
            });
            rows.push(row);
        }
        let mut header = vec![
            "backend",
            "return",
            "format",
            "records",
            "upload s",
            "upload rec/s",
            "validate s",
            "validate rec/s",
            "total s",
            "end-to-end rec/s",
        ];
        if copy.is_some() {
            header.push("of COPY");
        }
        header.extend([
            "verdict",
            "errors (expected)",
            "warnings",
            "server peak RSS",
        ]);
        print_table(&header, &rows);
        if results.iter().any(|r| !r.counts_match) {
            println!("MISMATCH: the server holds a different number of records than were sent");
        }
        println!();
        println!(
            "Where the time goes (one enrolment request = one batch of --batch records, at \
             most maxRecordsPerRequest; the dry run sends the same batch to \
             /api/v1/validation/course-enrolments, \
             which parses and checks it and stores nothing; serde parse = serde_json's typed \
             parse of the same JSON body in the benchmark's process, and the dry run's rate as \
             a share of its rate; CPU = the server's CPU seconds \
             (+ the PostgreSQL backends' CPU seconds) / the whole machine's busy share, all \
             cores, in that phase; PG rows read = rows PostgreSQL read from the tables in the \
             whole run, sequential and through indexes; load = the one-minute load average at \
             the verdict)"
        );
        println!();
        let rows: Vec<Vec<String>> = results
            .iter()
            .map(|r| {
                let (batch_median, batch_max, batches) = match r.enrolment_batches {
                    Some((m, s, n)) => (millis(m), millis(s), n.to_string()),
                    None => ("?".to_owned(), "?".to_owned(), "0".to_owned()),
                };
                vec![
                    r.backend.name().to_owned(),
                    r.variant.name().to_owned(),
                    r.format.name().to_owned(),
                    r.requests.to_string(),
                    format!("{:.0}", r.bytes as f64 / 1e6),
                    batches,
                    batch_median,
                    batch_max,
                    r.dry_run.map(millis).unwrap_or_else(|| "?".to_owned()),
                    match (r.dry_run, r.serde_parse) {
                        (Some(dry), Some(parse)) => format!(
                            "{} ms, {:.0}%",
                            parse.as_millis(),
                            100.0 * parse.as_secs_f64() / dry.as_secs_f64().max(f64::MIN_POSITIVE)
                        ),
                        _ => "-".to_owned(),
                    },
                    cpu_cell(r.upload_cpu),
                    cpu_cell(r.validate_cpu),
                    r.postgres_rows_read.map_or_else(
                        || "-".to_owned(),
                        |rows| format!("{:.1} M", rows as f64 / 1e6),
                    ),
                    r.load_average
                        .map_or_else(|| "?".to_owned(), |load| format!("{load:.1}")),
                ]
            })
            .collect();
        print_table(
            &[
                "backend",
                "return",
                "format",
                "requests",
                "MB sent",
                "enrolment requests",
                "median ms",
                "slowest ms",
                "dry run ms",
                "serde parse, of dry-run rate",
                "upload CPU",
                "validate CPU",
                "PG rows read",
                "load",
            ],
            &rows,
        );
    }
    print_curve(results, copy);
    println!();
    match copy {
        Some(copy) => {
            println!(
                "PostgreSQL COPY of {} enrolment rows ({:.0} MB of CSV, 25 columns, median of {} \
                 runs, psql \\copy FROM STDIN):",
                group(copy.rows),
                copy.bytes as f64 / 1e6,
                copy.runs
            );
            println!(
                "  plain table:            {} s  {} rows/s",
                seconds_precise(copy.plain),
                group_rate(copy.plain_rate())
            );
            println!(
                "  with PRIMARY KEY:       {} s  {} rows/s",
                seconds_precise(copy.keyed),
                group_rate(rate(copy.rows, copy.keyed))
            );
            for r in results {
                let ours = rate(r.records, r.total);
                println!(
                    "  ours / COPY, {} {} {}: {:.3} (COPY is {:.0}x faster end to end)",
                    r.backend.name(),
                    r.variant.name(),
                    r.format.name(),
                    ours / copy.plain_rate(),
                    copy.plain_rate() / ours.max(f64::MIN_POSITIVE)
                );
            }
        }
        None => println!("PostgreSQL COPY: not measured (PostgreSQL unavailable)"),
    }
}

/// Requests at each end (and in the middle) of the enrolment upload that the curve compares.
const CURVE_WINDOW: usize = 20;

/// The cost of a course-enrolment request against what the submission already holds: the
/// first, middle and last [`CURVE_WINDOW`] requests, and the enrolments' own rate (their
/// requests' time alone, the learners and courses being stored before) next to `COPY`'s rate
/// of the same rows.
fn print_curve(results: &[RunResult], copy: Option<&CopyRate>) {
    if results.iter().all(|r| r.enrolment_curve.is_empty()) {
        return;
    }
    println!();
    println!(
        "Course-enrolment requests, one after another over one connection (mean / median ms \
         of the first, middle and last {CURVE_WINDOW}; last / first compares the means; \
         enrolment rec/s = the enrolments over their requests' time alone, learners and \
         courses stored first; of COPY = that rate over COPY's rate of the same rows into the \
         plain table / the table with a primary key)"
    );
    println!();
    let rows: Vec<Vec<String>> = results
        .iter()
        .filter(|r| !r.enrolment_curve.is_empty())
        .map(|r| {
            let curve = &r.enrolment_curve;
            let window = CURVE_WINDOW.min(curve.len());
            let middle = (curve.len() - window) / 2;
            let first = &curve[..window];
            let mid = &curve[middle..middle + window];
            let last = &curve[curve.len() - window..];
            let cell = |times: &[Duration]| {
                let mut sorted = times.to_vec();
                format!(
                    "{} / {}",
                    millis(mean(times)),
                    millis(median(&mut sorted).unwrap_or_default())
                )
            };
            let spent: Duration = curve.iter().sum();
            let enrolment_rate = rate(r.enrolments, spent);
            let mut row = vec![
                r.backend.name().to_owned(),
                r.variant.name().to_owned(),
                r.format.name().to_owned(),
                group(r.enrolments.div_ceil(curve.len())),
                group(curve.len()),
                cell(first),
                cell(mid),
                cell(last),
                format!(
                    "{:.2}",
                    mean(last).as_secs_f64() / mean(first).as_secs_f64().max(f64::MIN_POSITIVE)
                ),
                group_rate(enrolment_rate),
            ];
            row.push(match copy {
                Some(copy) => format!(
                    "{:.2} / {:.2}",
                    enrolment_rate / copy.plain_rate(),
                    enrolment_rate / rate(copy.rows, copy.keyed)
                ),
                None => "-".to_owned(),
            });
            row
        })
        .collect();
    print_table(
        &[
            "backend",
            "return",
            "format",
            "records/request",
            "requests",
            "first ms",
            "middle ms",
            "last ms",
            "last / first",
            "enrolment rec/s",
            "of COPY",
        ],
        &rows,
    );
}

fn mean(times: &[Duration]) -> Duration {
    match u32::try_from(times.len()) {
        Ok(n) if n > 0 => times.iter().sum::<Duration>() / n,
        _ => Duration::ZERO,
    }
}

fn group_i64(value: i64) -> String {
    match usize::try_from(value) {
        Ok(value) => group(value),
        Err(_) => value.to_string(),
    }
}

fn seconds_precise(elapsed: Duration) -> String {
    format!("{:.2}", elapsed.as_secs_f64())
}
