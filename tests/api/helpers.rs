//! Starting servers on either backend, minting tokens, and small HTTP helpers.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use diesel::{Connection, RunQueryDsl};
use serde::Serialize;
use serde_json::Value;

/// The secret every test server signs with; tests mint their own tokens with it.
pub const SECRET: &str = "test-secret-that-is-at-least-32-bytes-long";
pub const ISSUER: &str = "dxp";
pub const AUDIENCE: &str = "dxp-api";

/// The binary under test.
pub fn dxp() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dxp"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Declares a test that runs once per backend: `on_both_backends!(name);` turns
/// `fn name(backend: Backend)` into `name::sqlite` and `name::postgres`.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[test]
            fn sqlite() {
                super::$name($crate::helpers::Backend::Sqlite);
            }
            #[test]
            fn postgres() {
                if $crate::helpers::postgres_available() {
                    super::$name($crate::helpers::Backend::Postgres);
                }
            }
        }
    )*};
}

/// The PostgreSQL server to create test databases on: `DATABASE_URL` when it names one,
/// otherwise the local server.
pub fn postgres_admin_url() -> String {
    match std::env::var("DATABASE_URL") {
        Ok(url) if url.starts_with("postgres") => url,
        _ => "postgres://postgres@127.0.0.1:5432/postgres".to_owned(),
    }
}

/// Whether the PostgreSQL tests run. When the server cannot be reached they are skipped with a
/// loud message, unless `DXP_REQUIRE_POSTGRES=1` (set by CI), which turns that into a failure.
pub fn postgres_available() -> bool {
    static AVAILABLE: OnceLock<bool> = OnceLock::new();
    *AVAILABLE.get_or_init(|| {
        let url = postgres_admin_url();
        let reachable = diesel::PgConnection::establish(&url);
        let required = std::env::var("DXP_REQUIRE_POSTGRES").is_ok_and(|v| v == "1");
        match reachable {
            Ok(_) => {
                // Written past the test harness's capture, so that it shows in every run.
                let _ = writeln!(std::io::stderr(), "\n*** PostgreSQL tests RUN against {} ***\n", redact(&url));
                true
            }
            Err(error) if required => {
                panic!("PostgreSQL is required (DXP_REQUIRE_POSTGRES=1) but {} is unreachable: {error}", redact(&url))
            }
            Err(error) => {
                let _ = writeln!(
                    std::io::stderr(),
                    "\n*** PostgreSQL tests SKIPPED: {} is unreachable ({error}). Only SQLite was tested. ***\n",
                    redact(&url)
                );
                false
            }
        }
    })
}

fn redact(url: &str) -> String {
    match (url.split_once("://"), url.split_once('@')) {
        (Some((scheme, _)), Some((_, host))) => format!("{scheme}://…@{host}"),
        _ => url.to_owned(),
    }
}

/// A fresh PostgreSQL database, dropped when this is dropped.
pub struct TestDatabase {
    pub name: String,
    pub url: String,
}

impl TestDatabase {
    pub fn create() -> Self {
        let admin = postgres_admin_url();
        let name = format!("dxp_test_{}", uuid::Uuid::new_v4().simple());
        let mut conn = diesel::PgConnection::establish(&admin).expect("connect to PostgreSQL");
        diesel::sql_query(format!("CREATE DATABASE {name}"))
            .execute(&mut conn)
            .expect("create test database");
        let (base, _) = admin.rsplit_once('/').expect("a PostgreSQL URL has a path");
        Self {
            url: format!("{base}/{name}"),
            name,
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Ok(mut conn) = diesel::PgConnection::establish(&postgres_admin_url()) {
            let _ = diesel::sql_query(format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ))
            .execute(&mut conn);
        }
    }
}

/// A database for one test, on either backend.
pub struct Database {
    pub url: String,
    pub data_dir: tempfile::TempDir,
    _postgres: Option<TestDatabase>,
}

