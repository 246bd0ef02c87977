//! The work-based benchmark (issue 16): 100,000 training agreements with their learners and
//! enrolments loaded through the work-based API of a real `dxp serve`, on SQLite and on
//! PostgreSQL, and then the grace job withdrawing a share of them.
//!
//! ```sh
//! cargo run --release --example bench_work_based -- --agreements 100000
//! ```
//!
//! Like `bench_return`, it builds the server first (`cargo build --release --bin dxp` into the
//! target folder it runs from) unless `--dxp PATH` names one.
//!
//! What it does, for each backend, number of agreements and number of clients:
//!
//! 1. Starts `dxp serve` on a fresh database (SQLite in a temporary folder, or a new database on
//!    `--postgres-url`'s server, dropped afterwards), with its clock read from a file
//!    (`DXP_CLOCK_FILE`) set to noon on 20 April 2026 in New Zealand, the grace job every second
//!    (`DXP_SCHEDULE_SECONDS=1`) and the rate limit raised out of the way.
//! 2. Loads, as one TMS of organisation 8001 (`EID: 8001`): one programme, then for each
//!    agreement its learner (`POST /learners`, NSNs from 200,000,000 on), the agreement
//!    (`POST /training-agreements`) and its enrolment (`POST /enrolments`, training started in
//!    February, so the agreement becomes `ACTIVE`), one request after another on each of
//!    `--clients` connections, each client taking every C-th agreement in order.
//! 3. Places `--grace-percent` of the agreements, spread evenly, in grace
//!    (`POST /training-agreements/{id}/grace`, paused 20 April).
//! 4. Reads the whole change feed (`GET /changes`, 1,000 a page), as a TMS catching up would,
//!    to find its end.
//! 5. Moves the clock 42 days on (1 June), and reads the feed on from its end every `--poll-ms`
//!    until it has seen every agreement in grace withdrawn by `system` with reason `GE`.
//! 6. Prints per run: records/s and requests/s of the load, p50/p99/max latency by kind of
//!    request (and the p50 of the first and the last tenth, to show a cost that grows with the
//!    tables), the feed's rate, the grace job's time from the clock change to the last
//!    withdrawal seen and its agreements/s, the CPU of the server (and of the PostgreSQL
//!    backends) in each phase, and the server's peak RSS (`VmHWM`).
//!
//! Records/s count the learners, agreements and enrolments created (three per agreement); the
//! one programme is left out. Nothing here asserts a timing: it is a program that prints.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use bench_support::{
    Backend, CpuMeter, CpuUse, PgDatabase, Server, cpu_cell, dedup, find_dxp, group, group_rate,
    millis, print_machine, print_table, proc, rate, redact, seconds, token,
};
use clap::Parser;
use serde_json::{Value, json};

mod bench_support;

/// The organisation the TMS sends for.
const EID: i64 = 8001;
/// Where the work-based API lives.
const BASE: &str = "/work-submission-api/v1.0";
/// The server's day for the load: noon on 20 April 2026 in New Zealand.
const LOAD_TIME: &str = "2026-04-20T12:00:00+12:00";
/// The pause date of the agreements placed in grace: the load's day.
const PAUSE_DATE: &str = "2026-04-20";
/// 42 days after the pause: the day the grace job withdraws them.
const EXPIRY_TIME: &str = "2026-06-01T12:00:00+12:00";
/// The first learner's NSN; the others follow.
const FIRST_NSN: usize = 200_000_000;
/// The change feed's largest page.
const FEED_PAGE: usize = 1_000;

