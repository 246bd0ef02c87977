//! Machine accounts: a student or training management system signs in with a client id and a
//! secret, as it does with the funder's Education Sector Logon, and gets DXP's own token. The
//! secret is shown once, when the account is made, and kept only as an argon2 hash.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use dxp_domain::{ApiPermission, Edumis};
use dxp_persistence::audit::{self, NewAuditEvent};
use dxp_persistence::machine_accounts::{self, MachineAccount};
use dxp_persistence::{DbConnection, StoreError};

use crate::secrets::random_256_bit_hex;
use crate::{Service, ServiceError, off_the_runtime};

/// The longest client id: it is the account's name, shown in lists and the audit log.
pub const MAX_CLIENT_ID: usize = 64;

/// A machine account as its organisation sees it (never its secret or hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountSummary {
    pub client_id: String,
    pub organisation: Edumis,
    pub permissions: Vec<ApiPermission>,
    pub created_by: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub revoked_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// A new account with the secret it signs in with, which is not kept and cannot be shown again.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub account: AccountSummary,
    pub client_secret: String,
}

/// Who a valid client id and secret sign in as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    pub client_id: String,
    pub organisation: Edumis,
    pub permissions: Vec<ApiPermission>,
}

fn summary(account: MachineAccount) -> Result<AccountSummary, ServiceError> {
    let permissions = account
        .permissions
        .iter()
        .map(|name| name.parse::<ApiPermission>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|error| StoreError::corrupt(error.to_string()))?;
    Ok(AccountSummary {
        client_id: account.client_id,
        organisation: account.organisation,
        permissions,
        created_by: account.created_by,
        created_at: account.created_at,
        revoked_at: account.revoked_at,
    })
}

/// A client id is a name a person types into a system's settings: letters, digits, `-`, `_`
/// and `.`, starting with a letter or digit.
fn check_client_id(client_id: &str) -> Result<(), ServiceError> {
    let fits = !client_id.is_empty()
        && client_id.len() <= MAX_CLIENT_ID
        && client_id
            .chars()
            .next()
            .is_some_and(|first| first.is_ascii_alphanumeric())
        && client_id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if fits {
        Ok(())
    } else {
        Err(ServiceError::BadInput(format!(
            "the name '{client_id}' cannot be a client id: use 1 to {MAX_CLIENT_ID} letters, \
             digits, '-', '_' or '.', starting with a letter or digit"
        )))
    }
}

fn hash(secret: &str) -> Result<String, ServiceError> {
    let salt = SaltString::encode_b64(&rand::random::<[u8; 16]>())
        .map_err(|error| ServiceError::Failure(format!("cannot make a salt: {error}")))?;
    Argon2::default()
        .hash_password(secret.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|error| ServiceError::Failure(format!("cannot hash a secret: {error}")))
}

