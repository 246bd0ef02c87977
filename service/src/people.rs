//! The use cases of an organisation's users: who has signed in, and the access their
//! organisation's user settings admin (or the funder) grants them in the portal. A disabled
//! person stays listed, is refused on every request and is told nothing.

use dxp_domain::{Edumis, PortalRole};
use dxp_persistence::people::{self, AccessChange, AccessOutcome, Person};

use crate::{Service, ServiceError};

/// Who is asking, as their verified token says.
#[derive(Debug, Clone)]
pub struct Asker {
    pub subject: String,
    /// `None` for the funder's staff.
    pub organisation: Option<Edumis>,
    /// The funder's staff (`tec-admin`): they see and change every organisation's users.
    pub is_funder: bool,
}

/// A change of a person's access, as asked.
#[derive(Debug, Clone)]
pub struct NewAccess {
    pub portal_roles: Vec<PortalRole>,
    pub disabled: bool,
}

impl Service {
    /// Whether `subject` has been disabled in DXP (someone never seen is not).
    pub async fn person_is_disabled(&self, subject: &str) -> Result<bool, ServiceError> {
        let subject = subject.to_owned();
        self.blocking(move |conn| {
            Ok::<_, dxp_persistence::StoreError>(
                people::find(conn, &subject)?.is_some_and(|person| person.disabled),
            )
        })
        .await
    }

    /// The people of `organisation` who have signed in, disabled ones included. An
    /// organisation's people see their own organisation's list; the funder sees any.
    pub async fn people_of(
        &self,
        asker: &Asker,
        organisation: Edumis,
    ) -> Result<Vec<Person>, ServiceError> {
        if !asker.is_funder && asker.organisation != Some(organisation) {
            return Err(ServiceError::Forbidden(format!(
                "you may list only your own organisation's users, not those of {organisation}"
            )));
        }
        self.blocking(move |conn| people::of_organisation(conn, organisation))
            .await
    }

    /// One person, to the funder or to someone of the same organisation; anyone else is told
    /// there is no such person.
    pub async fn person_seen_by(
        &self,
        asker: &Asker,
        subject: &str,
    ) -> Result<Person, ServiceError> {
        let person = self.person(subject).await?;
        if asker.is_funder
            || (person.organisation.is_some() && person.organisation == asker.organisation)
        {
            Ok(person)
        } else {
            Err(ServiceError::NotFound(format!(
                "no person '{subject}' in your organisation"
            )))
        }
    }

    /// Changes a person's portal roles and whether they are disabled: the funder for anyone,
    /// a user settings admin for the people of their own organisation. Nobody disables
    /// themselves, and an organisation always keeps one user settings admin.
    pub async fn change_access(
        &self,
        asker: &Asker,
        subject: &str,
        access: NewAccess,
    ) -> Result<Person, ServiceError> {
        let person = self.person_seen_by(asker, subject).await?;
        if !asker.is_funder {
            let own = self.person(&asker.subject).await?;
            if own.disabled || !own.has_portal_role(PortalRole::UserSettingsAdmin) {
                return Err(ServiceError::Forbidden(
                    "only your organisation's user settings admin may change who has access; \
                     ask them"
                        .to_owned(),
                ));
            }
        }
        if access.disabled && subject == asker.subject {
            return Err(ServiceError::Unacceptable(
                "you cannot disable yourself; ask another user settings admin".to_owned(),
            ));
        }
        if person.organisation.is_none() && !access.portal_roles.is_empty() {
            return Err(ServiceError::Unacceptable(
                "the funder's staff have no portal roles: they see every organisation".to_owned(),
            ));
        }
        let at = self.clock().now()?;
        let (subject, changed_by) = (subject.to_owned(), asker.subject.clone());
        let outcome = self
            .blocking(move |conn| {
                people::change_access(
                    conn,
                    &subject,
                    &AccessChange {
                        portal_roles: &access.portal_roles,
                        disabled: access.disabled,
                        changed_by: &changed_by,
                        at,
                    },
                )
            })
            .await?;
        match outcome {
            AccessOutcome::Changed(person) => Ok(*person),
            AccessOutcome::WouldLeaveNoAdmin(organisation) => {
                Err(ServiceError::Unacceptable(format!(
                    "this would leave organisation {organisation} with no user settings admin; \
                     make someone else user settings admin first"
                )))
            }
        }
    }

    /// The subjects of everyone disabled, for the API to refuse at its door.
    pub async fn disabled_people(&self) -> Result<Vec<String>, ServiceError> {
        self.blocking(people::disabled_subjects).await
    }
}
