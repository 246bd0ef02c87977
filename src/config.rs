//! Configuration from flags and the environment, checked once at start.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use dxp_api::auth::TokenSettings;
use dxp_persistence::DatabaseUrl;

use crate::secret;

/// The folder for DXP's local files: the embedded database and the development JWT secret.
#[derive(Debug, Clone, Args)]
pub struct DataDir {
    /// Folder for the embedded database and the local JWT secret.
    #[arg(
        long = "data-dir",
        env = "DXP_DATA_DIR",
        default_value = "dxp-data",
        global = true
    )]
    pub path: PathBuf,
}

/// Which database to use.
#[derive(Debug, Clone, Args)]
pub struct DatabaseChoice {
    /// sqlite://PATH or postgres://USER@HOST/DB. Default: a SQLite file in the data folder.
    #[arg(long, env = "DATABASE_URL")]
    pub database_url: Option<String>,
}

impl DatabaseChoice {
    pub fn resolve(&self, data_dir: &DataDir) -> anyhow::Result<DatabaseUrl> {
        match &self.database_url {
            Some(url) if !url.trim().is_empty() => url
                .parse()
                .context("DATABASE_URL (or --database-url) is not usable"),
            _ => Ok(DatabaseUrl::sqlite_in(&data_dir.path)),
        }
    }
}

/// How tokens are signed and checked.
pub struct TokenConfig {
    pub secret: Vec<u8>,
    pub settings: TokenSettings,
}

impl TokenConfig {
    /// `DXP_JWT_SECRET` if set; otherwise a random secret kept in the data folder, for local use.
    /// `DXP_JWT_ISSUER` and `DXP_JWT_AUDIENCE` override the defaults.
    pub fn from_env(data_dir: &DataDir) -> anyhow::Result<Self> {
        let secret = match std::env::var("DXP_JWT_SECRET") {
            Ok(value) if !value.is_empty() => value.into_bytes(),
            _ => secret::local_secret(&data_dir.path)?,
        };
        let mut settings = TokenSettings::default();
        if let Ok(issuer) = std::env::var("DXP_JWT_ISSUER")
            && !issuer.is_empty()
        {
            settings.issuer = issuer;
        }
        if let Ok(audience) = std::env::var("DXP_JWT_AUDIENCE")
            && !audience.is_empty()
        {
            settings.audience = audience;
        }
        Ok(Self { secret, settings })
    }
}
