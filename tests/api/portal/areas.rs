//! The portal's documents, notifications, settings, people and funder pages, through the
//! server on both backends: what a person of one organisation sees and does, what another
//! organisation never sees, what a refused form keeps, and that every change needs the
//! session's CSRF token.
//!
//! People are noted as DXP notes them on a sign-in: by a request of theirs to the API
//! (`GET /api/v1/me`), since the test browsers are signed in by their cookie alone.

use dxp_domain::testkit;
use reqwest::blocking::multipart::{Form, Part};
use serde_json::{Value, json};

use super::{Browser, CSRF, DATA_OFFICER, FUNDER, OTHER_DATA_OFFICER, Person, VIEWER, location};
use crate::client::Teo;
use crate::helpers::{Backend, TestServer, admin_token, json_ok, person_token};
use crate::on_both_backends;

const PDF: &[u8] =
    b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// The API token of a person of an organisation, as their identity provider would sign it.
fn token_of(person: &Person) -> String {
    person_token(
        person.subject,
        person.organisation.expect("a person of an organisation"),
        person.roles[0],
        &format!("{}@teo.test", person.subject),
    )
}

/// Notes the person as signed in, as their first request does.
pub(super) fn note(server: &TestServer, person: &Person) {
    json_ok(server.get("/api/v1/me", Some(&token_of(person))));
}

/// A document the funder makes available through the API, with one PDF.
pub(super) fn funder_document(server: &TestServer, details: &Value, file: &str) -> Value {
    let form = Form::new()
        .part(
            "document",
            Part::text(details.to_string())
                .mime_str("application/json")
                .expect("media type"),
        )
        .part("file", Part::bytes(PDF.to_vec()).file_name(file.to_owned()));
    let response = server
        .client()
        .post(server.url("/api/v1/documents"))
        .bearer_auth(admin_token())
        .multipart(form)
        .send()
        .expect("POST document");
    assert_eq!(response.status().as_u16(), 201, "status");
    response.json().expect("a document")
}

/// Whether the input with this id is ticked.
fn ticked(html: &str, id: &str) -> bool {
    let start = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no input {id}"));
    let tag_start = html[..start].rfind('<').expect("a tag");
    let tag_end = start + html[start..].find('>').expect("the tag's end");
    html[tag_start..tag_end].contains(" checked")
}

/// Asserts that a form sent with another token than the session's is refused as stale.
fn refused_without_the_token(browser: &Browser<'_>, path: &str, fields: &[(&str, &str)]) {
    let mut forged = fields.to_vec();
    forged.push(("csrf", "not-the-session-token"));
    let response = browser.post(path, &forged);
    assert_eq!(response.status().as_u16(), 403, "POST {path}");
    let body = response.text().expect("the page");
    assert!(body.contains("This form has expired"), "{body}");
}

/// The text of a response, which must have this status.
fn answered(response: reqwest::blocking::Response, status: u16) -> String {
    let got = response.status().as_u16();
    let body = response.text().expect("the page");
    assert_eq!(got, status, "{body}");
    body
}

