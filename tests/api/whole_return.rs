//! A whole return, five files, by CSV and by JSON, with the sample files of `examples/data/`;
//! the indicative round's three files; CSV export; the legacy import.

use std::collections::BTreeSet;

use dxp_domain::SdrFile;
use serde_json::Value;

use crate::client::{ORG, Teo};
use crate::helpers::{Backend, TestServer, dxp, expect_problem, json_ok, repo_root};
use crate::on_both_backends;

fn sample(path: &str) -> Vec<u8> {
    std::fs::read(repo_root().join("examples/data").join(path))
        .unwrap_or_else(|error| panic!("{path}: {error}"))
}

fn csv_name(file: SdrFile) -> String {
    format!("{}{ORG}.CSV", file.csv_prefix())
}

impl Teo<'_> {
    fn send(&self, path: &str, content_type: &str, body: Vec<u8>) -> reqwest::blocking::Response {
        self.server
            .client()
            .post(self.server.url(path))
            .bearer_auth(&self.token)
            .header("content-type", content_type)
            .body(body)
            .send()
            .expect("POST")
    }

    fn upload_csv(&self, id: &str, file: SdrFile, body: Vec<u8>) -> Value {
        json_ok(self.send(
            &format!("/api/v1/submissions/{id}/{file}"),
            "text/csv",
            body,
        ))
    }
}

fn the_sample_return_as_csv_ends_processed(backend: Backend) {
    let server = TestServer::start(backend);
    let teo = Teo::new(&server, ORG);
    let id = teo.open("2026-APR");
    for file in SdrFile::ALL {
        let report = teo.upload_csv(&id, file, sample(&format!("csv/{}", csv_name(file))));
        assert_eq!(report["errorCount"], 0, "{file}: {report}");
        assert!(
            report["stored"].as_u64().unwrap_or(0) > 0,
            "{file}: {report}"
        );
    }
    let verdict = teo.validate(&id);
    assert_eq!(verdict["status"], "Processed", "{verdict}");
    assert_eq!(verdict["recordCounts"]["learners"], 12);
}

fn the_sample_return_as_json_ends_processed(backend: Backend) {
    let server = TestServer::start(backend);
    let teo = Teo::new(&server, ORG);
    let id = teo.open("2026-AUG");
    for file in SdrFile::ALL {
        let report = json_ok(teo.send(
            &format!("/api/v1/submissions/{id}/{file}"),
            "application/json",
            sample(&format!("json/{file}.json")),
        ));
        assert_eq!(report["errorCount"], 0, "{file}: {report}");
    }
    assert_eq!(teo.validate(&id)["status"], "Processed");
}

