//! An organisation's users and their portal access, through the server on both backends: the
//! first person of an organisation administers its users, an admin grants roles and disables
//! people, a disabled person is refused everywhere and stays listed, an organisation always
//! keeps an admin, and no one sees another organisation's users.

use reqwest::blocking::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::helpers::{Backend, TestServer, admin_token, expect_problem, json_ok, person_token};
use crate::on_both_backends;

const ANA: (&str, i64) = ("ana", 6004);
const BEN: (&str, i64) = ("ben", 6004);
const CAI: (&str, i64) = ("cai", 6005);

fn token_of(person: (&str, i64)) -> String {
    person_token(
        person.0,
        person.1,
        "teo-submitter",
        &format!("{}@teo.test", person.0),
    )
}

fn signs_in(server: &TestServer, person: (&str, i64)) -> Value {
    json_ok(server.get("/api/v1/me", Some(&token_of(person))))
}

fn set_access(
    server: &TestServer,
    token: &str,
    subject: &str,
    body: Value,
) -> reqwest::blocking::Response {
    server
        .client()
        .put(server.url(&format!("/api/v1/people/{subject}/access")))
        .bearer_auth(token)
        .json(&body)
        .send()
        .expect("PUT access")
}

fn subjects(list: &Value) -> Vec<(String, bool)> {
    list["people"]
        .as_array()
        .expect("people")
        .iter()
        .map(|person| {
            (
                person["subject"].as_str().unwrap_or_default().to_owned(),
                person["disabled"].as_bool().unwrap_or_default(),
            )
        })
        .collect()
}

fn the_first_person_administers_and_grants_access(backend: Backend) {
    let server = TestServer::start(backend);
    let ana = signs_in(&server, ANA);
    assert_eq!(
        ana["portalRoles"],
        json!(["user-settings-admin", "general-access"]),
        "the first person of an organisation is its admin: {ana}"
    );
    let ben = signs_in(&server, BEN);
    assert_eq!(ben["portalRoles"], json!(["general-access"]), "{ben}");
    signs_in(&server, CAI);

    let not_admin = set_access(
        &server,
        &token_of(BEN),
        "ana",
        json!({"portalRoles": ["general-access"], "disabled": false}),
    );
    let problem = expect_problem(not_admin, 403);
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|detail| detail.contains("user settings admin")),
        "{problem}"
    );

    let granted = json_ok(set_access(
        &server,
        &token_of(ANA),
        "ben",
        json!({"portalRoles": ["general-access", "commercial-documents"], "disabled": false}),
    ));
    assert_eq!(
        granted["portalRoles"],
        json!(["general-access", "commercial-documents"])
    );
    assert_eq!(granted["accessChangedBy"], "ana");

    let listed = json_ok(server.get("/api/v1/people", Some(&token_of(BEN))));
    assert_eq!(
        subjects(&listed),
        [("ana".to_owned(), false), ("ben".to_owned(), false)],
        "only the organisation's own people"
    );
    expect_problem(
        server.get("/api/v1/people?organisation=6004", Some(&token_of(CAI))),
        403,
    );
    expect_problem(server.get("/api/v1/people/ana", Some(&token_of(CAI))), 404);
    let not_theirs = set_access(
        &server,
        &token_of(CAI),
        "ben",
        json!({"portalRoles": [], "disabled": true}),
    );
    expect_problem(not_theirs, 404);

    let funder_sees = json_ok(server.get("/api/v1/people?organisation=6005", Some(&admin_token())));
    assert_eq!(subjects(&funder_sees), [("cai".to_owned(), false)]);
    let unknown_role = set_access(
        &server,
        &token_of(ANA),
        "ben",
        json!({"portalRoles": ["superuser"], "disabled": false}),
    );
    expect_problem(unknown_role, 400);
}

fn a_disabled_person_is_listed_and_refused_everywhere(backend: Backend) {
    let server = TestServer::start(backend);
    signs_in(&server, ANA);
    signs_in(&server, BEN);
    json_ok(set_access(
        &server,
        &token_of(ANA),
        "ben",
        json!({"portalRoles": ["general-access"], "disabled": true}),
    ));
    for path in ["/api/v1/me", "/api/v1/due", "/api/v1/submissions"] {
        let refused = expect_problem(server.get(path, Some(&token_of(BEN))), 403);
        assert!(
            refused["detail"]
                .as_str()
                .is_some_and(|detail| detail.contains("disabled")),
            "{path}: {refused}"
        );
    }
    let listed = json_ok(server.get("/api/v1/people", Some(&token_of(ANA))));
    assert_eq!(
        subjects(&listed),
        [("ana".to_owned(), false), ("ben".to_owned(), true)],
        "a disabled person stays listed"
    );
    // Told nothing while disabled: the funder's document reaches Ana only.
    let document = Form::new().part(
        "document",
        Part::text(
            json!({"documentType": "other", "title": "For 6004", "organisations": [6004]})
                .to_string(),
        ),
    );
    let made = server
        .client()
        .post(server.url("/api/v1/documents"))
        .bearer_auth(admin_token())
        .multipart(document)
        .send()
        .expect("POST document");
    assert_eq!(made.status().as_u16(), 201);
    json_ok(set_access(
        &server,
        &admin_token(),
        "ben",
        json!({"portalRoles": ["general-access"], "disabled": false}),
    ));
    json_ok(server.get("/api/v1/due", Some(&token_of(BEN))));
    let unread = |person| {
        json_ok(server.get("/api/v1/me/notices", Some(&token_of(person))))["unreadCount"].clone()
    };
    assert_eq!(unread(ANA), 1);
    assert_eq!(unread(BEN), 0, "told nothing while disabled");
}

fn an_organisation_keeps_an_admin(backend: Backend) {
    let server = TestServer::start(backend);
    signs_in(&server, ANA);
    signs_in(&server, BEN);
    let herself = set_access(
        &server,
        &token_of(ANA),
        "ana",
        json!({"portalRoles": ["user-settings-admin"], "disabled": true}),
    );
    let problem = expect_problem(herself, 422);
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|detail| detail.contains("cannot disable yourself")),
        "{problem}"
    );
    let last_admin = set_access(
        &server,
        &token_of(ANA),
        "ana",
        json!({"portalRoles": ["general-access"], "disabled": false}),
    );
    let problem = expect_problem(last_admin, 422);
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|detail| detail.contains("no user settings admin")),
        "{problem}"
    );
    json_ok(set_access(
        &server,
        &token_of(ANA),
        "ben",
        json!({"portalRoles": ["user-settings-admin"], "disabled": false}),
    ));
    let handed_over = json_ok(set_access(
        &server,
        &token_of(ANA),
        "ana",
        json!({"portalRoles": ["general-access"], "disabled": false}),
    ));
    assert_eq!(handed_over["portalRoles"], json!(["general-access"]));
}

fn the_funders_staff_have_no_portal_roles(backend: Backend) {
    let server = TestServer::start(backend);
    json_ok(server.get("/api/v1/me", Some(&admin_token())));
    let refused = set_access(
        &server,
        &admin_token(),
        "test-user",
        json!({"portalRoles": ["general-access"], "disabled": false}),
    );
    let problem = expect_problem(refused, 422);
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|detail| detail.contains("no portal roles")),
        "{problem}"
    );
}

on_both_backends!(
    the_funders_staff_have_no_portal_roles,
    the_first_person_administers_and_grants_access,
    a_disabled_person_is_listed_and_refused_everywhere,
    an_organisation_keeps_an_admin,
);
