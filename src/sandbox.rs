//! `dxp sandbox`: the server as an integrator first meets it. A fresh embedded database of its
//! own (`sandbox.sqlite3` in the data folder, recreated at every start, never the `dxp serve`
//! one), a demo organisation, this year's rounds open now, the sample return of
//! `examples/data/` in Draft, and tokens for each role printed and written to `sandbox.json`, so
//! `/docs` can be clicked through at once and scripts can find their way in.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::{Duration, Utc};
use clap::Args;
use dxp_api::auth::{TokenIssuer, TokenRequest};
use dxp_api::upload_limits::{DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_FILE_BYTES, RecordLimits};
use dxp_domain::calendar::{RoundKind, current_year};
use dxp_domain::lodging::SubmissionType;
use dxp_domain::{ApiPermission, Edumis, Role, RoundChanges, RoundId, SdrFile};
use dxp_persistence::submissions::Scope;
use dxp_persistence::{DatabaseUrl, Pool, PoolOptions};
use dxp_service::Caller;
use dxp_service::ingest::Format;
use dxp_service::upload::{DEFAULT_MAX_RECORDS_PER_REQUEST, upload_records};
use serde_json::json;

use crate::config::{DataDir, TokenConfig};
use crate::{
    DocumentStoreArgs, MailArgs, Node, OidcArgs, RateLimitArgs, ValidatorArgs, WebhookArgs,
    prepare_database, run_node,
};

/// The demo organisation: the sample return's provider.
const ORGANISATION: i64 = 6004;
const ORGANISATION_NAME: &str = "Sandbox Polytechnic";
/// The client id of the sandbox organisation's machine account (its secret is new at each start).
const MACHINE_ACCOUNT: &str = "sandbox-sms";
/// The round the sample return is opened in: a full return with the files of the SDR.
const SAMPLE_ROUND: RoundKind = RoundKind::Aug;
/// How long the sandbox's rounds and tokens stay open.
const OPEN_DAYS: i64 = 30;
/// Who the sandbox's own changes are by, in the audit log.
const ACTOR: &str = "sandbox";
/// The database file, beside (never instead of) the one `dxp serve` uses.
const DATABASE_FILE: &str = "sandbox.sqlite3";

#[derive(Debug, Args)]
pub struct SandboxArgs {
    /// The address to listen on; port 0 picks a free port.
    #[arg(long, env = "DXP_BIND", default_value = "127.0.0.1:8080")]
    bind: String,
    #[command(flatten)]
    rate_limit: RateLimitArgs,
    #[command(flatten)]
    validation: ValidatorArgs,
    #[command(flatten)]
    mail: MailArgs,
    #[command(flatten)]
    oidc: OidcArgs,
    #[command(flatten)]
    document_store: DocumentStoreArgs,
    #[command(flatten)]
    webhooks: WebhookArgs,
}

/// The sample return's five files, as `examples/data/json` holds them (built in). Its EFTS
/// forecast (`efts-forecasts.json`) is left for the integrator to lodge, as the flow asks.
const SAMPLE: [(SdrFile, &str); 5] = [
    (
        SdrFile::Learners,
        include_str!("../examples/data/json/learners.json"),
    ),
    (
        SdrFile::Courses,
        include_str!("../examples/data/json/courses.json"),
    ),
    (
        SdrFile::CourseEnrolments,
        include_str!("../examples/data/json/course-enrolments.json"),
    ),
    (
        SdrFile::CourseCompletions,
        include_str!("../examples/data/json/course-completions.json"),
    ),
    (
        SdrFile::QualificationCompletions,
        include_str!("../examples/data/json/qualification-completions.json"),
    ),
];

