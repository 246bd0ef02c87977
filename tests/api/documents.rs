//! Documents through the server on both backends: the funder's document for three
//! organisations is seen by their people and no one else's, a commercial document only by
//! people with that role, files are kept only when their content is what their names say (and
//! under the size limit), and files are kept on the local filesystem, in memory and in an
//! S3-compatible store (moto) alike.

use reqwest::blocking::multipart::{Form, Part};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::client::Teo;
use crate::helpers::{Backend, TestServer, admin_token, expect_problem, json_ok, person_token};
use crate::on_both_backends;
use crate::s3_server::S3Server;

const PDF: &[u8] =
    b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

fn person(subject: &str, org: i64) -> String {
    person_token(
        subject,
        org,
        "teo-submitter",
        &format!("{subject}@teo.test"),
    )
}

fn signs_in(server: &TestServer, token: &str) {
    json_ok(server.get("/api/v1/me", Some(token)));
}

fn form(document: Option<&Value>, files: &[(&str, &[u8])]) -> Form {
    let mut form = Form::new();
    if let Some(document) = document {
        form = form.part(
            "document",
            Part::text(document.to_string())
                .mime_str("application/json")
                .expect("media type"),
        );
    }
    for (name, bytes) in files {
        form = form.part(
            "file",
            Part::bytes(bytes.to_vec()).file_name((*name).to_owned()),
        );
    }
    form
}

fn create(
    server: &TestServer,
    token: &str,
    document: &Value,
    files: &[(&str, &[u8])],
) -> reqwest::blocking::Response {
    server
        .client()
        .post(server.url("/api/v1/documents"))
        .bearer_auth(token)
        .multipart(form(Some(document), files))
        .send()
        .expect("POST document")
}

fn created(response: reqwest::blocking::Response) -> Value {
    assert_eq!(response.status().as_u16(), 201, "status");
    response.json().expect("a document")
}

