//! `dxp`: the command line of the DXP service. A thin layer over the crates: it reads the
//! configuration, then serves, migrates, signs a token or prints the OpenAPI document.

mod config;
mod logging;
mod machine_account;
mod sandbox;
mod secret;
mod work_based_demo;

use std::io::Write;
use std::net::TcpListener;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use dxp_api::auth::{TokenIssuer, TokenRequest};
use dxp_api::upload_limits::RecordLimits;
use dxp_api::{AppState, ServerOptions};
use dxp_domain::{Edumis, Role};
use dxp_persistence::{DatabaseUrl, Pool, PoolOptions};
use dxp_service::schedule::ScheduleOptions;
use dxp_service::validator::ValidatorOptions;
use dxp_service::{Clock, Service};

use crate::config::{DataDir, DatabaseChoice, TokenConfig};

/// mimalloc rather than the system's allocator: a request allocates and frees a string or more
/// for every field of every record; glibc's malloc and free took a sixth of a dry run's time
/// (perf), and freeing a checked 10,000-record batch 3 ms against mimalloc's 0.2 ms. Its
/// `no_thp` feature keeps it off transparent huge pages, which doubled the idle server's RSS.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Debug, Parser)]
#[command(
    name = "dxp",
    version,
    about = "DXP: data exchange for New Zealand's tertiary education returns"
)]
struct Cli {
    #[command(flatten)]
    data_dir: DataDir,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the HTTP API (migrates the database and seeds this year's and next year's rounds first).
    Serve(ServeArgs),
    /// Run validators only, with no HTTP API: a node that takes validation jobs from the shared
    /// database (several `dxp serve` and `dxp worker` nodes may share one PostgreSQL).
    Worker(WorkerArgs),
    /// Apply the database migrations and seed the rounds, then exit.
    Migrate(DatabaseChoice),
    /// Print a signed token for local use and tests.
    Token(TokenArgs),
    /// Make, list and revoke machine accounts: the client ids and secrets systems sign in with
    /// at POST /oauth2/access_token.
    MachineAccount(machine_account::MachineAccountArgs),
    /// Start a sandbox for integrators: a throwaway database with a demo organisation (6004),
    /// this year's rounds open, the sample return in Draft, and a token per role printed (and
    /// written to DATA_DIR/sandbox.json).
    Sandbox(sandbox::SandboxArgs),
    /// Print the OpenAPI 3.1 document.
    Openapi(OpenapiArgs),
    /// Convert a legacy STEO fixed-width file (STUD####.txt, COUR####.txt, CREG####.txt,
    /// QUAL####.txt, COMP####.txt) into the DXP CSV file of the same data (LEAR####.CSV, …).
    Convert(ConvertArgs),
}

#[derive(Debug, Args)]
struct ConvertArgs {
    /// The legacy file; its name says which file it is and whose (e.g. COUR6004.txt).
    input: std::path::PathBuf,
    /// The folder to write the CSV file into (default: the input's folder).
    #[arg(long)]
    out: Option<std::path::PathBuf>,
}

