//! Lodges the sample return of organisation 6004 through the generated DXP client.
//!
//! ```sh
//! DXP_URL=http://127.0.0.1:8080 DXP_TOKEN=$(dxp token --org 6004 --role teo-submitter) \
//!     dxp-rust-client [DATA_DIR]
//! ```
//!
//! `DXP_ROUND` names the round; without it the program takes the first open SDR round from
//! `GET /api/v1/due`. `DATA_DIR` holds the return as JSON `{"records": [...]}` files named as
//! in `examples/data/json` (the default): the five SDR files and `efts-forecasts.json`. The
//! records are read into the generated types, which check patterns and dates themselves: a
//! record that does not fit (a gender code `X`, a date `2026-01-05`) stops the program before
//! anything is sent, so `examples/data/mistakes/json` is refused here, not by the server. The program opens a return, uploads the five
//! files, validates it and waits for the verdict, prints the problems, lodges the round's EFTS
//! forecast when the return needs one, submits the return, and exits 0 only when it is
//! `Submitted`.
//!
//! Every call goes through a method generated from the OpenAPI document; no HTTP is written by
//! hand.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use dxp_rust_client::{Client, Error, types};
use serde::de::DeserializeOwned;

/// How long to wait for a validation verdict before giving up.
const VERDICT_TIMEOUT: Duration = Duration::from_secs(300);
const POLL_INTERVAL: Duration = Duration::from_millis(250);
const PROBLEMS_PER_PAGE: u64 = 1000;
/// Problems printed per submission; the rest are counted.
const PROBLEMS_SHOWN: usize = 50;

/// What stops the program: a message ready to print.
struct Failure(String);

type Outcome<T> = Result<T, Failure>;

/// A refused or failed call, with the RFC 9457 problem's fields when the server sent one.
fn call_failed(what: &str, error: Error<types::Problem>) -> Failure {
    Failure(match error {
        Error::ErrorResponse(response) => {
            let status = response.status();
            let problem = response.into_inner();
            let mut text = format!(
                "{what}: HTTP {status}\n  type:   {}\n  title:  {}\n  detail: {}",
                problem.type_, problem.title, problem.detail
            );
            if let Some(rule) = problem.rule {
                text.push_str(&format!("\n  rule:   {rule}"));
            }
            text
        }
        other => format!("{what}: {other}"),
    })
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(Failure(message)) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Returns whether the return ended `Submitted`.
async fn run() -> Outcome<bool> {
    let url = required_env("DXP_URL")?;
    let token = required_env("DXP_TOKEN")?;
    let data_dir = std::env::args_os().nth(1).map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/json"),
        PathBuf::from,
    );
    let client = client(&url, &token)?;

    let round = match std::env::var("DXP_ROUND") {
        Ok(round) if !round.is_empty() => round,
        _ => open_round(&client).await?,
    };
    let data_dir = data_dir.canonicalize().unwrap_or(data_dir);
    println!("round {round}, records from {}", data_dir.display());

    // The records, read into the generated types first: a file that does not fit them stops
    // the program before anything is opened.
    let learners: types::LearnerBatch = read(&data_dir, "learners.json")?;
    let courses: types::CourseBatch = read(&data_dir, "courses.json")?;
    let enrolments: types::CourseEnrolmentBatch = read(&data_dir, "course-enrolments.json")?;
    let completions: types::CourseCompletionBatch = read(&data_dir, "course-completions.json")?;
    let qualifications: types::QualificationCompletionBatch =
        read(&data_dir, "qualification-completions.json")?;
    let forecasts: types::EftsForecastBatch = read(&data_dir, "efts-forecasts.json")?;

    // 1. Open the return.
    let ret = open(&client, &round, types::SubmissionType::Return).await?;
    println!("opened return {}", ret.id);

    // 2. Upload the five files of the SDR.
    let id = ret.id.as_str();
    report(
        "learners",
        client.upload_learners(id, None, &learners).await,
    )?;
    report("courses", client.upload_courses(id, None, &courses).await)?;
    report(
        "course-enrolments",
        client.upload_course_enrolments(id, None, &enrolments).await,
    )?;
    report(
        "course-completions",
        client
            .upload_course_completions(id, None, &completions)
            .await,
    )?;
    report(
        "qualification-completions",
        client
            .upload_qualification_completions(id, None, &qualifications)
            .await,
    )?;

    // 3. Validate and wait for the verdict; 4. read the problems.
    let ret = validate(&client, &ret.id).await?;
    print_problems(&client, &ret).await?;
    if ret.status != types::SubmissionStatus::Processed {
        println!("return {} is {}: not submitted", ret.id, ret.status);
        return Ok(false);
    }

    // 5. A return with forecast provision waits for the round's EFTS forecast (RD-010).
    if ret.efts_forecast_required {
        println!("the return needs the round's EFTS forecast: lodging it first");
        if !lodge_forecast(&client, &round, &forecasts).await? {
            return Ok(false);
        }
    }

    // 6. Lodge the return.
    let ret = client
        .submit_submission(&ret.id)
        .await
        .map_err(|e| call_failed("submitting the return", e))?
        .into_inner();
    println!(
        "return {}: {}{}",
        ret.id,
        ret.status,
        ret.submitted_at
            .map(|at| format!(" at {at}"))
            .unwrap_or_default()
    );
    Ok(ret.status == types::SubmissionStatus::Submitted)
}