pub fn run(args: SandboxArgs, data_dir: &DataDir) -> anyhow::Result<()> {
    crate::logging::init()?;
    // The demo users sign in with a click; an identity provider only when one is set.
    let oidc = args.oidc.settings()?;
    let folder = &data_dir.path;
    std::fs::create_dir_all(folder)
        .with_context(|| format!("cannot create {}", folder.display()))?;
    let database = fresh_database(folder)?;
    let pool = Pool::open(&database, &PoolOptions::default())
        .with_context(|| format!("cannot open {database}"))?;
    let clock = dxp_service::Clock::System;
    prepare_database(&pool, &clock)?;
    let now = Utc::now();
    let year = current_year(now);
    let sample_round = RoundId::new(year, SAMPLE_ROUND)?;
    let draft = {
        let mut conn = pool.get()?;
        open_rounds(&mut conn, year, now)?;
        sample_return(&mut conn, sample_round)?
    };
    let demo = dxp_service::Service::new(pool.clone(), clock.clone());
    let machine = actix_web::rt::System::new().block_on(async {
        crate::work_based_demo::seed(&demo, Edumis::new(ORGANISATION)?)
            .await
            .context("cannot put in the work-based demo")?;
        demo.create_machine_account(
            Edumis::new(ORGANISATION)?,
            MACHINE_ACCOUNT,
            &ApiPermission::ALL,
            "sandbox",
        )
        .await
        .context("cannot make the sandbox's machine account")
    })?;
    let machine_account = json!({
        "clientId": machine.account.client_id,
        "clientSecret": machine.client_secret,
        "permissions": ApiPermission::ALL.map(ApiPermission::as_str),
    });
    let tokens = TokenConfig::from_env(data_dir)?;
    let issued = issue_tokens(&tokens)?;
    let node = Node {
        bind: args.bind,
        limits: RecordLimits {
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            max_records: DEFAULT_MAX_RECORDS_PER_REQUEST,
            max_record_per_batch: dxp_api::upload_limits::DEFAULT_MAX_RECORD_PER_BATCH,
        },
        workers: Some(2),
        validation: args.validation.options(),
        schedule: args.validation.schedule(),
        rate_limit: args.rate_limit.limit(),
        mailer: args.mail.options(),
        files: args.document_store.open(data_dir)?,
        // A sandbox runs beside the integrator's own code: it sends webhooks to their machine.
        webhook_urls: dxp_domain::webhooks::UrlPolicy::AllowLocal,
        webhooks: args.webhooks.options(),
        portal: dxp_portal::PortalOptions {
            public_url: args.mail.portal_url.clone().unwrap_or_default(),
            // Sessions live as long as the sandbox: its database is new at every start too.
            session_key: dxp_portal::SessionKey::random(),
            dev_users: demo_people(),
            oidc,
        },
    };
    let round = sample_round.to_string();
    let description = folder.join("sandbox.json");
    run_node(node, pool, tokens, clock, move |address| {
        let base = format!("http://{address}");
        let written = json!({
            "baseUrl": base,
            "docs": format!("{base}/docs/"),
            "organisation": ORGANISATION,
            "round": round,
            "draftSubmission": draft,
            "tokens": issued,
            "machineAccount": machine_account,
            "tokenUrl": format!("{base}/oauth2/access_token"),
        });
        // Written whole under another name, then renamed: a script waiting for the file never
        // reads half of it.
        let partial = description.with_extension("json.partial");
        std::fs::write(&partial, serde_json::to_vec_pretty(&written)?)?;
        std::fs::rename(&partial, &description)?;
        print_banner(
            &base,
            &round,
            &draft,
            &issued,
            &machine_account,
            &description,
        )?;
        Ok(())
    })
}

/// The sandbox's own database, emptied: every start begins from the same state.
fn fresh_database(folder: &Path) -> anyhow::Result<DatabaseUrl> {
    let path: PathBuf = folder.join(DATABASE_FILE);
    for suffix in ["", "-wal", "-shm"] {
        let file = PathBuf::from(format!("{}{suffix}", path.display()));
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => {
                return Err(error).with_context(|| format!("cannot remove {}", file.display()));
            }
        }
    }
    Ok(DatabaseUrl::Sqlite { path })
}

/// Opens this year's rounds from yesterday until `OPEN_DAYS` from now, whatever the calendar
/// says, so that every step of a return can be tried today.
fn open_rounds(
    conn: &mut dxp_persistence::DbConnection,
    year: i32,
    now: chrono::DateTime<Utc>,
) -> anyhow::Result<()> {
    for kind in RoundKind::ALL {
        let changes = RoundChanges {
            extract_date: None,
            opens_at: Some(now - Duration::days(1)),
            due_at: Some(now + Duration::days(OPEN_DAYS)),
            resubmission_window: Some(None),
        };
        dxp_persistence::rounds::update(conn, RoundId::new(year, kind)?, &changes, ACTOR)
            .with_context(|| format!("cannot open round {year}-{kind}"))?;
    }
    Ok(())
}

/// Opens a return for the demo organisation and uploads the sample return's five files into
/// it: it waits in Draft, to be validated and submitted. Its EFTS forecast is left for the
/// integrator to lodge (`examples/data/json/efts-forecasts.json`), as the flow asks.
fn sample_return(
    conn: &mut dxp_persistence::DbConnection,
    round: RoundId,
) -> anyhow::Result<String> {
    let organisation = Edumis::new(ORGANISATION)?;
    dxp_persistence::organisations::ensure(conn, organisation, ORGANISATION_NAME)?;
    let submission = dxp_persistence::submissions::create(
        conn,
        organisation,
        round,
        SubmissionType::Return,
        ACTOR,
    )?;
    let sandbox = Caller {
        actor: ACTOR.to_owned(),
        scope: Scope::Organisation(organisation),
    };
    for (file, body) in SAMPLE {
        let upload = upload_records(
            conn,
            &sandbox,
            &submission.id,
            (file, Format::Json),
            body.as_bytes(),
            DEFAULT_MAX_RECORDS_PER_REQUEST,
        )
        .map_err(|error| anyhow::anyhow!("cannot store the sample {file}: {error}"))?;
        anyhow::ensure!(
            upload.tally.error_count == 0,
            "the sample {file} has {} error(s): run `cargo run --example sample_data`",
            upload.tally.error_count
        );
    }
    Ok(submission.id)
}

