//! `dxp machine-account`: make, list and revoke the accounts systems sign in with at
//! `POST /oauth2/access_token`. The secret is printed once, at creation; DXP keeps only its
//! hash.

use anyhow::Context;
use clap::{Args, Subcommand};
use dxp_domain::{ApiPermission, Edumis};
use dxp_persistence::{Pool, PoolOptions};
use dxp_service::machine_accounts::AccountSummary;
use dxp_service::{Clock, Service};

use crate::config::{DataDir, DatabaseChoice};

#[derive(Debug, Args)]
pub struct MachineAccountArgs {
    #[command(flatten)]
    database: DatabaseChoice,
    #[command(subcommand)]
    command: MachineAccountCommand,
}

#[derive(Debug, Subcommand)]
enum MachineAccountCommand {
    /// Make an account for an organisation and print its client id and secret (shown once).
    Create {
        /// The organisation's EDUMIS number.
        #[arg(long)]
        org: Edumis,
        /// The account's name, which is its client id: letters, digits, '-', '_' and '.'.
        #[arg(long)]
        name: String,
        /// The APIs it may call: sdr, work-based (comma-separated).
        #[arg(long, value_delimiter = ',', required = true)]
        permissions: Vec<ApiPermission>,
    },
    /// List an organisation's accounts, revoked ones included (never their secrets).
    List {
        /// The organisation's EDUMIS number.
        #[arg(long)]
        org: Edumis,
    },
    /// Revoke an account: it gets no new token (tokens already issued expire within 20 minutes).
    Revoke {
        /// The account's name (client id).
        name: String,
    },
}

/// Who the audit log names for changes made at this machine's command line.
fn operator() -> String {
    let user = std::env::var("USER").unwrap_or_else(|_| "unknown".to_owned());
    format!("cli:{user}")
}

fn describe(account: &AccountSummary) -> String {
    let permissions: Vec<&str> = account.permissions.iter().map(|p| p.as_str()).collect();
    let state = match account.revoked_at {
        Some(at) => format!("revoked {}", at.format("%Y-%m-%d %H:%M UTC")),
        None => "active".to_owned(),
    };
    format!(
        "{}\torganisation {}\t{}\t{}\tcreated {} by {}",
        account.client_id,
        account.organisation,
        permissions.join(","),
        state,
        account.created_at.format("%Y-%m-%d %H:%M UTC"),
        account.created_by
    )
}

pub fn run(args: MachineAccountArgs, data_dir: &DataDir) -> anyhow::Result<()> {
    let url = args.database.resolve(data_dir)?;
    let pool = Pool::open(&url, &PoolOptions::for_command())
        .with_context(|| format!("cannot open {url}"))?;
    {
        let mut conn = pool.get()?;
        dxp_persistence::migrations::run_pending(&mut conn)?;
    }
    let service = Service::new(pool, Clock::from_env());
    actix_web::rt::System::new().block_on(async move {
        match args.command {
            MachineAccountCommand::Create {
                org,
                name,
                permissions,
            } => {
                let made = service
                    .create_machine_account(org, &name, &permissions, &operator())
                    .await?;
                println!("client id:     {}", made.account.client_id);
                println!("client secret: {}", made.client_secret);
                println!("organisation:  {}", made.account.organisation);
                let permissions: Vec<&str> = made
                    .account
                    .permissions
                    .iter()
                    .map(|p| p.as_str())
                    .collect();
                println!("permissions:   {}", permissions.join(","));
                eprintln!(
                    "Keep the secret now: DXP stores only its hash and cannot show it again. \
                     Sign in with POST /oauth2/access_token (HTTP Basic clientId:clientSecret, \
                     grant_type=client_credentials)."
                );
            }
            MachineAccountCommand::List { org } => {
                let accounts = service.machine_accounts(org).await?;
                if accounts.is_empty() {
                    println!("organisation {org} has no machine accounts");
                }
                for account in &accounts {
                    println!("{}", describe(account));
                }
            }
            MachineAccountCommand::Revoke { name } => {
                let account = service.revoke_machine_account(&name, &operator()).await?;
                println!("{}", describe(&account));
            }
        }
        anyhow::Ok(())
    })
}