#[derive(Debug, Args)]
struct ServeArgs {
    /// The address to listen on; port 0 picks a free port (the chosen address is printed).
    #[arg(long, env = "DXP_BIND", default_value = "127.0.0.1:8080")]
    bind: String,
    #[command(flatten)]
    database: DatabaseChoice,
    /// Worker threads (default: one per core).
    #[arg(long, env = "DXP_WORKERS")]
    workers: Option<usize>,
    /// The largest record upload (JSON or file), in bytes; larger ones get 413. Uploads stream.
    #[arg(long, env = "DXP_MAX_BODY_BYTES", default_value_t = dxp_api::upload_limits::DEFAULT_MAX_BODY_BYTES)]
    max_body_bytes: usize,
    /// The largest CSV or fixed-width file, in bytes; larger ones get 413.
    #[arg(long, env = "DXP_MAX_FILE_BYTES", default_value_t = dxp_api::upload_limits::DEFAULT_MAX_FILE_BYTES)]
    max_file_bytes: usize,
    /// The most records one JSON request may carry; more gets 413.
    #[arg(long, env = "DXP_MAX_RECORDS_PER_REQUEST", default_value_t = dxp_api::upload_limits::DEFAULT_MAX_RECORDS_PER_REQUEST)]
    max_records_per_request: usize,
    /// The most records one upload or delete of the funder's provider-based API may carry
    /// (`maxRecordPerBatch`, all files together); more gets 400 BATCH_TOO_LARGE.
    #[arg(long, env = "DXP_MAX_RECORD_PER_BATCH", default_value_t = dxp_api::upload_limits::DEFAULT_MAX_RECORD_PER_BATCH as u32, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    max_record_per_batch: u32,
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

/// Where people sign in to the portal: an OpenID Connect provider.
#[derive(Debug, Clone, Args)]
pub(crate) struct OidcArgs {
    /// The identity provider's issuer URL (https; http only on localhost, for development):
    /// people sign in to the portal there. Without it the portal offers no sign-in (the
    /// sandbox its demo users).
    #[arg(long, env = "DXP_OIDC_ISSUER")]
    oidc_issuer: Option<String>,
    /// The portal's client id at the identity provider (needed with DXP_OIDC_ISSUER).
    #[arg(long, env = "DXP_OIDC_CLIENT_ID")]
    oidc_client_id: Option<String>,
    /// The portal's client secret at the identity provider; without it the portal signs in as
    /// a public client (PKCE alone).
    #[arg(long, env = "DXP_OIDC_CLIENT_SECRET", hide_env_values = true)]
    oidc_client_secret: Option<String>,
    /// The ID token claim that holds a person's organisation (its EDUMIS number).
    #[arg(long, env = "DXP_OIDC_ORGANISATION_CLAIM", default_value = dxp_portal::sign_in::oidc::DEFAULT_ORGANISATION_CLAIM)]
    oidc_organisation_claim: String,
    /// The ID token claim that lists a person's DXP roles (teo-submitter, teo-viewer, tec-admin).
    #[arg(long, env = "DXP_OIDC_ROLES_CLAIM", default_value = dxp_portal::sign_in::oidc::DEFAULT_ROLES_CLAIM)]
    oidc_roles_claim: String,
}

impl OidcArgs {
    /// The identity provider's settings, checked; `None` when no issuer is set.
    pub(crate) fn settings(&self) -> anyhow::Result<Option<dxp_portal::OidcSettings>> {
        let non_empty = |value: &Option<String>| {
            value
                .as_deref()
                .map(str::trim)
                .filter(|value| !value.is_empty())
                .map(str::to_owned)
        };
        let Some(issuer) = non_empty(&self.oidc_issuer) else {
            if non_empty(&self.oidc_client_id).is_some() {
                anyhow::bail!(
                    "DXP_OIDC_CLIENT_ID is set but DXP_OIDC_ISSUER is not: set the identity \
                     provider's issuer URL too, or unset the client id"
                );
            }
            return Ok(None);
        };
        let Some(client_id) = non_empty(&self.oidc_client_id) else {
            anyhow::bail!(
                "DXP_OIDC_ISSUER is set but DXP_OIDC_CLIENT_ID is not: the portal needs its \
                 client id at the identity provider ({issuer}) to sign people in there"
            );
        };
        let settings = dxp_portal::OidcSettings {
            issuer,
            client_id,
            client_secret: non_empty(&self.oidc_client_secret),
            organisation_claim: self.oidc_organisation_claim.trim().to_owned(),
            roles_claim: self.oidc_roles_claim.trim().to_owned(),
        };
        settings.check()?;
        Ok(Some(settings))
    }
}

/// How a node sends webhooks.
#[derive(Debug, Clone, Args)]
pub(crate) struct WebhookArgs {
    /// Also take webhook URLs on this machine: `http://` to localhost, 127.0.0.1 or [::1], and
    /// `https://` to any address. For development and tests only; without it webhooks go to
    /// public `https://` URLs only.
    #[arg(long, env = "DXP_WEBHOOK_ALLOW_LOCAL")]
    webhook_allow_local: bool,
    /// Seconds before a webhook delivery that failed is tried again; the wait doubles with each
    /// failure, up to an hour, for 10 attempts.
    #[arg(long, env = "DXP_WEBHOOK_RETRY_SECONDS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=3600))]
    webhook_retry_seconds: u64,
}

impl WebhookArgs {
    pub(crate) fn policy(&self) -> dxp_domain::webhooks::UrlPolicy {
        if self.webhook_allow_local {
            dxp_domain::webhooks::UrlPolicy::AllowLocal
        } else {
            dxp_domain::webhooks::UrlPolicy::PublicHttps
        }
    }

