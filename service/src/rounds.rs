//! The collection calendar: its rounds, the funder's changes to them and its lifts of the Stop
//! Gate, and what is due for an organisation now.

use chrono::{DateTime, Utc};
use dxp_domain::due::DueItem;
use dxp_domain::{Edumis, Round, RoundChanges, RoundId};
use dxp_persistence::stop_gate::{GrantedLift, NewLift};

use crate::{Caller, Service, ServiceError};

/// What is due for one organisation, most urgent first.
#[derive(Debug, Clone)]
pub struct Due {
    pub organisation: Edumis,
    /// The time the list was made for: the service's clock.
    pub as_at: DateTime<Utc>,
    pub items: Vec<DueItem>,
    /// The work-based cut-offs of the next 30 days, for an organisation that sends work-based
    /// data (none otherwise).
    pub work_based_cut_offs: Vec<dxp_domain::calendar::WorkBasedCutOff>,
}

/// A lift of the Stop Gate the funder grants.
#[derive(Debug, Clone)]
pub struct LiftRequest {
    pub round: RoundId,
    pub organisation: Edumis,
    /// The new due date: the organisation may lodge once until then.
    pub due_at: DateTime<Utc>,
    /// Why the funder approved it; kept in the audit log.
    pub reason: String,
}

impl Service {
    /// The rounds (of one year, when given), in calendar order.
    pub async fn rounds(&self, year: Option<i32>) -> Result<Vec<Round>, ServiceError> {
        self.blocking(move |conn| dxp_persistence::rounds::list(conn, year))
            .await
    }

    /// Adds a round: the standard calendar's dates for its id, with `changes` applied. Dates
    /// that do not make a round are refused as unacceptable.
    pub async fn create_round(
        &self,
        caller: &Caller,
        id: RoundId,
        changes: RoundChanges,
    ) -> Result<Round, ServiceError> {
        let standard = Round::standard(id.year, id.kind)
            .map_err(|error| ServiceError::BadInput(format!("round: {error}")))?;
        let round = standard
            .changed(&changes)
            .map_err(|error| ServiceError::Unacceptable(format!("round {id}: {error}")))?;
        let actor = caller.actor.clone();
        self.blocking(move |conn| dxp_persistence::rounds::create(conn, &round, &actor))
            .await
    }

    /// Changes a round's dates or resubmission window; a published round takes no change
    /// (RD-001).
    pub async fn change_round(
        &self,
        caller: &Caller,
        id: RoundId,
        changes: RoundChanges,
    ) -> Result<Round, ServiceError> {
        let actor = caller.actor.clone();
        self.blocking(move |conn| dxp_persistence::rounds::update(conn, id, &changes, &actor))
            .await
    }

    /// Publishes a round now: its data can no longer change.
    pub async fn publish_round(&self, caller: &Caller, id: RoundId) -> Result<Round, ServiceError> {
        let now = self.clock().now()?;
        let actor = caller.actor.clone();
        self.blocking(move |conn| dxp_persistence::rounds::publish(conn, id, &actor, now))
            .await
    }

    /// Lifts the Stop Gate for one organisation now, under the round's rules (RD-001, RD-007,
    /// RD-008).
    pub async fn lift_stop_gate(
        &self,
        caller: &Caller,
        lift: LiftRequest,
    ) -> Result<GrantedLift, ServiceError> {
        let now = self.clock().now()?;
        let actor = caller.actor.clone();
        self.blocking(move |conn| {
            let new = NewLift {
                round: lift.round,
                organisation: lift.organisation,
                due_at: lift.due_at,
                reason: &lift.reason,
            };
            dxp_persistence::stop_gate::grant(conn, &new, &actor, now)
        })
        .await
    }

    /// A round's Stop Gate lifts, newest first: an organisation's own, or everyone's for the
    /// funder.
    pub async fn stop_gate_lifts(
        &self,
        caller: &Caller,
        round: RoundId,
    ) -> Result<Vec<GrantedLift>, ServiceError> {
        let organisation = match caller.scope {
            dxp_persistence::submissions::Scope::Everyone => None,
            dxp_persistence::submissions::Scope::Organisation(own) => Some(own),
        };
        self.blocking(move |conn| dxp_persistence::stop_gate::list(conn, round, organisation))
            .await
    }

    /// What is due for `organisation` now, by the service's clock.
    pub async fn due(&self, organisation: Edumis) -> Result<Due, ServiceError> {
        let now = self.clock().now()?;
        let (items, work_based) = self
            .blocking(move |conn| {
                let items = dxp_persistence::due::for_organisation(conn, organisation, now)?;
                let work_based = dxp_persistence::work_based::has_any(conn, organisation)?;
                Ok::<_, dxp_persistence::StoreError>((items, work_based))
            })
            .await?;
        let work_based_cut_offs = if work_based {
            dxp_domain::calendar::work_based_cut_offs_ahead(dxp_domain::calendar::nz_date(now))
        } else {
            Vec::new()
        };
        Ok(Due {
            organisation,
            as_at: now,
            items,
            work_based_cut_offs,
        })
    }
}
