//! The people disabled in DXP, refused at the door of every request. The list is read from the
//! database when the node starts and every few seconds after, so a person disabled on one node
//! is refused on every node within that time; the node that disabled them refuses them at
//! once. A request does not wait on the database for it.

use std::collections::HashSet;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration;

use dxp_service::Service;

/// How often a node reads who is disabled.
const REFRESH: Duration = Duration::from_secs(5);

/// The subjects of the people disabled, as this node last read them.
#[derive(Debug, Clone, Default)]
pub struct DisabledPeople {
    subjects: Arc<RwLock<HashSet<String>>>,
}

impl DisabledPeople {
    pub fn contains(&self, subject: &str) -> bool {
        self.subjects
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .contains(subject)
    }

    /// Takes a change made on this node at once, without waiting for the next read.
    pub fn set(&self, subject: &str, disabled: bool) {
        let mut subjects = self
            .subjects
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        if disabled {
            subjects.insert(subject.to_owned());
        } else {
            subjects.remove(subject);
        }
    }

    /// Reads the list now and every few seconds after, on the current runtime. A failed read
    /// keeps the last list and is logged.
    pub fn keep_fresh(&self, service: Service) {
        let disabled = self.clone();
        actix_web::rt::spawn(async move {
            loop {
                match service.disabled_people().await {
                    Ok(subjects) => {
                        *disabled
                            .subjects
                            .write()
                            .unwrap_or_else(PoisonError::into_inner) =
                            subjects.into_iter().collect();
                    }
                    Err(error) => {
                        tracing::warn!(error = %error, "cannot read who is disabled; keeping the last list");
                    }
                }
                actix_web::rt::time::sleep(REFRESH).await;
            }
        });
    }
}
