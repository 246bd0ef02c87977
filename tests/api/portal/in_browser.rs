//! The portal in a real browser (headless Chromium), as a data officer new to it would use it:
//! upload the sample return as CSV, watch validation finish, open a problem, fix the record in
//! the webform, validate again, lodge the EFTS forecast, submit; someone of another
//! organisation sees none of it. Every page is screenshot into `target/portal-screenshots/`
//! and checked with axe-core. And the sandbox's sign-in page, clicked through.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use dxp_domain::SdrFile;
use fantoccini::Locator;

use super::{DATA_OFFICER, OTHER_DATA_OFFICER, Person, sealed_session};
use crate::browser::Browser;
use crate::helpers::{Backend, TestServer, dxp, repo_root};
use crate::on_both_backends;

on_both_backends!(a_data_officer_sends_a_return_in_the_browser);

const VALIDATION: Duration = Duration::from_secs(60);

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime")
}

/// The sample return's CSV files in `folder`, with learner LRN-6004-000001 born in 2099 (a
/// mistake to find and fix).
fn sample_files(folder: &Path) -> Vec<String> {
    SdrFile::EVERY
        .iter()
        .map(|file| {
            let name = format!("{}6004.CSV", file.csv_prefix());
            let mut text =
                std::fs::read_to_string(repo_root().join("examples/data/csv").join(&name))
                    .expect("a sample file");
            if *file == SdrFile::Learners {
                text = text.replacen(
                    "LRN-6004-000001,S004000001,F,04/12/2005",
                    "LRN-6004-000001,S004000001,F,04/12/2099",
                    1,
                );
            }
            let path = folder.join(&name);
            std::fs::write(&path, text).expect("write a sample file");
            path.display().to_string()
        })
        .collect()
}

async fn sign_in_as(browser: &Browser, person: &Person) {
    browser.goto("/sign-in").await;
    browser
        .client
        .delete_all_cookies()
        .await
        .expect("forget cookies");
    let mut cookie = fantoccini::cookies::Cookie::new("dxp-session", sealed_session(person));
    cookie.set_path("/");
    cookie.set_domain("127.0.0.1");
    cookie.set_same_site(cookie::SameSite::Lax);
    browser
        .client
        .add_cookie(cookie)
        .await
        .expect("the session cookie");
}

/// Uploads `paths` with the page's upload form and waits for the page after.
async fn upload(browser: &Browser, paths: &[String]) {
    let input = browser
        .client
        .find(Locator::Css("#files"))
        .await
        .expect("the file input");
    input
        .send_keys(&paths.join("\n"))
        .await
        .expect("choose the files");
    browser.click_text("Upload").await;
    browser
        .wait_for_text("records read", Duration::from_secs(30))
        .await;
}

async fn validate(browser: &Browser, verdict: &str) {
    browser.click_text("Validate").await;
    browser.wait_for_text(verdict, VALIDATION).await;
}