fn a_funder_document_reaches_its_organisation_only_and_is_actioned_there(backend: Backend) {
    let server = TestServer::start(backend);
    for person in [&DATA_OFFICER, &VIEWER, &OTHER_DATA_OFFICER] {
        note(&server, person);
    }
    let document = funder_document(
        &server,
        &json!({
            "documentType": "commitment-template",
            "title": "2027 Mix of Provision template",
            "action": "to-action",
            "dueOn": "2026-05-29",
            "organisations": [6004],
        }),
        "Mix of Provision 2027.pdf",
    );
    let id = document["id"].as_str().expect("id").to_owned();
    let file = document["files"][0]["id"]
        .as_str()
        .expect("file")
        .to_owned();
    let href = format!("/documents/{id}/files/{file}");

    let nobody = Browser::anonymous(&server);
    assert_eq!(
        location(&nobody.get(&format!("/documents/{id}"))),
        format!("/sign-in?next=%2Fdocuments%2F{id}")
    );
    answered(nobody.get(&href), 303);

    let aroha = Browser::signed_in(&server, &DATA_OFFICER);
    let list = aroha.page("/documents");
    assert!(list.contains("2027 Mix of Provision template"), "{list}");
    assert!(list.contains("Commitment template"));
    assert!(list.contains("29 May 2026"));
    assert!(list.contains("To action: not done yet"));
    let other_type = aroha.page("/documents?type=funding-letter");
    assert!(!other_type.contains("2027 Mix of Provision template"));
    assert!(other_type.contains("No documents match this filter"));
    assert!(
        aroha
            .page("/documents?type=commitment-template")
            .contains("2027 Mix of Provision template")
    );

    let page = aroha.page(&format!("/documents/{id}"));
    assert!(page.contains("Mark as actioned"), "{page}");
    assert!(page.contains(&format!("href=\"{href}\"")), "{page}");
    assert!(page.contains("Mix of Provision 2027.pdf"));
    let download = aroha.get(&href);
    assert_eq!(download.status().as_u16(), 200);
    assert_eq!(download.headers()["content-type"], "application/pdf");
    assert!(
        download.headers()["content-disposition"]
            .to_str()
            .is_ok_and(|value| value.contains("filename*=UTF-8''Mix%20of%20Provision%202027.pdf")),
        "{:?}",
        download.headers()["content-disposition"]
    );
    assert_eq!(download.bytes().expect("bytes").as_ref(), PDF);

    // Another organisation's data officer: not in the list, and no such page or file.
    let jordan = Browser::signed_in(&server, &OTHER_DATA_OFFICER);
    assert!(
        !jordan
            .page("/documents")
            .contains("2027 Mix of Provision template")
    );
    answered(jordan.get(&format!("/documents/{id}")), 404);
    answered(jordan.get(&href), 404);
    answered(jordan.get("/documents?organisation=6004"), 403);

    // A viewer reads but does not act.
    let sam = Browser::signed_in(&server, &VIEWER);
    let seen = sam.page(&format!("/documents/{id}"));
    assert!(!seen.contains("Mark as actioned"));
    assert!(!seen.contains("Send a file back"));
    answered(sam.post(&format!("/documents/{id}/actioned"), &[]), 403);

    // Marked actioned, the page says so and it leaves what is still to action.
    assert!(aroha.page("/").contains("Open the document"), "due before");
    refused_without_the_token(&aroha, &format!("/documents/{id}/actioned"), &[]);
    let marked = aroha.post(&format!("/documents/{id}/actioned"), &[]);
    assert_eq!(location(&marked), format!("/documents/{id}"));
    let page = aroha.page(&format!("/documents/{id}"));
    assert!(page.contains("Marked as actioned."), "{page}");
    assert!(page.contains("Actioned on"), "{page}");
    assert!(page.contains("by aroha"));
    assert!(!page.contains("<button type=\"submit\">Mark as actioned</button>"));
    assert!(
        !aroha
            .page("/documents?to_action=yes")
            .contains("2027 Mix of Provision template")
    );
    assert!(
        !aroha.page("/").contains("Open the document"),
        "gone from what is due"
    );

    // A reply file: its CSRF field first, then the file.
    let reply = |csrf: &str, name: &str, bytes: &[u8]| {
        Form::new().text("csrf", csrf.to_owned()).part(
            "file",
            Part::bytes(bytes.to_vec()).file_name(name.to_owned()),
        )
    };
    let files = format!("/documents/{id}/files");
    answered(
        aroha.post_multipart(&files, reply("not-the-token", "reply.pdf", PDF)),
        403,
    );
    let file_first = Form::new()
        .part("file", Part::bytes(PDF.to_vec()).file_name("reply.pdf"))
        .text("csrf", CSRF.to_owned());
    answered(aroha.post_multipart(&files, file_first), 403);
    let sent = aroha.post_multipart(&files, reply(CSRF, "reply.pdf", PDF));
    assert_eq!(location(&sent), format!("/documents/{id}"));
    let page = aroha.page(&format!("/documents/{id}"));
    assert!(page.contains("Added reply.pdf"), "{page}");
    assert!(page.contains("Your organisation (aroha)"), "{page}");
    let program = aroha.post_multipart(
        &files,
        reply(CSRF, "letter.pdf", b"MZ\x90\x00\x03 a program"),
    );
    assert_eq!(location(&program), format!("/documents/{id}"));
    let page = aroha.page(&format!("/documents/{id}"));
    assert!(page.contains("Nothing was added."), "{page}");
    assert!(page.contains("letter.pdf"), "the refusal names it");
    assert!(!page.contains(">letter.pdf</a>"), "not listed as a file");

    // The funder sees the organisation's documents, its reply and its mark.
    let mere = Browser::signed_in(&server, &FUNDER);
    assert!(mere.page("/documents").contains("Choose an organisation"));
    assert!(
        mere.page("/documents?organisation=6004")
            .contains("2027 Mix of Provision template")
    );
    let page = mere.page(&format!("/documents/{id}?organisation=6004"));
    assert!(page.contains("reply.pdf"), "{page}");
    assert!(page.contains("Actioned on"), "{page}");
    assert!(!page.contains("Mark as actioned"));
}

