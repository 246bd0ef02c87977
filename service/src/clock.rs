//! The one clock every rule of the calendar reads. In production it is the system's; for tests
//! and rehearsals it can be read from a file (`DXP_CLOCK_FILE`, one RFC 3339 instant), so that
//! the time of a running server can be set from outside and every due date tested at its edge.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, Utc};

/// Where the time comes from.
#[derive(Debug, Clone, Default)]
pub enum Clock {
    #[default]
    System,
    /// The instant written in a file, read at every call.
    File(Arc<PathBuf>),
}

impl Clock {
    /// The clock `DXP_CLOCK_FILE` names, or the system's.
    pub fn from_env() -> Self {
        match std::env::var_os("DXP_CLOCK_FILE") {
            Some(path) if !path.is_empty() => Clock::File(Arc::new(PathBuf::from(path))),
            _ => Clock::System,
        }
    }

    /// Now. A clock file that cannot be read or parsed is the operator's fault, never a
    /// client's: callers report it as a failure of the service.
    pub fn now(&self) -> Result<DateTime<Utc>, ClockError> {
        match self {
            Clock::System => Ok(Utc::now()),
            Clock::File(path) => {
                let unreadable = |why: String| ClockError {
                    file: path.as_ref().clone(),
                    why,
                };
                let text = std::fs::read_to_string(path.as_ref())
                    .map_err(|error| unreadable(error.to_string()))?;
                DateTime::parse_from_rfc3339(text.trim())
                    .map(|instant| instant.with_timezone(&Utc))
                    .map_err(|error| unreadable(error.to_string()))
            }
        }
    }
}

/// The clock file cannot be read, or does not hold one RFC 3339 instant.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("clock file {}: {why}", file.display())]
pub struct ClockError {
    pub file: PathBuf,
    pub why: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clock_file_sets_the_time_and_a_bad_one_is_an_error_naming_it() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("clock");
        std::fs::write(&path, "2026-04-29T16:59:00+12:00\n").expect("write");
        let clock = Clock::File(Arc::new(path.clone()));
        assert_eq!(
            clock.now().expect("time").to_rfc3339(),
            "2026-04-29T04:59:00+00:00"
        );
        std::fs::write(&path, "yesterday").expect("write");
        let error = clock.now().expect_err("not an instant");
        assert_eq!(error.file, path);
        assert!(error.to_string().starts_with("clock file "), "{error}");
    }
}