    pub(crate) fn options(&self) -> dxp_service::webhooks::SenderOptions {
        dxp_service::webhooks::SenderOptions {
            first_retry: std::time::Duration::from_secs(self.webhook_retry_seconds),
            node: ValidatorOptions::node_name(),
        }
    }
}

/// How a node emails notices.
#[derive(Debug, Clone, Args)]
struct MailArgs {
    /// The SMTP server notices are emailed through: `smtp://host:25` (plain), `smtp://host:587?tls=required`
    /// (STARTTLS) or `smtps://host:465` (TLS), with `user:password@` if it needs them. Without
    /// it this node sends no email; messages wait in the outbox for a node that does.
    #[arg(long, env = "DXP_SMTP_URL", hide_env_values = true)]
    smtp_url: Option<String>,
    /// The sender of the email.
    #[arg(
        long,
        env = "DXP_SMTP_FROM",
        default_value = "DXP Ngā Kete <no-reply@dxp.localhost>"
    )]
    smtp_from: String,
    /// Where people open the portal, for the link in each email (default: this node's address).
    #[arg(long, env = "DXP_PORTAL_URL")]
    portal_url: Option<String>,
    /// Seconds before a message that could not be sent is tried again; the wait doubles with
    /// each failure, up to an hour.
    #[arg(long, env = "DXP_SMTP_RETRY_SECONDS", default_value_t = 60)]
    smtp_retry_seconds: u64,
}

/// Where documents' files are kept.
#[derive(Debug, Clone, Args)]
pub(crate) struct DocumentStoreArgs {
    /// file:///folder, memory:/// (lost when the node stops) or s3://bucket[/prefix] (with the
    /// AWS_* variables the store needs: AWS_ENDPOINT, AWS_REGION, AWS_ACCESS_KEY_ID,
    /// AWS_SECRET_ACCESS_KEY, AWS_ALLOW_HTTP). Default: the documents folder in the data folder.
    #[arg(long, env = "DXP_DOCUMENT_STORE")]
    document_store: Option<String>,
    /// The largest file DXP keeps, in bytes.
    #[arg(long, env = "DXP_DOCUMENT_MAX_BYTES", default_value_t = dxp_service::file_store::DEFAULT_MAX_FILE_BYTES, value_parser = clap::value_parser!(u64).range(1..=5_368_709_120))]
    document_max_bytes: u64,
}

impl DocumentStoreArgs {
    /// The store, opened; the data folder's `documents` folder unless one is named.
    pub(crate) fn open(
        &self,
        data_dir: &DataDir,
    ) -> anyhow::Result<dxp_service::file_store::FileStore> {
        let url = match self.document_store.as_deref().map(str::trim) {
            Some(url) if !url.is_empty() => url.to_owned(),
            _ => {
                let folder = data_dir.path.join("documents");
                std::fs::create_dir_all(&folder)
                    .with_context(|| format!("cannot make {}", folder.display()))?;
                let folder = folder
                    .canonicalize()
                    .with_context(|| format!("cannot find {}", folder.display()))?;
                url::Url::from_directory_path(&folder)
                    .map_err(|()| anyhow::anyhow!("{} is not a folder path", folder.display()))?
                    .to_string()
            }
        };
        let store = dxp_service::file_store::FileStore::open(&url, self.document_max_bytes)?;
        tracing::info!(
            store = store.description(),
            "documents' files are kept here"
        );
        Ok(store)
    }
}

impl MailArgs {
    /// The portal's options: its address (`DXP_PORTAL_URL`, else this node's, filled in once
    /// known), its session key from `DXP_SESSION_SECRET` (or the data folder's) and its
    /// identity provider (`DXP_OIDC_*`). No demo sign-in: only the sandbox offers one.
    fn portal_options(
        &self,
        data_dir: &DataDir,
        oidc: &OidcArgs,
    ) -> anyhow::Result<dxp_portal::PortalOptions> {
        let oidc = oidc.settings()?;
        let secret = secret::session_secret(&data_dir.path)?;
        Ok(dxp_portal::PortalOptions {
            public_url: self.portal_url.clone().unwrap_or_default(),
            session_key: dxp_portal::SessionKey::derive_from(&secret)
                .context("DXP_SESSION_SECRET")?,
            dev_users: Vec::new(),
            oidc,
        })
    }

