//! One write at a time per submission: the funder's API answers a second upload or delete to a
//! submission while one is running with 429 "concurrent request not allowed", and so does DXP.
//! The guard is per node; on several nodes the database still applies two writes one after the
//! other, so nothing is lost either way.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

/// The submissions being written to on this node.
#[derive(Debug, Clone, Default)]
pub struct WritesInFlight {
    submissions: Arc<Mutex<HashSet<String>>>,
}

/// Held while a write runs; dropping it lets the next write in.
#[derive(Debug)]
pub struct WriteGuard {
    submissions: Arc<Mutex<HashSet<String>>>,
    submission: String,
}

impl WritesInFlight {
    /// The guard of a write to `submission`, or `None` while another holds it.
    pub fn begin(&self, submission: &str) -> Option<WriteGuard> {
        let mut running = self
            .submissions
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        running.insert(submission.to_owned()).then(|| WriteGuard {
            submissions: Arc::clone(&self.submissions),
            submission: submission.to_owned(),
        })
    }
}

impl Drop for WriteGuard {
    fn drop(&mut self) {
        self.submissions
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .remove(&self.submission);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_write_to_a_submission_waits_for_the_first_to_end() {
        let writes = WritesInFlight::default();
        let first = writes.begin("s-1").expect("the first write");
        assert!(writes.begin("s-1").is_none(), "one write at a time");
        let other = writes.begin("s-2");
        assert!(other.is_some(), "another submission is not held up");
        drop(first);
        assert!(
            writes.begin("s-1").is_some(),
            "free again once the first ended"
        );
    }
}