fn the_funder_makes_a_document_available_in_the_portal(backend: Backend) {
    let server = TestServer::start(backend);
    note(&server, &DATA_OFFICER);
    note(&server, &OTHER_DATA_OFFICER);
    let mere = Browser::signed_in(&server, &FUNDER);
    assert!(
        mere.page("/documents/new?organisation=6005")
            .contains("value=\"6005\"")
    );
    answered(
        Browser::signed_in(&server, &DATA_OFFICER).get("/documents/new"),
        403,
    );
    let form = |csrf: &str, title: &str, action: &str| {
        Form::new()
            .text("csrf", csrf.to_owned())
            .text("type", "investment-plan-guidance")
            .text("title", title.to_owned())
            .text("fund", "37")
            .text("action", action.to_owned())
            .text("due_on", "")
            .text("audience", "some")
            .text("organisations", "6005")
            .text("commercial", "")
            .part("file", Part::bytes(PDF.to_vec()).file_name("guidance.pdf"))
    };
    answered(
        mere.post_multipart(
            "/documents",
            form("not-the-token", "Guidance 2028", "to-view"),
        ),
        403,
    );
    let refused = answered(
        mere.post_multipart("/documents", form(CSRF, "Guidance 2028", "to-action")),
        422,
    );
    assert!(
        refused.contains("Give the date a document to act on is due."),
        "{refused}"
    );
    assert!(
        refused.contains("value=\"Guidance 2028\""),
        "keeps what was typed"
    );
    assert!(refused.contains("value=\"6005\""));
    let made = mere.post_multipart("/documents", form(CSRF, "Guidance 2028", "to-view"));
    let page_of = location(&made);
    let page = mere.page(&page_of);
    assert!(page.contains("The document is available."), "{page}");
    assert!(page.contains("guidance.pdf"));
    assert!(
        Browser::signed_in(&server, &OTHER_DATA_OFFICER)
            .page("/documents")
            .contains("Guidance 2028")
    );
    assert!(
        !Browser::signed_in(&server, &DATA_OFFICER)
            .page("/documents")
            .contains("Guidance 2028")
    );
    let told = Browser::signed_in(&server, &OTHER_DATA_OFFICER).page("/notifications");
    assert!(told.contains("Guidance 2028"), "{told}");
}