fn typical_mistakes_are_each_reported(backend: Backend) {
    let server = TestServer::start(backend);
    let teo = Teo::new(&server, ORG);
    let id = teo.open("2026-APR");
    let mut csv_problems = Vec::new();
    for file in SdrFile::ALL {
        let report = teo.upload_csv(
            &id,
            file,
            sample(&format!("mistakes/csv/{}", csv_name(file))),
        );
        csv_problems.extend(report["problems"].as_array().cloned().unwrap_or_default());
    }
    // The date that is not a real date is reported on its line of the file.
    let bad_date = csv_problems
        .iter()
        .find(|p| p["rule"] == "CSV-001")
        .expect("a CSV-001 problem");
    assert_eq!(bad_date["index"], 6, "{bad_date}");
    assert_eq!(bad_date["field"], "courseStartDate");

    let verdict = teo.validate(&id);
    assert_eq!(verdict["status"], "Rejected");
    let problems = json_ok(teo.get(&format!("/api/v1/submissions/{id}/problems?limit=1000")));
    let rules: BTreeSet<&str> = problems["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|p| p["rule"].as_str())
        .collect();
    for expected in ["CSV-001", "CE-021", "LR-008", "XF-006", "XF-015"] {
        assert!(
            rules.contains(expected),
            "{expected} missing from {rules:?}"
        );
    }
    // A cross-file problem names the other record.
    let missing_course = problems["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|p| p["rule"] == "XF-006")
        .expect("XF-006");
    assert_eq!(missing_course["file"], "course-enrolments");
    assert!(
        missing_course["message"]
            .as_str()
            .unwrap_or_default()
            .contains("NOTREG101"),
        "{missing_course}"
    );
}

fn the_indicative_round_takes_three_files(backend: Backend) {
    let server = TestServer::start(backend);
    let teo = Teo::new(&server, ORG);
    let id = teo.open("2026-IND");
    let refused = teo.send(
        &format!("/api/v1/submissions/{id}/course-completions"),
        "text/csv",
        sample(&format!("csv/{}", csv_name(SdrFile::CourseCompletions))),
    );
    let problem = expect_problem(refused, 422);
    assert!(
        problem["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("learners, course-enrolments, courses"),
        "{problem}"
    );
    for file in SdrFile::INDICATIVE {
        teo.upload_csv(&id, file, sample(&format!("csv/{}", csv_name(file))));
    }
    assert_eq!(teo.validate(&id)["status"], "Processed");
}

fn csv_export_round_trips(backend: Backend) {
    let server = TestServer::start(backend);
    let teo = Teo::new(&server, ORG);
    let id = teo.open("2026-APR");
    let original = sample(&format!("csv/{}", csv_name(SdrFile::CourseEnrolments)));
    let first = teo.upload_csv(&id, SdrFile::CourseEnrolments, original);
    let exported = server
        .client()
        .get(server.url(&format!("/api/v1/submissions/{id}/course-enrolments")))
        .bearer_auth(&teo.token)
        .header("accept", "text/csv")
        .send()
        .expect("GET CSV");
    assert_eq!(exported.status().as_u16(), 200);
    let disposition = exported.headers()["content-disposition"]
        .to_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        disposition.contains(&csv_name(SdrFile::CourseEnrolments)),
        "{disposition}"
    );
    let again = teo.upload_csv(
        &id,
        SdrFile::CourseEnrolments,
        exported.bytes().expect("CSV").to_vec(),
    );
    assert_eq!(
        again["stored"], 0,
        "the export re-uploads as the same records: {again}"
    );
    assert_eq!(again["unchanged"], first["stored"]);

    let page = json_ok(teo.get(&format!(
        "/api/v1/submissions/{id}/course-enrolments?limit=2"
    )));
    assert_eq!(page["results"].as_array().map(Vec::len), Some(2));
    assert!(page["nextCursor"].is_string());
}

/// A COUR line of the legacy layout (sdr-domain §7 positions).
fn cour_line() -> String {
    let mut line = vec![' '; 186];
    let months =
        "0.0000 0.0250 0.0250 0.0250 0.0250 0.0250 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 ";
    for (start, text) in [
        (1, "6004"),
        (5, "917000047"),
        (15, "PC4001"),
        (21, "ECON112"),
        (41, "23022026"),
        (49, "26062026"),
        (65, "00"),
        (67, "1"),
        (68, "01"),
        (70, "01"),
        (72, "N"),
        (73, "N"),
        (74, "N"),
        (75, "A2"),
        (77, "13.1"),
        (81, "091901"),
        (87, "0.1250"),
        (93, months),
        (177, " 123456789"),
    ] {
        for (offset, c) in text.chars().enumerate() {
            line[start - 1 + offset] = c;
        }
    }
    line.into_iter().collect()
}

fn legacy_files_are_imported(backend: Backend) {
    let server = TestServer::start(backend);
    let teo = Teo::new(&server, ORG);
    let id = teo.open("2026-APR");
    let report = json_ok(teo.send(
        &format!("/api/v1/submissions/{id}/legacy-files/COUR{ORG}.txt"),
        "text/plain",
        format!("{}\r\n", cour_line()).into_bytes(),
    ));
    assert_eq!(report["stored"], 1, "{report}");
    let page = json_ok(teo.get(&format!("/api/v1/submissions/{id}/course-enrolments")));
    assert_eq!(page["results"][0]["courseCode"], "ECON112");
    assert_eq!(page["results"][0]["localId"], "row-1");
    let problem = expect_problem(
        teo.send(
            &format!("/api/v1/submissions/{id}/legacy-files/ENRL{ORG}.CSV"),
            "text/plain",
            Vec::new(),
        ),
        400,
    );
    assert!(
        problem["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("COUR6004.txt")
    );
    // An empty legacy file (or one of blank lines) is a mistake, not a quiet success.
    let empty = expect_problem(
        teo.send(
            &format!("/api/v1/submissions/{id}/legacy-files/COUR{ORG}.txt"),
            "text/plain",
            b"\r\n\r\n".to_vec(),
        ),
        400,
    );
    assert!(
        empty["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("the legacy file is empty"),
        "{empty}"
    );
    let page = json_ok(teo.get(&format!("/api/v1/submissions/{id}/course-enrolments")));
    assert_eq!(page["results"].as_array().map(Vec::len), Some(1), "{page}");
}

#[test]
fn dxp_convert_turns_a_legacy_file_into_dxp_csv() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let input = folder.path().join(format!("COUR{ORG}.txt"));
    std::fs::write(&input, format!("{}\r\n", cour_line())).expect("write");
    let output = dxp()
        .arg("convert")
        .arg(&input)
        .output()
        .expect("run dxp convert");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let csv =
        std::fs::read_to_string(folder.path().join(format!("ENRL{ORG}.CSV"))).expect("the CSV");
    assert!(
        csv.starts_with("Provider Code,Local ID,Student Identification Code"),
        "{csv}"
    );
    assert!(
        csv.contains("ECON112") && csv.contains("23/02/2026"),
        "{csv}"
    );
    let refused = dxp()
        .arg("convert")
        .arg(folder.path().join("notes.txt"))
        .output()
        .expect("run dxp convert");
    assert_eq!(refused.status.code(), Some(2));
}

/// The whole return derives each learner's enrolment type: the type D fields missing from a
/// learner record (accepted on upload, where the type is not known) are errors there, whose
/// message gives the type; so is an apprenticeship above Level 4.
fn type_d_fields_and_course_levels_are_checked_in_the_whole_return(backend: Backend) {
    let server = TestServer::start(backend);
    let teo = Teo::new(&server, ORG);
    let id = teo.open("2026-APR");
    let mut records = dxp_domain::testkit::valid_return(41, 12);
    let edit = |texts: &mut Vec<String>, change: &dyn Fn(&mut Value)| {
        for text in texts.iter_mut() {
            let mut record: Value = serde_json::from_str(text).expect("JSON");
            change(&mut record);
            *text = record.to_string();
        }
    };
    edit(&mut records.learners, &|record| {
        record
            .as_object_mut()
            .expect("object")
            .remove("highestSecondarySchoolQualification");
    });
    edit(&mut records.course_enrolments, &|record| {
        record["apprenticeships"] = Value::Bool(true);
    });
    teo.upload_return(&id, &records);
    let verdict = teo.validate(&id);
    assert_eq!(verdict["status"], "Rejected", "{verdict}");
    let problems = json_ok(teo.get(&format!("/api/v1/submissions/{id}/problems?limit=1000")));
    let results = problems["results"].as_array().expect("results");
    let type_d = results
        .iter()
        .find(|p| p["rule"] == "XF-019")
        .expect("an XF-019 problem");
    assert_eq!(type_d["file"], "learners");
    assert_eq!(type_d["severity"], "error");
    assert_eq!(type_d["field"], "highestSecondarySchoolQualification");
    assert!(
        type_d["message"]
            .as_str()
            .unwrap_or_default()
            .contains("is type D: enrolled in formal qualification"),
        "{type_d}"
    );
    let apprenticeship = results
        .iter()
        .find(|p| p["rule"] == "XF-021")
        .expect("an XF-021 problem");
    assert_eq!(apprenticeship["file"], "course-enrolments");
    assert_eq!(apprenticeship["severity"], "error");
}

on_both_backends!(
    type_d_fields_and_course_levels_are_checked_in_the_whole_return,
    the_sample_return_as_csv_ends_processed,
    the_sample_return_as_json_ends_processed,
    typical_mistakes_are_each_reported,
    the_indicative_round_takes_three_files,
    csv_export_round_trips,
    legacy_files_are_imported,
);

/// A CSV file larger than the JSON record limit streams through in chunks and is stored whole.
fn a_large_csv_file_streams_in(backend: Backend) {
    let server = TestServer::start(backend);
    let teo = Teo::new(&server, ORG);
    let id = teo.open("2026-APR");
    let records = dxp_domain::testkit::valid_records(12_500);
    let mut csv = Vec::new();
    dxp_formats::write_csv(
        SdrFile::CourseEnrolments,
        records.iter().map(String::as_str),
        &mut csv,
    )
    .expect("CSV");
    let report = teo.upload_csv(&id, SdrFile::CourseEnrolments, csv);
    assert_eq!(report["received"], 12_500, "{}", report["problems"]);
    assert_eq!(report["stored"], 12_500);
    assert_eq!(
        teo.submission(&id)["recordCounts"]["courseEnrolments"],
        12_500
    );
}

on_both_backends!(a_large_csv_file_streams_in);
