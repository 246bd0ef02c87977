//! Commitments as stored: each commitment's details and state, the rows being edited, the
//! immutable versions submitted for review with the funder's decision, and the funding rates.
//! Every read takes the organisation that asks (`None`: the funder), so another
//! organisation's commitment can only be missed (404).

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use dxp_domain::Edumis;
use dxp_domain::commitments::check::{CheckedRow, Rates, Totals};
use dxp_domain::commitments::{
    CommitmentEvent, CommitmentRefusal, CommitmentState, Decision, RowValues, Template,
};
use dxp_domain::notices::Notice;

use crate::schema::{
    commitment_rows, commitment_versions, commitments, funding_rates, subject_groupings,
};
use crate::time::{from_row, to_row};
use crate::{DbConnection, StoreError};

/// A new commitment, as the funder provisions it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCommitment {
    pub id: String,
    pub organisation: Edumis,
    pub template: Template,
    pub plan_year: i32,
    pub due_on: NaiveDate,
    pub allocation_cents: Option<i64>,
    pub provisioned_by: String,
}

/// A commitment as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCommitment {
    pub id: String,
    pub organisation: Edumis,
    pub template: Template,
    pub fund: String,
    pub plan_year: i32,
    pub due_on: NaiveDate,
    pub allocation_cents: Option<i64>,
    pub state: CommitmentState,
    pub provisioned_by: String,
    pub provisioned_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The number of the latest version; 0 before the first submission.
    pub latest_version: i32,
}

#[derive(Clone, Queryable)]
struct CommitmentRow {
    id: String,
    organisation: i32,
    template: String,
    fund: String,
    plan_year: i32,
    due_on: NaiveDate,
    allocation_cents: Option<i64>,
    state: String,
    next_row: i64,
    provisioned_by: String,
    provisioned_at: chrono::NaiveDateTime,
    updated_at: chrono::NaiveDateTime,
}

/// A submitted version as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredVersion {
    pub commitment_id: String,
    pub version: i32,
    /// The rows as checked when submitted, computed columns filled.
    pub rows: Vec<(i64, RowValues)>,
    pub funded_value_cents: i64,
    pub unfunded_value_cents: i64,
    pub allocation_cents: Option<i64>,
    pub warning_count: i32,
    pub submitted_by: String,
    pub submitted_at: DateTime<Utc>,
    pub decision: Option<StoredDecision>,
}

impl StoredVersion {
    /// Whether the funder accepted this version.
    pub fn is_accepted(&self) -> bool {
        self.decision
            .as_ref()
            .is_some_and(|decided| decided.decision == Decision::Accepted)
    }
}

/// The latest accepted of `versions`.
pub fn latest_accepted(versions: &[StoredVersion]) -> Option<&StoredVersion> {
    versions
        .iter()
        .filter(|version| version.is_accepted())
        .max_by_key(|version| version.version)
}

/// The funder's decision on a version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDecision {
    pub decision: Decision,
    pub comment: Option<String>,
    pub decided_by: String,
    pub decided_at: DateTime<Utc>,
}

/// A change of a commitment's rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowChange {
    /// A new row, numbered after every row the commitment has had.
    Add(RowValues),
    /// A row's values replaced.
    Replace(i64, RowValues),
    /// Some of a row's values set (an empty value removes it); the others kept.
    Merge(i64, RowValues),
    Remove(i64),
    /// Every row replaced by these, numbered from 1 (an upload).
    ReplaceAll(Vec<RowValues>),
}

fn edumis(value: i32) -> Result<Edumis, StoreError> {
    Edumis::new(i64::from(value)).map_err(StoreError::corrupt)
}

fn not_found(id: &str) -> StoreError {
    StoreError::NotFound(format!("no commitment {id}"))
}

fn values_json(values: &RowValues) -> Result<String, StoreError> {
    serde_json::to_string(values).map_err(|error| StoreError::corrupt(error.to_string()))
}

fn values_of(text: &str) -> Result<RowValues, StoreError> {
    serde_json::from_str(text).map_err(|error| StoreError::corrupt(format!("row values: {error}")))
}