fn notifications_are_read_one_by_one(backend: Backend) {
    let server = TestServer::start(backend);
    note(&server, &DATA_OFFICER);
    note(&server, &OTHER_DATA_OFFICER);
    funder_document(
        &server,
        &json!({"documentType": "other", "title": "Data quality report", "organisations": [6004]}),
        "report.pdf",
    );
    let aroha = Browser::signed_in(&server, &DATA_OFFICER);
    let page = aroha.page("/notifications");
    assert!(page.contains("Data quality report"), "{page}");
    assert!(
        page.contains("<span class=\"status\">Unread</span>"),
        "{page}"
    );
    assert!(page.contains("You have 1 unread notification."));
    let action = page
        .split("action=\"/notifications/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a Mark as read form")
        .to_owned();
    let path = format!("/notifications/{action}");
    assert!(
        aroha
            .page("/notifications?unread=yes")
            .contains("Data quality report")
    );

    let jordan = Browser::signed_in(&server, &OTHER_DATA_OFFICER);
    assert!(
        jordan
            .page("/notifications")
            .contains("No notifications yet.")
    );
    answered(jordan.post(&path, &[]), 404);

    refused_without_the_token(&aroha, &path, &[]);
    let read = aroha.post(&path, &[]);
    assert!(location(&read).starts_with("/notifications"));
    let page = aroha.page("/notifications");
    assert!(page.contains("Marked as read."), "{page}");
    assert!(page.contains("Data quality report"), "still listed");
    assert!(
        !page.contains("<span class=\"status\">Unread</span>"),
        "{page}"
    );
    assert!(page.contains("You have no unread notifications."));
    assert!(page.contains(" · Read "));
    let unread = aroha.page("/notifications?unread=yes");
    assert!(!unread.contains("Data quality report"), "{unread}");
    assert!(unread.contains("Nothing unread."));
}

fn settings_keep_phones_and_email_choices_and_a_refused_form_keeps_what_was_sent(backend: Backend) {
    let server = TestServer::start(backend);
    note(&server, &DATA_OFFICER);
    let aroha = Browser::signed_in(&server, &DATA_OFFICER);
    let page = aroha.page("/settings");
    assert!(page.contains("aroha@teo.test"), "{page}");
    assert!(
        page.contains("<dt>Organisation</dt><dd>Organisation 6004</dd>"),
        "the details, not the banner: {page}"
    );
    assert!(page.contains("Data officer"));
    assert!(
        page.contains("User settings admin"),
        "the first to sign in: {page}"
    );
    assert!(page.contains("href=\"/settings/people\""));

    refused_without_the_token(&aroha, "/settings/phones", &[("phone", "04 123 4567")]);
    let saved = aroha.post(
        "/settings/phones",
        &[("phone", "04 123 4567"), ("mobile", "021 765 4321")],
    );
    assert_eq!(location(&saved), "/settings");
    let page = aroha.page("/settings");
    assert!(page.contains("Your phone numbers are saved."), "{page}");
    assert!(page.contains("value=\"04 123 4567\""));
    assert!(page.contains("value=\"021 765 4321\""));
    let refused = answered(
        aroha.post(
            "/settings/phones",
            &[("phone", "call me"), ("mobile", "021 765 4321")],
        ),
        422,
    );
    assert!(
        refused.contains("value=\"call me\""),
        "keeps what was typed: {refused}"
    );
    assert!(refused.contains("digits, spaces"));
    assert!(refused.contains("aria-invalid=\"true\" aria-describedby=\"phone-error\""));
    assert!(
        aroha.page("/settings").contains("value=\"04 123 4567\""),
        "nothing changed"
    );

    refused_without_the_token(&aroha, "/settings/email", &[("kind", "round-opened")]);
    let chosen = aroha.post(
        "/settings/email",
        &[
            ("kind", "round-opened"),
            ("document_type", "funding-letter"),
            ("daily_digest", "yes"),
        ],
    );
    assert_eq!(location(&chosen), "/settings#email");
    let page = aroha.page("/settings");
    assert!(page.contains("Your email choices are saved."), "{page}");
    assert!(ticked(&page, "kind-round-opened"));
    assert!(!ticked(&page, "kind-submission-rejected"));
    assert!(ticked(&page, "type-funding-letter"));
    assert!(!ticked(&page, "type-wash-up"));
    assert!(ticked(&page, "daily_digest"));
    let preferences = json_ok(server.get(
        "/api/v1/me/email-preferences",
        Some(&token_of(&DATA_OFFICER)),
    ));
    assert_eq!(preferences["dailyDigest"], true, "{preferences}");
    let emailed = |kind: &str| {
        preferences["choices"]
            .as_array()
            .expect("choices")
            .iter()
            .find(|choice| choice["kind"] == kind)
            .map(|choice| choice["emailed"].clone())
    };
    assert_eq!(emailed("round-opened"), Some(json!(true)));
    assert_eq!(emailed("submission-rejected"), Some(json!(false)));

    let refused = answered(
        aroha.post(
            "/settings/email",
            &[
                ("kind", "submission-rejected"),
                ("kind", "document-available"),
            ],
        ),
        422,
    );
    assert!(
        refused.contains("chosen by the type of document"),
        "{refused}"
    );
    assert!(
        ticked(&refused, "kind-submission-rejected"),
        "keeps what was sent"
    );
    assert!(!ticked(&refused, "kind-round-opened"));
    assert!(!ticked(&refused, "daily_digest"));
    let page = aroha.page("/settings");
    assert!(ticked(&page, "kind-round-opened"), "nothing changed");
    assert!(!ticked(&page, "kind-submission-rejected"));
    assert!(ticked(&page, "daily_digest"));
}

