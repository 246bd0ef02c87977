//! Configuration from flags and the environment, checked once at start.

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;
use dxp_api::auth::{TokenSettings, TokenVerifier};
use dxp_api::token_keys::VerificationKey;
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
    /// The HS256 secret `dxp token` and the sandbox sign with.
    pub secret: Vec<u8>,
    pub settings: TokenSettings,
    /// Production verification keys (RS256, EdDSA) from `DXP_JWT_JWKS_FILE` and
    /// `DXP_JWT_PUBLIC_KEY_FILES`.
    pub public_keys: Vec<VerificationKey>,
    /// Whether HS256 tokens of `secret` are accepted: when `DXP_JWT_SECRET` is set, or when no
    /// public key is configured (local use). A deployment with public keys and no secret takes
    /// only tokens its identity provider signed.
    pub accepts_secret: bool,
}

impl TokenConfig {
    /// `DXP_JWT_SECRET` if set; otherwise a random secret kept in the data folder, for local use.
    /// `DXP_JWT_ISSUER` and `DXP_JWT_AUDIENCE` override the defaults.
    pub fn from_env(data_dir: &DataDir) -> anyhow::Result<Self> {
        let mut public_keys = Vec::new();
        if let Some(path) = non_empty_env("DXP_JWT_JWKS_FILE") {
            public_keys.extend(
                VerificationKey::from_jwks_file(Path::new(&path)).context("DXP_JWT_JWKS_FILE")?,
            );
        }
        if let Some(paths) = non_empty_env("DXP_JWT_PUBLIC_KEY_FILES") {
            for path in paths
                .split(',')
                .map(str::trim)
                .filter(|path| !path.is_empty())
            {
                public_keys.push(
                    VerificationKey::from_pem_file(Path::new(path))
                        .context("DXP_JWT_PUBLIC_KEY_FILES")?,
                );
            }
        }
        let configured_secret = non_empty_env("DXP_JWT_SECRET");
        let accepts_secret = configured_secret.is_some() || public_keys.is_empty();
        let secret = match configured_secret {
            Some(value) => value.into_bytes(),
            None => secret::local_secret(&data_dir.path)?,
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
        Ok(Self {
            secret,
            settings,
            public_keys,
            accepts_secret,
        })
    }

    /// The verifier of every key this configuration trusts.
    pub fn verifier(self) -> anyhow::Result<TokenVerifier> {
        let mut keys = self.public_keys;
        if self.accepts_secret {
            keys.push(VerificationKey::shared_secret(&self.secret)?);
        }
        Ok(TokenVerifier::with_keys(keys, &self.settings))
    }
}

fn non_empty_env(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .filter(|value| !value.trim().is_empty())
}