impl From<CommitmentRefusal> for StoreError {
    fn from(refusal: CommitmentRefusal) -> Self {
        StoreError::CommitmentRefused(refusal)
    }
}

fn stored(conn: &mut DbConnection, row: CommitmentRow) -> Result<StoredCommitment, StoreError> {
    let latest_version: Option<i32> = commitment_versions::table
        .filter(commitment_versions::commitment_id.eq(&row.id))
        .select(diesel::dsl::max(commitment_versions::version))
        .first(conn)?;
    Ok(StoredCommitment {
        organisation: edumis(row.organisation)?,
        template: row.template.parse().map_err(StoreError::corrupt)?,
        fund: row.fund,
        plan_year: row.plan_year,
        due_on: row.due_on,
        allocation_cents: row.allocation_cents,
        state: row.state.parse().map_err(StoreError::corrupt)?,
        provisioned_by: row.provisioned_by,
        provisioned_at: from_row(row.provisioned_at),
        updated_at: from_row(row.updated_at),
        latest_version: latest_version.unwrap_or(0),
        id: row.id,
    })
}

/// Records a provisioned commitment with its pre-populated rows and tells the organisation,
/// in one transaction. The organisation may have one commitment of a template a plan year.
pub fn provision(
    conn: &mut DbConnection,
    new: &NewCommitment,
    rows: &[(i64, RowValues)],
    at: DateTime<Utc>,
    notice: &Notice,
) -> Result<(), StoreError> {
    let already = |existing: &str| {
        StoreError::Invalid(format!(
            "organisation {} already has a {} for {}{existing}",
            new.organisation,
            new.template.title(),
            new.plan_year
        ))
    };
    crate::connection::write_transaction(conn, |conn| {
        let existing: Option<String> = commitments::table
            .filter(commitments::organisation.eq(new.organisation.value()))
            .filter(commitments::template.eq(new.template.as_str()))
            .filter(commitments::plan_year.eq(new.plan_year))
            .select(commitments::id)
            .first(conn)
            .optional()?;
        if let Some(existing) = existing {
            return Err(already(&format!(" (commitment {existing})")));
        }
        let next_row = rows.iter().map(|(number, _)| *number).max().unwrap_or(0) + 1;
        diesel::insert_into(commitments::table)
            .values((
                commitments::id.eq(&new.id),
                commitments::organisation.eq(new.organisation.value()),
                commitments::template.eq(new.template.as_str()),
                commitments::fund.eq(new.template.fund()),
                commitments::plan_year.eq(new.plan_year),
                commitments::due_on.eq(new.due_on),
                commitments::allocation_cents.eq(new.allocation_cents),
                commitments::state.eq(CommitmentState::Provisioned.as_str()),
                commitments::next_row.eq(next_row),
                commitments::provisioned_by.eq(&new.provisioned_by),
                commitments::provisioned_at.eq(to_row(at)),
                commitments::updated_at.eq(to_row(at)),
            ))
            .execute(conn)
            .map_err(|error| match StoreError::from(error) {
                // The same commitment provisioned at the same moment: the one the UNIQUE
                // index let in stands, and this one is refused as the check above would.
                StoreError::Conflict(_) => already(""),
                other => other,
            })?;
        for (number, values) in rows {
            diesel::insert_into(commitment_rows::table)
                .values((
                    commitment_rows::commitment_id.eq(&new.id),
                    commitment_rows::row_number.eq(number),
                    commitment_rows::row_values.eq(values_json(values)?),
                ))
                .execute(conn)?;
        }
        crate::notices::tell_organisation(conn, new.organisation, notice)?;
        Ok(())
    })
}

fn find_row(
    conn: &mut DbConnection,
    id: &str,
    organisation: Option<Edumis>,
) -> Result<CommitmentRow, StoreError> {
    let mut query = commitments::table
        .filter(commitments::id.eq(id))
        .into_boxed();
    if let Some(organisation) = organisation {
        query = query.filter(commitments::organisation.eq(organisation.value()));
    }
    query
        .first::<CommitmentRow>(conn)
        .optional()?
        .ok_or_else(|| not_found(id))
}