fn the_first_to_sign_in_manages_their_organisations_people(backend: Backend) {
    let server = TestServer::start(backend);
    note(&server, &DATA_OFFICER);
    note(&server, &VIEWER);
    note(&server, &OTHER_DATA_OFFICER);
    let aroha = Browser::signed_in(&server, &DATA_OFFICER);
    let sam = Browser::signed_in(&server, &VIEWER);
    let page = aroha.page("/settings/people");
    assert!(page.contains("aroha (you)"), "{page}");
    assert!(page.contains("Save access for sam"));
    assert!(!page.contains("jordan"), "another organisation's people");
    assert!(ticked(&page, "p1-user-settings-admin"), "aroha, the first");
    assert!(!ticked(&page, "p2-user-settings-admin"), "sam");
    assert!(ticked(&page, "p2-general-access"));

    let not_admin = answered(sam.get("/settings/people"), 403);
    assert!(not_admin.contains("user settings admin"), "{not_admin}");
    assert!(!sam.page("/settings").contains("href=\"/settings/people\""));
    answered(
        sam.post(
            "/settings/people",
            &[("subject", "sam"), ("role", "user-settings-admin")],
        ),
        403,
    );

    refused_without_the_token(
        &aroha,
        "/settings/people",
        &[("subject", "sam"), ("role", "general-access")],
    );
    let granted = aroha.post(
        "/settings/people",
        &[
            ("subject", "sam"),
            ("role", "general-access"),
            ("role", "commercial-documents"),
        ],
    );
    assert_eq!(location(&granted), "/settings/people");
    let page = aroha.page("/settings/people");
    assert!(
        page.contains("Saved. sam has: General access, Commercial documents."),
        "{page}"
    );
    assert!(ticked(&page, "p2-commercial-documents"));
    let sam_now = json_ok(server.get("/api/v1/people/sam", Some(&token_of(&DATA_OFFICER))));
    assert_eq!(
        sam_now["portalRoles"],
        json!(["general-access", "commercial-documents"]),
        "{sam_now}"
    );

    // Refusals say why and change nothing.
    aroha.post(
        "/settings/people",
        &[
            ("subject", "aroha"),
            ("role", "user-settings-admin"),
            ("disabled", "yes"),
        ],
    );
    let page = aroha.page("/settings/people");
    assert!(
        page.contains("Nothing was changed. You cannot disable yourself"),
        "{page}"
    );
    aroha.post(
        "/settings/people",
        &[("subject", "aroha"), ("role", "general-access")],
    );
    let page = aroha.page("/settings/people");
    assert!(page.contains("no user settings admin"), "{page}");
    assert!(ticked(&page, "p1-user-settings-admin"));

    // Turned off, sam is refused at every page.
    aroha.post(
        "/settings/people",
        &[
            ("subject", "sam"),
            ("role", "general-access"),
            ("disabled", "yes"),
        ],
    );
    let page = aroha.page("/settings/people");
    assert!(page.contains("sam&#39;s access is turned off"), "{page}");
    assert!(page.contains("Access turned off</span>"));
    let refused = answered(sam.get("/"), 403);
    assert!(refused.contains("turned off"), "{refused}");

    // The funder manages any organisation's people; another organisation's admin none.
    let mere = Browser::signed_in(&server, &FUNDER);
    assert!(
        mere.page("/settings/people")
            .contains("Choose an organisation")
    );
    let page = mere.page("/settings/people?organisation=6004");
    assert!(page.contains("Save access for sam"), "{page}");
    let enabled = mere.post(
        "/settings/people",
        &[
            ("subject", "sam"),
            ("organisation", "6004"),
            ("role", "general-access"),
        ],
    );
    assert_eq!(location(&enabled), "/settings/people?organisation=6004");
    // Turned off, sam was signed out; turned back on, sam signs in again.
    assert!(location(&sam.get("/")).starts_with("/sign-in"));
    Browser::signed_in(&server, &VIEWER).page("/");
    let jordan = Browser::signed_in(&server, &OTHER_DATA_OFFICER);
    jordan.page("/settings/people");
    answered(jordan.get("/settings/people?organisation=6004"), 403);
}

