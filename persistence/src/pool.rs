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
    /// Whether the pool keeps a spare connection open, opening a new one in the background
    /// whenever the spare is taken. A server wants it; a command that runs once must not have
    /// it, or it can exit while a pool thread is inside the database client library opening
    /// that spare, and die at exit (seen with PostgreSQL's TLS clean-up).
    pub keep_spare: bool,
}

impl Default for PoolOptions {
    fn default() -> Self {
        Self {
            max_size: 10,
            connection_timeout: Duration::from_secs(5),
            keep_spare: true,
        }
    }
}

impl PoolOptions {
    /// For a command that opens the database, does its work and exits.
    pub fn for_command() -> Self {
        Self {
            keep_spare: false,
            ..Self::default()
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
        if !options.keep_spare {
            // Without a spare the pool opens nothing until asked; one connection made and
            // closed here still names a wrong URL at once.
            manager
                .connect()
                .map_err(|error| StoreError::Unavailable(format!("{url}: {error}")))?;
        }
        let mut builder = diesel::r2d2::Pool::builder()
            .max_size(options.max_size)
            .connection_timeout(options.connection_timeout)
            .min_idle(Some(u32::from(options.keep_spare)))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn sqlite(folder: &tempfile::TempDir) -> DatabaseUrl {
        DatabaseUrl::Sqlite {
            path: folder.path().join("dxp.db"),
        }
    }

    #[test]
    fn a_command_pool_opens_no_connection_behind_its_back() {
        let folder = tempfile::tempdir().expect("a folder");
        let pool = Pool::open(&sqlite(&folder), &PoolOptions::for_command()).expect("opens");
        assert_eq!(pool.inner.state().connections, 0);
        drop(pool.get().expect("a connection"));
        // A pool keeping a spare would be opening a second connection by now.
        std::thread::sleep(Duration::from_millis(300));
        assert_eq!(pool.inner.state().connections, 1);
    }

    #[test]
    fn a_server_pool_keeps_a_spare() {
        let folder = tempfile::tempdir().expect("a folder");
        let pool = Pool::open(&sqlite(&folder), &PoolOptions::default()).expect("opens");
        let _taken = pool.get().expect("a connection");
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while pool.inner.state().idle_connections == 0 && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert_eq!(pool.inner.state().idle_connections, 1);
    }

    #[test]
    fn a_command_pool_names_a_wrong_database_at_once() {
        let url: DatabaseUrl = "postgres://nobody@127.0.0.1:1/none".parse().expect("a URL");
        let error = Pool::open(&url, &PoolOptions::for_command())
            .err()
            .expect("refused");
        assert!(matches!(error, StoreError::Unavailable(_)), "{error}");
    }
}