/// The organisation's commitment, locked for the rest of the transaction before anything of
/// it is read: on PostgreSQL a row edit that read first would race another (both see the same
/// state and row counter, so the guard in [`transition`] lets both through and one is lost).
/// SQLite's write transactions are already one at a time.
fn lock_row(
    conn: &mut DbConnection,
    id: &str,
    organisation: Edumis,
) -> Result<CommitmentRow, StoreError> {
    let locked = diesel::update(
        commitments::table
            .filter(commitments::id.eq(id))
            .filter(commitments::organisation.eq(organisation.value())),
    )
    .set(commitments::id.eq(id))
    .execute(conn)?;
    if locked == 0 {
        return Err(not_found(id));
    }
    find_row(conn, id, Some(organisation))
}

/// The commitment, if the asking organisation (`None`: the funder) sees it.
pub fn find(
    conn: &mut DbConnection,
    id: &str,
    organisation: Option<Edumis>,
) -> Result<StoredCommitment, StoreError> {
    let row = find_row(conn, id, organisation)?;
    stored(conn, row)
}

/// The commitments of an organisation (or every organisation's, for `None`), the earliest due
/// first.
pub fn list(
    conn: &mut DbConnection,
    organisation: Option<Edumis>,
) -> Result<Vec<StoredCommitment>, StoreError> {
    let mut query = commitments::table.into_boxed();
    if let Some(organisation) = organisation {
        query = query.filter(commitments::organisation.eq(organisation.value()));
    }
    let rows: Vec<CommitmentRow> = query
        .order((
            commitments::due_on.asc(),
            commitments::organisation.asc(),
            commitments::template.asc(),
        ))
        .load(conn)?;
    rows.into_iter().map(|row| stored(conn, row)).collect()
}

/// The commitment's rows being edited, in row order.
pub fn rows(conn: &mut DbConnection, id: &str) -> Result<Vec<(i64, RowValues)>, StoreError> {
    let stored: Vec<(i64, String)> = commitment_rows::table
        .filter(commitment_rows::commitment_id.eq(id))
        .order(commitment_rows::row_number.asc())
        .select((commitment_rows::row_number, commitment_rows::row_values))
        .load(conn)?;
    stored
        .into_iter()
        .map(|(number, text)| Ok((number, values_of(&text)?)))
        .collect()
}

/// Moves the commitment from `row.state` by `event`, guarded so that a concurrent change of
/// the same commitment that moved its state or row counter first makes this one a conflict.
/// The guard alone does not stop a lost row edit (an edit moves neither): row edits and
/// submissions take [`lock_row`] before they read. Returns the new state.
fn transition(
    conn: &mut DbConnection,
    row: &CommitmentRow,
    event: CommitmentEvent,
    next_row: i64,
    at: DateTime<Utc>,
) -> Result<CommitmentState, StoreError> {
    let from: CommitmentState = row.state.parse().map_err(StoreError::corrupt)?;
    let to = from.apply(event)?;
    let updated = diesel::update(
        commitments::table
            .filter(commitments::id.eq(&row.id))
            .filter(commitments::state.eq(&row.state))
            .filter(commitments::next_row.eq(row.next_row)),
    )
    .set((
        commitments::state.eq(to.as_str()),
        commitments::next_row.eq(next_row),
        commitments::updated_at.eq(to_row(at)),
    ))
    .execute(conn)?;
    if updated != 1 {
        return Err(StoreError::Conflict(format!(
            "commitment {} changed while this change was made",
            row.id
        )));
    }
    Ok(to)
}