fn a_data_officer_sends_a_return_in_the_browser(backend: Backend) {
    let server = TestServer::start(backend);
    let folder = tempfile::tempdir().expect("a folder");
    let files = sample_files(folder.path());
    let prefix = match backend {
        Backend::Sqlite => "sqlite-",
        Backend::Postgres => "postgres-",
    };
    runtime().block_on(async {
        let Some(browser) = Browser::open(&server.base).await else {
            return;
        };
        let shot = |name: &str| format!("{prefix}{name}");

        browser.goto("/").await;
        assert_eq!(browser.path().await, "/sign-in", "sign in first");
        browser.check_page(&shot("sign-in")).await;

        sign_in_as(&browser, &DATA_OFFICER).await;
        browser.goto("/").await;
        browser
            .wait_for_text("What is due", Duration::from_secs(10))
            .await;
        browser.check_page(&shot("dashboard")).await;

        // From the dashboard straight to the April return.
        browser
            .click_text("Start the return: April 2026 Single Data Return")
            .await;
        browser.check_page(&shot("start-a-return")).await;
        browser.click_text("Start").await;
        browser
            .wait_for_text("Upload files", Duration::from_secs(10))
            .await;
        let submission = browser.path().await;
        browser.check_page(&shot("return-draft")).await;

        let (forecast_file, return_files) = files.split_last().expect("six files");
        upload(&browser, return_files).await;
        browser.check_page(&shot("return-uploaded")).await;
        validate(&browser, "Validated with errors").await;
        browser.check_page(&shot("return-rejected")).await;

        // The problem, its rule, and the record in the webform.
        browser.click_text("Edit record LRN-6004-000001").await;
        browser
            .wait_for_text("Date of Birth", Duration::from_secs(10))
            .await;
        browser.check_page(&shot("webform-record")).await;
        browser.fill("#f-dateOfBirth", "04/12/2005").await;
        browser.click_text("Save the record").await;
        browser
            .wait_for_text("Record LRN-6004-000001 saved", Duration::from_secs(10))
            .await;
        browser.goto(&format!("{submission}/problems")).await;
        browser.check_page(&shot("problems")).await;
        browser.goto(&submission).await;
        validate(&browser, "Validated with no errors").await;
        browser.check_page(&shot("return-processed")).await;

        // The EFTS forecast the round asks for first, then the return.
        browser.goto("/data-submissions/new?round=2026-APR").await;
        browser.click("#type-forecast").await;
        browser.click_text("Start").await;
        browser
            .wait_for_text("Upload files", Duration::from_secs(10))
            .await;
        upload(&browser, std::slice::from_ref(forecast_file)).await;
        validate(&browser, "Validated with no errors").await;
        browser.click_text("Submit to the TEC").await;
        browser.check_page(&shot("confirm-submit")).await;
        browser.click_text("Yes, submit to the TEC").await;
        browser
            .wait_for_text("Submitted to the TEC on", Duration::from_secs(10))
            .await;

        browser.goto(&submission).await;
        browser.click_text("Submit to the TEC").await;
        browser.click_text("Yes, submit to the TEC").await;
        browser
            .wait_for_text("Submitted to the TEC on", Duration::from_secs(10))
            .await;
        browser.check_page(&shot("return-submitted")).await;
        browser.goto("/data-submissions").await;
        browser.check_page(&shot("data-submissions")).await;
        browser.goto("/guides/sending-a-return").await;
        browser.check_page(&shot("guide")).await;

        // Another organisation's data officer: nothing of 6004's.
        sign_in_as(&browser, &OTHER_DATA_OFFICER).await;
        browser.goto("/data-submissions").await;
        let list = browser.text().await;
        assert!(!list.contains("April 2026 Single Data Return"), "{list}");
        browser.goto(&submission).await;
        browser
            .wait_for_text("Page not found", Duration::from_secs(10))
            .await;
        assert!(!browser.text().await.contains("LRN-6004"));
        browser.check_page(&shot("not-found")).await;
        browser.close().await;
    });
}

/// The sandbox as a new user meets it: open it, sign in as the demo data officer with a
/// click, and find the sample return waiting on the dashboard. (The sandbox keeps its own
/// SQLite database by design, so this one runs on SQLite.)
#[test]
fn the_sandbox_signs_in_with_a_click() {
    let data = tempfile::tempdir().expect("a data folder");
    let description = data.path().join("sandbox.json");
    let _sandbox = Stopped(
        dxp()
            .args(["sandbox", "--bind", "127.0.0.1:0"])
            .env("DXP_DATA_DIR", data.path())
            .env("RUST_LOG", "warn")
            .env_remove("DATABASE_URL")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the sandbox"),
    );
    // The sandbox writes its description once it takes requests.
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while !description.exists() {
        assert!(std::time::Instant::now() < deadline, "no sandbox.json");
        std::thread::sleep(Duration::from_millis(100));
    }
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&description).expect("sandbox.json"))
            .expect("JSON");
    let base = written["baseUrl"].as_str().expect("baseUrl").to_owned();
    runtime().block_on(async {
        let Some(browser) = Browser::open(&base).await else {
            return;
        };
        browser.goto("/").await;
        browser
            .wait_for_text("Sandbox: sign in as a demo user", Duration::from_secs(10))
            .await;
        browser.check_page("sandbox-sign-in").await;
        browser.click_text("Sign in as Aroha Ngata").await;
        browser
            .wait_for_text("Kia ora, Aroha Ngata", Duration::from_secs(10))
            .await;
        let dashboard = browser.text().await;
        assert!(dashboard.contains("Continue the return"), "{dashboard}");
        browser.check_page("sandbox-dashboard").await;
        browser.click_text("Sign out").await;
        browser
            .wait_for_text("You have signed out", Duration::from_secs(10))
            .await;
        browser.close().await;
    });
}

/// A process stopped when the test ends, however it ends.
struct Stopped(std::process::Child);