#[derive(Debug, Parser)]
#[command(
    about = "Loads training agreements with their learners and enrolments through the \
             work-based API of a real `dxp serve`, on SQLite and PostgreSQL, and times the grace \
             job over them"
)]
struct Args {
    /// Training agreements to load (each with its learner and enrolment). Several sizes may be
    /// given (`20000,100000`): each runs on a fresh database.
    #[arg(long, value_delimiter = ',', default_value = "100000")]
    agreements: Vec<usize>,
    /// The databases to run the server on.
    #[arg(long, value_delimiter = ',', default_value = "sqlite,postgres")]
    backends: Vec<Backend>,
    /// Concurrent HTTP clients sending the requests. Several may be given (`1,4`): each is a
    /// run of its own on a fresh database.
    #[arg(long, value_delimiter = ',', default_value = "1")]
    clients: Vec<usize>,
    /// The share of the agreements placed in grace and withdrawn by the grace job, in percent.
    #[arg(long, default_value_t = 10.0)]
    grace_percent: f64,
    /// The `dxp` binary to run (default: built with `cargo build --release --bin dxp` into the
    /// target folder this example runs from).
    #[arg(long)]
    dxp: Option<PathBuf>,
    /// The PostgreSQL server to create the benchmark database on.
    #[arg(long, default_value = "postgres://postgres@127.0.0.1:5432/postgres")]
    postgres_url: String,
    /// How often to read the change feed while the grace job runs, in milliseconds.
    #[arg(long, default_value_t = 100)]
    poll_ms: u64,
    /// Give up waiting for the grace job after this many seconds.
    #[arg(long, default_value_t = 3_600)]
    grace_timeout: u64,
    /// The folder for the SQLite databases, the clock files and the servers' data folders
    /// (default: the system's temporary folder). Keep it on a real disk.
    #[arg(long)]
    work_dir: Option<PathBuf>,
}

fn main() {
    if let Err(error) = run(Args::parse()) {
        eprintln!("bench_work_based: {error:#}");
        std::process::exit(1);
    }
}

fn run(args: Args) -> anyhow::Result<()> {
    if args.agreements.contains(&0) {
        bail!("--agreements must be at least 1");
    }
    if args.clients.contains(&0) {
        bail!("--clients must be at least 1");
    }
    if !(args.grace_percent > 0.0 && args.grace_percent <= 100.0) {
        bail!(
            "--grace-percent must be more than 0 and at most 100 (got {})",
            args.grace_percent
        );
    }
    let dxp = find_dxp(args.dxp.as_deref())?;
    let work_dir = args.work_dir.clone().unwrap_or_else(std::env::temp_dir);
    std::fs::create_dir_all(&work_dir)
        .with_context(|| format!("cannot create {}", work_dir.display()))?;
    print_machine(&dxp);
    let mut results = Vec::new();
    for agreements in dedup(&args.agreements) {
        for backend in dedup(&args.backends) {
            for clients in dedup(&args.clients) {
                let run = Run {
                    backend,
                    agreements,
                    clients,
                    in_grace: in_grace(agreements, args.grace_percent),
                };
                println!();
                println!(
                    "=== {}: {} agreements, {clients} client(s), {} to place in grace ===",
                    backend.name(),
                    group(agreements),
                    group(run.in_grace.len())
                );
                match run_once(&args, &dxp, &work_dir, &run) {
                    Ok(Some(result)) => results.push(result),
                    Ok(None) => {}
                    Err(error) => {
                        return Err(error.context(format!(
                            "{} with {} agreements and {clients} client(s)",
                            backend.name(),
                            group(agreements)
                        )));
                    }
                }
            }
        }
    }
    println!();
    print_results(&results);
    Ok(())
}

/// The indexes of the agreements to place in grace: `percent` of them, spread evenly.
fn in_grace(agreements: usize, percent: f64) -> Vec<usize> {
    let count = ((agreements as f64 * percent / 100.0).round() as usize).clamp(1, agreements);
    (0..count).map(|at| at * agreements / count).collect()
}

// ---------------------------------------------------------------------------------------------
// The records

fn learner_id(at: usize) -> String {
    format!("L-{at:06}")
}

fn agreement_id(at: usize) -> String {
    format!("TA-{at:06}")
}

