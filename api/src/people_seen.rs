//! Noting the people who sign in: a person is known from their first signed-in request, and
//! their organisation, roles, name and email follow their latest token. The note is written
//! off the request's path, once per node for each distinct set of details, so a request does
//! not wait on it and a busy node does not write on every request.

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex, PoisonError};

use dxp_service::Service;
use dxp_service::notices::SignIn;

use crate::auth::Principal;

/// Distinct sign-ins remembered before the memory is cleared (and each noted once more).
const REMEMBERED: usize = 100_000;

/// The sign-ins this node has noted, by their details.
#[derive(Debug, Clone, Default)]
pub struct PeopleSeen {
    noted: Arc<Mutex<HashSet<u64>>>,
}

fn fingerprint(principal: &Principal) -> u64 {
    let mut hasher = DefaultHasher::new();
    principal.subject.hash(&mut hasher);
    principal
        .organisation
        .map(|edumis| edumis.value())
        .hash(&mut hasher);
    principal.roles.hash(&mut hasher);
    principal.name.hash(&mut hasher);
    principal.email.hash(&mut hasher);
    hasher.finish()
}

/// What the use case is told of a person's sign-in.
pub fn sign_in_of(principal: &Principal) -> SignIn {
    SignIn {
        subject: principal.subject.clone(),
        organisation: principal.organisation,
        name: principal.name.clone(),
        email: principal.email.clone(),
        roles: principal
            .roles
            .iter()
            .map(|role| role.as_str().to_owned())
            .collect(),
    }
}

impl PeopleSeen {
    /// Notes a person's sign-in in the background unless this node noted the same details
    /// before. Machine accounts are not people and are not noted.
    pub fn note(&self, principal: &Principal, service: &Service) {
        let print = fingerprint(principal);
        if principal.is_machine() || !self.first_time(print) {
            return;
        }
        let (noted, service, sign_in) = (self.clone(), service.clone(), sign_in_of(principal));
        actix_web::rt::spawn(async move {
            if let Err(error) = service.note_sign_in(sign_in).await {
                tracing::warn!(error = %error, "cannot note a sign-in; the next request tries again");
                noted.forget(print);
            }
        });
    }

    /// Remembers a sign-in noted by the caller itself.
    pub fn remember(&self, principal: &Principal) {
        self.first_time(fingerprint(principal));
    }

    fn first_time(&self, print: u64) -> bool {
        let mut noted = self.noted.lock().unwrap_or_else(PoisonError::into_inner);
        if noted.len() >= REMEMBERED {
            noted.clear();
        }
        noted.insert(print)
    }

    fn forget(&self, print: u64) {
        self.noted
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&print);
    }
}