fn download(server: &TestServer, token: &str, href: &str) -> reqwest::blocking::Response {
    server.get(href, Some(token))
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

fn listed_ids(server: &TestServer, token: &str, query: &str) -> Vec<String> {
    json_ok(server.get(&format!("/api/v1/documents{query}"), Some(token)))["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|document| document["id"].as_str().unwrap_or_default().to_owned())
        .collect()
}

fn notice_kinds(server: &TestServer, token: &str) -> Vec<String> {
    json_ok(server.get("/api/v1/me/notices", Some(token)))["notices"]
        .as_array()
        .expect("notices")
        .iter()
        .map(|notice| notice["kind"].as_str().unwrap_or_default().to_owned())
        .collect()
}

fn due_documents(server: &TestServer, token: &str) -> Vec<String> {
    json_ok(server.get("/api/v1/due", Some(token)))["documentsToAction"]
        .as_array()
        .expect("documentsToAction")
        .iter()
        .map(|document| document["id"].as_str().unwrap_or_default().to_owned())
        .collect()
}

fn a_funder_document_for_three_organisations_is_seen_by_them_and_no_one_else(backend: Backend) {
    let server = TestServer::start(backend);
    let audience = [
        person("ana", 6004),
        person("cai", 6005),
        person("dee", 6006),
    ];
    let outsider = person("eru", 6007);
    for token in audience.iter().chain([&outsider]) {
        signs_in(&server, token);
    }
    let document = created(create(
        &server,
        &admin_token(),
        &json!({
            "documentType": "commitment-template",
            "title": "2027 Mix of Provision template",
            "fund": "37",
            "planYear": 2027,
            "action": "to-action",
            "dueOn": "2026-05-29",
            "organisations": [6004, 6005, 6006],
        }),
        &[("Mix of Provision 2027.pdf", PDF)],
    ));
    assert_eq!(
        document["organisations"],
        json!([6004, 6005, 6006]),
        "{document}"
    );
    assert_eq!(document["commercial"], false);
    let file = &document["files"][0];
    assert_eq!(file["mediaType"], "application/pdf");
    assert_eq!(file["sizeBytes"], PDF.len());
    assert_eq!(file["sha256"], sha256_hex(PDF));
    let id = document["id"].as_str().expect("id").to_owned();
    let href = file["href"].as_str().expect("href").to_owned();

    for token in &audience {
        let seen = json_ok(server.get(&format!("/api/v1/documents/{id}"), Some(token)));
        assert_eq!(
            seen["organisations"].as_array().map(Vec::len),
            Some(1),
            "only its own: {seen}"
        );
        let bytes = download(&server, token, &href);
        assert_eq!(bytes.status().as_u16(), 200);
        assert_eq!(bytes.headers()["content-type"], "application/pdf");
        assert!(
            bytes.headers()["content-disposition"].to_str().is_ok_and(
                |value| value.contains("filename*=UTF-8''Mix%20of%20Provision%202027.pdf")
            ),
            "{:?}",
            bytes.headers()["content-disposition"]
        );
        assert_eq!(bytes.bytes().expect("bytes").as_ref(), PDF);
        assert_eq!(listed_ids(&server, token, ""), [id.as_str()]);
        assert!(notice_kinds(&server, token).contains(&"document-to-action".to_owned()));
        assert_eq!(due_documents(&server, token), [id.as_str()]);
    }
    expect_problem(
        server.get(&format!("/api/v1/documents/{id}"), Some(&outsider)),
        404,
    );
    expect_problem(download(&server, &outsider, &href), 404);
    assert!(listed_ids(&server, &outsider, "").is_empty());
    assert!(notice_kinds(&server, &outsider).is_empty());
    assert!(due_documents(&server, &outsider).is_empty());
    let funder_list = listed_ids(&server, &admin_token(), "?organisation=6005");
    assert_eq!(funder_list, [id.as_str()]);

    // Ana's organisation replies with a file of its own: seen by it and the funder only.
    let reply = server
        .client()
        .post(server.url(&format!("/api/v1/documents/{id}/files")))
        .bearer_auth(&audience[0])
        .multipart(form(None, &[("reply.pdf", PDF)]))
        .send()
        .expect("POST files");
    let with_reply = json_ok(reply);
    assert_eq!(
        with_reply["files"].as_array().map(Vec::len),
        Some(2),
        "{with_reply}"
    );
    let reply_file = with_reply["files"]
        .as_array()
        .expect("files")
        .iter()
        .find(|file| file["organisation"] == 6004)
        .cloned()
        .expect("the reply, as Ana's organisation's");
    assert_eq!(reply_file["uploadedBy"], "ana");
    let reply_href = reply_file["href"].as_str().expect("href").to_owned();
    let cai_sees = json_ok(server.get(&format!("/api/v1/documents/{id}"), Some(&audience[1])));
    assert_eq!(
        cai_sees["files"].as_array().map(Vec::len),
        Some(1),
        "{cai_sees}"
    );
    expect_problem(download(&server, &audience[1], &reply_href), 404);
    let funder_sees = json_ok(server.get(&format!("/api/v1/documents/{id}"), Some(&admin_token())));
    assert_eq!(funder_sees["files"].as_array().map(Vec::len), Some(2));

    // Marked actioned, it leaves Ana's organisation's due list and stays in the others'.
    let actioned = json_ok(
        server
            .client()
            .post(server.url(&format!("/api/v1/documents/{id}/actioned")))
            .bearer_auth(&audience[0])
            .send()
            .expect("POST actioned"),
    );
    assert_eq!(actioned["actionedBy"], "ana");
    assert!(due_documents(&server, &audience[0]).is_empty());
    assert_eq!(due_documents(&server, &audience[1]), [id.as_str()]);
}

fn a_commercial_document_is_seen_only_with_that_role(backend: Backend) {
    let server = TestServer::start(backend);
    let (ana, ben) = (person("ana", 6004), person("ben", 6004));
    signs_in(&server, &ana);
    signs_in(&server, &ben);
    json_ok(
        server
            .client()
            .put(server.url("/api/v1/people/ben/access"))
            .bearer_auth(&ana)
            .json(&json!({"portalRoles": ["general-access", "commercial-documents"], "disabled": false}))
            .send()
            .expect("PUT access"),
    );
    let letter = created(create(
        &server,
        &admin_token(),
        &json!({"documentType": "funding-letter", "title": "2027 funding letter", "organisations": [6004]}),
        &[("letter.pdf", PDF)],
    ));
    assert_eq!(
        letter["commercial"], true,
        "a funding letter is commercial: {letter}"
    );
    let id = letter["id"].as_str().expect("id");
    json_ok(server.get(&format!("/api/v1/documents/{id}"), Some(&ben)));
    assert_eq!(listed_ids(&server, &ben, ""), [id.to_owned()]);
    assert_eq!(notice_kinds(&server, &ben), ["document-available"]);
    expect_problem(
        server.get(&format!("/api/v1/documents/{id}"), Some(&ana)),
        404,
    );
    assert!(listed_ids(&server, &ana, "").is_empty());
    assert!(
        notice_kinds(&server, &ana).is_empty(),
        "not told of it either"
    );
    let refused = create(
        &server,
        &ana,
        &json!({"documentType": "investment-plan", "title": "Our plan"}),
        &[("plan.pdf", PDF)],
    );
    expect_problem(refused, 403);
}

fn files_are_kept_only_when_their_content_is_what_their_names_say(backend: Backend) {
    let server = TestServer::start_with(backend, &[("DXP_DOCUMENT_MAX_BYTES", "200")]);
    let (ana, cai) = (person("ana", 6004), person("cai", 6005));
    signs_in(&server, &ana);
    signs_in(&server, &cai);
    let own = json!({"documentType": "submission-support", "title": "Variances explained"});

    let program = expect_problem(
        create(
            &server,
            &ana,
            &own,
            &[("ok.pdf", PDF), ("letter.pdf", b"MZ\x90\x00\x03 a program")],
        ),
        415,
    );
    assert!(
        program["detail"]
            .as_str()
            .is_some_and(|detail| detail.contains("'letter.pdf'")),
        "{program}"
    );
    expect_problem(
        create(&server, &ana, &own, &[("notes.txt", &[b'a'; 300])]),
        413,
    );
    let no_document = server
        .client()
        .post(server.url("/api/v1/documents"))
        .bearer_auth(&ana)
        .multipart(form(None, &[("a.pdf", PDF)]))
        .send()
        .expect("POST");
    expect_problem(no_document, 400);
    let not_multipart = server
        .client()
        .post(server.url("/api/v1/documents"))
        .bearer_auth(&ana)
        .json(&own)
        .send()
        .expect("POST");
    expect_problem(not_multipart, 400);
    let asks_action = create(
        &server,
        &ana,
        &json!({"documentType": "other", "title": "Do this", "action": "to-action", "dueOn": "2026-06-01"}),
        &[],
    );
    expect_problem(asks_action, 422);
    let unknown_submission = create(
        &server,
        &ana,
        &json!({"documentType": "submission-support", "title": "Notes", "submissionId": "no-such"}),
        &[],
    );
    expect_problem(unknown_submission, 422);
    assert!(
        listed_ids(&server, &ana, "").is_empty(),
        "nothing refused was recorded"
    );
    let kept_files = walk(&server.database.data_dir.path().join("documents"));
    assert!(
        kept_files.is_empty(),
        "nothing refused stays in the store: {kept_files:?}"
    );

    let teo = Teo {
        server: &server,
        token: ana.clone(),
    };
    let submission = teo.open("2026-APR");
    let linked = created(create(
        &server,
        &ana,
        &json!({"documentType": "submission-support", "title": "Variances explained", "submissionId": submission}),
        &[("variances.csv", b"course,reason\nABC123,moved to 2027\n")],
    ));
    assert_eq!(linked["submissionId"], submission.as_str());
    assert_eq!(linked["owner"], 6004);
    assert_eq!(linked["files"][0]["mediaType"], "text/csv; charset=utf-8");
    let id = linked["id"].as_str().expect("id");
    assert_eq!(
        listed_ids(&server, &ana, &format!("?submissionId={submission}")),
        [id.to_owned()]
    );
    let not_theirs = server
        .client()
        .post(server.url(&format!("/api/v1/documents/{id}/files")))
        .bearer_auth(&cai)
        .multipart(form(None, &[("more.pdf", PDF)]))
        .send()
        .expect("POST files");
    expect_problem(not_theirs, 404);
    let other_submission = Teo {
        server: &server,
        token: cai.clone(),
    }
    .open("2026-APR");
    let foreign_link = server
        .client()
        .put(server.url(&format!("/api/v1/documents/{id}/submission")))
        .bearer_auth(&ana)
        .json(&json!({"submissionId": other_submission}))
        .send()
        .expect("PUT link");
    expect_problem(foreign_link, 404);
    assert_eq!(
        walk(&server.database.data_dir.path().join("documents")).len(),
        1
    );
}

/// The files under `folder`, at any depth.
fn walk(folder: &std::path::Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    entries
        .flatten()
        .flat_map(|entry| {
            let path = entry.path();
            if path.is_dir() {
                walk(&path)
            } else {
                vec![path]
            }
        })
        .collect()
}

/// A document made and read back whole through a server keeping files wherever `env` says.
fn round_trip(server: &TestServer) -> (String, String) {
    let ana = person("ana", 6004);
    signs_in(server, &ana);
    let document = created(create(
        server,
        &admin_token(),
        &json!({"documentType": "investment-plan-guidance", "title": "Guidance 2027", "organisations": [6004]}),
        &[("guidance.pdf", PDF)],
    ));
    let href = document["files"][0]["href"].as_str().expect("href");
    let bytes = download(server, &ana, href);
    assert_eq!(bytes.status().as_u16(), 200);
    assert_eq!(bytes.bytes().expect("bytes").as_ref(), PDF);
    (
        document["id"].as_str().expect("id").to_owned(),
        document["files"][0]["id"].as_str().expect("id").to_owned(),
    )
}

fn files_are_kept_in_memory_and_in_an_s3_store(backend: Backend) {
    let in_memory = TestServer::start_with(backend, &[("DXP_DOCUMENT_STORE", "memory:///")]);
    round_trip(&in_memory);
    assert!(walk(&in_memory.database.data_dir.path().join("documents")).is_empty());
    drop(in_memory);

    let Some(s3) = S3Server::start("dxp-documents") else {
        return;
    };
    let env = s3.env();
    let env: Vec<(&str, &str)> = env
        .iter()
        .map(|(key, value)| (*key, value.as_str()))
        .collect();
    let server = TestServer::start_with(backend, &env);
    let (document, file) = round_trip(&server);
    assert_eq!(s3.keys(), [format!("documents/{document}/{file}")]);
}

on_both_backends!(
    a_funder_document_for_three_organisations_is_seen_by_them_and_no_one_else,
    a_commercial_document_is_seen_only_with_that_role,
    files_are_kept_only_when_their_content_is_what_their_names_say,
    files_are_kept_in_memory_and_in_an_s3_store,
);
