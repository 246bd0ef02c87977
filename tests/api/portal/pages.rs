//! The data submission pages, as a signed-in browser gets them: a data officer starts a
//! return, uploads its CSV files, validates, reads the problems, fixes a record in the webform,
//! lodges the EFTS forecast and submits; a viewer reads but changes nothing; another
//! organisation's people see none of it; forms without the session's token are refused.

use std::time::{Duration, Instant};

use dxp_domain::SdrFile;
use reqwest::blocking::multipart::{Form, Part};

use super::{Browser, CSRF, DATA_OFFICER, FUNDER, OTHER_DATA_OFFICER, VIEWER, location};
use crate::helpers::{Backend, TestServer, repo_root};
use crate::on_both_backends;

on_both_backends!(
    a_data_officer_sends_a_return_from_the_browser,
    a_record_is_fixed_in_the_webform,
    other_organisations_and_viewers_change_and_see_nothing,
    forms_need_the_sessions_token_and_pages_need_a_sign_in,
);

const ORG: i64 = 6004;

fn sample_csv(file: SdrFile) -> (String, Vec<u8>) {
    let name = format!("{}{ORG}.CSV", file.csv_prefix());
    let bytes = std::fs::read(repo_root().join("examples/data/csv").join(&name)).expect("sample");
    (name, bytes)
}

/// Starts a submission of `kind` in the April 2026 round; its page's path.
pub(super) fn start(browser: &Browser, kind: &str) -> String {
    let page = browser.page("/data-submissions/new?round=2026-APR");
    assert!(page.contains("What are you sending?"), "{page}");
    location(&browser.post(
        "/data-submissions",
        &[("round", "2026-APR"), ("type", kind)],
    ))
}

/// Uploads files through the page's upload form; the page shown after.
pub(super) fn upload(browser: &Browser, submission: &str, files: &[SdrFile]) -> String {
    let mut form = Form::new().text("csrf", CSRF);
    for file in files {
        let (name, bytes) = sample_csv(*file);
        form = form.part(
            "files",
            Part::bytes(bytes)
                .file_name(name)
                .mime_str("text/csv")
                .expect("mime"),
        );
    }
    let response = browser.post_multipart(&format!("{submission}/files"), form);
    assert_eq!(location(&response), submission);
    browser.page(submission)
}