fn the_funder_changes_rounds_and_lifts_the_stop_gate(backend: Backend) {
    let server = TestServer::start(backend);
    note(&server, &DATA_OFFICER);
    let aroha = Browser::signed_in(&server, &DATA_OFFICER);
    answered(aroha.get("/funder"), 403);
    answered(aroha.get("/funder/rounds/2026-AUG"), 403);
    answered(
        aroha.post(
            "/funder/stop-gate-lifts",
            &[
                ("round", "2026-APR"),
                ("organisation", "6004"),
                ("due_at", "2026-05-08T17:00"),
                ("reason", "asked"),
            ],
        ),
        403,
    );
    assert!(
        !aroha.page("/").contains("href=\"/funder\""),
        "not in the navigation"
    );

    let mere = Browser::signed_in(&server, &FUNDER);
    let page = mere.page("/funder");
    assert!(page.contains("April 2026 Single Data Return"), "{page}");
    assert!(page.contains("Wed 29 Apr 2026, 5:00 pm"));
    assert!(page.contains("No Stop Gate lifts for the rounds of 2026."));
    assert!(
        page.contains("href=\"/documents?organisation=6004\""),
        "{page}"
    );
    assert!(page.contains("href=\"/settings/people?organisation=6004\""));

    // Changing a round's dates.
    let round = mere.page("/funder/rounds/2026-AUG");
    assert!(round.contains("Change the dates of the August 2026 Single Data Return"));
    let due = round
        .split("name=\"due_at\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the due date field")
        .to_owned();
    let opens = round
        .split("name=\"opens_at\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the opening field")
        .to_owned();
    let extract = round
        .split("name=\"extract_date\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the extract field")
        .to_owned();
    refused_without_the_token(&mere, "/funder/rounds/2026-AUG", &[("due_at", &due)]);
    let refused = answered(
        mere.post(
            "/funder/rounds/2026-AUG",
            &[
                ("extract_date", &extract),
                ("opens_at", &opens),
                ("due_at", "2026-01-05T17:00"),
            ],
        ),
        422,
    );
    assert!(refused.contains("The dates were not changed"), "{refused}");
    assert!(
        refused.contains("value=\"2026-01-05T17:00\""),
        "keeps what was typed"
    );
    let changed = mere.post(
        "/funder/rounds/2026-AUG",
        &[
            ("extract_date", &extract),
            ("opens_at", &opens),
            ("due_at", "2026-09-04T17:00"),
        ],
    );
    assert_eq!(location(&changed), "/funder?year=2026");
    let page = mere.page("/funder");
    assert!(page.contains("is due Fri 4 Sep 2026, 5:00 pm"), "{page}");
    let rounds = json_ok(server.get("/api/v1/rounds?year=2026", Some(&admin_token())));
    let august = rounds["results"]
        .as_array()
        .expect("rounds")
        .iter()
        .find(|round| round["id"] == "2026-AUG")
        .cloned()
        .expect("August");
    assert_eq!(august["closeWindowDate"], "2026-09-04T05:00:00Z");

    // Lifting the Stop Gate: refused until the organisation's return is validated clean.
    let lift = |organisation: &'static str, reason: &'static str| {
        [
            ("round", "2026-APR"),
            ("organisation", organisation),
            ("due_at", "2026-05-08T17:00"),
            ("reason", reason),
        ]
    };
    refused_without_the_token(&mere, "/funder/stop-gate-lifts", &lift("6004", "asked"));
    let refused = answered(
        mere.post(
            "/funder/stop-gate-lifts",
            &lift("6004", "SMS outage on the due date"),
        ),
        422,
    );
    assert!(
        refused.contains("The Stop Gate was not lifted"),
        "{refused}"
    );
    assert!(
        refused.contains("has no submission for round 2026-APR"),
        "{refused}"
    );
    assert!(
        refused.contains("(rule RD-007)."),
        "names the rule: {refused}"
    );
    assert!(
        refused.contains("SMS outage on the due date</textarea>"),
        "keeps the reason"
    );
    let no_reason = answered(
        mere.post("/funder/stop-gate-lifts", &lift("6004", "  ")),
        422,
    );
    assert!(
        no_reason.contains("Say why the lift is granted"),
        "{no_reason}"
    );

    let teo = Teo {
        server: &server,
        token: token_of(&DATA_OFFICER),
    };
    let id = teo.open("2026-APR");
    teo.upload_return(&id, &testkit::valid_return(11, 3));
    assert_eq!(teo.validate(&id)["status"], "Processed");
    let granted = mere.post(
        "/funder/stop-gate-lifts",
        &lift("6004", "SMS outage on the due date"),
    );
    assert_eq!(location(&granted), "/funder?year=2026#lifts");
    let page = mere.page("/funder");
    assert!(
        page.contains("The Stop Gate is lifted for organisation 6004"),
        "{page}"
    );
    assert!(
        page.contains("<td>SMS outage on the due date</td>"),
        "{page}"
    );
    assert!(page.contains("Fri 8 May 2026, 5:00 pm"));
    assert!(page.contains("Not used yet"));
    let lifts = json_ok(server.get(
        "/api/v1/rounds/2026-APR/stop-gate-lifts",
        Some(&admin_token()),
    ));
    assert_eq!(lifts["results"][0]["reason"], "SMS outage on the due date");
    assert_eq!(lifts["results"][0]["grantedBy"], "mere");
    assert!(
        aroha.page("/notifications").contains("Stop Gate"),
        "its people were told"
    );
}