    /// The mailer's options; an empty portal URL is this node's address, filled in once known.
    fn options(&self) -> Option<dxp_service::mailer::MailerOptions> {
        let smtp_url = self.smtp_url.clone().filter(|url| !url.trim().is_empty())?;
        Some(dxp_service::mailer::MailerOptions {
            smtp_url,
            from: self.smtp_from.clone(),
            portal_url: self.portal_url.clone().unwrap_or_default(),
            first_retry: std::time::Duration::from_secs(self.smtp_retry_seconds.max(1)),
            node: ValidatorOptions::node_name(),
        })
    }
}

/// How many requests one client may make (429 with Retry-After beyond).
#[derive(Debug, Clone, Args)]
pub(crate) struct RateLimitArgs {
    /// Requests per second a client may make, sustained.
    #[arg(long, env = "DXP_RATE_LIMIT_PER_SECOND", default_value_t = dxp_api::rate_limit::DEFAULT_RATE_LIMIT.per_second, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    rate_limit_per_second: u64,
    /// Requests a client may make at once above the sustained rate.
    #[arg(long, env = "DXP_RATE_LIMIT_BURST", default_value_t = dxp_api::rate_limit::DEFAULT_RATE_LIMIT.burst, value_parser = clap::value_parser!(u32).range(1..))]
    rate_limit_burst: u32,
}

impl RateLimitArgs {
    pub(crate) fn limit(&self) -> dxp_api::rate_limit::RateLimit {
        dxp_api::rate_limit::RateLimit {
            per_second: self.rate_limit_per_second,
            burst: self.rate_limit_burst,
        }
    }
}

/// How a node validates.
#[derive(Debug, Clone, Args)]
struct ValidatorArgs {
    /// Validators on this node (0: this node validates nothing).
    #[arg(long, env = "DXP_VALIDATORS", default_value_t = 2)]
    validators: usize,
    /// Seconds a validator's hold on a job lasts unrenewed; a job whose node died is taken again
    /// after this.
    #[arg(long, env = "DXP_VALIDATION_LEASE_SECONDS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=3600))]
    validation_lease_seconds: u64,
    /// Seconds between two runs of the scheduled jobs (an agreement 42 days in grace withdrawn,
    /// the reminders that a return is due, the information products' sweep); one node of those
    /// sharing the database runs each at a time.
    #[arg(long, env = "DXP_SCHEDULE_SECONDS", default_value_t = 300, value_parser = clap::value_parser!(u64).range(1..=86400))]
    schedule_seconds: u64,
}

impl ValidatorArgs {
    fn options(&self) -> ValidatorOptions {
        ValidatorOptions {
            workers: self.validators,
            lease: std::time::Duration::from_secs(self.validation_lease_seconds),
            node: ValidatorOptions::node_name(),
        }
    }

    fn schedule(&self) -> ScheduleOptions {
        ScheduleOptions {
            every: std::time::Duration::from_secs(self.schedule_seconds),
            node: ValidatorOptions::node_name(),
        }
    }
}

#[derive(Debug, Args)]
struct WorkerArgs {
    #[command(flatten)]
    database: DatabaseChoice,
    #[command(flatten)]
    validation: ValidatorArgs,
    #[command(flatten)]
    mail: MailArgs,
    #[command(flatten)]
    webhooks: WebhookArgs,
}

#[derive(Debug, Args)]
struct OpenapiArgs {
    /// The document of the funder's provider-based API (`/submissions/v1.0`) instead of DXP's.
    #[arg(long)]
    provider_based: bool,
}

