//! Faults: the server killed (SIGKILL) in the middle of an upload and of a validation, the
//! PostgreSQL server restarted under a running node, and a database with no room left. Nothing
//! is lost or half written, and the service recovers by itself.

use std::io::Write;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use dxp_domain::SdrFile;
use dxp_domain::testkit;
use serde_json::{Value, json};

use crate::client::{ORG, Teo};
use crate::helpers::{Backend, Database, TestServer, admin_token, json_ok, postgres_available};
use crate::on_both_backends;

fn learners(submission: &Value) -> i64 {
    submission["recordCounts"]["learners"]
        .as_i64()
        .unwrap_or_else(|| panic!("no learner count: {submission}"))
}

/// Sends the head of an upload of `records` and half its body, then stops: the server is
/// reading the body, and its transaction has begun, when the test kills it.
fn start_upload_and_stall(
    server: &TestServer,
    token: &str,
    id: &str,
    records: &[String],
) -> TcpStream {
    let body = format!("{{\"records\":[{}]}}", records.join(","));
    let address = server.base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(address).expect("connect");
    write!(
        stream,
        "POST /api/v1/submissions/{id}/learners HTTP/1.1\r\nHost: {address}\r\n\
         Authorization: Bearer {token}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n",
        body.len()
    )
    .expect("send the head");
    stream
        .write_all(&body.as_bytes()[..body.len() / 2])
        .expect("send half the body");
    stream.flush().expect("flush");
    stream
}

/// Killed mid-upload, the upload leaves nothing: after a restart the submission has exactly the
/// records it had before, and the same upload sent again is stored whole.
fn a_server_killed_mid_upload_leaves_the_submission_untouched(backend: Backend) {
    let server = TestServer::start(backend);
    let teo = Teo::new(&server, ORG);
    let id = teo.open("2026-APR");
    let first = testkit::valid_return(41, 5).learners;
    teo.upload_file(&id, SdrFile::Learners, &first);
    let before = teo.submission(&id);
    assert_eq!(learners(&before), 5);

    let many = testkit::valid_return(42, 10_000).learners;
    let _stalled = start_upload_and_stall(&server, &teo.token, &id, &many);
    std::thread::sleep(Duration::from_millis(500));
    let database = server.kill();

    let server = TestServer::start_on(database, &[]);
    let teo = Teo::new(&server, ORG);
    let after = teo.submission(&id);
    assert_eq!(after["recordCounts"], before["recordCounts"], "{after}");
    assert_eq!(after["status"], "Draft");
    let page = json_ok(teo.get(&format!("/api/v1/submissions/{id}/learners?limit=1000")));
    assert_eq!(page["results"].as_array().map(Vec::len), Some(5), "{page}");

    let report = json_ok(teo.upload_file(&id, SdrFile::Learners, &many));
    assert_eq!(report["received"], 10_000, "{report}");
    assert_eq!(learners(&teo.submission(&id)), 5 + 10_000);
}

