//! Machine accounts: the client ids and hashed secrets systems sign in with. What a secret is
//! and how it is checked is the service's business; this module keeps the rows.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use dxp_domain::Edumis;

use crate::schema::machine_accounts;
use crate::time::{from_row, to_row};
use crate::{DbConnection, StoreError};

/// A machine account as kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MachineAccount {
    pub client_id: String,
    pub organisation: Edumis,
    /// The secret's PHC-format hash (argon2); never the secret.
    pub secret_hash: String,
    /// The APIs it may call, by name (`sdr`, `work-based`).
    pub permissions: Vec<String>,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = machine_accounts)]
struct AccountRow {
    client_id: String,
    organisation: i32,
    secret_hash: String,
    permissions: String,
    created_by: String,
    created_at: chrono::NaiveDateTime,
    revoked_at: Option<chrono::NaiveDateTime>,
}

impl AccountRow {
    fn into_account(self) -> Result<MachineAccount, StoreError> {
        Ok(MachineAccount {
            client_id: self.client_id,
            organisation: Edumis::new(i64::from(self.organisation)).map_err(StoreError::corrupt)?,
            secret_hash: self.secret_hash,
            permissions: self
                .permissions
                .split(',')
                .filter(|name| !name.is_empty())
                .map(str::to_owned)
                .collect(),
            created_by: self.created_by,
            created_at: from_row(self.created_at),
            revoked_at: self.revoked_at.map(from_row),
        })
    }
}

/// Keeps a new account; a client id already taken (by any organisation) is a conflict.
pub fn insert(conn: &mut DbConnection, account: &MachineAccount) -> Result<(), StoreError> {
    diesel::insert_into(machine_accounts::table)
        .values(&AccountRow {
            client_id: account.client_id.clone(),
            organisation: account.organisation.value(),
            secret_hash: account.secret_hash.clone(),
            permissions: account.permissions.join(","),
            created_by: account.created_by.clone(),
            created_at: to_row(account.created_at),
            revoked_at: account.revoked_at.map(to_row),
        })
        .execute(conn)?;
    Ok(())
}

/// The account with this client id, revoked or not.
pub fn find(
    conn: &mut DbConnection,
    client_id: &str,
) -> Result<Option<MachineAccount>, StoreError> {
    machine_accounts::table
        .find(client_id)
        .select(AccountRow::as_select())
        .first(conn)
        .optional()?
        .map(AccountRow::into_account)
        .transpose()
}

/// The organisation's accounts, revoked ones included, by client id.
pub fn of_organisation(
    conn: &mut DbConnection,
    organisation: Edumis,
) -> Result<Vec<MachineAccount>, StoreError> {
    machine_accounts::table
        .filter(machine_accounts::organisation.eq(organisation.value()))
        .order(machine_accounts::client_id.asc())
        .select(AccountRow::as_select())
        .load(conn)?
        .into_iter()
        .map(AccountRow::into_account)
        .collect()
}

/// Marks the account revoked at `at`; answers whether it was active until now (revoking a
/// revoked account changes nothing).
pub fn revoke(
    conn: &mut DbConnection,
    client_id: &str,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let changed = diesel::update(
        machine_accounts::table
            .find(client_id)
            .filter(machine_accounts::revoked_at.is_null()),
    )
    .set(machine_accounts::revoked_at.eq(Some(to_row(at))))
    .execute(conn)?;
    Ok(changed == 1)
}
