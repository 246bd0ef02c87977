//! Submission tokens of the funder's provider-based API: which submission a token names, for
//! which organisation, until when. Tokens are kept by their hash; making and hashing them is
//! the service's business.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use dxp_domain::Edumis;

use crate::schema::submission_tokens;
use crate::time::{from_row, to_row};
use crate::{DbConnection, StoreError};

/// What a submission token names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmissionToken {
    pub token_hash: String,
    pub submission_id: String,
    pub organisation: Edumis,
    pub expires_at: DateTime<Utc>,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = submission_tokens)]
struct TokenRow {
    token_hash: String,
    submission_id: String,
    organisation: i32,
    expires_at: chrono::NaiveDateTime,
    created_by: String,
    created_at: chrono::NaiveDateTime,
}

/// Keeps a new token.
pub fn insert(conn: &mut DbConnection, token: &SubmissionToken) -> Result<(), StoreError> {
    diesel::insert_into(submission_tokens::table)
        .values(&TokenRow {
            token_hash: token.token_hash.clone(),
            submission_id: token.submission_id.clone(),
            organisation: token.organisation.value(),
            expires_at: to_row(token.expires_at),
            created_by: token.created_by.clone(),
            created_at: to_row(token.created_at),
        })
        .execute(conn)?;
    Ok(())
}

/// The token with this hash, expired or not.
pub fn find(
    conn: &mut DbConnection,
    token_hash: &str,
) -> Result<Option<SubmissionToken>, StoreError> {
    let Some(row) = submission_tokens::table
        .find(token_hash)
        .select(TokenRow::as_select())
        .first(conn)
        .optional()?
    else {
        return Ok(None);
    };
    Ok(Some(SubmissionToken {
        token_hash: row.token_hash,
        submission_id: row.submission_id,
        organisation: Edumis::new(i64::from(row.organisation)).map_err(StoreError::corrupt)?,
        expires_at: from_row(row.expires_at),
        created_by: row.created_by,
        created_at: from_row(row.created_at),
    }))
}

/// Forgets every token that names the submission, so none names it again.
pub fn delete_for_submission(
    conn: &mut DbConnection,
    submission_id: &str,
) -> Result<usize, StoreError> {
    Ok(diesel::delete(
        submission_tokens::table.filter(submission_tokens::submission_id.eq(submission_id)),
    )
    .execute(conn)?)
}