impl Database {
    pub fn new(backend: Backend) -> Self {
        let data_dir = tempfile::tempdir().expect("temporary folder");
        match backend {
            Backend::Sqlite => {
                let url = format!("sqlite://{}", data_dir.path().join("dxp.sqlite3").display());
                Self {
                    url,
                    data_dir,
                    _postgres: None,
                }
            }
            Backend::Postgres => {
                let db = TestDatabase::create();
                Self {
                    url: db.url.clone(),
                    data_dir,
                    _postgres: Some(db),
                }
            }
        }
    }

    /// A database the test made itself (a PostgreSQL server of its own, say), at `url`.
    pub fn at(url: String) -> Self {
        Self {
            url,
            data_dir: tempfile::tempdir().expect("temporary folder"),
            _postgres: None,
        }
    }

    /// A SQLite database in `folder` (a file system of the test's own, say).
    pub fn sqlite_in(folder: &Path) -> Self {
        Self::at(format!("sqlite://{}", folder.join("dxp.sqlite3").display()))
    }

    /// Runs one statement on the test's own connection, beside the server's. On SQLite it waits
    /// out the server's write transactions (a validator polling for jobs takes one every few
    /// hundred milliseconds) as the server's own connections do.
    pub fn execute(&self, sql: &str) {
        match self.url.strip_prefix("sqlite://") {
            Some(path) => {
                let mut conn = diesel::SqliteConnection::establish(path).expect("open SQLite");
                diesel::sql_query("PRAGMA busy_timeout = 10000")
                    .execute(&mut conn)
                    .expect("busy timeout");
                diesel::sql_query(sql).execute(&mut conn).expect(sql);
            }
            None => {
                let mut conn = diesel::PgConnection::establish(&self.url).expect("open PostgreSQL");
                diesel::sql_query(sql).execute(&mut conn).expect(sql);
            }
        }
    }
}

/// The time a test server starts at: inside the 2026 April round (17–29 April).
pub const DEFAULT_TEST_TIME: &str = "2026-04-20T12:00:00+12:00";

/// The portal's session secret on the test servers (the portal tests make its cookies).
pub const SESSION_SECRET: &str = "test-session-secret-of-at-least-32-bytes-long";

/// A running `dxp serve`, killed when dropped.
pub struct TestServer {
    pub base: String,
    child: Child,
    // Dropped after the child is killed (field order), so the database outlives the server.
    // Shared, so that several nodes can run on one database.
    pub database: Arc<Database>,
    client: reqwest::blocking::Client,
}

impl TestServer {
    pub fn start(backend: Backend) -> Self {
        Self::start_with(backend, &[])
    }

    /// Starts a server with extra environment variables; an empty value removes the variable.
    pub fn start_with(backend: Backend, env: &[(&str, &str)]) -> Self {
        Self::start_on(Arc::new(Database::new(backend)), env)
    }

    /// Starts a server on an existing database (another node, or a restart). Its clock is read
    /// from a file in the data folder ([`TestServer::set_clock`]); until a test sets it, it is
    /// noon on 20 April 2026 in New Zealand, inside the April round.
    pub fn start_on(database: Arc<Database>, env: &[(&str, &str)]) -> Self {
        let clock = database.data_dir.path().join("clock");
        if !clock.exists() {
            std::fs::write(&clock, DEFAULT_TEST_TIME).expect("write the clock file");
        }
        let mut command = dxp();
        command
            .env("DXP_CLOCK_FILE", &clock)
            .args(["serve", "--bind", "127.0.0.1:0", "--workers", "2"])
            .env("DATABASE_URL", &database.url)
            .env("DXP_DATA_DIR", database.data_dir.path())
            .env("DXP_JWT_SECRET", SECRET)
            .env("DXP_SESSION_SECRET", SESSION_SECRET)
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        for (key, value) in env {
            if value.is_empty() {
                command.env_remove(key);
            } else {
                command.env(key, value);
            }
        }
        let mut child = command.spawn().expect("start dxp serve");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("read the listening line");
        let base = line
            .trim()
            .strip_prefix("dxp listening on ")
            .unwrap_or_else(|| panic!("dxp serve did not start; it printed {line:?}"))
            .to_owned();
        let client = reqwest::blocking::Client::builder()
            .timeout(Duration::from_secs(60))
            .build()
            .expect("HTTP client");
        Self {
            base,
            child,
            database,
            client,
        }
    }