fn required_env(name: &str) -> Outcome<String> {
    std::env::var(name)
        .ok()
        .filter(|value| !value.is_empty())
        .ok_or_else(|| Failure(format!("{name} is not set")))
}

/// A generated client whose every request carries `Authorization: Bearer <token>`.
fn client(url: &str, token: &str) -> Outcome<Client> {
    let mut value = reqwest::header::HeaderValue::from_str(&format!("Bearer {token}"))
        .map_err(|_| Failure("DXP_TOKEN is not a valid header value".into()))?;
    value.set_sensitive(true);
    let headers = reqwest::header::HeaderMap::from_iter([(reqwest::header::AUTHORIZATION, value)]);
    let http = reqwest::Client::builder()
        .default_headers(headers)
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(120))
        .build()
        .map_err(|e| Failure(format!("building the HTTP client: {e}")))?;
    Ok(Client::new_with_client(url.trim_end_matches('/'), http))
}

/// The first open SDR round in what is due (the March indicative return and the December
/// workforce round are not the SDR this program sends).
async fn open_round(client: &Client) -> Outcome<String> {
    let due = client
        .list_due(None)
        .await
        .map_err(|e| call_failed("reading what is due", e))?
        .into_inner();
    due.results
        .into_iter()
        .find(|item| {
            item.state == types::DueState::Open
                && !item.round.ends_with("IND")
                && !item.round.ends_with("DEC")
        })
        .map(|item| item.round.as_str().to_owned())
        .ok_or_else(|| {
            Failure(format!(
                "no SDR round is open for organisation {} (set DXP_ROUND to name one)",
                due.organisation
            ))
        })
}

async fn open(
    client: &Client,
    round: &str,
    kind: types::SubmissionType,
) -> Outcome<types::SubmissionView> {
    let body = types::NewSubmission {
        organisation: None,
        round: round
            .parse()
            .map_err(|e| Failure(format!("round {round:?}: {e}")))?,
        submission_type: Some(kind),
    };
    Ok(client
        .create_submission(&body)
        .await
        .map_err(|e| call_failed(&format!("opening a {kind} submission for {round}"), e))?
        .into_inner())
}

/// Reads one file of records into its generated batch type.
fn read<T: DeserializeOwned>(dir: &Path, name: &str) -> Outcome<T> {
    let path = dir.join(name);
    let text = std::fs::read_to_string(&path)
        .map_err(|e| Failure(format!("reading {}: {e}", path.display())))?;
    serde_json::from_str(&text).map_err(|e| Failure(format!("{}: {e}", path.display())))
}

/// Prints what an upload did, with each record's own problems.
fn report(
    file: &str,
    result: Result<progenitor_client::ResponseValue<types::UploadReport>, Error<types::Problem>>,
) -> Outcome<()> {
    let upload = result
        .map_err(|e| call_failed(&format!("uploading {file}"), e))?
        .into_inner();
    println!(
        "  {file:<26} {:>4} received, {:>4} stored, {:>4} unchanged, {} errors, {} warnings",
        upload.received, upload.stored, upload.unchanged, upload.error_count, upload.warning_count
    );
    for p in upload.problems.iter().take(PROBLEMS_SHOWN) {
        println!(
            "    {:<7} {:<7} record {} ({}) {}: {}",
            p.severity.to_string(),
            p.rule,
            p.index,
            p.local_id.as_deref().unwrap_or("no localId"),
            if p.field.is_empty() {
                "(record)"
            } else {
                &p.field
            },
            p.message
        );
    }
    if upload.problems.len() > PROBLEMS_SHOWN || upload.problems_truncated {
        println!(
            "    … and more ({} in all)",
            upload.error_count + upload.warning_count
        );
    }
    Ok(())
}

