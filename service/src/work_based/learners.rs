//! Learners: created once with their identity, which no update changes; one NSN names one
//! learner of an organisation.

use dxp_domain::work_based::learners::{self, Learner, LearnerUpdate};
use dxp_persistence::work_based::{self, ChangeKind, Kind};

use super::store::{self, Columns, Resource};
use super::{Tms, accept, in_transaction, not_found};
use crate::{Service, ServiceError};

/// A learner is looked up by NSN, which names one learner of an organisation.
impl Resource for Learner {
    const KIND: Kind = Kind::Learner;

    fn local_id(&self) -> &str {
        &self.learner_local_id
    }

    fn columns(&self) -> Columns {
        Columns {
            lookup: Some(self.identity.national_student_number.to_string()),
            ..Columns::default()
        }
    }
}

impl Service {
    /// W1: a new learner.
    pub async fn create_learner(
        &self,
        tms: &Tms,
        learner: Learner,
    ) -> Result<Learner, ServiceError> {
        let (now, today) = self.moment()?;
        let tms = tms.clone();
        self.blocking(move |conn| {
            in_transaction(conn, |conn| {
                let mut refusals = learners::check_new(&learner, today);
                if store::exists::<Learner>(conn, tms.organisation, &learner.learner_local_id)? {
                    refusals.push(learners::already_exists(&learner.learner_local_id));
                }
                let nsn = learner.identity.national_student_number;
                if let Some(other) = work_based::find_by_lookup(
                    conn,
                    tms.organisation,
                    Kind::Learner,
                    &nsn.to_string(),
                )? {
                    refusals.push(learners::nsn_already_used(nsn, &other.key.local_id));
                }
                accept(refusals)?;
                let author = tms.author(now, None);
                store::create(conn, tms.organisation, &learner, &author)?;
                Ok(learner)
            })
        })
        .await
    }

    /// W2: a learner's IRD number, demographics and education history replaced.
    pub async fn update_learner(
        &self,
        tms: &Tms,
        learner_local_id: &str,
        update: LearnerUpdate,
    ) -> Result<Learner, ServiceError> {
        let (now, today) = self.moment()?;
        let (tms, id) = (tms.clone(), learner_local_id.to_owned());
        self.blocking(move |conn| {
            in_transaction(conn, |conn| {
                let stored = store::load::<Learner>(conn, tms.organisation, &id)?
                    .ok_or_else(|| not_found("learner", &id))?;
                accept(learners::check_update(&stored.value, &update, today))?;
                let updated = learners::apply_update(&stored.value, update);
                let author = tms.author(now, None);
                store::replace(conn, &stored.row, &updated, ChangeKind::Updated, &author)?;
                Ok(updated)
            })
        })
        .await
    }

    /// W3: a learner as stored.
    pub async fn learner(
        &self,
        tms: &Tms,
        learner_local_id: &str,
    ) -> Result<Learner, ServiceError> {
        let (tms, id) = (tms.clone(), learner_local_id.to_owned());
        self.blocking(move |conn| {
            store::load::<Learner>(conn, tms.organisation, &id)?
                .map(|loaded| loaded.value)
                .ok_or_else(|| not_found("learner", &id))
        })
        .await
    }
}