/// The viewer, Sam, given the information products role by the organisation's data officer.
fn grant_sam_information_products(server: &TestServer) {
    json_ok(
        server
            .client()
            .put(server.url("/api/v1/people/sam/access"))
            .bearer_auth(token_of(&DATA_OFFICER))
            .json(&json!({"portalRoles": ["general-access", "information-products"], "disabled": false}))
            .send()
            .expect("PUT access"),
    );
}

fn information_products_are_shown_to_those_with_the_role(backend: Backend) {
    let server = TestServer::start(backend);
    for person in [&DATA_OFFICER, &VIEWER, &OTHER_DATA_OFFICER] {
        note(&server, person);
    }
    grant_sam_information_products(&server);
    let teo = Teo::new(&server, 6004);
    let id = teo.open("2026-APR");
    teo.upload_return(&id, &testkit::valid_return(9, 3));
    assert_eq!(teo.validate(&id)["status"], "Processed");
    json_ok(teo.lodge(&id));

    let sam = Browser::signed_in(&server, &VIEWER);
    let page = sam.page("/insights");
    assert!(page.contains("Indicators for 2026 by group"), "{page}");
    assert!(
        page.contains("fewer than 30 EFTS"),
        "suppression in words: {page}"
    );
    assert!(
        page.contains("src=\"/insights/charts/indicators.svg?\""),
        "{page}"
    );
    assert!(page.contains("/insights/extracts/efts-by-month.csv"));
    // The EPIC's measures, with no EPIC provisioned: said so, and measured from the return.
    assert!(
        page.contains("No EPIC covers 2026: the measures of your returns are shown alone."),
        "{page}"
    );
    assert!(
        page.contains("Proportion of level 1-3 DQ EFTS enrolled at the TEO who are Māori"),
        "{page}"
    );
    for chart in [
        "indicators.svg",
        "efts-by-month.svg?year=2026",
        "delivery.svg?year=2026",
        "epic.svg?year=2026",
    ] {
        let response = sam.get(&format!("/insights/charts/{chart}"));
        assert_eq!(response.status().as_u16(), 200, "{chart}");
        assert_eq!(
            response.headers()["content-type"]
                .to_str()
                .unwrap_or_default(),
            "image/svg+xml"
        );
        assert!(response.text().unwrap_or_default().contains("</svg>"));
    }
    let extract = sam.get("/insights/extracts/qualifications.csv");
    assert_eq!(extract.status().as_u16(), 200);
    assert!(
        extract
            .text()
            .unwrap_or_default()
            .starts_with("\u{feff}EDUMIS,")
    );

    // Without the role, and from another organisation: refused.
    answered(
        Browser::signed_in(&server, &DATA_OFFICER).get("/insights"),
        403,
    );
    let jordan = Browser::signed_in(&server, &OTHER_DATA_OFFICER);
    answered(jordan.get("/insights?organisation=6004"), 403);
    answered(
        jordan.get("/insights/charts/indicators.svg?organisation=6004"),
        403,
    );

    let funder = Browser::signed_in(&server, &FUNDER).page("/insights?organisation=6004");
    assert!(funder.contains("of organisation 6004"), "{funder}");
}