/// Killed mid-validation, the job is taken again by the restarted node once its lease expires
/// and gives the verdict a single run gives: every record checked, each problem once.
fn a_server_killed_mid_validation_resumes_the_job_after_a_restart(backend: Backend) {
    let lease = [("DXP_VALIDATION_LEASE_SECONDS", "2")];
    let server = TestServer::start_with(backend, &lease);
    let teo = Teo::new(&server, ORG);
    let id = teo.open("2026-APR");
    let records = testkit::valid_return(43, 4_000);
    teo.upload_return(&id, &records);
    // Three learners with a gender code that does not exist: three LR-008 problems, no more.
    let wrong: Vec<String> = records.learners[..3]
        .iter()
        .map(|learner| {
            let mut value: Value = serde_json::from_str(learner).expect("JSON");
            value["gender"] = json!("X");
            value.to_string()
        })
        .collect();
    teo.upload_file(&id, SdrFile::Learners, &wrong);
    let queued = teo.post(&format!("/api/v1/submissions/{id}/validate"), &json!({}));
    assert_eq!(queued.status().as_u16(), 202);

    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let submission = teo.submission(&id);
        let status = submission["status"].as_str().unwrap_or_default().to_owned();
        if status == "Validating" {
            break;
        }
        assert!(
            status == "Queued" && Instant::now() < deadline,
            "the validation was not seen running (status {status}); the test needs a larger return"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    let database = server.kill();

    let server = TestServer::start_on(database, &lease);
    let teo = Teo::new(&server, ORG);
    let deadline = Instant::now() + Duration::from_secs(120);
    let verdict = loop {
        let submission = teo.submission(&id);
        if matches!(
            submission["status"].as_str(),
            Some("Processed" | "Rejected")
        ) {
            break submission;
        }
        assert!(
            Instant::now() < deadline,
            "no verdict after a restart: {submission}"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_eq!(verdict["status"], "Rejected", "{verdict}");
    assert_eq!(verdict["errorCount"], 3, "each problem once: {verdict}");
    let total = verdict["progress"]["recordsTotal"]
        .as_i64()
        .expect("progress");
    assert_eq!(verdict["progress"]["recordsChecked"], total, "{verdict}");
    let problems = json_ok(teo.get(&format!("/api/v1/submissions/{id}/problems?severity=error")));
    let fields: Vec<&str> = problems["results"]
        .as_array()
        .expect("problems")
        .iter()
        .filter_map(|problem| problem["field"].as_str())
        .collect();
    assert_eq!(fields, ["gender", "gender", "gender"], "{problems}");
    let audit = json_ok(server.get(
        &format!("/api/v1/audit-events?subject={id}"),
        Some(&admin_token()),
    ));
    assert!(
        audit["results"]
            .as_array()
            .expect("events")
            .iter()
            .any(|event| event["action"] == "submission.validation-resumed"),
        "the resumption is in the audit log: {audit}"
    );
}

on_both_backends!(
    a_server_killed_mid_upload_leaves_the_submission_untouched,
    a_server_killed_mid_validation_resumes_the_job_after_a_restart,
);

/// A PostgreSQL server of the test's own (initdb in a temporary folder, on a free port), so
/// that it can be stopped and started without touching the one the other tests share.
struct OwnPostgres {
    bin: PathBuf,
    folder: tempfile::TempDir,
    port: u16,
    /// initdb and the server refuse to run as root: as root, they run as the postgres user.
    as_root: bool,
}

impl OwnPostgres {
    /// `None` when this machine has no PostgreSQL server programs (or cannot run them as the
    /// `postgres` user); CI's machine has both, and `DXP_REQUIRE_POSTGRES=1` makes that a failure.
    fn start() -> Option<Self> {
        let bin = std::fs::read_dir("/usr/lib/postgresql")
            .ok()?
            .filter_map(Result::ok)
            .map(|entry| entry.path().join("bin"))
            .filter(|bin| bin.join("pg_ctl").exists())
            .max()?;
        let folder = tempfile::tempdir().ok()?;
        let data = folder.path().join("data");
        let as_root = Command::new("id").arg("-u").output().ok()?.stdout == b"0\n";
        if as_root {
            // The cluster belongs to the postgres user.
            let chown = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(folder.path())
                .status()
                .ok()?;
            assert!(chown.success(), "chown the cluster's folder");
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .ok()?
            .local_addr()
            .ok()?
            .port();
        let own = Self {
            bin,
            folder,
            port,
            as_root,
        };
        let init = own
            .command("initdb")
            .args(["-A", "trust", "-U", "postgres", "--no-sync", "-D"])
            .arg(&data)
            .output()
            .ok()?;
        assert!(
            init.status.success(),
            "initdb: {}",
            String::from_utf8_lossy(&init.stderr)
        );
        own.pg_ctl("start");
        Some(own)
    }

    fn command(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        if self.as_root {
            let mut command = Command::new("runuser");
            command.args(["-u", "postgres", "--"]).arg(path);
            command
        } else {
            Command::new(path)
        }
    }

    fn pg_ctl(&self, action: &str) {
        let mut command = self.command("pg_ctl");
        command
            .args(["-D"])
            .arg(self.folder.path().join("data"))
            .args(["-l"])
            .arg(self.folder.path().join("log"))
            .args(["-w", "-t", "60"]);
        match action {
            "start" => {
                command.args(["-o"]).arg(format!(
                    "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
                    self.port,
                    self.folder.path().display()
                ));
                command.arg("start");
            }
            // As a crash would: no shutdown checkpoint, connections cut at once.
            "crash" => {
                command.args(["-m", "immediate", "stop"]);
            }
            other => panic!("unknown pg_ctl action {other}"),
        }
        let output = command.output().expect("run pg_ctl");
        assert!(
            output.status.success(),
            "pg_ctl {action}: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }

    fn url(&self, database: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{database}", self.port)
    }
}

impl Drop for OwnPostgres {
    fn drop(&mut self) {
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.pg_ctl("crash")));
    }
}

fn wait_for_status(
    server: &TestServer,
    path: &str,
    token: &str,
    status: u16,
) -> reqwest::blocking::Response {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let response = server.get(path, Some(token));
        if response.status().as_u16() == status {
            return response;
        }
        assert!(
            Instant::now() < deadline,
            "{path} did not answer {status} within 60 s; it answers {}",
            response.status()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// PostgreSQL restarted under a running node: while it is down, requests get 503 problem+json
/// with Retry-After (never a 500), nothing is half written, and once it is back the node serves
/// again without a restart.
#[test]
fn postgresql_restarted_gives_503_then_the_node_recovers_by_itself() {
    if !postgres_available() {
        return;
    }
    let Some(postgres) = OwnPostgres::start() else {
        assert!(
            std::env::var("DXP_REQUIRE_POSTGRES").is_err(),
            "DXP_REQUIRE_POSTGRES=1 but no PostgreSQL server programs under /usr/lib/postgresql"
        );
        eprintln!("*** SKIPPED: no PostgreSQL server programs to start a private server ***");
        return;
    };
    {
        use diesel::{Connection, RunQueryDsl};
        let mut admin =
            diesel::PgConnection::establish(&postgres.url("postgres")).expect("connect");
        diesel::sql_query("CREATE DATABASE dxp")
            .execute(&mut admin)
            .expect("create");
    }
    let database = Arc::new(Database::at(postgres.url("dxp")));
    let server = TestServer::start_on(database, &[]);
    let teo = Teo::new(&server, ORG);
    let id = teo.open("2026-APR");
    teo.upload_file(
        &id,
        SdrFile::Learners,
        &testkit::valid_return(44, 5).learners,
    );
    let path = format!("/api/v1/submissions/{id}");

    postgres.pg_ctl("crash");
    let down = wait_for_status(&server, &path, &teo.token, 503);
    assert!(
        down.headers().contains_key("retry-after"),
        "{:?}",
        down.headers()
    );
    let problem: Value = down.json().expect("problem+json");
    assert_eq!(problem["type"], "urn:dxp:problem:unavailable", "{problem}");
    let upload = teo.upload_file(
        &id,
        SdrFile::Learners,
        &testkit::valid_return(45, 5).learners,
    );
    assert_eq!(
        upload.status().as_u16(),
        503,
        "an upload while the database is down"
    );
    let health = server.get("/health", None);
    assert_eq!(health.status().as_u16(), 503);

    postgres.pg_ctl("start");
    let back = wait_for_status(&server, &path, &teo.token, 200);
    let submission: Value = back.json().expect("JSON");
    assert_eq!(
        learners(&submission),
        5,
        "nothing lost, nothing half written: {submission}"
    );
    let report = json_ok(teo.upload_file(
        &id,
        SdrFile::Learners,
        &testkit::valid_return(46, 5).learners,
    ));
    assert_eq!(report["received"], 5);
    assert_eq!(learners(&teo.submission(&id)), 10);
    assert_eq!(server.get("/health", None).status().as_u16(), 200);
}

/// A small file system of the test's own, for a database that runs out of room. Needs root
/// (mount); `None` elsewhere.
struct SmallDisk {
    folder: tempfile::TempDir,
}

impl SmallDisk {
    fn mount(megabytes: u32) -> Option<Self> {
        let folder = tempfile::tempdir().ok()?;
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={megabytes}m"), "tmpfs"])
            .arg(folder.path())
            .output()
            .ok()?;
        mounted.status.success().then_some(Self { folder })
    }

    fn path(&self) -> &Path {
        self.folder.path()
    }

    fn resize(&self, megabytes: u32) {
        let status = Command::new("mount")
            .args(["-o", &format!("remount,size={megabytes}m")])
            .arg(self.folder.path())
            .status()
            .expect("remount");
        assert!(status.success(), "remount the small disk");
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount")
            .arg("-l")
            .arg(self.folder.path())
            .status();
    }
}

/// A SQLite database whose disk fills: the upload that does not fit is refused with 507
/// problem+json and leaves nothing, reads keep working, and once there is room again the same
/// upload is stored, without a restart.
#[test]
fn a_full_disk_refuses_writes_clearly_and_keeps_serving_reads() {
    let Some(disk) = SmallDisk::mount(8) else {
        eprintln!("*** SKIPPED: mounting a small file system needs root ***");
        return;
    };
    let database = Arc::new(Database::sqlite_in(disk.path()));
    let server = TestServer::start_on(database, &[]);
    let teo = Teo::new(&server, ORG);
    let id = teo.open("2026-APR");
    let mut stored = 0;
    let refused = (0..200u64)
        .find_map(|batch| {
            let records = testkit::valid_return(1_000 + batch, 2_000).learners;
            let response = teo.upload_file(&id, SdrFile::Learners, &records);
            match response.status().as_u16() {
                200 => {
                    stored += records.len() as i64;
                    None
                }
                _ => Some((response, records)),
            }
        })
        .expect("the small disk filled up");
    let (response, records) = refused;
    assert_eq!(response.status().as_u16(), 507, "a full disk is not a 500");
    assert!(response.headers().contains_key("retry-after"));
    let problem: Value = response.json().expect("problem+json");
    assert_eq!(
        problem["type"], "urn:dxp:problem:insufficient-storage",
        "{problem}"
    );
    assert!(
        !problem["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("SQLITE"),
        "{problem}"
    );
    assert_eq!(
        learners(&teo.submission(&id)),
        stored,
        "the refused upload left nothing"
    );

    disk.resize(256);
    let report = json_ok(teo.upload_file(&id, SdrFile::Learners, &records));
    assert_eq!(report["received"], records.len());
    assert_eq!(
        learners(&teo.submission(&id)),
        stored + records.len() as i64
    );
}

/// A SQLite database on a read-only disk stops the server at start with the reason, at once
/// (SQLite itself says only "unable to open database file", after the pool's timeout).
#[test]
fn a_read_only_database_stops_the_server_with_a_clear_error() {
    let Some(disk) = SmallDisk::mount(16) else {
        eprintln!("*** SKIPPED: mounting a small file system needs root ***");
        return;
    };
    let url = format!("sqlite://{}", disk.path().join("dxp.sqlite3").display());
    let data = tempfile::tempdir().expect("temporary folder");
    let migrated = crate::helpers::dxp()
        .arg("migrate")
        .env("DATABASE_URL", &url)
        .env("DXP_DATA_DIR", data.path())
        .output()
        .expect("dxp migrate");
    assert!(
        migrated.status.success(),
        "{}",
        String::from_utf8_lossy(&migrated.stderr)
    );
    let status = Command::new("mount")
        .args(["-o", "remount,ro"])
        .arg(disk.path())
        .status()
        .expect("remount read-only");
    assert!(status.success());
    let started = Instant::now();
    let output = crate::helpers::dxp()
        .args(["serve", "--bind", "127.0.0.1:0"])
        .env("DATABASE_URL", &url)
        .env("DXP_DATA_DIR", data.path())
        .env("DXP_JWT_SECRET", crate::helpers::SECRET)
        .output()
        .expect("dxp serve");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("cannot be written") && stderr.contains("Read-only file system"),
        "{stderr}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "it waited for the pool's timeout"
    );
}