#[derive(Debug, Args)]
struct TokenArgs {
    /// The organisation's EDUMIS number (required for teo-submitter and teo-viewer).
    #[arg(long)]
    org: Option<Edumis>,
    /// The role(s) to grant: teo-submitter, teo-viewer or tec-admin. Repeat for several.
    #[arg(long = "role", required = true)]
    roles: Vec<Role>,
    /// The subject: who the token is for.
    #[arg(long, default_value = "local-user")]
    sub: String,
    /// How long the token is valid, in seconds.
    #[arg(long, default_value_t = 3600, value_parser = clap::value_parser!(u64).range(1..=31_536_000))]
    ttl: u64,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Openapi(args) => {
            let document = if args.provider_based {
                dxp_openapi::provider_based_document()?
            } else {
                dxp_openapi::document()?
            };
            let text = dxp_openapi::to_pretty_json(&document)?;
            std::io::stdout().write_all(text.as_bytes())?;
            Ok(())
        }
        Command::Token(args) => {
            let tokens = TokenConfig::from_env(&cli.data_dir)?;
            if args.org.is_none() && args.roles.iter().any(|role| role.is_organisation_role()) {
                anyhow::bail!(
                    "--org EDUMIS is required for the teo-submitter and teo-viewer roles"
                );
            }
            let issuer = TokenIssuer::new(&tokens.secret, tokens.settings.clone())?;
            let token = issuer.issue(&TokenRequest {
                subject: args.sub,
                organisation: args.org,
                roles: args.roles,
                ttl_seconds: args.ttl,
                apis: None,
            })?;
            println!("{token}");
            Ok(())
        }
        Command::Migrate(database) => {
            logging::init()?;
            // One connection, not a pool: a one-shot command keeps no threads that could be
            // opening connections as the process exits.
            let url = database_url(&database, &cli.data_dir)?;
            let mut conn = dxp_persistence::connect_once(&url)
                .with_context(|| format!("cannot open {url}"))?;
            let applied = dxp_persistence::migrations::run_pending(&mut conn)?;
            let created = seed_rounds(&mut conn, &Clock::from_env())?;
            println!(
                "{} migration(s) applied, {} round(s) created on {}",
                applied.len(),
                created,
                url.backend()
            );
            Ok(())
        }
        Command::Serve(args) => serve(args, &cli.data_dir),
        Command::Sandbox(args) => sandbox::run(args, &cli.data_dir),
        Command::Worker(args) => worker(&args, &cli.data_dir),
        Command::Convert(args) => convert(&args),
        Command::MachineAccount(args) => {
            logging::init()?;
            machine_account::run(args, &cli.data_dir)
        }
    }
}

/// The most problems `dxp convert` lists; the count of the rest follows.
const CONVERT_PROBLEMS_SHOWN: usize = 50;

fn convert(args: &ConvertArgs) -> anyhow::Result<()> {
    let name = args
        .input
        .file_name()
        .and_then(|name| name.to_str())
        .ok_or_else(|| anyhow::anyhow!("{} is not a file name", args.input.display()))?;
    let (kind, edumis) = dxp_formats::legacy::parse_file_name(name).ok_or_else(|| {
        anyhow::anyhow!(
            "'{name}' is not a legacy file name; expected STUD, COUR, CREG, QUAL or COMP followed by the EDUMIS number, e.g. COUR6004.txt"
        )
    })?;
    let folder = match &args.out {
        Some(folder) => folder.clone(),
        None => args
            .input
            .parent()
            .map(std::path::Path::to_path_buf)
            .unwrap_or_default(),
    };
    let output = folder.join(dxp_formats::file_name(kind.file(), edumis, false));
    let input = std::fs::File::open(&args.input)
        .with_context(|| format!("cannot open {}", args.input.display()))?;
    let written = std::fs::File::create(&output)
        .with_context(|| format!("cannot create {}", output.display()))?;
    let report = dxp_formats::convert_legacy_to_csv(
        kind,
        Some(edumis),
        std::io::BufReader::new(input),
        std::io::BufWriter::new(written),
    )?;
    for problem in report.problems.iter().take(CONVERT_PROBLEMS_SHOWN) {
        eprintln!(
            "line {}: {} {} {}: {}",
            problem.index,
            problem.rule,
            severity_name(problem.severity),
            problem.field,
            problem.message
        );
    }
    if report.problems.len() > CONVERT_PROBLEMS_SHOWN {
        eprintln!(
            "… and {} more problem(s)",
            report.problems.len() - CONVERT_PROBLEMS_SHOWN
        );
    }
    println!(
        "{} record(s) written to {} ({} problem(s))",
        report.rows,
        output.display(),
        report.problems.len()
    );
    if report.has_errors() {
        anyhow::bail!(
            "some lines could not be converted whole; the CSV holds them without the unreadable values"
        );
    }
    Ok(())
}

fn severity_name(severity: dxp_domain::Severity) -> &'static str {
    match severity {
        dxp_domain::Severity::Error => "error",
        dxp_domain::Severity::Warning => "warning",
    }
}