fn a_work_based_organisation_sees_its_training_indicators_and_delivery(backend: Backend) {
    let server = TestServer::start_with(backend, &[("DXP_SCHEDULE_SECONDS", "1")]);
    for person in [&DATA_OFFICER, &VIEWER] {
        note(&server, person);
    }
    grant_sam_information_products(&server);
    crate::insights::two_apprentices(&server);
    let now = "2026-11-15T12:00:00+13:00";
    server.set_clock(now);

    // No return is lodged: the page shows what the sweep computed from the training alone.
    let sam = Browser::signed_in_at(&server, &VIEWER, now);
    let started = std::time::Instant::now();
    let page = loop {
        let page = sam.page("/insights?year=2026");
        if page.contains("Work-based delivery, 2026") {
            break page;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "no work-based delivery: {page}"
        );
        std::thread::sleep(std::time::Duration::from_millis(250));
    };
    assert!(page.contains("Indicators for 2026 by group"), "{page}");
    assert!(
        page.contains("Apprentice first-year retention rate"),
        "{page}"
    );
    assert!(
        page.contains(
            "Measured once every apprentice who started in 2026 has had a year in training, on \
             2027-02-09."
        ),
        "{page}"
    );
    // Two apprentices, half an STM a month each from February: 11 for the year, 10 to the end
    // of November.
    assert!(
        page.contains(
            "<th scope=\"row\">Work-based (24)</th><td class=\"number\">11.0000</td><td \
             class=\"number\">10.0000</td>"
        ),
        "{page}"
    );
}

on_both_backends!(
    a_work_based_organisation_sees_its_training_indicators_and_delivery,
    information_products_are_shown_to_those_with_the_role,
    a_funder_document_reaches_its_organisation_only_and_is_actioned_there,
    the_funder_makes_a_document_available_in_the_portal,
    notifications_are_read_one_by_one,
    settings_keep_phones_and_email_choices_and_a_refused_form_keeps_what_was_sent,
    the_first_to_sign_in_manages_their_organisations_people,
    the_funder_changes_rounds_and_lifts_the_stop_gate,
);