/// Changes the organisation's commitment's rows (the state allowing), in one transaction;
/// returns the rows as they now are.
pub fn change_rows(
    conn: &mut DbConnection,
    id: &str,
    organisation: Edumis,
    change: RowChange,
    at: DateTime<Utc>,
) -> Result<Vec<(i64, RowValues)>, StoreError> {
    crate::connection::write_transaction(conn, |conn| {
        let row = lock_row(conn, id, organisation)?;
        let mut next_row = row.next_row;
        let existing = |conn: &mut DbConnection, number: i64| {
            commitment_rows::table
                .filter(commitment_rows::commitment_id.eq(id))
                .filter(commitment_rows::row_number.eq(number))
                .select(commitment_rows::row_values)
                .first::<String>(conn)
                .optional()?
                .ok_or_else(|| StoreError::NotFound(format!("commitment {id} has no row {number}")))
        };
        let mut writes: Vec<(i64, Option<RowValues>)> = Vec::new();
        match change {
            RowChange::Add(values) => {
                writes.push((next_row, Some(values)));
                next_row += 1;
            }
            RowChange::Replace(number, values) => {
                existing(conn, number)?;
                writes.push((number, Some(values)));
            }
            RowChange::Merge(number, values) => {
                let mut merged = values_of(&existing(conn, number)?)?;
                for (name, value) in values {
                    if value.is_empty() {
                        merged.remove(&name);
                    } else {
                        merged.insert(name, value);
                    }
                }
                writes.push((number, Some(merged)));
            }
            RowChange::Remove(number) => {
                existing(conn, number)?;
                writes.push((number, None));
            }
            RowChange::ReplaceAll(all) => {
                diesel::delete(
                    commitment_rows::table.filter(commitment_rows::commitment_id.eq(id)),
                )
                .execute(conn)?;
                next_row = 1;
                for values in all {
                    writes.push((next_row, Some(values)));
                    next_row += 1;
                }
            }
        }
        transition(conn, &row, CommitmentEvent::RowsChanged, next_row, at)?;
        for (number, values) in writes {
            diesel::delete(
                commitment_rows::table
                    .filter(commitment_rows::commitment_id.eq(id))
                    .filter(commitment_rows::row_number.eq(number)),
            )
            .execute(conn)?;
            if let Some(values) = values {
                diesel::insert_into(commitment_rows::table)
                    .values((
                        commitment_rows::commitment_id.eq(id),
                        commitment_rows::row_number.eq(number),
                        commitment_rows::row_values.eq(values_json(&values)?),
                    ))
                    .execute(conn)?;
            }
        }
        rows(conn, id)
    })
}

/// Records a submission of the organisation's commitment as its next version, with the rows
/// as checked, in one transaction; `check` checks the rows read in that transaction and
/// refuses (with the error to return) when they have errors. Returns the version's number.
pub fn submit(
    conn: &mut DbConnection,
    id: &str,
    organisation: Edumis,
    submitted_by: &str,
    at: DateTime<Utc>,
    check: impl FnOnce(
        &StoredCommitment,
        &[(i64, RowValues)],
    ) -> Result<(Vec<CheckedRow>, Totals, usize), StoreError>,
) -> Result<i32, StoreError> {
    crate::connection::write_transaction(conn, |conn| {
        let row = lock_row(conn, id, organisation)?;
        let next_row = row.next_row;
        let commitment = stored(conn, row.clone())?;
        // A commitment that cannot be submitted now says so before its rows are checked.
        commitment.state.apply(CommitmentEvent::Submit)?;
        let entered = rows(conn, id)?;
        let (checked, totals, warnings) = check(&commitment, &entered)?;
        transition(conn, &row, CommitmentEvent::Submit, next_row, at)?;
        let version = commitment.latest_version + 1;
        let snapshot: Vec<(i64, RowValues)> = checked
            .into_iter()
            .map(|row| (row.number, row.values))
            .collect();
        let rows_json = serde_json::to_string(&snapshot)
            .map_err(|error| StoreError::corrupt(error.to_string()))?;
        diesel::insert_into(commitment_versions::table)
            .values((
                commitment_versions::commitment_id.eq(id),
                commitment_versions::version.eq(version),
                commitment_versions::rows_json.eq(rows_json),
                commitment_versions::funded_value_cents.eq(totals.funded_value_cents),
                commitment_versions::unfunded_value_cents.eq(totals.unfunded_value_cents),
                commitment_versions::allocation_cents.eq(totals.allocation_cents),
                commitment_versions::warning_count.eq(i32::try_from(warnings).unwrap_or(i32::MAX)),
                commitment_versions::submitted_by.eq(submitted_by),
                commitment_versions::submitted_at.eq(to_row(at)),
            ))
            .execute(conn)?;
        Ok(version)
    })
}