/// Whether `secret` is the one `stored` was made from. A hash that does not parse matches
/// nothing.
fn matches(secret: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|parsed| {
            Argon2::default()
                .verify_password(secret.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Spent on a client id that does not exist, so a caller cannot tell an unknown id from a
/// wrong secret by the time the answer takes.
fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash(&random_256_bit_hex()).unwrap_or_default())
}

fn check(
    conn: &mut DbConnection,
    client_id: &str,
    secret: &str,
) -> Result<Option<SignedIn>, ServiceError> {
    let Some(account) = machine_accounts::find(conn, client_id)? else {
        matches(secret, decoy_hash());
        return Ok(None);
    };
    if !matches(secret, &account.secret_hash) || account.revoked_at.is_some() {
        return Ok(None);
    }
    let account = summary(account)?;
    Ok(Some(SignedIn {
        client_id: account.client_id,
        organisation: account.organisation,
        permissions: account.permissions,
    }))
}

impl Service {
    /// A new machine account of `organisation`, allowed the APIs in `permissions`, made by
    /// `actor`. Answers it with its secret, the only time the secret is seen.
    pub async fn create_machine_account(
        &self,
        organisation: Edumis,
        client_id: &str,
        permissions: &[ApiPermission],
        actor: &str,
    ) -> Result<NewAccount, ServiceError> {
        check_client_id(client_id)?;
        if permissions.is_empty() {
            return Err(ServiceError::BadInput(
                "a machine account needs at least one API permission: sdr, work-based".to_owned(),
            ));
        }
        let mut permissions = permissions.to_vec();
        permissions.sort_by_key(|permission| permission.as_str());
        permissions.dedup();
        let now = self.clock().now()?;
        let secret = random_256_bit_hex();
        let account = MachineAccount {
            client_id: client_id.to_owned(),
            organisation,
            secret_hash: {
                let secret = secret.clone();
                off_the_runtime(move || hash(&secret)).await?
            },
            permissions: permissions.iter().map(|p| p.as_str().to_owned()).collect(),
            created_by: actor.to_owned(),
            created_at: now,
            revoked_at: None,
        };
        let kept = account.clone();
        let actor = actor.to_owned();
        self.blocking(move |conn| {
            dxp_persistence::connection::atomically(conn, |conn| {
                if machine_accounts::find(conn, &kept.client_id)?.is_some() {
                    return Err(ServiceError::Unacceptable(format!(
                        "a machine account named '{}' already exists; choose another name",
                        kept.client_id
                    )));
                }
                machine_accounts::insert(conn, &kept)?;
                audit::record(
                    conn,
                    &NewAuditEvent::new(
                        &actor,
                        "machine account created",
                        format!("machine-account:{}", kept.client_id),
                    )
                    .organisation(kept.organisation.value())
                    .reason(kept.permissions.join(","))
                    .at(now),
                )?;
                Ok::<_, ServiceError>(())
            })
        })
        .await?;
        Ok(NewAccount {
            account: summary(account)?,
            client_secret: secret,
        })
    }

    /// The organisation's machine accounts, revoked ones included.
    pub async fn machine_accounts(
        &self,
        organisation: Edumis,
    ) -> Result<Vec<AccountSummary>, ServiceError> {
        let accounts = self
            .blocking(move |conn| machine_accounts::of_organisation(conn, organisation))
            .await?;
        accounts.into_iter().map(summary).collect()
    }

    /// Revokes the account: no new token is issued for it. Tokens already issued run to their
    /// expiry. Revoking a revoked account is no change; an unknown one is not found.
    pub async fn revoke_machine_account(
        &self,
        client_id: &str,
        actor: &str,
    ) -> Result<AccountSummary, ServiceError> {
        let now = self.clock().now()?;
        let (client_id, actor) = (client_id.to_owned(), actor.to_owned());
        let account = self
            .blocking(move |conn| {
                dxp_persistence::connection::atomically(conn, |conn| {
                    let Some(account) = machine_accounts::find(conn, &client_id)? else {
                        return Err(ServiceError::NotFound(format!(
                            "there is no machine account named '{client_id}'"
                        )));
                    };
                    if machine_accounts::revoke(conn, &client_id, now)? {
                        audit::record(
                            conn,
                            &NewAuditEvent::new(
                                &actor,
                                "machine account revoked",
                                format!("machine-account:{client_id}"),
                            )
                            .organisation(account.organisation.value())
                            .at(now),
                        )?;
                    }
                    machine_accounts::find(conn, &client_id)?.ok_or_else(|| {
                        ServiceError::Failure("a revoked account vanished".to_owned())
                    })
                })
            })
            .await?;
        summary(account)
    }

    /// Who `client_id` and `secret` sign in as, or `None` when the pair is wrong or the
    /// account revoked: the caller is not told which.
    pub async fn sign_in_machine(
        &self,
        client_id: &str,
        secret: &str,
    ) -> Result<Option<SignedIn>, ServiceError> {
        let (client_id, secret) = (client_id.to_owned(), secret.to_owned());
        // The hash check takes tens of milliseconds of CPU: it runs with the read, off the
        // runtime.
        self.blocking(move |conn| check(conn, &client_id, &secret))
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_matches_its_hash_and_nothing_else() {
        let secret = random_256_bit_hex();
        assert_eq!(secret.len(), 64);
        let stored = hash(&secret).expect("hashed");
        assert!(stored.starts_with("$argon2id$"), "{stored}");
        assert!(!stored.contains(&secret));
        assert!(matches(&secret, &stored));
        assert!(!matches(&random_256_bit_hex(), &stored));
        assert!(!matches(&secret, "not a hash"));
    }

    #[test]
    fn a_client_id_is_a_plain_name() {
        assert!(check_client_id("selma-prod_1.2").is_ok());
        for bad in [
            "",
            "-leading",
            "has space",
            "tōtara",
            &"x".repeat(MAX_CLIENT_ID + 1),
        ] {
            assert!(check_client_id(bad).is_err(), "{bad:?}");
        }
    }
}