/// A body of the apprentice every work-based example starts from
/// (`examples/data/json/work-based/apprentice.json`).
fn apprentice(part: &str) -> Value {
    static FIXTURE: std::sync::LazyLock<Value> = std::sync::LazyLock::new(|| {
        serde_json::from_str(include_str!("data/json/work-based/apprentice.json"))
            .expect("the apprentice fixture is JSON")
    });
    FIXTURE[part].clone()
}

fn learner(at: usize) -> Value {
    let mut body = apprentice("learner");
    body["learnerLocalId"] = json!(learner_id(at));
    body["identity"]["nationalStudentNumber"] = json!(FIRST_NSN + at);
    body
}

fn programme() -> Value {
    apprentice("programme")
}

fn agreement(at: usize) -> Value {
    let mut body = apprentice("trainingAgreement");
    body["learnerLocalId"] = json!(learner_id(at));
    body["trainingAgreementLocalId"] = json!(agreement_id(at));
    body
}

/// The agreement's enrolment: its training started on 9 February, so the agreement is
/// `ACTIVE` once it is stored.
fn enrolment(at: usize) -> Value {
    let mut body = apprentice("enrolment");
    body["enrolmentLocalId"] = json!(format!("E-{at:06}"));
    body["learnerLocalId"] = json!(learner_id(at));
    body["trainingAgreementLocalId"] = json!(agreement_id(at));
    body
}

fn grace() -> Value {
    json!({"pauseDate": PAUSE_DATE, "graceReasonCode": "RD"})
}

// ---------------------------------------------------------------------------------------------
// The API

/// One TMS connection: a client of its own (keep-alive), the token and the `EID` header.
struct Tms {
    http: reqwest::blocking::Client,
    base: String,
    token: String,
}

impl Tms {
    fn new(base: &str, token: &str) -> anyhow::Result<Self> {
        Ok(Self {
            http: reqwest::blocking::Client::builder()
                .timeout(Duration::from_secs(600))
                .build()
                .context("building the HTTP client")?,
            base: format!("{}{BASE}", base.trim_end_matches('/')),
            token: token.to_owned(),
        })
    }

    /// POSTs a JSON body and expects `expected`; the time the request took.
    fn post(&self, path: &str, body: &Value, expected: u16) -> anyhow::Result<Duration> {
        let body = serde_json::to_vec(body).context("writing the body")?;
        let started = Instant::now();
        let response = self
            .http
            .post(format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .header("EID", EID.to_string())
            .header("content-type", "application/json")
            .body(body)
            .send()
            .with_context(|| format!("POST {path}"))?;
        let status = response.status();
        let text = response
            .text()
            .with_context(|| format!("POST {path}: reading the answer"))?;
        let took = started.elapsed();
        if status.as_u16() != expected {
            let excerpt: String = text.chars().take(2_000).collect();
            bail!("POST {path}: expected {expected}, got {status}: {excerpt}");
        }
        Ok(took)
    }

    fn get(&self, path: &str) -> anyhow::Result<Value> {
        let response = self
            .http
            .get(format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .header("EID", EID.to_string())
            .send()
            .with_context(|| format!("GET {path}"))?;
        let status = response.status();
        let text = response
            .text()
            .with_context(|| format!("GET {path}: reading the answer"))?;
        if status.as_u16() != 200 {
            let excerpt: String = text.chars().take(2_000).collect();
            bail!("GET {path}: expected 200, got {status}: {excerpt}");
        }
        serde_json::from_str(&text)
            .with_context(|| format!("GET {path}: the answer is not JSON: {text:.200}"))
    }

    /// One page of the change feed after `cursor`.
    fn changes(&self, cursor: Option<i64>) -> anyhow::Result<FeedPage> {
        let path = match cursor {
            Some(after) => format!("/changes?after={after}&limit={FEED_PAGE}"),
            None => format!("/changes?limit={FEED_PAGE}"),
        };
        let page = self.get(&path)?;
        let Some(results) = page["results"].as_array() else {
            bail!("GET {path}: no results in the answer");
        };
        let withdrawn = results
            .iter()
            .filter(|change| {
                change["resourceType"] == "training-agreement"
                    && change["toStatus"] == "FINISHED"
                    && change["changedBy"] == "system"
                    && change["reason"] == "GE"
            })
            .count();
        Ok(FeedPage {
            changes: results.len(),
            withdrawn,
            next_cursor: page["nextCursor"].as_i64().or(cursor),
            has_more: page["hasMore"].as_bool().unwrap_or(false),
        })
    }
}

struct FeedPage {
    changes: usize,
    /// Agreements withdrawn by the grace job on this page.
    withdrawn: usize,
    next_cursor: Option<i64>,
    has_more: bool,
}

// ---------------------------------------------------------------------------------------------
// One run

/// What one run is asked to do.
struct Run {
    backend: Backend,
    agreements: usize,
    clients: usize,
    /// The indexes of the agreements to place in grace.
    in_grace: Vec<usize>,
}

/// The kinds of request timed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Learner,
    Agreement,
    Enrolment,
    Grace,
}

impl Kind {
    const ALL: [Kind; 4] = [Kind::Learner, Kind::Agreement, Kind::Enrolment, Kind::Grace];

