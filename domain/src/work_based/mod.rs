//! Work-based training: what a training management system (TMS) at a work-based provider tells
//! the funder record by record, in place of the old Industry Training Register. Learners,
//! programmes and their versions, training agreements and their states, programme enrolments
//! (simple and complex), training plans with their visits, off-job deliveries and learner fees.
//!
//! Each module holds one resource: its wire types (the funder's field names; shape limits
//! declared with `validator`, which a surface reports field by field), its business rules
//! (each a [`Rule`] of the one catalogue, `WB-…`) and the pure decisions about it: whether a
//! request may be applied to what is stored and what the resource becomes. Nothing here reads
//! the store or the clock: the use cases pass what is stored and today's date in New Zealand.

pub mod agreements;
pub mod enrolments;
pub mod fees;
pub mod learners;
pub mod off_job;
pub mod programmes;
pub mod training_plans;

#[cfg(test)]
mod test_support;

use serde::Serialize;

use crate::validation::Rule;

/// A request refused by a business rule: the rule, the field path of the request it is about
/// (`withdrawalDate`, `trainingAgreement.trainingAgreementSignedDate`, `""` for the request as
/// a whole) and what is wrong, in words a TMS vendor's support desk can pass on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Refusal {
    /// The rule's code in the catalogue, `WB-…`.
    pub rule: &'static str,
    pub field: String,
    pub message: String,
}

impl Refusal {
    /// A refusal under `rule` about `field`.
    pub fn new(rule: &Rule, field: impl Into<String>, message: impl Into<String>) -> Self {
        Refusal {
            rule: rule.code,
            field: field.into(),
            message: message.into(),
        }
    }
}

/// Every refusal of a request at once, so a TMS can fix them all in one go; empty when the
/// request may be applied.
pub type Refusals = Vec<Refusal>;

/// Where a training agreement is in its life (`dxp-api.md` §5.3, `sdr-domain.md` §4.2):
/// `PENDING` until its learner's training starts, then `ACTIVE`; `HOLD` or `GRACE` while
/// paused, `ACTIVE` again on restart; `FINISHED` once withdrawn, transferred or completed.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize, Serialize, utoipa::ToSchema,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AgreementStatus {
    Pending,
    Active,
    Hold,
    Grace,
    Finished,
}

impl AgreementStatus {
    /// The name on the wire and in the store.
    pub fn as_str(self) -> &'static str {
        match self {
            AgreementStatus::Pending => "PENDING",
            AgreementStatus::Active => "ACTIVE",
            AgreementStatus::Hold => "HOLD",
            AgreementStatus::Grace => "GRACE",
            AgreementStatus::Finished => "FINISHED",
        }
    }
}

/// Where a programme enrolment is: it follows its agreement while open (`PENDING`, `ACTIVE`,
/// `HOLD`, `GRACE`); `WITHDRAWN` by the TMS or with its agreement, `COMPLETED` by the funder's
/// completions service, `DELETED` when the TMS deletes it (its id may then be used again).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize, Serialize, utoipa::ToSchema,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EnrolmentStatus {
    Pending,
    Active,
    Hold,
    Grace,
    Withdrawn,
    Completed,
    Deleted,
}

impl EnrolmentStatus {
    /// The name on the wire and in the store.
    pub fn as_str(self) -> &'static str {
        match self {
            EnrolmentStatus::Pending => "PENDING",
            EnrolmentStatus::Active => "ACTIVE",
            EnrolmentStatus::Hold => "HOLD",
            EnrolmentStatus::Grace => "GRACE",
            EnrolmentStatus::Withdrawn => "WITHDRAWN",
            EnrolmentStatus::Completed => "COMPLETED",
            EnrolmentStatus::Deleted => "DELETED",
        }
    }

    /// Whether the enrolment is still open: it follows its agreement's pauses and restarts.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            EnrolmentStatus::Pending
                | EnrolmentStatus::Active
                | EnrolmentStatus::Hold
                | EnrolmentStatus::Grace
        )
    }

    /// The status an open enrolment takes when its agreement is in `status`.
    pub fn following(status: AgreementStatus) -> EnrolmentStatus {
        match status {
            AgreementStatus::Pending => EnrolmentStatus::Pending,
            AgreementStatus::Active => EnrolmentStatus::Active,
            AgreementStatus::Hold => EnrolmentStatus::Hold,
            AgreementStatus::Grace => EnrolmentStatus::Grace,
            AgreementStatus::Finished => EnrolmentStatus::Withdrawn,
        }
    }
}

/// Deserializers for the nested objects of the wire types. serde's derive also reads a struct
/// from an array of its fields in order (`"educationHistory": [null, null]`), which no TMS
/// means and the documented schema forbids: these take a JSON object only.
pub(crate) mod object_only {
    use serde::de::{Deserialize, DeserializeOwned, Deserializer, Error};
    use serde_json::{Map, Value};

    fn from_map<T: DeserializeOwned, E: Error>(map: Map<String, Value>) -> Result<T, E> {
        T::deserialize(Value::Object(map)).map_err(E::custom)
    }

    /// One object.
    pub fn deserialize<'de, D: Deserializer<'de>, T: DeserializeOwned>(
        deserializer: D,
    ) -> Result<T, D::Error> {
        from_map(Map::deserialize(deserializer)?)
    }

    /// A list of objects.
    pub mod list {
        use super::*;

        pub fn deserialize<'de, D: Deserializer<'de>, T: DeserializeOwned>(
            deserializer: D,
        ) -> Result<Vec<T>, D::Error> {
            Vec::<Map<String, Value>>::deserialize(deserializer)?
                .into_iter()
                .map(from_map)
                .collect()
        }
    }

    /// A list of objects, or nothing.
    pub mod optional_list {
        use super::*;

        pub fn deserialize<'de, D: Deserializer<'de>, T: DeserializeOwned>(
            deserializer: D,
        ) -> Result<Option<Vec<T>>, D::Error> {
            Option::<Vec<Map<String, Value>>>::deserialize(deserializer)?
                .map(|items| items.into_iter().map(from_map).collect())
                .transpose()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::agreements::NewTrainingAgreement;
    use super::learners::LearnerUpdate;

    #[test]
    fn a_nested_object_sent_as_an_array_is_not_read() {
        let update = serde_json::json!({
            "demographics": {"countryOfCitizenship": "NZL", "disabilityStatus": 2, "ethnicityCodes": [], "iwiCodes": []},
            "educationHistory": [null, null]
        });
        let error = serde_json::from_value::<LearnerUpdate>(update).expect_err("an array");
        assert!(error.to_string().contains("expected a map"), "{error}");
        let agreement = serde_json::json!({
            "learnerLocalId": "L-1",
            "trainingAgreementLocalId": "TA-1",
            "trainingAgreement": ["Kahu Builders", 2]
        });
        assert!(serde_json::from_value::<NewTrainingAgreement>(agreement).is_err());
    }
}
