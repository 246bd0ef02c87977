//! What every handler shares: the use cases, the token verifier and the upload limits.

use std::sync::Arc;

use dxp_service::{Caller, Service};

use crate::ApiError;
use crate::auth::{Principal, TokenIssuer, TokenVerifier};
use crate::upload_limits::RecordLimits;

/// The application state handed to every handler.
#[derive(Clone)]
pub struct AppState {
    /// The use cases: what handlers call once they have read a request.
    pub service: Service,
    pub tokens: Arc<TokenVerifier>,
    pub limits: RecordLimits,
    /// Signs machine accounts' tokens; `None` on a node that verifies only tokens an identity
    /// provider signed (it cannot issue tokens it would accept).
    pub issuer: Option<Arc<TokenIssuer>>,
    /// The submissions the provider-based API is writing to on this node.
    pub provider_writes: crate::routes::provider_based::one_write::WritesInFlight,
    /// The people this node has noted signing in.
    pub people_seen: crate::people_seen::PeopleSeen,
    /// The people disabled in DXP, refused on every request.
    pub disabled_people: crate::disabled_people::DisabledPeople,
}

impl AppState {
    /// The state of a node whose use cases run over `service`.
    pub fn new(service: Service, tokens: Arc<TokenVerifier>, limits: RecordLimits) -> Self {
        Self {
            service,
            tokens,
            limits,
            issuer: None,
            provider_writes: Default::default(),
            people_seen: Default::default(),
            disabled_people: Default::default(),
        }
    }

    /// The same state, issuing machine accounts' tokens with `issuer`.
    pub fn with_issuer(mut self, issuer: Arc<TokenIssuer>) -> Self {
        self.issuer = Some(issuer);
        self
    }
}

/// The caller as the use cases know it: the token's subject, and the organisation it may see
/// (everyone's for the funder). A token of an organisation role that names no organisation
/// is forbidden.
pub fn caller_of(principal: &Principal) -> Result<Caller, ApiError> {
    Ok(Caller {
        actor: principal.subject.clone(),
        scope: crate::routes::submissions::scope_of(principal)?,
    })
}