/// Records the funder's decision on the commitment's latest version and tells the
/// organisation, in one transaction. Only the version under review can be decided.
#[expect(
    clippy::too_many_arguments,
    reason = "a decision is these facts; a struct for one call adds nothing"
)]
pub fn decide(
    conn: &mut DbConnection,
    id: &str,
    version: i32,
    decision: Decision,
    comment: Option<&str>,
    decided_by: &str,
    at: DateTime<Utc>,
    notice: impl FnOnce(&StoredCommitment) -> Notice,
) -> Result<(), StoreError> {
    crate::connection::write_transaction(conn, |conn| {
        let row = find_row(conn, id, None)?;
        let next_row = row.next_row;
        let commitment = stored(conn, row.clone())?;
        if version < 1 || version > commitment.latest_version {
            return Err(StoreError::NotFound(format!(
                "commitment {id} has no version {version}"
            )));
        }
        if version != commitment.latest_version {
            return Err(StoreError::CommitmentRefused(CommitmentRefusal {
                from: commitment.state,
                event: decision.event(),
                reason: format!(
                    "version {version} is not the latest: version {} is the one to review",
                    commitment.latest_version
                ),
            }));
        }
        transition(conn, &row, decision.event(), next_row, at)?;
        diesel::update(
            commitment_versions::table
                .filter(commitment_versions::commitment_id.eq(id))
                .filter(commitment_versions::version.eq(version)),
        )
        .set((
            commitment_versions::decision.eq(decision.as_str()),
            commitment_versions::decision_comment.eq(comment),
            commitment_versions::decided_by.eq(decided_by),
            commitment_versions::decided_at.eq(to_row(at)),
        ))
        .execute(conn)?;
        crate::notices::tell_organisation(conn, commitment.organisation, &notice(&commitment))?;
        Ok(())
    })
}

type VersionRow = (
    String,
    i32,
    String,
    i64,
    i64,
    Option<i64>,
    i32,
    String,
    chrono::NaiveDateTime,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<chrono::NaiveDateTime>,
);

fn version_of(row: VersionRow) -> Result<StoredVersion, StoreError> {
    let (
        commitment_id,
        version,
        rows_json,
        funded_value_cents,
        unfunded_value_cents,
        allocation_cents,
        warning_count,
        submitted_by,
        submitted_at,
        decision,
        comment,
        decided_by,
        decided_at,
    ) = row;
    let decision = match (decision, decided_by, decided_at) {
        (Some(decision), Some(decided_by), Some(decided_at)) => Some(StoredDecision {
            decision: decision.parse().map_err(StoreError::corrupt)?,
            comment,
            decided_by,
            decided_at: from_row(decided_at),
        }),
        _ => None,
    };
    Ok(StoredVersion {
        rows: serde_json::from_str(&rows_json)
            .map_err(|error| StoreError::corrupt(format!("version rows: {error}")))?,
        commitment_id,
        version,
        funded_value_cents,
        unfunded_value_cents,
        allocation_cents,
        warning_count,
        submitted_by,
        submitted_at: from_row(submitted_at),
        decision,
    })
}

/// The commitment's versions, the first first.
pub fn versions(conn: &mut DbConnection, id: &str) -> Result<Vec<StoredVersion>, StoreError> {
    let rows: Vec<VersionRow> = commitment_versions::table
        .filter(commitment_versions::commitment_id.eq(id))
        .order(commitment_versions::version.asc())
        .load(conn)?;
    rows.into_iter().map(version_of).collect()
}

/// One funding rate: (fund, plan year, funding category, mode, cents per unit of volume).
pub type FundingRate = (String, i32, String, String, i64);