/// Another organisation, whose data officer signs in to see that nothing of the demo
/// organisation's shows.
const OTHER_ORGANISATION: i64 = 7010;

/// The people one signs in to the sandbox's portal as, one click each: the demo organisation's
/// data officer and viewer, the funder's staff, and another organisation's data officer. Their
/// subjects are the tokens' (`sandbox-teo-submitter`, …).
fn demo_people() -> Vec<dxp_portal::DevUser> {
    let organisation = Edumis::new(ORGANISATION).ok();
    let other = Edumis::new(OTHER_ORGANISATION).ok();
    vec![
        dxp_portal::DevUser {
            subject: format!("sandbox-{}", Role::TeoSubmitter),
            name: "Aroha Ngata".to_owned(),
            email: "aroha.ngata@sandbox-polytechnic.example".to_owned(),
            organisation,
            roles: vec![Role::TeoSubmitter],
            description: format!(
                "Data officer at {ORGANISATION_NAME} ({ORGANISATION}): sends the returns."
            ),
        },
        dxp_portal::DevUser {
            subject: format!("sandbox-{}", Role::TeoViewer),
            name: "Sam Fifita".to_owned(),
            email: "sam.fifita@sandbox-polytechnic.example".to_owned(),
            organisation,
            roles: vec![Role::TeoViewer],
            description: format!(
                "Finance manager at {ORGANISATION_NAME}: reads the returns, changes nothing."
            ),
        },
        dxp_portal::DevUser {
            subject: format!("sandbox-{}", Role::TecAdmin),
            name: "Mere Tūhoe".to_owned(),
            email: "mere.tuhoe@tec.example".to_owned(),
            organisation: None,
            roles: vec![Role::TecAdmin],
            description:
                "Tertiary Education Commission staff: sees every organisation, runs the rounds."
                    .to_owned(),
        },
        dxp_portal::DevUser {
            subject: "sandbox-other-teo-submitter".to_owned(),
            name: "Jordan Lee".to_owned(),
            email: "jordan.lee@other-institute.example".to_owned(),
            organisation: other,
            roles: vec![Role::TeoSubmitter],
            description: format!(
                "Data officer at another organisation ({OTHER_ORGANISATION}): sees none of {ORGANISATION_NAME}'s data."
            ),
        },
    ]
}

/// A token for each role, valid as long as the rounds are open.
fn issue_tokens(tokens: &TokenConfig) -> anyhow::Result<serde_json::Value> {
    let issuer = TokenIssuer::new(&tokens.secret, tokens.settings.clone())?;
    let organisation = Edumis::new(ORGANISATION)?;
    let mut issued = serde_json::Map::new();
    for role in [Role::TeoSubmitter, Role::TeoViewer, Role::TecAdmin] {
        let token = issuer.issue(&TokenRequest {
            subject: format!("sandbox-{role}"),
            organisation: role.is_organisation_role().then_some(organisation),
            roles: vec![role],
            ttl_seconds: u64::try_from(Duration::days(OPEN_DAYS).num_seconds())?,
            apis: None,
        })?;
        issued.insert(role.to_string(), token.into());
    }
    Ok(serde_json::Value::Object(issued))
}

fn print_banner(
    base: &str,
    round: &str,
    draft: &str,
    tokens: &serde_json::Value,
    machine_account: &serde_json::Value,
    description: &Path,
) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out)?;
    writeln!(
        out,
        "DXP sandbox — a throwaway database, recreated at every start"
    )?;
    writeln!(out, "  portal:        {base}/ (sign in as any demo person)")?;
    writeln!(out, "  API docs:      {base}/docs/")?;
    writeln!(
        out,
        "  organisation:  {ORGANISATION} ({ORGANISATION_NAME}); this year's rounds are open for {OPEN_DAYS} days"
    )?;
    writeln!(
        out,
        "  sample return: submission {draft} in round {round}, Draft: validate it, lodge its EFTS forecast, submit it"
    )?;
    for (role, token) in tokens.as_object().into_iter().flatten() {
        writeln!(out, "  {role} token:")?;
        writeln!(out, "    {}", token.as_str().unwrap_or_default())?;
    }
    writeln!(
        out,
        "  machine account (SDR and work-based APIs): client id {}, client secret {}",
        machine_account["clientId"].as_str().unwrap_or_default(),
        machine_account["clientSecret"].as_str().unwrap_or_default()
    )?;
    writeln!(
        out,
        "    its token: POST {base}/oauth2/access_token with HTTP Basic clientId:clientSecret and grant_type=client_credentials"
    )?;
    writeln!(out, "  the same, for scripts: {}", description.display())?;
    writeln!(
        out,
        "  try: curl -H \"Authorization: Bearer $TOKEN\" {base}/api/v1/submissions/{draft}"
    )?;
    out.flush()?;
    Ok(())
}