/// Asks for validation, then polls until the verdict (`Processed` or `Rejected`), printing the
/// status and progress as they change.
async fn validate(client: &Client, id: &str) -> Outcome<types::SubmissionView> {
    let mut submission = client
        .validate_submission(id)
        .await
        .map_err(|e| call_failed(&format!("validating {id}"), e))?
        .into_inner();
    let started = Instant::now();
    let mut last = String::new();
    loop {
        let line = match &submission.progress {
            Some(p) if p.records_total > 0 => format!(
                "{}: {} of {} records checked",
                submission.status, p.records_checked, p.records_total
            ),
            _ => submission.status.to_string(),
        };
        if line != last {
            println!("  {:>6.1}s  {line}", started.elapsed().as_secs_f64());
            last = line;
        }
        match submission.status {
            types::SubmissionStatus::Processed | types::SubmissionStatus::Rejected => break,
            types::SubmissionStatus::Queued | types::SubmissionStatus::Validating => {}
            other => {
                return Err(Failure(format!(
                    "submission {id} is {other} while waiting for its validation"
                )));
            }
        }
        if started.elapsed() > VERDICT_TIMEOUT {
            return Err(Failure(format!(
                "no verdict for {id} after {}s",
                VERDICT_TIMEOUT.as_secs()
            )));
        }
        tokio::time::sleep(POLL_INTERVAL).await;
        submission = client
            .get_submission(id)
            .await
            .map_err(|e| call_failed(&format!("reading {id}"), e))?
            .into_inner();
    }
    println!(
        "{} {} is {}: {} errors, {} warnings",
        submission.submission_type,
        submission.id,
        submission.status,
        submission.error_count,
        submission.warning_count
    );
    Ok(submission)
}

/// Prints the stored problems of a submission, page by page.
async fn print_problems(client: &Client, submission: &types::SubmissionView) -> Outcome<()> {
    if submission.error_count + submission.warning_count == 0 {
        return Ok(());
    }
    let limit = std::num::NonZeroU64::new(PROBLEMS_PER_PAGE);
    let (mut after, mut shown, mut total) = (None, 0, 0);
    loop {
        let page = client
            .list_submission_problems(&submission.id, after, None, None, limit, None, None)
            .await
            .map_err(|e| call_failed(&format!("reading the problems of {}", submission.id), e))?
            .into_inner();
        for p in &page.results {
            total += 1;
            if shown < PROBLEMS_SHOWN {
                shown += 1;
                println!(
                    "  {:<7} {:<7} {} {}{} {}: {}",
                    p.severity.to_string(),
                    p.rule,
                    p.file,
                    p.local_id,
                    p.student_identification_code
                        .as_deref()
                        .map(|s| format!(" (learner {s})"))
                        .unwrap_or_default(),
                    if p.field.is_empty() {
                        "(record)"
                    } else {
                        &p.field
                    },
                    p.message
                );
            }
        }
        match page.next_cursor {
            Some(next) if !page.results.is_empty() => after = Some(next),
            _ => break,
        }
    }
    if total > shown {
        println!("  … {} more problems", total - shown);
    }
    Ok(())
}

/// Opens, fills, validates and submits the round's EFTS forecast; returns whether it was
/// lodged.
async fn lodge_forecast(
    client: &Client,
    round: &str,
    records: &types::EftsForecastBatch,
) -> Outcome<bool> {
    let forecast = open(client, round, types::SubmissionType::EftsForecast).await?;
    println!("opened EFTS forecast {}", forecast.id);
    report(
        "efts-forecasts",
        client
            .upload_efts_forecasts(&forecast.id, None, records)
            .await,
    )?;
    let forecast = validate(client, &forecast.id).await?;
    print_problems(client, &forecast).await?;
    if forecast.status != types::SubmissionStatus::Processed {
        println!(
            "EFTS forecast {} is {}: the return cannot be lodged",
            forecast.id, forecast.status
        );
        return Ok(false);
    }
    let forecast = client
        .submit_submission(&forecast.id)
        .await
        .map_err(|e| call_failed("submitting the EFTS forecast", e))?
        .into_inner();
    println!("EFTS forecast {}: {}", forecast.id, forecast.status);
    Ok(forecast.status == types::SubmissionStatus::Submitted)
}