    /// Sets the server's clock (RFC 3339, e.g. `2026-04-29T16:59:59+12:00`).
    pub fn set_clock(&self, instant: &str) {
        std::fs::write(self.database.data_dir.path().join("clock"), instant)
            .expect("write the clock file");
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn get(&self, path: &str, token: Option<&str>) -> reqwest::blocking::Response {
        let mut request = self.client.get(self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().expect("GET")
    }

    pub fn client(&self) -> &reqwest::blocking::Client {
        &self.client
    }
}

/// A running `dxp worker` (validators only), killed when dropped.
pub struct TestWorker {
    child: Child,
    _database: Arc<Database>,
}

impl TestWorker {
    pub fn start_on(database: Arc<Database>, validators: usize) -> Self {
        Self::start_with(database, validators, &[])
    }

    /// A worker with extra environment variables.
    pub fn start_with(database: Arc<Database>, validators: usize, env: &[(&str, &str)]) -> Self {
        let mut command = dxp();
        command
            .args(["worker", "--validators", &validators.to_string()])
            .env("DATABASE_URL", &database.url)
            .env("DXP_DATA_DIR", database.data_dir.path())
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        for (key, value) in env {
            command.env(key, value);
        }
        let mut child = command.spawn().expect("start dxp worker");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("read the start line");
        assert!(
            line.starts_with("dxp worker "),
            "dxp worker did not start; it printed {line:?}"
        );
        Self {
            child,
            _database: database,
        }
    }
}

impl Drop for TestWorker {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl TestServer {
    /// Kills the server at once (as a crash would) and hands back its database.
    pub fn kill(mut self) -> Arc<Database> {
        let _ = self.child.kill();
        let _ = self.child.wait();
        Arc::clone(&self.database)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The claims the tests put in tokens; fields can be left out or altered to test refusal.
#[derive(Debug, Clone, Serialize)]
pub struct TestClaims {
    pub sub: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub org: Option<i64>,
    pub roles: Vec<String>,
    pub iss: String,
    pub aud: String,
    pub exp: u64,
    pub iat: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_secs()
}

impl TestClaims {
    pub fn new(org: Option<i64>, role: &str) -> Self {
        Self {
            sub: "test-user".to_owned(),
            org,
            roles: vec![role.to_owned()],
            iss: ISSUER.to_owned(),
            aud: AUDIENCE.to_owned(),
            exp: now() + 600,
            iat: now(),
            email: None,
        }
    }

    pub fn sign(&self) -> String {
        self.sign_with(SECRET.as_bytes())
    }

    pub fn sign_with(&self, secret: &[u8]) -> String {
        jsonwebtoken::encode(
            &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
            self,
            &jsonwebtoken::EncodingKey::from_secret(secret),
        )
        .expect("sign token")
    }
}

/// A valid token for an organisation and role.
pub fn token(org: i64, role: &str) -> String {
    TestClaims::new(Some(org), role).sign()
}

/// A token of a person, `subject`, of an organisation, with their email address.
pub fn person_token(subject: &str, org: i64, role: &str, email: &str) -> String {
    TestClaims {
        sub: subject.to_owned(),
        email: Some(email.to_owned()),
        ..TestClaims::new(Some(org), role)
    }
    .sign()
}

pub fn admin_token() -> String {
    TestClaims::new(None, "tec-admin").sign()
}

/// Asserts a problem+json response with this status, and returns its body.
pub fn expect_problem(response: reqwest::blocking::Response, status: u16) -> Value {
    assert_eq!(response.status().as_u16(), status, "status");
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert_eq!(content_type, "application/problem+json");
    let body: Value = response.json().expect("a JSON problem body");
    assert_eq!(body["status"], status);
    for key in ["type", "title", "detail"] {
        assert!(body[key].is_string(), "problem lacks {key}: {body}");
    }
    body
}

pub fn json_ok(response: reqwest::blocking::Response) -> Value {
    let status = response.status();
    let text = response.text().expect("body");
    assert!(
        status.is_success(),
        "expected success, got {status}: {text}"
    );
    serde_json::from_str(&text).expect("JSON body")
}

/// The repository's root.
pub fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}