    fn name(self) -> &'static str {
        match self {
            Kind::Learner => "POST /learners",
            Kind::Agreement => "POST /training-agreements",
            Kind::Enrolment => "POST /enrolments",
            Kind::Grace => "POST …/grace",
        }
    }
}

/// The latencies of one kind of request, in the order of the agreements they were for.
#[derive(Default)]
struct Latencies {
    /// (agreement index, time)
    samples: Vec<(usize, Duration)>,
}

impl Latencies {
    fn sorted(&self) -> Vec<Duration> {
        let mut times: Vec<Duration> = self.samples.iter().map(|(_, time)| *time).collect();
        times.sort();
        times
    }

    /// The p50 of the first and of the last tenth of the requests, by agreement.
    fn p50_first_and_last_tenth(&self) -> (Option<Duration>, Option<Duration>) {
        let mut samples = self.samples.clone();
        samples.sort_by_key(|(at, _)| *at);
        let tenth = samples.len() / 10;
        if tenth == 0 {
            return (None, None);
        }
        let p50 = |part: &[(usize, Duration)]| {
            let mut times: Vec<Duration> = part.iter().map(|(_, time)| *time).collect();
            times.sort();
            percentile(&times, 50.0)
        };
        (
            p50(&samples[..tenth]),
            p50(&samples[samples.len() - tenth..]),
        )
    }
}