/// The database a command is to open, as the log says it opens it.
fn database_url(database: &DatabaseChoice, data_dir: &DataDir) -> anyhow::Result<DatabaseUrl> {
    let url = database.resolve(data_dir)?;
    tracing::info!(database.url = %url, "opening the database");
    Ok(url)
}

fn open_database(database: &DatabaseChoice, data_dir: &DataDir) -> anyhow::Result<Pool> {
    let url = database_url(database, data_dir)?;
    Pool::open(&url, &PoolOptions::default()).with_context(|| format!("cannot open {url}"))
}

/// Seeds the standard rounds of last year (its December return is lodged in January), this year
/// and next (New Zealand time, by the server's clock).
fn seed_rounds(conn: &mut dxp_persistence::DbConnection, clock: &Clock) -> anyhow::Result<usize> {
    let now = clock.now()?;
    let year = dxp_domain::calendar::current_year(now);
    let created = dxp_persistence::rounds::ensure_standard_years(conn, [year - 1, year, year + 1])?;
    Ok(created.len())
}

fn worker(args: &WorkerArgs, data_dir: &DataDir) -> anyhow::Result<()> {
    logging::init()?;
    if args.validation.validators == 0 {
        anyhow::bail!("a worker needs at least one validator (--validators)");
    }
    let pool = open_database(&args.database, data_dir)?;
    {
        let mut conn = pool.get()?;
        dxp_persistence::migrations::run_pending(&mut conn)?;
    }
    let options = args.validation.options();
    let schedule = args.validation.schedule();
    let mailer = args.mail.options();
    if mailer
        .as_ref()
        .is_some_and(|mailer| mailer.portal_url.is_empty())
    {
        anyhow::bail!(
            "a worker that sends email needs DXP_PORTAL_URL, the portal's address for the links \
             in each message (a worker serves no pages of its own)"
        );
    }
    let (webhook_urls, webhooks) = (args.webhooks.policy(), args.webhooks.options());
    println!(
        "dxp worker {} validating with {} validator(s)",
        options.node, options.workers
    );
    std::io::stdout().flush()?;
    actix_web::rt::System::new().block_on(async move {
        // A worker serves no requests: nothing on this node rings its validators' bell, so
        // they find jobs by looking at the queue.
        // It sends the mail outbox and the webhook deliveries too, beside any serving node:
        // their leases keep each message to one sender.
        let service = Service::new(pool, Clock::from_env()).with_webhook_urls(webhook_urls);
        dxp_service::validator::spawn(&service, options);
        dxp_service::work_based::grace::spawn(&service, schedule.clone());
        dxp_service::reminders::spawn(&service, schedule.clone());
        dxp_service::insights::spawn(&service, schedule.clone());
        dxp_service::digests::spawn(&service, schedule);
        if let Some(mailer) = mailer {
            dxp_service::mailer::spawn(&service, mailer)?;
        }
        dxp_service::webhooks::spawn(&service, webhooks)?;
        actix_web::rt::signal::ctrl_c().await?;
        anyhow::Ok(())
    })
}

fn serve(args: ServeArgs, data_dir: &DataDir) -> anyhow::Result<()> {
    logging::init()?;
    // Before the database: a portal configured by half stops the node at once.
    let portal = args.mail.portal_options(data_dir, &args.oidc)?;
    let tokens = TokenConfig::from_env(data_dir)?;
    let pool = open_database(&args.database, data_dir)?;
    let clock = Clock::from_env();
    if let Clock::File(path) = &clock {
        tracing::warn!(clock.file = %path.display(), "the time is read from a file (DXP_CLOCK_FILE), not the system clock");
    }
    prepare_database(&pool, &clock)?;
    let node = Node {
        bind: args.bind,
        limits: RecordLimits {
            max_body_bytes: args.max_body_bytes,
            max_file_bytes: args.max_file_bytes,
            max_records: args.max_records_per_request,
            max_record_per_batch: args.max_record_per_batch as usize,
        },
        workers: args.workers,
        validation: args.validation.options(),
        schedule: args.validation.schedule(),
        rate_limit: args.rate_limit.limit(),
        mailer: args.mail.options(),
        files: args.document_store.open(data_dir)?,
        webhook_urls: args.webhooks.policy(),
        webhooks: args.webhooks.options(),
        portal,
    };
    run_node(node, pool, tokens, clock, |_| Ok(()))
}

