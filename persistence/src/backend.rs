//! Which database a URL names, decided once from its scheme.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The two database engines DXP runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A parsed database URL: `sqlite://path/to/file.sqlite3` (or `sqlite:path`) for the embedded
/// database, `postgres://…` or `postgresql://…` for a server.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite { path: PathBuf },
    Postgres { url: String },
}

/// Why a database URL cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DatabaseUrlError {
    #[error(
        "database URL scheme '{0}' is not supported; use sqlite://PATH (embedded) or postgres://USER@HOST/DB (server)"
    )]
    UnsupportedScheme(String),
    #[error(
        "database URL has no scheme; use sqlite://PATH (embedded) or postgres://USER@HOST/DB (server)"
    )]
    NoScheme,
    #[error("database URL sqlite:// names no file; use e.g. sqlite://dxp-data/dxp.sqlite3")]
    EmptySqlitePath,
    #[error(
        "an in-memory SQLite database would give each pooled connection its own empty database; name a file instead"
    )]
    InMemorySqlite,
}

impl DatabaseUrl {
    pub fn backend(&self) -> Backend {
        match self {
            DatabaseUrl::Sqlite { .. } => Backend::Sqlite,
            DatabaseUrl::Postgres { .. } => Backend::Postgres,
        }
    }

    /// The embedded default: a SQLite file in the data folder.
    pub fn sqlite_in(data_dir: &Path) -> Self {
        DatabaseUrl::Sqlite {
            path: data_dir.join("dxp.sqlite3"),
        }
    }

    /// The string diesel's connection for this backend takes.
    pub(crate) fn connection_string(&self) -> String {
        match self {
            DatabaseUrl::Sqlite { path } => path.to_string_lossy().into_owned(),
            DatabaseUrl::Postgres { url } => url.clone(),
        }
    }
}

impl FromStr for DatabaseUrl {
    type Err = DatabaseUrlError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let (scheme, rest) = s.split_once(':').ok_or(DatabaseUrlError::NoScheme)?;
        match scheme.to_ascii_lowercase().as_str() {
            "sqlite" => {
                let path = rest.strip_prefix("//").unwrap_or(rest);
                if path.is_empty() {
                    return Err(DatabaseUrlError::EmptySqlitePath);
                }
                if path == ":memory:" || path.contains("mode=memory") {
                    return Err(DatabaseUrlError::InMemorySqlite);
                }
                Ok(DatabaseUrl::Sqlite {
                    path: PathBuf::from(path),
                })
            }
            "postgres" | "postgresql" => Ok(DatabaseUrl::Postgres { url: s.to_owned() }),
            other => Err(DatabaseUrlError::UnsupportedScheme(other.to_owned())),
        }
    }
}

/// Shows the URL without its password, so it can be logged.
impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DatabaseUrl::Sqlite { path } => write!(f, "sqlite://{}", path.display()),
            DatabaseUrl::Postgres { url } => f.write_str(&redact_password(url)),
        }
    }
}

fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((credentials, host)) = rest.split_once('@') else {
        return url.to_owned();
    };
    match credentials.split_once(':') {
        Some((user, _password)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_backend_from_the_scheme() {
        let sqlite: DatabaseUrl = "sqlite://dxp-data/dxp.sqlite3".parse().unwrap();
        assert_eq!(
            sqlite,
            DatabaseUrl::Sqlite {
                path: "dxp-data/dxp.sqlite3".into()
            }
        );
        let short: DatabaseUrl = "sqlite:/tmp/x.db".parse().unwrap();
        assert_eq!(short.backend(), Backend::Sqlite);
        for url in ["postgres://postgres@127.0.0.1/dxp", "postgresql://u@h/d"] {
            assert_eq!(
                url.parse::<DatabaseUrl>().unwrap().backend(),
                Backend::Postgres
            );
        }
    }

    #[test]
    fn refuses_unknown_schemes_naming_the_two_that_work() {
        let err = "mysql://root@localhost/dxp"
            .parse::<DatabaseUrl>()
            .unwrap_err();
        assert_eq!(err, DatabaseUrlError::UnsupportedScheme("mysql".into()));
        let message = err.to_string();
        assert!(
            message.contains("sqlite://") && message.contains("postgres://"),
            "{message}"
        );
        assert_eq!(
            "dxp.sqlite3".parse::<DatabaseUrl>(),
            Err(DatabaseUrlError::NoScheme)
        );
        assert_eq!(
            "sqlite://".parse::<DatabaseUrl>(),
            Err(DatabaseUrlError::EmptySqlitePath)
        );
        assert_eq!(
            "sqlite://:memory:".parse::<DatabaseUrl>(),
            Err(DatabaseUrlError::InMemorySqlite)
        );
    }

    #[test]
    fn hides_passwords_when_shown() {
        let url: DatabaseUrl = "postgres://dxp:s3cret@db.internal:5432/dxp"
            .parse()
            .unwrap();
        assert_eq!(url.to_string(), "postgres://dxp:***@db.internal:5432/dxp");
        assert!(!format!("{url:?}").contains("s3cret"));
    }
}