/// Replaces the funding rates of each fund and plan year the lines name, in one transaction.
pub fn load_rates(
    conn: &mut DbConnection,
    lines: &[FundingRate],
    loaded_by: &str,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    crate::connection::write_transaction(conn, |conn| {
        let mut funds: Vec<(&String, i32)> = lines.iter().map(|l| (&l.0, l.1)).collect();
        funds.sort_unstable();
        funds.dedup();
        for (fund, year) in funds {
            diesel::delete(
                funding_rates::table
                    .filter(funding_rates::fund.eq(fund))
                    .filter(funding_rates::plan_year.eq(year)),
            )
            .execute(conn)?;
        }
        for (fund, year, category, mode, cents) in lines {
            diesel::insert_into(funding_rates::table)
                .values((
                    funding_rates::fund.eq(fund),
                    funding_rates::plan_year.eq(year),
                    funding_rates::category.eq(category),
                    funding_rates::mode.eq(mode),
                    funding_rates::rate_cents.eq(cents),
                    funding_rates::loaded_by.eq(loaded_by),
                    funding_rates::loaded_at.eq(to_row(at)),
                ))
                .execute(conn)?;
        }
        Ok(())
    })
}

/// Every funding rate loaded: (fund, plan year, category, mode, cents), in that order.
pub fn all_rates(conn: &mut DbConnection) -> Result<Vec<FundingRate>, StoreError> {
    Ok(funding_rates::table
        .order((
            funding_rates::fund.asc(),
            funding_rates::plan_year.asc(),
            funding_rates::category.asc(),
            funding_rates::mode.asc(),
        ))
        .select((
            funding_rates::fund,
            funding_rates::plan_year,
            funding_rates::category,
            funding_rates::mode,
            funding_rates::rate_cents,
        ))
        .load(conn)?)
}

/// The funding rates of a fund and plan year.
pub fn rates(conn: &mut DbConnection, fund: &str, plan_year: i32) -> Result<Rates, StoreError> {
    let lines: Vec<(String, String, i64)> = funding_rates::table
        .filter(funding_rates::fund.eq(fund))
        .filter(funding_rates::plan_year.eq(plan_year))
        .select((
            funding_rates::category,
            funding_rates::mode,
            funding_rates::rate_cents,
        ))
        .load(conn)?;
    Ok(Rates::new(lines))
}

/// Replaces every subject grouping with `groupings` ((SDR funding category, SG code)), in one
/// transaction.
pub fn load_subject_groupings(
    conn: &mut DbConnection,
    groupings: &[(String, String)],
    loaded_by: &str,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    crate::connection::write_transaction(conn, |conn| {
        diesel::delete(subject_groupings::table).execute(conn)?;
        for (category, grouping) in groupings {
            diesel::insert_into(subject_groupings::table)
                .values((
                    subject_groupings::funding_category.eq(category),
                    subject_groupings::subject_grouping.eq(grouping),
                    subject_groupings::loaded_by.eq(loaded_by),
                    subject_groupings::loaded_at.eq(to_row(at)),
                ))
                .execute(conn)?;
        }
        Ok(())
    })
}

/// Every subject grouping loaded: (SDR funding category, SG code), by category.
pub fn subject_groupings(conn: &mut DbConnection) -> Result<Vec<(String, String)>, StoreError> {
    Ok(subject_groupings::table
        .order(subject_groupings::funding_category.asc())
        .select((
            subject_groupings::funding_category,
            subject_groupings::subject_grouping,
        ))
        .load(conn)?)
}

/// The organisation's commitment of `template` for `plan_year`, if provisioned.
pub fn of_organisation(
    conn: &mut DbConnection,
    organisation: Edumis,
    template: Template,
    plan_year: i32,
) -> Result<Option<StoredCommitment>, StoreError> {
    let id: Option<String> = commitments::table
        .filter(commitments::organisation.eq(organisation.value()))
        .filter(commitments::template.eq(template.as_str()))
        .filter(commitments::plan_year.eq(plan_year))
        .select(commitments::id)
        .first(conn)
        .optional()?;
    id.map(|id| find(conn, &id, None)).transpose()
}
