//! The typed client the tests drive a server with: one organisation's submissions, from
//! opening one to lodging it.

use std::time::{Duration, Instant};

use dxp_domain::SdrFile;
use dxp_domain::testkit::ReturnRecords;
use serde_json::{Value, json};

use crate::helpers::{TestServer, json_ok, token};

pub const ORG: i64 = 6004;

/// A small client for one organisation's submissions.
pub struct Teo<'a> {
    pub server: &'a TestServer,
    pub token: String,
}

impl<'a> Teo<'a> {
    pub fn new(server: &'a TestServer, org: i64) -> Self {
        Self {
            server,
            token: token(org, "teo-submitter"),
        }
    }

    pub fn post(&self, path: &str, body: &Value) -> reqwest::blocking::Response {
        self.server
            .client()
            .post(self.server.url(path))
            .bearer_auth(&self.token)
            .json(body)
            .send()
            .expect("POST")
    }

    pub fn get(&self, path: &str) -> reqwest::blocking::Response {
        self.server.get(path, Some(&self.token))
    }

    pub fn open(&self, round: &str) -> String {
        let response = self.post("/api/v1/submissions", &json!({"round": round}));
        assert_eq!(response.status().as_u16(), 201);
        let body: Value = response.json().expect("JSON");
        assert_eq!(body["status"], "Draft");
        body["id"].as_str().expect("id").to_owned()
    }

    pub fn upload(&self, id: &str, records: &[String]) -> Value {
        json_ok(self.upload_raw(id, records))
    }

    pub fn upload_raw(&self, id: &str, records: &[String]) -> reqwest::blocking::Response {
        self.upload_file(id, SdrFile::CourseEnrolments, records)
    }

    pub fn upload_file(
        &self,
        id: &str,
        file: SdrFile,
        records: &[String],
    ) -> reqwest::blocking::Response {
        let body = format!("{{\"records\":[{}]}}", records.join(","));
        self.server
            .client()
            .post(self.server.url(&format!("/api/v1/submissions/{id}/{file}")))
            .bearer_auth(&self.token)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .expect("POST records")
    }

    /// Uploads every file of a return that the round takes; returns the enrolments' report.
    pub fn upload_return(&self, id: &str, records: &ReturnRecords) {
        let round = self.submission(id)["round"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let files: &[SdrFile] = if round.ends_with("IND") {
            &SdrFile::INDICATIVE
        } else {
            &SdrFile::ALL
        };
        for file in files {
            let report = json_ok(self.upload_file(id, *file, records.file(*file)));
            assert_eq!(report["errorCount"], 0, "{file}: {report}");
        }
    }

    /// Opens a submission of `submission_type` (`Return`, `StandaloneFiles`, `EftsForecast`).
    pub fn open_as(&self, round: &str, submission_type: &str) -> String {
        let response = self.post(
            "/api/v1/submissions",
            &json!({"round": round, "submissionType": submission_type}),
        );
        let body = json_ok(response);
        assert_eq!(body["submissionType"], submission_type);
        body["id"].as_str().expect("id").to_owned()
    }

    /// Opens the round's EFTS forecast, uploads `lines`, validates it and asks to lodge it. The
    /// answer is the lodging's, or the opening's when the round refuses a new submission.
    pub fn try_lodge_forecast(&self, round: &str, lines: &[String]) -> reqwest::blocking::Response {
        let opened = self.post(
            "/api/v1/submissions",
            &json!({"round": round, "submissionType": "EftsForecast"}),
        );
        if !opened.status().is_success() {
            return opened;
        }
        let id = opened.json::<Value>().expect("JSON")["id"]
            .as_str()
            .expect("id")
            .to_owned();
        let report = json_ok(self.upload_file(&id, SdrFile::EftsForecasts, lines));
        assert_eq!(report["errorCount"], 0, "{report}");
        assert_eq!(self.validate(&id)["status"], "Processed");
        self.post(&format!("/api/v1/submissions/{id}/submit"), &json!({}))
    }

    /// Whether the organisation has a lodged EFTS forecast for the round.
    pub fn forecast_lodged(&self, round: &str) -> bool {
        let page = json_ok(self.get(&format!(
            "/api/v1/submissions?round={round}&status=Submitted"
        )));
        page["results"]
            .as_array()
            .expect("results")
            .iter()
            .any(|submission| submission["submissionType"] == "EftsForecast")
    }

    /// Asks to lodge a return as a correct SMS does: when its verdict says it needs the round's
    /// EFTS forecast and none is lodged yet, it lodges the forecast first (whose own refusal,
    /// if any, the return's answer repeats).
    pub fn lodge(&self, id: &str) -> reqwest::blocking::Response {
        let submission = self.submission(id);
        let round = submission["round"].as_str().expect("round").to_owned();
        if submission["eftsForecastRequired"] == true && !self.forecast_lodged(&round) {
            let year: i32 = round[..4].parse().expect("year");
            self.try_lodge_forecast(&round, &forecast_lines(year));
        }
        self.post(&format!("/api/v1/submissions/{id}/submit"), &json!({}))
    }

    pub fn submission(&self, id: &str) -> Value {
        json_ok(self.get(&format!("/api/v1/submissions/{id}")))
    }

    /// Asks for validation and waits for the verdict.
    pub fn validate(&self, id: &str) -> Value {
        let response = self.post(&format!("/api/v1/submissions/{id}/validate"), &json!({}));
        assert_eq!(response.status().as_u16(), 202, "validate");
        let queued: Value = response.json().expect("JSON");
        assert!(
            ["Queued", "Validating", "Processed", "Rejected"]
                .contains(&queued["status"].as_str().unwrap_or(""))
        );
        self.wait_for_verdict(id)
    }

    /// Polls the submission until it has a verdict (Processed or Rejected), for at most 60 s.
    pub fn wait_for_verdict(&self, id: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let submission = self.submission(id);
            if matches!(
                submission["status"].as_str(),
                Some("Processed" | "Rejected")
            ) {
                return submission;
            }
            assert!(
                Instant::now() < deadline,
                "no verdict after 60 s: {submission}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// A small EFTS forecast for a return of `year`: DQ7+ at Level 7 for the next two years.
pub fn forecast_lines(year: i32) -> Vec<String> {
    (1..=2)
        .map(|ahead| {
            json!({
                "localId": format!("FC-{}", year + ahead),
                "sourceOfFunding": "01",
                "levelOnNzqcf": 7,
                "forecastYear": year + ahead,
                "efts": 120.5,
            })
            .to_string()
        })
        .collect()
}
