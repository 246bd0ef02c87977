//! The organisations DXP knows: the funder's list of them, to choose one to act for.

use dxp_persistence::organisations::{self, Organisation};
use dxp_persistence::submissions::Scope;

use crate::{Caller, Service, ServiceError};

impl Service {
    /// The organisations DXP knows, by EDUMIS number: every one for the funder, an
    /// organisation's own (when it is known) for anyone else.
    pub async fn organisations(&self, caller: &Caller) -> Result<Vec<Organisation>, ServiceError> {
        let scope = caller.scope;
        self.blocking(move |conn| {
            let every = organisations::list(conn)?;
            Ok::<_, ServiceError>(match scope {
                Scope::Everyone => every,
                Scope::Organisation(own) => every
                    .into_iter()
                    .filter(|organisation| organisation.edumis == own)
                    .collect(),
            })
        })
        .await
    }
}
