use crate::helpers::{Backend, Database, TestServer, dxp, json_ok};
use crate::on_both_backends;

fn run_failing(args: &[&str], env: &[(&str, &str)]) -> String {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut command = dxp();
    command
        .args(args)
        .env("DXP_DATA_DIR", dir.path())
        .env_remove("DATABASE_URL");
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().expect("run dxp");
    assert_eq!(
        output.status.code(),
        Some(2),
        "expected exit code 2 for {args:?}"
    );
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn an_unsupported_database_scheme_names_the_two_that_work() {
    let stderr = run_failing(
        &["migrate"],
        &[("DATABASE_URL", "mysql://root@localhost/dxp")],
    );
    assert!(stderr.contains("'mysql'"), "{stderr}");
    assert!(
        stderr.contains("sqlite://") && stderr.contains("postgres://"),
        "{stderr}"
    );
    let stderr = run_failing(
        &[
            "serve",
            "--database-url",
            "dxp.sqlite3",
            "--bind",
            "127.0.0.1:0",
        ],
        &[],
    );
    assert!(stderr.contains("no scheme"), "{stderr}");
}

#[test]
fn unusable_verification_keys_stop_the_server_with_a_clear_error() {
    let stderr = run_failing(
        &["serve", "--bind", "127.0.0.1:0"],
        &[("DXP_JWT_PUBLIC_KEY_FILES", "/no/such/key.pem")],
    );
    assert!(
        stderr.contains("DXP_JWT_PUBLIC_KEY_FILES")
            && stderr.contains("cannot read /no/such/key.pem"),
        "{stderr}"
    );
    let not_a_key = tempfile::NamedTempFile::new().expect("file");
    std::fs::write(not_a_key.path(), "not a key").expect("write");
    let stderr = run_failing(
        &["serve", "--bind", "127.0.0.1:0"],
        &[("DXP_JWT_JWKS_FILE", &not_a_key.path().display().to_string())],
    );
    assert!(stderr.contains("is not a JSON Web Key Set"), "{stderr}");
}

#[test]
fn bad_settings_are_reported_clearly() {
    let stderr = run_failing(
        &["serve", "--bind", "127.0.0.1:0"],
        &[("RUST_LOG", "info,=[")],
    );
    assert!(stderr.contains("RUST_LOG"), "{stderr}");
    let stderr = run_failing(&["serve", "--bind", "not-an-address"], &[]);
    assert!(
        stderr.contains("cannot listen on not-an-address"),
        "{stderr}"
    );
    let stderr = run_failing(
        &["serve", "--bind", "127.0.0.1:0"],
        &[("DXP_JWT_SECRET", "short")],
    );
    assert!(stderr.contains("at least 32 bytes"), "{stderr}");
    let stderr = run_failing(&["token", "--role", "teo-submitter"], &[]);
    assert!(stderr.contains("--org"), "{stderr}");
    let output = dxp()
        .args(["token", "--org", "6004", "--role", "owner"])
        .output()
        .expect("run dxp");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown role"));
}

/// The path a new user takes: `dxp token` with no secret configured writes one into the data
/// folder, and the server started on the same folder accepts its tokens.
fn dxp_token_is_accepted_by_the_server(backend: Backend) {
    let server = TestServer::start_with(backend, &[("DXP_JWT_SECRET", "")]);
    let output = dxp()
        .args(["token", "--org", "6004", "--role", "teo-submitter"])
        .env("DXP_DATA_DIR", server.database.data_dir.path())
        .env_remove("DXP_JWT_SECRET")
        .output()
        .expect("run dxp token");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let token = String::from_utf8(output.stdout)
        .expect("UTF-8")
        .trim()
        .to_owned();
    let body = json_ok(server.get("/api/v1/rounds?year=2026", Some(&token)));
    assert_eq!(body["results"].as_array().map(Vec::len), Some(4));
}

fn migrate_applies_once_and_is_then_a_no_op(backend: Backend) {
    let database = Database::new(backend);
    let migrate = || {
        let output = dxp()
            .args(["migrate", "--database-url", &database.url])
            .env("DXP_DATA_DIR", database.data_dir.path())
            .env("RUST_LOG", "warn")
            .output()
            .expect("run dxp migrate");
        assert!(
            output.status.success(),
            "dxp migrate ended with {} ({:?}); stdout {:?}; stderr {:?}",
            output.status,
            std::os::unix::process::ExitStatusExt::signal(&output.status),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("UTF-8")
    };
    let first = migrate();
    assert!(
        first.starts_with("27 migration(s) applied, 12 round(s) created"),
        "{first}"
    );
    let second = migrate();
    assert!(
        second.starts_with("0 migration(s) applied, 0 round(s) created"),
        "{second}"
    );
}

on_both_backends!(
    dxp_token_is_accepted_by_the_server,
    migrate_applies_once_and_is_then_a_no_op
);

/// Kills the child process when dropped, so a failing test leaves no server behind.
struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `dxp sandbox` comes up with what it promises: a description for scripts, tokens that work,
/// this year's round open and the sample return in Draft, ready to validate; and a restart
/// begins again from the same state.
#[test]
fn the_sandbox_starts_with_a_sample_return_ready_to_validate() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let start = || {
        let description = dir.path().join("sandbox.json");
        let _ = std::fs::remove_file(&description);
        let child = dxp()
            .args(["sandbox", "--bind", "127.0.0.1:0"])
            .env("DXP_DATA_DIR", dir.path())
            .env("RUST_LOG", "warn")
            .env_remove("DATABASE_URL")
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("start dxp sandbox");
        let running = Running(child);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while !description.exists() {
            assert!(std::time::Instant::now() < deadline, "no sandbox.json");
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let text = std::fs::read_to_string(&description).expect("sandbox.json");
        let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        (running, value)
    };
    let (running, sandbox) = start();
    let base = sandbox["baseUrl"].as_str().expect("baseUrl").to_owned();
    let token = sandbox["tokens"]["teo-submitter"].as_str().expect("token");
    let draft = sandbox["draftSubmission"].as_str().expect("draft");
    let client = reqwest::blocking::Client::new();
    let get = |path: &str, token: &str| {
        json_ok(
            client
                .get(format!("{base}{path}"))
                .bearer_auth(token)
                .send()
                .expect("GET"),
        )
    };
    let submission = get(&format!("/api/v1/submissions/{draft}"), token);
    assert_eq!(submission["status"], "Draft");
    assert_eq!(submission["organisation"], 6004);
    assert_eq!(submission["round"], sandbox["round"]);
    assert!(submission["recordCounts"]["courseEnrolments"].as_i64() > Some(0));
    let due = get("/api/v1/due", token);
    assert!(
        due["results"]
            .as_array()
            .expect("results")
            .iter()
            .any(|item| item["round"] == sandbox["round"] && item["state"] == "Open"),
        "{due}"
    );
    let viewer = sandbox["tokens"]["teo-viewer"].as_str().expect("viewer");
    assert_eq!(
        get(&format!("/api/v1/submissions/{draft}"), viewer)["id"],
        draft
    );
    let admin = sandbox["tokens"]["tec-admin"].as_str().expect("admin");
    get("/api/v1/audit-events", admin);
    let validate = client
        .post(format!("{base}/api/v1/submissions/{draft}/validate"))
        .bearer_auth(token)
        .send()
        .expect("validate");
    assert_eq!(validate.status().as_u16(), 202);
    // Its machine account signs in as the funder's logon takes it.
    let account = &sandbox["machineAccount"];
    let signed_in = client
        .post(sandbox["tokenUrl"].as_str().expect("tokenUrl"))
        .basic_auth(
            account["clientId"].as_str().expect("clientId"),
            account["clientSecret"].as_str(),
        )
        .form(&[("grant_type", "client_credentials"), ("org_id", "6004")])
        .send()
        .expect("token");
    let machine = json_ok(signed_in)["access_token"]
        .as_str()
        .expect("access_token")
        .to_owned();
    assert_eq!(
        get(&format!("/api/v1/submissions/{draft}"), &machine)["id"],
        draft
    );
    drop(running);

    let (_running, again) = start();
    assert_ne!(
        again["draftSubmission"], sandbox["draftSubmission"],
        "a fresh database"
    );
}
