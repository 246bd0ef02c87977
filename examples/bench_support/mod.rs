//! What the benchmarks under `examples/` share: the real `dxp serve` they start and stop, the
//! PostgreSQL database they make for it, the tokens they sign, what `/proc` says about the
//! server's memory and CPU, and how they print counts and tables. Each benchmark includes it
//! with `mod bench_support;`; it is not an example of its own (it has no `main.rs`).

use std::ffi::OsStr;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::{Context, anyhow, bail};
use clap::ValueEnum;
use diesel::{Connection, RunQueryDsl};
use serde::Serialize;

/// The benchmark's name, for its messages.
const NAME: &str = env!("CARGO_CRATE_NAME");

/// The secret the benchmarks' servers sign with; the benchmarks mint their own tokens.
pub const SECRET: &str = "bench-return-secret-that-is-at-least-32-bytes";

// ---------------------------------------------------------------------------------------------
// Options

/// The database a server runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

/// The requested items once each, in the order given.
pub fn dedup<T: Copy + PartialEq>(items: &[T]) -> Vec<T> {
    let mut unique = Vec::new();
    for item in items {
        if !unique.contains(item) {
            unique.push(*item);
        }
    }
    unique
}

// ---------------------------------------------------------------------------------------------
// The server

/// The `dxp` binary: `--dxp`, or the release build in the target folder this example runs from
/// (`target/<profile>/examples/<benchmark>` → `target/release/dxp`), built first with the
/// `cargo` that runs the example (a no-op when it is up to date).
pub fn find_dxp(given: Option<&Path>) -> anyhow::Result<PathBuf> {
    if let Some(path) = given {
        if !path.is_file() {
            bail!("--dxp {}: no such file", path.display());
        }
        return Ok(path.to_owned());
    }
    let me = std::env::current_exe().context("cannot tell where this executable is")?;
    let target = me
        .parent()
        .and_then(Path::parent)
        .and_then(Path::parent)
        .ok_or_else(|| anyhow!("cannot tell the target folder of {}", me.display()))?;
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
    eprintln!("{NAME}: building the server (cargo build --release --bin dxp) ...");
    let status = Command::new(&cargo)
        .args(["build", "--release", "--bin", "dxp", "--manifest-path"])
        .arg(&manifest)
        .arg("--target-dir")
        .arg(target)
        .status()
        .with_context(|| format!("cannot run {}", Path::new(&cargo).display()))?;
    if !status.success() {
        bail!("building the server failed ({status}); name a built one with --dxp PATH");
    }
    let built = target
        .join("release")
        .join(format!("dxp{}", std::env::consts::EXE_SUFFIX));
    if !built.is_file() {
        bail!("the build left no server at {}", built.display());
    }
    Ok(built)
}

/// A running `dxp serve`, killed when dropped.
pub struct Server {
    child: Child,
    /// Where it listens, e.g. `http://127.0.0.1:41234`.
    pub base: String,
}