/// Validates and waits, as the page's progress bar does, until the validation has finished;
/// the page then.
fn validate(browser: &Browser, submission: &str) -> String {
    assert_eq!(
        location(&browser.post(&format!("{submission}/validate"), &[])),
        submission
    );
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let progress = browser.get(&format!("{submission}/progress"));
        assert_eq!(progress.status().as_u16(), 200);
        // Finished: the fragment tells htmx to reload the page.
        if progress.headers().contains_key("hx-refresh") {
            return browser.page(submission);
        }
        let fragment = progress.text().expect("fragment");
        assert!(fragment.contains("<progress"), "{fragment}");
        assert!(Instant::now() < deadline, "validation did not finish");
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn a_data_officer_sends_a_return_from_the_browser(backend: Backend) {
    let server = TestServer::start(backend);
    let officer = Browser::signed_in(&server, &DATA_OFFICER);

    let dashboard = officer.page("/");
    assert!(dashboard.contains("What is due"), "{dashboard}");
    assert!(dashboard.contains("April 2026 Single Data Return"));
    assert!(dashboard.contains("/data-submissions/new?round=2026-APR"));
    assert!(
        !dashboard.contains("POST /api"),
        "the dashboard speaks to people, not programs: {dashboard}"
    );

    let submission = start(&officer, "Return");
    let page = upload(&officer, &submission, &SdrFile::ALL);
    assert!(
        page.contains("LEAR6004.CSV: 12 records read, 12 stored"),
        "{page}"
    );
    assert!(page.contains("Draft"));

    let page = validate(&officer, &submission);
    assert!(page.contains("id=\"status\">Processed</span>"), "{page}");
    assert!(page.contains("Submit to the TEC"));

    // The return has provision the EFTS forecast covers: lodging it first is a round rule.
    let confirm = officer.page(&format!("{submission}/submit"));
    assert!(confirm.contains("cannot be changed"), "{confirm}");
    let refused = officer.post(&format!("{submission}/submit"), &[]);
    assert_eq!(refused.status().as_u16(), 422);
    let words = refused.text().expect("page");
    assert!(words.contains("RD-010"), "{words}");

    let forecast = start(&officer, "EftsForecast");
    let page = upload(&officer, &forecast, &[SdrFile::EftsForecasts]);
    assert!(page.contains("EFTSFCST6004.CSV"), "{page}");
    let page = validate(&officer, &forecast);
    assert!(page.contains("id=\"status\">Processed</span>"), "{page}");
    assert_eq!(
        location(&officer.post(&format!("{forecast}/submit"), &[])),
        forecast
    );

    assert_eq!(
        location(&officer.post(&format!("{submission}/submit"), &[])),
        submission
    );
    let page = officer.page(&submission);
    assert!(page.contains("id=\"status\">Submitted</span>"), "{page}");
    assert!(page.contains("Submitted to the TEC on"), "{page}");
    assert!(
        page.contains("Processed → Submitted"),
        "the history: {page}"
    );
    assert!(
        !page.contains(">Validate</button>"),
        "nothing left to change: {page}"
    );

    let list = officer.page("/data-submissions");
    assert!(list.contains("April 2026 Single Data Return"));
    assert!(list.contains("EFTS forecast beside the April 2026 Single Data Return"));

    // The funder sees it among every organisation's.
    let funder = Browser::signed_in(&server, &FUNDER);
    let list = funder.page("/data-submissions");
    assert!(list.contains(&submission), "{list}");
    assert!(list.contains("6004"));
}

fn a_record_is_fixed_in_the_webform(backend: Backend) {
    let server = TestServer::start(backend);
    let officer = Browser::signed_in(&server, &DATA_OFFICER);
    let submission = start(&officer, "Return");
    upload(&officer, &submission, &SdrFile::ALL);

    // A learner born in the future: the page lists the problem with a link to the record.
    let records = format!("{submission}/files/learners/records");
    let list = officer.page(&records);
    assert!(list.contains("LRN-6004-000001"), "{list}");
    let form = officer.page(&format!("{records}/LRN-6004-000001"));
    assert!(
        form.contains("value=\"04/12/2005\""),
        "the stored date of birth: {form}"
    );
    assert!(
        form.contains("for=\"f-dateOfBirth\""),
        "a label for each field"
    );
    let mut fields = form_values(&form);
    set(&mut fields, "dateOfBirth", "04/12/2099");
    let saved = officer.post(&records, &as_pairs(&fields));
    let record_page = location(&saved);
    let form = officer.page(&record_page);
    assert!(
        form.contains("aria-invalid=\"true\""),
        "the field is marked: {form}"
    );
    assert!(
        form.contains("saved with") && !form.contains("saved with 0 errors"),
        "{form}"
    );
    assert!(form.contains("LR-009"), "the rule beside its field: {form}");
    let page = validate(&officer, &submission);
    assert!(page.contains("id=\"status\">Rejected</span>"), "{page}");
    assert!(
        page.contains("Edit record"),
        "each problem links to its record: {page}"
    );
    let problems = officer.page(&format!(
        "{submission}/problems?file=learners&severity=error"
    ));
    assert!(problems.contains("LRN-6004-000001"), "{problems}");
    let rule = problems
        .split("href=\"/rules/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a rule link")
        .to_owned();
    let explained = officer.page(&format!("/rules/{rule}"));
    assert!(explained.contains("What it requires"), "{explained}");
    let csv = officer.get(&format!("{submission}/problems.csv?severity=error"));
    assert_eq!(
        csv.headers()["content-type"].to_str().unwrap_or_default(),
        "text/csv; charset=utf-8"
    );
    let csv = csv.text().expect("csv");
    assert!(
        csv.starts_with("File,Local id,Learner,Field,Rule,Severity,Message"),
        "{csv}"
    );
    assert!(csv.contains("LRN-6004-000001"));

    // Put back: the return passes again.
    set(&mut fields, "dateOfBirth", "04/12/2005");
    location(&officer.post(&records, &as_pairs(&fields)));
    let page = validate(&officer, &submission);
    assert!(page.contains("id=\"status\">Processed</span>"), "{page}");

    // A value that is not a date: refused, the form keeps what was typed, nothing is stored.
    set(&mut fields, "dateOfBirth", "31/02/2005");
    set(&mut fields, "gender", "X");
    let refused = officer.post(&records, &as_pairs(&fields));
    assert_eq!(
        refused.status().as_u16(),
        200,
        "the form again, not a redirect"
    );
    let form = refused.text().expect("page");
    assert!(
        form.contains("value=\"31/02/2005\""),
        "what was typed is kept: {form}"
    );
    assert!(form.contains("value=\"X\""), "{form}");
    assert!(form.contains("not a real calendar date"), "{form}");
    assert!(form.contains("The record was not saved"), "{form}");
    let stored = officer.page(&format!("{records}/LRN-6004-000001"));
    assert!(
        stored.contains("value=\"04/12/2005\""),
        "nothing stored: {stored}"
    );

    // A coded field offers its code list; a flag, yes or no.
    let enrolment = officer.page(&format!("{submission}/files/course-enrolments/records/new"));
    assert!(
        enrolment.contains("<select id=\"f-intramuralExtramuralAttendance\""),
        "{enrolment}"
    );
    assert!(enrolment.contains("<option value=\"1\">1: "), "{enrolment}");

    // A new record, then deleted.
    let mut new = form_values(&officer.page(&format!("{records}/new")));
    set(&mut new, "localId", "LRN-NEW-1");
    set(&mut new, "studentIdentificationCode", "S-NEW-1");
    location(&officer.post(&records, &as_pairs(&new)));
    assert!(officer.page(&records).contains("LRN-NEW-1"));
    assert_eq!(
        location(&officer.post(&format!("{records}/LRN-NEW-1/delete"), &[])),
        records
    );
    let list = officer.page(&records);
    assert!(!list.contains(">LRN-NEW-1<"), "{list}");
    assert!(list.contains("Record LRN-NEW-1 deleted."));
}

fn other_organisations_and_viewers_change_and_see_nothing(backend: Backend) {
    let server = TestServer::start(backend);
    let officer = Browser::signed_in(&server, &DATA_OFFICER);
    let submission = start(&officer, "Return");
    upload(&officer, &submission, &[SdrFile::Learners]);

    let other = Browser::signed_in(&server, &OTHER_DATA_OFFICER);
    let list = other.page("/data-submissions");
    assert!(!list.contains(&submission), "{list}");
    for path in [
        submission.clone(),
        format!("{submission}/problems"),
        format!("{submission}/problems.csv"),
        format!("{submission}/progress"),
        format!("{submission}/files/learners/records"),
        format!("{submission}/files/learners/records/LRN-6004-000001"),
    ] {
        let response = other.get(&path);
        assert_eq!(response.status().as_u16(), 404, "{path}");
        let body = response.text().expect("page");
        assert!(body.contains("Page not found"), "{path}: {body}");
        assert!(!body.contains("LRN-6004"), "{path}");
    }
    for path in [
        format!("{submission}/validate"),
        format!("{submission}/cancel"),
        format!("{submission}/files/learners/records/LRN-6004-000001/delete"),
    ] {
        assert_eq!(other.post(&path, &[]).status().as_u16(), 404, "{path}");
    }

    let viewer = Browser::signed_in(&server, &VIEWER);
    let page = viewer.page(&submission);
    assert!(!page.contains(">Validate</button>"), "{page}");
    assert!(!page.contains("Upload files"));
    assert_eq!(
        viewer
            .post(&format!("{submission}/validate"), &[])
            .status()
            .as_u16(),
        403
    );
    let form = viewer.page(&format!(
        "{submission}/files/learners/records/LRN-6004-000001"
    ));
    assert!(form.contains("readonly"), "{form}");
    assert!(!form.contains("Save the record"));
    // Still Draft: nothing the others did changed it.
    assert!(
        officer
            .page(&submission)
            .contains("id=\"status\">Draft</span>")
    );
}

fn forms_need_the_sessions_token_and_pages_need_a_sign_in(backend: Backend) {
    let server = TestServer::start(backend);
    let officer = Browser::signed_in(&server, &DATA_OFFICER);
    let submission = start(&officer, "Return");
    let forged = officer.post(
        &format!("{submission}/validate"),
        &[("csrf", "not-the-token")],
    );
    assert_eq!(forged.status().as_u16(), 403);
    assert!(
        forged
            .text()
            .expect("page")
            .contains("This form has expired")
    );
    let no_token_upload = officer.post_multipart(
        &format!("{submission}/files"),
        Form::new().part(
            "files",
            Part::bytes(b"Local ID\r\n".to_vec()).file_name("LEAR6004.CSV"),
        ),
    );
    assert_eq!(no_token_upload.status().as_u16(), 403);
    // The token after a file is too late: nothing of the form is read before it.
    let token_after_the_file = officer.post_multipart(
        &format!("{submission}/files"),
        Form::new()
            .part(
                "files",
                Part::bytes(b"Local ID\r\n".to_vec()).file_name("LEAR6004.CSV"),
            )
            .text("csrf", CSRF),
    );
    assert_eq!(token_after_the_file.status().as_u16(), 403);
    for not_the_token in ["", &CSRF[..10]] {
        let refused = officer.post(
            &format!("{submission}/validate"),
            &[("csrf", not_the_token)],
        );
        assert_eq!(refused.status().as_u16(), 403, "{not_the_token:?}");
    }
    assert!(
        officer
            .page(&submission)
            .contains("id=\"status\">Draft</span>")
    );

    // A session lasts a working day by the server's clock.
    server.set_clock("2026-04-20T21:59:00+12:00");
    assert!(
        officer.get("/").status().is_success(),
        "9 h 59 min after signing in"
    );
    server.set_clock("2026-04-20T22:01:00+12:00");
    assert_eq!(
        location(&officer.get("/")),
        "/sign-in?next=%2F",
        "10 h 1 min after"
    );
    server.set_clock(crate::helpers::DEFAULT_TEST_TIME);
    let officer = Browser::signed_in(&server, &DATA_OFFICER);

    let stranger = Browser::anonymous(&server);
    let response = stranger.get(&submission);
    assert_eq!(
        location(&response),
        format!("/sign-in?next={}", submission.replace('/', "%2F"))
    );
    // An unknown page: the portal's page for a browser, problem+json for a program.
    let missing = officer.get("/no-such-page");
    assert_eq!(missing.status().as_u16(), 404);
    assert!(missing.text().expect("page").contains("Page not found"));
    let api = server.get("/api/v1/no-such-thing", None);
    assert_eq!(api.status().as_u16(), 404);
    assert_eq!(
        api.headers()["content-type"].to_str().unwrap_or_default(),
        "application/problem+json"
    );
    // Every page is ours alone: scripts and styles from this site only.
    let page = officer.get("/");
    let policy = page.headers()["content-security-policy"]
        .to_str()
        .unwrap_or_default()
        .to_owned();
    assert!(policy.contains("script-src 'self'"), "{policy}");
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    assert_eq!(page.headers()["cache-control"], "no-store");
}

/// The form's fields and their values, in order: text inputs and selected options.
fn form_values(html: &str) -> Vec<(String, String)> {
    let mut values = Vec::new();
    for input in html.split("<input").skip(1) {
        let tag = input.split('>').next().unwrap_or_default();
        let (Some(name), value) = (attribute(tag, "name"), attribute(tag, "value")) else {
            continue;
        };
        if name != "csrf" {
            values.push((name, value.unwrap_or_default()));
        }
    }
    for select in html.split("<select").skip(1) {
        let tag = select.split('>').next().unwrap_or_default();
        let Some(name) = attribute(tag, "name") else {
            continue;
        };
        let body = select.split("</select>").next().unwrap_or_default();
        let chosen = body
            .split("<option")
            .find(|option| option.contains(" selected"))
            .and_then(|option| attribute(option, "value"))
            .unwrap_or_default();
        values.push((name, chosen));
    }
    values
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = tag[start..].find('"')? + start;
    Some(
        tag[start..end]
            .replace("&#34;", "\"")
            .replace("&amp;", "&")
            .replace("&#39;", "'"),
    )
}

fn set(fields: &mut [(String, String)], name: &str, value: &str) {
    let field = fields
        .iter_mut()
        .find(|(field, _)| field == name)
        .unwrap_or_else(|| panic!("no field {name}"));
    field.1 = value.to_owned();
}

fn as_pairs(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect()
}
