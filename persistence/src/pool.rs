//! The connection pool, with SQLite's per-connection settings applied to every connection.

use std::time::Duration;

use diesel::Connection;
use diesel::connection::SimpleConnection;
use diesel::r2d2::{CustomizeConnection, ManageConnection, R2D2Connection};

use crate::{Backend, DatabaseUrl, DbConnection, StoreError};

pub type PooledConnection = diesel::r2d2::PooledConnection<Connections>;

/// How large the pool is and how long a caller waits for a connection.
#[derive(Debug, Clone)]
pub struct PoolOptions {
    pub max_size: u32,
    pub connection_timeout: Duration,
}

impl Default for PoolOptions {
    fn default() -> Self {
        Self {
            max_size: 10,
            connection_timeout: Duration::from_secs(5),
        }
    }
}

/// Opens the pool's connections, to the one backend the URL names. (diesel's own manager, for a
/// connection of several backends, tries each backend in turn and, when the server is down,
/// says only "Invalid connection url for multiconnection", hiding why.)
#[derive(Debug)]
pub struct Connections {
    url: String,
    backend: Backend,
}

impl ManageConnection for Connections {
    type Connection = DbConnection;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<DbConnection, Self::Error> {
        match self.backend {
            Backend::Sqlite => {
                diesel::SqliteConnection::establish(&self.url).map(DbConnection::Sqlite)
            }
            Backend::Postgres => {
                diesel::PgConnection::establish(&self.url).map(DbConnection::Postgresql)
            }
        }
        .map_err(diesel::r2d2::Error::ConnectionError)
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), Self::Error> {
        conn.ping().map_err(diesel::r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        std::thread::panicking() || conn.is_broken()
    }
}

/// For SQLite, creates the file's folder and checks that the file can be written, so that a
/// read-only disk is named at once (SQLite would only say "unable to open database file", and
/// only after the pool's timeout).
fn prepare_sqlite_file(url: &DatabaseUrl) -> Result<(), StoreError> {
    let DatabaseUrl::Sqlite { path } = url else {
        return Ok(());
    };
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).map_err(|error| {
            StoreError::Unavailable(format!(
                "cannot create the database folder {}: {error}",
                folder.display()
            ))
        })?;
    }
    std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(|error| {
            StoreError::Unavailable(format!(
                "the database file {} cannot be written ({error}); DXP writes its database: \
                 make the file and its folder writable, or set DATABASE_URL to another place",
                path.display()
            ))
        })?;
    Ok(())
}

/// One connection, with the settings a pooled one gets, for a command that runs once and exits
/// (`dxp migrate`): a pool keeps threads that open connections in the background, and a process
/// that exits while one of them is inside the database client library can die at exit.
pub fn connect_once(url: &DatabaseUrl) -> Result<DbConnection, StoreError> {
    prepare_sqlite_file(url)?;
    let manager = Connections {
        url: url.connection_string(),
        backend: url.backend(),
    };
    let mut conn = manager
        .connect()
        .map_err(|error| StoreError::Unavailable(format!("{url}: {error}")))?;
    if url.backend() == Backend::Sqlite {
        SqliteSettings
            .on_acquire(&mut conn)
            .map_err(|error| StoreError::Unavailable(format!("{url}: {error}")))?;
    }
    Ok(conn)
}

/// A pool of connections to one database.
#[derive(Clone)]
pub struct Pool {
    inner: diesel::r2d2::Pool<Connections>,
    backend: Backend,
}

/// How long a SQLite writer waits for another writer before giving up. Writes are short
/// transactions, so a few seconds covers a busy moment without hiding a stuck one.
const SQLITE_BUSY_TIMEOUT_MS: u32 = 5_000;

#[derive(Debug)]
struct SqliteSettings;

impl CustomizeConnection<DbConnection, diesel::r2d2::Error> for SqliteSettings {
    fn on_acquire(&self, conn: &mut DbConnection) -> Result<(), diesel::r2d2::Error> {
        // WAL lets readers run beside the one writer; NORMAL sync is safe with WAL (a power cut
        // may lose the last commit, never corrupt the file); foreign keys are off by default
        // in SQLite and must be turned on for every connection.
        // The busy timeout comes first so that the other settings wait for a concurrent
        // writer instead of failing with "database is locked".
        conn.batch_execute(&format!(
            "PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}; \
             PRAGMA journal_mode = WAL; \
             PRAGMA synchronous = NORMAL; \
             PRAGMA foreign_keys = ON;"
        ))
        .map_err(diesel::r2d2::Error::QueryError)
    }
}

impl Pool {
    /// Opens a pool; for SQLite, creates the file's folder first. Fails if no connection can be
    /// made within the timeout, so a wrong URL is reported at start and not on first use.
    pub fn open(url: &DatabaseUrl, options: &PoolOptions) -> Result<Self, StoreError> {
        prepare_sqlite_file(url)?;
        let manager = Connections {
            url: url.connection_string(),
            backend: url.backend(),
        };
        let mut builder = diesel::r2d2::Pool::builder()
            .max_size(options.max_size)
            .connection_timeout(options.connection_timeout)
            .min_idle(Some(1))
            .test_on_check_out(false);
        if url.backend() == Backend::Sqlite {
            builder = builder.connection_customizer(Box::new(SqliteSettings));
        }
        let inner = builder
            .build(manager)
            .map_err(|error| StoreError::Unavailable(format!("{url}: {error}")))?;
        Ok(Self {
            inner,
            backend: url.backend(),
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Takes a connection, waiting at most the configured timeout.
    pub fn get(&self) -> Result<PooledConnection, StoreError> {
        Ok(self.inner.get()?)
    }
}