impl Drop for Stopped {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

on_both_backends!(every_page_passes_the_accessibility_check);

/// Every page of the portal, as a data officer and as the funder's staff see it, with data on
/// it: no serious or critical accessibility violation (axe-core), each screenshot kept.
fn every_page_passes_the_accessibility_check(backend: Backend) {
    let server = TestServer::start(backend);
    super::areas::note(&server, &DATA_OFFICER);
    let document = super::areas::funder_document(
        &server,
        &serde_json::json!({
            "documentType": "commitment-template",
            "title": "2027 Mix of Provision template",
            "action": "to-action",
            "dueOn": "2026-05-29",
            "organisations": [6004],
        }),
        "Mix of Provision 2027.pdf",
    );
    let document = document["id"].as_str().expect("an id").to_owned();
    let officer = super::Browser::signed_in(&server, &DATA_OFFICER);
    let submission = super::pages::start(&officer, "Return");
    super::pages::upload(
        &officer,
        &submission,
        &[SdrFile::Learners, SdrFile::Courses],
    );
    let records = format!("{submission}/files/learners/records");
    let mop = super::commitments::provision(&server, "ace-in-schools", Some("3625"));
    let epic = super::commitments::provision(&server, "epic", None);
    let prefix = match backend {
        Backend::Sqlite => "sqlite-a11y-",
        Backend::Postgres => "postgres-a11y-",
    };
    let officer_pages = [
        ("dashboard", "/".to_owned()),
        ("submissions", "/data-submissions".to_owned()),
        (
            "new-return",
            "/data-submissions/new?round=2026-APR".to_owned(),
        ),
        ("return", submission.clone()),
        ("problems", format!("{submission}/problems")),
        ("cancel", format!("{submission}/cancel")),
        ("records", records.clone()),
        ("record", format!("{records}/LRN-6004-000001")),
        ("new-record", format!("{records}/new")),
        ("rule", "/rules/LR-009".to_owned()),
        ("documents", "/documents".to_owned()),
        ("document", format!("/documents/{document}")),
        ("registers", "/registers".to_owned()),
        ("change-requests", "/registers/change-requests".to_owned()),
        (
            "course-differences",
            format!(
                "/registers/differences/{}",
                submission.rsplit('/').next().unwrap_or_default()
            ),
        ),
        ("commitments", "/commitments".to_owned()),
        ("commitment-mop", format!("/commitments/{mop}")),
        ("commitment-epic", format!("/commitments/{epic}")),
        ("commitment-history", format!("/commitments/{mop}/history")),
        ("notifications", "/notifications".to_owned()),
        ("settings", "/settings".to_owned()),
        ("people", "/settings/people".to_owned()),
        ("guides", "/guides".to_owned()),
        ("guide-webform", "/guides/keying-in-records".to_owned()),
    ];
    let funder_pages = [
        ("funder", "/funder".to_owned()),
        ("funder-round", "/funder/rounds/2026-APR".to_owned()),
        ("funder-new-document", "/documents/new".to_owned()),
        (
            "funder-documents",
            "/documents?organisation=6004".to_owned(),
        ),
        (
            "funder-people",
            "/settings/people?organisation=6004".to_owned(),
        ),
        ("funder-submissions", "/data-submissions".to_owned()),
        (
            "funder-registers",
            "/registers?organisation=6004".to_owned(),
        ),
        (
            "funder-change-requests",
            "/registers/change-requests".to_owned(),
        ),
        ("funder-insights", "/insights?organisation=6004".to_owned()),
        ("funder-commitments", "/commitments".to_owned()),
        ("funder-commitment-mop", format!("/commitments/{mop}")),
    ];
    runtime().block_on(async {
        let Some(browser) = Browser::open(&server.base).await else {
            return;
        };
        for (person, pages) in [
            (&DATA_OFFICER, &officer_pages[..]),
            (&super::FUNDER, &funder_pages[..]),
        ] {
            sign_in_as(&browser, person).await;
            for (name, path) in pages {
                browser.goto(path).await;
                // The page itself, not a sign-in or error page in its place.
                let shown = browser.path().await;
                assert_eq!(shown, path.split('?').next().unwrap_or_default(), "{name}");
                let text = browser.text().await;
                assert!(
                    ![
                        "Page not found",
                        "Something went wrong",
                        "You cannot open this page",
                        "That could not be done"
                    ]
                    .iter()
                    .any(|error| text.contains(error)),
                    "{path}: {text}"
                );
                browser.check_page(&format!("{prefix}{name}")).await;
            }
        }
        browser.close().await;
    });
}
