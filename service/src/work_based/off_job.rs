//! Off-job deliveries of a programme enrolment, and learner fees per calendar year.

use dxp_domain::work_based::enrolments::Enrolment;
use dxp_domain::work_based::fees::{self, LearnerFee};
use dxp_domain::work_based::learners::Learner;
use dxp_domain::work_based::off_job::{self, NewOffJobDelivery, OffJobDelivery};
use dxp_domain::work_based::{EnrolmentStatus, Refusal, Refusals};
use dxp_persistence::DbConnection;
use dxp_persistence::work_based::{self, ChangeKind, Kind};

use super::store::{self, Columns, Resource};
use super::{Objections, Tms, accept, in_transaction, not_found};
use crate::{Service, ServiceError};

/// An off-job delivery is looked up by its enrolment.
impl Resource for OffJobDelivery {
    const KIND: Kind = Kind::OffJobDelivery;

    fn local_id(&self) -> &str {
        &self.details.off_job_delivery_local_id
    }

    fn columns(&self) -> Columns {
        Columns {
            parent_id: Some(self.details.enrolment_local_id.clone()),
            ..Columns::default()
        }
    }
}

/// A learner's fees are looked up by the learner, one row a year.
impl Resource for LearnerFee {
    const KIND: Kind = Kind::LearnerFee;

    fn local_id(&self) -> &str {
        &self.learner_local_id
    }

    fn ordinal(&self) -> i32 {
        self.fee_year
    }

    fn columns(&self) -> Columns {
        Columns {
            parent_id: Some(self.learner_local_id.clone()),
            ..Columns::default()
        }
    }
}

/// The most fees one CSV upload carries.
pub const MAX_FEES_PER_UPLOAD: usize = 100_000;

impl Service {
    /// W21: an off-job delivery of an enrolment.
    pub async fn create_off_job_delivery(
        &self,
        tms: &Tms,
        new: NewOffJobDelivery,
    ) -> Result<OffJobDelivery, ServiceError> {
        let (now, today) = self.moment()?;
        let tms = tms.clone();
        self.blocking(move |conn| {
            in_transaction(conn, |conn| {
                let id = new.off_job_delivery_local_id.clone();
                let mut objections = Objections::default();
                if store::exists::<OffJobDelivery>(conn, tms.organisation, &id)? {
                    objections.raise(off_job::already_exists(&id));
                }
                let enrolment =
                    store::load::<Enrolment>(conn, tms.organisation, &new.enrolment_local_id)?
                        .filter(|enrolment| {
                            enrolment.value.enrolment_status != EnrolmentStatus::Deleted
                        });
                let Some(enrolment) = enrolment else {
                    return objections.stop(off_job::enrolment_not_found(&new.enrolment_local_id));
                };
                let details = &enrolment.value.details;
                let context = super::enrolments::plan_context(conn, &tms, &enrolment.value)?;
                let created = objections.weigh(off_job::create(
                    &new,
                    &context,
                    &details.learner_local_id,
                    today,
                ));
                let created = objections.conclude(created)?;
                let author = tms.author(now, None);
                store::create(conn, tms.organisation, &created, &author)?;
                Ok(created)
            })
        })
        .await
    }

    /// W22: an off-job delivery as stored.
    pub async fn off_job_delivery(
        &self,
        tms: &Tms,
        id: &str,
    ) -> Result<OffJobDelivery, ServiceError> {
        let (tms, id) = (tms.clone(), id.to_owned());
        self.blocking(move |conn| {
            store::load::<OffJobDelivery>(conn, tms.organisation, &id)?
                .map(|loaded| loaded.value)
                .ok_or_else(|| not_found("off-job delivery", &id))
        })
        .await
    }

    /// W23: learners' fees for calendar years, all kept or none: a fee for a learner and year
    /// already kept replaces it. Each fee comes with where it was sent (`line 3` of a CSV file;
    /// `""` for one JSON fee), under which its refusals are reported. Answers how many were new
    /// (the rest replaced one).
    pub async fn put_learner_fees(
        &self,
        tms: &Tms,
        fees_sent: Vec<(String, LearnerFee)>,
    ) -> Result<usize, ServiceError> {
        if fees_sent.len() > MAX_FEES_PER_UPLOAD {
            return Err(ServiceError::TooLarge(format!(
                "{} fees is more than the {MAX_FEES_PER_UPLOAD} one request may carry",
                fees_sent.len()
            )));
        }
        let (now, today) = self.moment()?;
        let tms = tms.clone();
        self.blocking(move |conn| {
            in_transaction(conn, |conn| put_fees(conn, &tms, &fees_sent, now, today))
        })
        .await
    }

    /// A learner's fees, by year.
    pub async fn learner_fees(
        &self,
        tms: &Tms,
        learner_local_id: &str,
    ) -> Result<Vec<LearnerFee>, ServiceError> {
        let (tms, id) = (tms.clone(), learner_local_id.to_owned());
        self.blocking(move |conn| {
            if !store::exists::<Learner>(conn, tms.organisation, &id)? {
                return Err(not_found("learner", &id));
            }
            work_based::ordinals(conn, tms.organisation, Kind::LearnerFee, &id)?
                .into_iter()
                .map(|row| Ok(store::decode::<LearnerFee>(row)?.value))
                .collect()
        })
        .await
    }
}

fn put_fees(
    conn: &mut DbConnection,
    tms: &Tms,
    fees_sent: &[(String, LearnerFee)],
    now: chrono::DateTime<chrono::Utc>,
    today: chrono::NaiveDate,
) -> Result<usize, ServiceError> {
    let mut refusals = Refusals::new();
    let within = |place: &str, refusal: Refusal| Refusal {
        field: match (place, refusal.field.as_str()) {
            ("", field) | (field, "") => field.to_owned(),
            (place, field) => format!("{place}: {field}"),
        },
        ..refusal
    };
    for (place, fee) in fees_sent {
        refusals.extend(
            fees::check(fee, today)
                .into_iter()
                .map(|r| within(place, r)),
        );
        if !store::exists::<Learner>(conn, tms.organisation, &fee.learner_local_id)? {
            refusals.push(within(
                place,
                fees::learner_not_found(&fee.learner_local_id),
            ));
        }
    }
    accept(refusals)?;
    let author = tms.author(now, None);
    let mut created = 0;
    for (_, fee) in fees_sent {
        let key = store::key_of(tms.organisation, fee);
        match work_based::find(conn, &key)? {
            Some(row) => {
                store::replace(conn, &row, fee, ChangeKind::Updated, &author)?;
            }
            None => {
                store::create(conn, tms.organisation, fee, &author)?;
                created += 1;
            }
        }
    }
    Ok(created)
}