/// The `p`-th percentile (nearest rank) of sorted times.
fn percentile(sorted: &[Duration], p: f64) -> Option<Duration> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((p / 100.0 * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted.get(rank - 1).copied()
}

struct RunResult {
    backend: Backend,
    agreements: usize,
    clients: usize,
    /// The three creations of every agreement.
    load: Duration,
    load_cpu: CpuUse,
    /// The latencies by kind, in [`Kind::ALL`]'s order.
    latencies: Vec<Latencies>,
    grace_posts: Duration,
    in_grace: usize,
    feed_changes: usize,
    feed_read: Duration,
    /// From the clock change to the last withdrawal seen in the feed.
    grace_job: Duration,
    /// From the clock change to the first withdrawal seen.
    grace_first: Duration,
    grace_cpu: CpuUse,
    peak_rss_after_load_kib: Option<u64>,
    peak_rss_kib: Option<u64>,
    load_average: Option<f64>,
}

fn run_once(
    args: &Args,
    dxp: &Path,
    work_dir: &Path,
    run: &Run,
) -> anyhow::Result<Option<RunResult>> {
    let postgres = match run.backend {
        Backend::Sqlite => None,
        Backend::Postgres => match PgDatabase::create(&args.postgres_url) {
            Ok(database) => Some(database),
            Err(error) => {
                println!(
                    "*** PostgreSQL SKIPPED: {} is unreachable or refused a new database: \
                     {error:#}",
                    redact(&args.postgres_url)
                );
                return Ok(None);
            }
        },
    };
    let data_dir = tempfile::Builder::new()
        .prefix("dxp-bench-wb-")
        .tempdir_in(work_dir)
        .with_context(|| format!("cannot create a folder in {}", work_dir.display()))?;
    let database_url = match &postgres {
        Some(database) => database.url.clone(),
        None => format!("sqlite://{}", data_dir.path().join("dxp.sqlite3").display()),
    };
    let clock = data_dir.path().join("clock");
    std::fs::write(&clock, LOAD_TIME).context("writing the clock file")?;
    let mut server = Server::start(
        dxp,
        &database_url,
        data_dir.path(),
        &[
            ("DXP_CLOCK_FILE", clock.as_os_str()),
            ("DXP_SCHEDULE_SECONDS", OsStr::new("1")),
            // A benchmark measures the service; the limiter has tests of its own.
            ("DXP_RATE_LIMIT_PER_SECOND", OsStr::new("1000000")),
            ("DXP_RATE_LIMIT_BURST", OsStr::new("1000000")),
        ],
    )
    .with_context(|| format!("starting dxp serve on {}", run.backend.name()))?;
    let pid = server.pid();
    println!("dxp serve, pid {pid}, at {}", server.base);
    let token = token("bench-work-based", EID)?;
    let tms = Tms::new(&server.base, &token)?;
    let database = postgres.as_ref().map(|database| database.name.as_str());

    // The load.
    tms.post("/programmes", &programme(), 201)?;
    let meter = CpuMeter::start(pid, database);
    let started = Instant::now();
    let mut latencies = each_client(
        &server.base,
        &token,
        run.clients,
        run.agreements,
        |tms, at, out| {
            out.push((Kind::Learner, at, tms.post("/learners", &learner(at), 201)?));
            out.push((
                Kind::Agreement,
                at,
                tms.post("/training-agreements", &agreement(at), 201)?,
            ));
            out.push((
                Kind::Enrolment,
                at,
                tms.post("/enrolments", &enrolment(at), 201)?,
            ));
            Ok(())
        },
    )?;
    let load = started.elapsed();
    let load_cpu = meter.stop();
    server.check_alive()?;
    let peak_rss_after_load_kib = proc::peak_rss_kib(pid);
    let records = 3 * run.agreements;
    println!(
        "load: {} records in {} s, {} records/s (one request each)",
        group(records),
        seconds(load),
        group_rate(rate(records, load))
    );
    let last = run.agreements - 1;
    let status = tms.get(&format!("/training-agreements/{}", agreement_id(last)))?;
    if status["status"] != "ACTIVE" {
        bail!(
            "agreement {} is {}, not ACTIVE, after its enrolment",
            agreement_id(last),
            status["status"]
        );
    }

    // Into grace.
    let started = Instant::now();
    let graced = each_client(
        &server.base,
        &token,
        run.clients,
        run.in_grace.len(),
        |tms, nth, out| {
            let at = run.in_grace[nth];
            let path = format!("/training-agreements/{}/grace", agreement_id(at));
            out.push((Kind::Grace, at, tms.post(&path, &grace(), 200)?));
            Ok(())
        },
    )?;
    let grace_posts = started.elapsed();
    latencies.extend(graced);
    println!(
        "grace: {} agreements placed in grace in {} s",
        group(run.in_grace.len()),
        seconds(grace_posts)
    );

    // The feed to its end.
    let started = Instant::now();
    let mut cursor = None;
    let mut feed_changes = 0;
    loop {
        let page = tms.changes(cursor)?;
        feed_changes += page.changes;
        cursor = page.next_cursor;
        if !page.has_more {
            break;
        }
    }
    let feed_read = started.elapsed();
    println!(
        "change feed: {} changes read in {} s",
        group(feed_changes),
        seconds(feed_read)
    );

    // The grace job.
    let meter = CpuMeter::start(pid, database);
    std::fs::write(&clock, EXPIRY_TIME).context("moving the clock")?;
    let started = Instant::now();
    let deadline = started + Duration::from_secs(args.grace_timeout);
    let mut withdrawn = 0;
    let mut first = None;
    let mut last_seen = Duration::ZERO;
    while withdrawn < run.in_grace.len() {
        let page = tms.changes(cursor)?;
        if page.withdrawn > 0 {
            withdrawn += page.withdrawn;
            last_seen = started.elapsed();
            first.get_or_insert(last_seen);
        }
        cursor = page.next_cursor;
        if page.has_more {
            continue;
        }
        if Instant::now() > deadline {
            bail!(
                "the grace job withdrew {} of {} agreements in {} s",
                group(withdrawn),
                group(run.in_grace.len()),
                args.grace_timeout
            );
        }
        server.check_alive()?;
        thread::sleep(Duration::from_millis(args.poll_ms));
    }
    let grace_cpu = meter.stop();
    println!(
        "grace job: {} agreements withdrawn {} s after the clock moved (the first seen at {} s)",
        group(withdrawn),
        seconds(last_seen),
        seconds(first.unwrap_or_default())
    );

    let result = RunResult {
        backend: run.backend,
        agreements: run.agreements,
        clients: run.clients,
        load,
        load_cpu,
        latencies: Kind::ALL
            .iter()
            .map(|kind| Latencies {
                samples: latencies
                    .iter()
                    .filter(|(k, _, _)| k == kind)
                    .map(|(_, at, time)| (*at, *time))
                    .collect(),
            })
            .collect(),
        grace_posts,
        in_grace: run.in_grace.len(),
        feed_changes,
        feed_read,
        grace_job: last_seen,
        grace_first: first.unwrap_or_default(),
        grace_cpu,
        peak_rss_after_load_kib,
        peak_rss_kib: proc::peak_rss_kib(pid),
        load_average: proc::load_average(),
    };
    drop(server);
    Ok(Some(result))
}

/// One timed request: its kind, the agreement it was for, and its time.
type Sample = (Kind, usize, Duration);

/// Runs `each` for the items `0..count` on `clients` threads, each with a connection of its
/// own and taking every `clients`-th item in order; the samples of all. Prints the progress at
/// every tenth, with the rate of that tenth, so that a cost growing with the tables shows.
fn each_client(
    base: &str,
    token: &str,
    clients: usize,
    count: usize,
    each: impl Fn(&Tms, usize, &mut Vec<Sample>) -> anyhow::Result<()> + Sync,
) -> anyhow::Result<Vec<Sample>> {
    let done = AtomicUsize::new(0);
    let tenth = (count / 10).max(1);
    let started = Instant::now();
    let last_tenth = Mutex::new(started);
    thread::scope(|scope| {
        let workers: Vec<_> = (0..clients)
            .map(|client| {
                let (each, done, last_tenth) = (&each, &done, &last_tenth);
                scope.spawn(move || -> anyhow::Result<Vec<Sample>> {
                    let tms = Tms::new(base, token)?;
                    let mut samples = Vec::with_capacity(4 * count / clients + 4);
                    for at in (client..count).step_by(clients) {
                        each(&tms, at, &mut samples)?;
                        let finished = done.fetch_add(1, Ordering::Relaxed) + 1;
                        if finished % tenth == 0 {
                            let now = Instant::now();
                            let mut last = last_tenth.lock().unwrap_or_else(|e| e.into_inner());
                            println!(
                                "  {} of {} in {} s ({} a second in the last tenth)",
                                group(finished),
                                group(count),
                                seconds(now - started),
                                group_rate(rate(tenth, now - *last))
                            );
                            *last = now;
                        }
                    }
                    Ok(samples)
                })
            })
            .collect();
        let mut all = Vec::with_capacity(4 * count);
        for worker in workers {
            match worker.join() {
                Ok(samples) => all.extend(samples?),
                Err(_) => bail!("a client thread panicked"),
            }
        }
        Ok(all)
    })
}

// ---------------------------------------------------------------------------------------------
// Output

fn ms(time: Option<Duration>) -> String {
    time.map_or_else(
        || "-".to_owned(),
        |time| format!("{:.1}", time.as_secs_f64() * 1e3),
    )
}

fn mib(kib: Option<u64>) -> String {
    kib.map_or_else(
        || "?".to_owned(),
        |kib| format!("{:.0} MiB", kib as f64 / 1024.0),
    )
}

fn print_results(results: &[RunResult]) {
    if results.is_empty() {
        println!("no run to report");
        return;
    }
    println!("The load: a learner, an agreement and an enrolment for each agreement");
    println!("(CPU: the server's seconds + the PostgreSQL backends' / the machine's busy share):");
    println!();
    let rows: Vec<Vec<String>> = results
        .iter()
        .map(|r| {
            let records = 3 * r.agreements;
            vec![
                r.backend.name().to_owned(),
                group(r.agreements),
                r.clients.to_string(),
                group(records),
                seconds(r.load),
                group_rate(rate(records, r.load)),
                cpu_cell(r.load_cpu),
                format!(
                    "{:.2}",
                    r.load_cpu.server_seconds.unwrap_or(0.0) * 1e3 / records as f64
                ),
                mib(r.peak_rss_after_load_kib),
                r.load_average
                    .map_or_else(|| "?".to_owned(), |load| format!("{load:.1}")),
            ]
        })
        .collect();
    print_table(
        &[
            "backend",
            "agreements",
            "clients",
            "records",
            "load s",
            "records/s",
            "load CPU",
            "server CPU ms/record",
            "peak RSS after load",
            "load",
        ],
        &rows,
    );

    println!();
    println!(
        "Latency by request, ms (p50 of the first and the last tenth of the agreements, to show \
         a cost that grows with the tables):"
    );
    println!();
    let mut rows = Vec::new();
    for r in results {
        for (kind, latencies) in Kind::ALL.iter().zip(&r.latencies) {
            let sorted = latencies.sorted();
            let (first, last) = latencies.p50_first_and_last_tenth();
            rows.push(vec![
                format!("{} {}", r.backend.name(), group(r.agreements)),
                r.clients.to_string(),
                kind.name().to_owned(),
                group(sorted.len()),
                ms(percentile(&sorted, 50.0)),
                ms(percentile(&sorted, 99.0)),
                ms(sorted.last().copied()),
                ms(first),
                ms(last),
            ]);
        }
    }
    print_table(
        &[
            "run",
            "clients",
            "request",
            "requests",
            "p50",
            "p99",
            "max",
            "p50 first tenth",
            "p50 last tenth",
        ],
        &rows,
    );

    println!();
    println!(
        "Grace: agreements placed in grace, the change feed read to its end, and the grace job \
         (from the clock moved 42 days on to the last withdrawal seen in the feed; the job runs \
         every second):"
    );
    println!();
    let rows: Vec<Vec<String>> = results
        .iter()
        .map(|r| {
            vec![
                r.backend.name().to_owned(),
                group(r.agreements),
                r.clients.to_string(),
                group(r.in_grace),
                seconds(r.grace_posts),
                group(r.feed_changes),
                group_rate(rate(r.feed_changes, r.feed_read)),
                seconds(r.grace_first),
                seconds(r.grace_job),
                group_rate(rate(r.in_grace, r.grace_job)),
                cpu_cell(r.grace_cpu),
                millis(r.grace_job.saturating_sub(r.grace_first)),
                mib(r.peak_rss_kib),
            ]
        })
        .collect();
    print_table(
        &[
            "backend",
            "agreements",
            "clients",
            "in grace",
            "grace posts s",
            "feed changes",
            "feed changes/s",
            "first withdrawal s",
            "last withdrawal s",
            "withdrawn/s",
            "job CPU",
            "first to last ms",
            "server peak RSS",
        ],
        &rows,
    );
}