impl Server {
    /// Starts `dxp serve` on the database, with the benchmarks' secret and `env` besides.
    pub fn start(
        dxp: &Path,
        database_url: &str,
        data_dir: &Path,
        env: &[(&str, &OsStr)],
    ) -> anyhow::Result<Self> {
        let mut child = Command::new(dxp)
            .args(["serve", "--bind", "127.0.0.1:0"])
            .env("DATABASE_URL", database_url)
            .env("DXP_DATA_DIR", data_dir)
            .env("DXP_JWT_SECRET", SECRET)
            .env("RUST_LOG", "warn")
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .with_context(|| format!("cannot run {}", dxp.display()))?;
        let Some(stdout) = child.stdout.take() else {
            bail!("dxp serve has no standard output to read");
        };
        // The first line says where it listens; the rest is drained so the server never blocks
        // on a full pipe.
        let (first_line, listening) = mpsc::channel();
        thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            let _ = first_line.send(lines.next());
            for line in lines.map_while(Result::ok) {
                eprintln!("dxp: {line}");
            }
        });
        let mut server = Self {
            child,
            base: String::new(),
        };
        let line = match listening.recv_timeout(Duration::from_secs(120)) {
            Ok(Some(Ok(line))) => line,
            Ok(Some(Err(error))) => bail!("reading dxp serve's output: {error}"),
            Ok(None) | Err(mpsc::RecvTimeoutError::Disconnected) => {
                let status = server.child.wait().context("waiting for dxp serve")?;
                bail!("dxp serve exited before it listened ({status}); its errors are above")
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                bail!("dxp serve did not say where it listens within two minutes")
            }
        };
        let Some(base) = line.trim().strip_prefix("dxp listening on ") else {
            bail!("dxp serve printed {line:?}, not `dxp listening on URL`");
        };
        server.base = base.to_owned();
        Ok(server)
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Fails when the server has exited.
    pub fn check_alive(&mut self) -> anyhow::Result<()> {
        match self.child.try_wait() {
            Ok(None) => Ok(()),
            Ok(Some(status)) => bail!("dxp serve exited ({status}); its errors are above"),
            Err(error) => bail!("cannot check on dxp serve: {error}"),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What `/proc` tells about a process and the machine (Linux only; `None` elsewhere).
pub mod proc {
    use std::sync::OnceLock;

    /// The process's peak resident set size since it started, in KiB.
    pub fn peak_rss_kib(pid: u32) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmHWM:"))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
    }

    /// CPU seconds the process has used, user and system.
    pub fn cpu_seconds(pid: u32) -> Option<f64> {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        // Fields after the command name, which is in parentheses and may hold spaces: the
        // state is field 3 of proc(5), utime 14 and stime 15.
        let (_, rest) = stat.rsplit_once(')')?;
        let fields: Vec<&str> = rest.split_whitespace().collect();
        let utime: u64 = fields.get(11)?.parse().ok()?;
        let stime: u64 = fields.get(12)?.parse().ok()?;
        Some((utime + stime) as f64 / clock_ticks())
    }

    /// The machine's busy and total CPU time so far, in clock ticks summed over its cores.
    pub fn machine_ticks() -> Option<(u64, u64)> {
        let stat = std::fs::read_to_string("/proc/stat").ok()?;
        let line = stat.lines().next()?.strip_prefix("cpu ")?;
        let values: Vec<u64> = line
            .split_whitespace()
            .take(8)
            .filter_map(|value| value.parse().ok())
            .collect();
        if values.len() < 8 {
            return None;
        }
        let total: u64 = values.iter().sum();
        // idle and iowait
        let idle = values[3] + values[4];
        Some((total - idle, total))
    }

    /// The CPU seconds used so far by the PostgreSQL backends connected to `database` (their
    /// process title names it), summed; backends that ended are not counted.
    pub fn postgres_cpu_seconds(database: &str) -> f64 {
        let Ok(entries) = std::fs::read_dir("/proc") else {
            return 0.0;
        };
        let mut total = 0.0;
        for entry in entries.flatten() {
            let Some(pid) = entry
                .file_name()
                .to_str()
                .and_then(|n| n.parse::<u32>().ok())
            else {
                continue;
            };
            let Ok(cmdline) = std::fs::read(format!("/proc/{pid}/cmdline")) else {
                continue;
            };
            let title = String::from_utf8_lossy(&cmdline);
            if title.starts_with("postgres: ") && title.contains(database) {
                total += cpu_seconds(pid).unwrap_or(0.0);
            }
        }
        total
    }

    /// The one-minute load average.
    pub fn load_average() -> Option<f64> {
        std::fs::read_to_string("/proc/loadavg")
            .ok()?
            .split_whitespace()
            .next()?
            .parse()
            .ok()
    }

    fn clock_ticks() -> f64 {
        static TICKS: OnceLock<f64> = OnceLock::new();
        *TICKS.get_or_init(|| {
            std::process::Command::new("getconf")
                .arg("CLK_TCK")
                .output()
                .ok()
                .and_then(|out| String::from_utf8(out.stdout).ok())
                .and_then(|text| text.trim().parse().ok())
                .filter(|ticks: &f64| *ticks > 0.0)
                .unwrap_or(100.0)
        })
    }
}

/// CPU use over a stretch of time: the server's CPU seconds, the CPU seconds of the PostgreSQL
/// processes serving its database, and the machine's busy share.
pub struct CpuMeter<'a> {
    pid: u32,
    database: Option<&'a str>,
    server: Option<f64>,
    postgres: Option<f64>,
    machine: Option<(u64, u64)>,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct CpuUse {
    /// The server process's CPU seconds.
    pub server_seconds: Option<f64>,
    /// The CPU seconds of the PostgreSQL backends connected to the benchmark database.
    pub postgres_seconds: Option<f64>,
    /// Of all the machine's cores, the share busy (any process), 0 to 1.
    pub machine_busy: Option<f64>,
}

impl<'a> CpuMeter<'a> {
    /// `database`: the PostgreSQL database whose backends to count, if any.
    pub fn start(pid: u32, database: Option<&'a str>) -> Self {
        Self {
            pid,
            database,
            server: proc::cpu_seconds(pid),
            postgres: database.map(proc::postgres_cpu_seconds),
            machine: proc::machine_ticks(),
        }
    }

    pub fn stop(self) -> CpuUse {
        let server = match (self.server, proc::cpu_seconds(self.pid)) {
            (Some(before), Some(after)) => Some(after - before),
            _ => None,
        };
        let postgres = match (self.postgres, self.database) {
            (Some(before), Some(database)) => {
                Some((proc::postgres_cpu_seconds(database) - before).max(0.0))
            }
            _ => None,
        };
        let machine = match (self.machine, proc::machine_ticks()) {
            (Some((busy0, total0)), Some((busy1, total1))) if total1 > total0 => {
                Some((busy1 - busy0) as f64 / (total1 - total0) as f64)
            }
            _ => None,
        };
        CpuUse {
            server_seconds: server,
            postgres_seconds: postgres,
            machine_busy: machine,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Tokens

#[derive(Serialize)]
struct Claims<'a> {
    sub: &'a str,
    org: i64,
    roles: [&'a str; 1],
    iss: &'a str,
    aud: &'a str,
    exp: u64,
    iat: u64,
}

/// A `teo-submitter` token for the organisation, for `sub`, valid for a day, signed with
/// [`SECRET`].
pub fn token(sub: &str, org: i64) -> anyhow::Result<String> {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .context("the clock is before 1970")?
        .as_secs();
    let claims = Claims {
        sub,
        org,
        roles: ["teo-submitter"],
        iss: "dxp",
        aud: "dxp-api",
        exp: now + 24 * 3600,
        iat: now,
    };
    jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(SECRET.as_bytes()),
    )
    .context("signing the token")
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

/// A fresh PostgreSQL database for the benchmark, dropped when this is dropped.
pub struct PgDatabase {
    admin_url: String,
    pub name: String,
    pub url: String,
}

impl PgDatabase {
    pub fn create(admin_url: &str) -> anyhow::Result<Self> {
        let (address, query) = match admin_url.split_once('?') {
            Some((address, query)) => (address, format!("?{query}")),
            None => (admin_url, String::new()),
        };
        let Some((server, _)) = address
            .rsplit_once('/')
            .filter(|(server, _)| server.contains("://"))
        else {
            bail!(
                "{} is not a postgres://HOST/DATABASE URL",
                redact(admin_url)
            );
        };
        let mut conn = diesel::PgConnection::establish(admin_url)?;
        let name = format!("dxp_bench_{}", uuid::Uuid::new_v4().simple());
        diesel::sql_query(format!("CREATE DATABASE {name}")).execute(&mut conn)?;
        Ok(Self {
            admin_url: admin_url.to_owned(),
            url: format!("{server}/{name}{query}"),
            name,
        })
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let dropped = diesel::PgConnection::establish(&self.admin_url)
            .map_err(anyhow::Error::from)
            .and_then(|mut conn| {
                diesel::sql_query(format!(
                    "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                    self.name
                ))
                .execute(&mut conn)
                .map_err(anyhow::Error::from)
            });
        if let Err(error) = dropped {
            eprintln!(
                "{NAME}: could not drop the benchmark database {}: {error:#}",
                self.name
            );
        }
    }
}

/// A URL without its user and password.
pub fn redact(url: &str) -> String {
    match (url.split_once("://"), url.rsplit_once('@')) {
        (Some((scheme, _)), Some((_, host))) => format!("{scheme}://…@{host}"),
        _ => url.to_owned(),
    }
}

// ---------------------------------------------------------------------------------------------
// Output

pub fn rate(records: usize, elapsed: Duration) -> f64 {
    records as f64 / elapsed.as_secs_f64().max(f64::MIN_POSITIVE)
}

/// A count with thousands separators.
pub fn group(value: usize) -> String {
    let digits = value.to_string();
    let mut out = String::new();
    for (at, digit) in digits.chars().enumerate() {
        if at > 0 && (digits.len() - at).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

pub fn group_rate(value: f64) -> String {
    group(value.round().max(0.0) as usize)
}

pub fn seconds(elapsed: Duration) -> String {
    format!("{:.1}", elapsed.as_secs_f64())
}

pub fn millis(elapsed: Duration) -> String {
    format!("{:.0}", elapsed.as_secs_f64() * 1e3)
}

pub fn cpu_cell(cpu: CpuUse) -> String {
    let mut cell = match cpu.server_seconds {
        Some(server) => format!("{server:.1}"),
        None => "?".to_owned(),
    };
    if let Some(postgres) = cpu.postgres_seconds {
        let _ = write!(cell, " + {postgres:.1}");
    }
    match cpu.machine_busy {
        Some(busy) => {
            let _ = write!(cell, " s / {:.0}%", busy * 100.0);
        }
        None => cell.push_str(" s / ?"),
    }
    cell
}

/// Prints rows as a Markdown table with right-aligned columns (the first three left).
pub fn print_table(header: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (at, cell) in row.iter().enumerate() {
            if let Some(width) = widths.get_mut(at) {
                *width = (*width).max(cell.chars().count());
            }
        }
    }
    let line = |cells: Vec<String>| {
        let mut out = String::from("|");
        for (at, cell) in cells.iter().enumerate() {
            let width = widths.get(at).copied().unwrap_or(0);
            if at < 3 {
                let _ = write!(out, " {cell:<width$} |");
            } else {
                let _ = write!(out, " {cell:>width$} |");
            }
        }
        out
    };
    println!("{}", line(header.iter().map(|h| (*h).to_owned()).collect()));
    let rule: Vec<String> = widths
        .iter()
        .enumerate()
        .map(|(at, width)| {
            if at < 3 {
                format!(":{}", "-".repeat(width.saturating_sub(1)))
            } else {
                format!("{}:", "-".repeat(width.saturating_sub(1)))
            }
        })
        .collect();
    let mut out = String::from("|");
    for cell in rule {
        let _ = write!(out, " {cell} |");
    }
    println!("{out}");
    for row in rows {
        println!("{}", line(row.clone()));
    }
}

/// The machine and the binary, for the record.
pub fn print_machine(dxp: &Path) {
    let cores = thread::available_parallelism().map_or(0, usize::from);
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find_map(|line| line.strip_prefix("model name"))
                .map(|rest| rest.trim_start_matches([' ', '\t', ':']).to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find_map(|line| line.strip_prefix("MemTotal:"))
                .and_then(|rest| {
                    rest.trim()
                        .trim_end_matches("kB")
                        .trim()
                        .parse::<f64>()
                        .ok()
                })
        })
        .map_or_else(
            || "? GiB".to_owned(),
            |kib| format!("{:.1} GiB", kib / 1024.0 / 1024.0),
        );
    let built = std::fs::metadata(dxp)
        .and_then(|meta| meta.modified())
        .ok()
        .map(|at| chrono::DateTime::<chrono::Utc>::from(at).format("%Y-%m-%d %H:%M UTC"))
        .map_or_else(|| "?".to_owned(), |at| at.to_string());
    println!(
        "{NAME}, {}: {cores} cores ({cpu}), {memory} memory",
        chrono::Utc::now().format("%Y-%m-%d %H:%M UTC")
    );
    println!("server: {} (built {built})", dxp.display());
}