/// Applies the migrations and seeds the rounds.
fn prepare_database(pool: &Pool, clock: &Clock) -> anyhow::Result<()> {
    let mut conn = pool.get()?;
    let applied = dxp_persistence::migrations::run_pending(&mut conn)?;
    let created = seed_rounds(&mut conn, clock)?;
    tracing::info!(
        migrations.applied = applied.len(),
        rounds.created = created,
        "database ready"
    );
    Ok(())
}

/// How one serving node runs.
struct Node {
    bind: String,
    limits: RecordLimits,
    workers: Option<usize>,
    validation: ValidatorOptions,
    schedule: ScheduleOptions,
    rate_limit: dxp_api::rate_limit::RateLimit,
    /// How this node emails notices; `None`: it sends none.
    mailer: Option<dxp_service::mailer::MailerOptions>,
    /// Where documents' files are kept.
    files: dxp_service::file_store::FileStore,
    /// Which webhook URLs this node takes and sends to.
    webhook_urls: dxp_domain::webhooks::UrlPolicy,
    /// How this node sends webhooks.
    webhooks: dxp_service::webhooks::SenderOptions,
    /// How this node serves the portal's pages.
    portal: dxp_portal::PortalOptions,
}

/// Serves the API and runs the validators on a prepared database until stopped. `listening`
/// runs once the server takes requests, with its address.
fn run_node(
    node: Node,
    pool: Pool,
    tokens: TokenConfig,
    clock: Clock,
    listening: impl FnOnce(std::net::SocketAddr) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    // A node issues machine accounts' tokens with the secret it verifies, so only when it
    // accepts that secret.
    let issuer = tokens
        .accepts_secret
        .then(|| TokenIssuer::new(&tokens.secret, tokens.settings.clone()))
        .transpose()?
        .map(std::sync::Arc::new);
    let verifier = tokens.verifier()?;
    let listener =
        TcpListener::bind(&node.bind).with_context(|| format!("cannot listen on {}", node.bind))?;
    let address = listener.local_addr()?;
    let service = Service::new(pool, clock)
        .with_file_store(node.files)
        .with_webhook_urls(node.webhook_urls);
    let mut state = AppState::new(service.clone(), std::sync::Arc::new(verifier), node.limits);
    if let Some(issuer) = issuer {
        state = state.with_issuer(issuer);
    }
    let options = ServerOptions {
        json_limit_bytes: dxp_api::server::DEFAULT_JSON_LIMIT_BYTES,
        workers: node.workers,
        rate_limit: node.rate_limit,
    };
    actix_web::rt::System::new().block_on(async move {
        let documents = dxp_api::Documents {
            dxp: dxp_openapi::document()?,
            provider_based: dxp_openapi::provider_based_document()?,
        };
        let mut portal_options = node.portal;
        if portal_options.public_url.is_empty() {
            portal_options.public_url = format!("http://{address}");
        }
        let portal = dxp_portal::Portal::new(service.clone(), portal_options);
        let surface = dxp_api::Surface {
            configure: std::sync::Arc::new(move |config| portal.configure(config)),
            not_found: dxp_portal::not_found,
        };
        let server = dxp_api::run(listener, state, documents, options, Some(surface))?;
        dxp_service::validator::spawn(&service, node.validation);
        dxp_service::work_based::grace::spawn(&service, node.schedule.clone());
        dxp_service::reminders::spawn(&service, node.schedule.clone());
        dxp_service::insights::spawn(&service, node.schedule.clone());
        dxp_service::digests::spawn(&service, node.schedule);
        if let Some(mut mailer) = node.mailer {
            if mailer.portal_url.is_empty() {
                mailer.portal_url = format!("http://{address}");
            }
            dxp_service::mailer::spawn(&service, mailer)?;
        } else {
            tracing::info!(
                "no DXP_SMTP_URL: this node sends no email; messages wait in the outbox"
            );
        }
        dxp_service::webhooks::spawn(&service, node.webhooks)?;
        // Scripts and tests read this line to learn the address (the port may have been 0).
        println!("dxp listening on http://{address}");
        std::io::stdout().flush()?;
        tracing::info!(%address, "listening; API docs at /docs");
        listening(address)?;
        server.await?;
        anyhow::Ok(())
    })
}
