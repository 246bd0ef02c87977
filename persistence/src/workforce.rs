//! Workforce questionnaires: each upload kept whole with its verdict, newest first.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use dxp_domain::workforce::QuestionnaireStatus;
use dxp_domain::{Edumis, Problem};

use crate::audit::{self, NewAuditEvent};
use crate::schema::workforce_questionnaires as wfq;
use crate::time::{from_row, to_row};
use crate::{DbConnection, StoreError};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = wfq)]
struct QuestionnaireRow {
    id: String,
    organisation: i32,
    year: i32,
    status: String,
    record_count: i32,
    error_count: i32,
    warning_count: i32,
    records: String,
    problems: String,
    created_by: String,
    created_at: NaiveDateTime,
}

/// A questionnaire as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Questionnaire {
    pub id: String,
    pub organisation: Edumis,
    pub year: i32,
    pub status: QuestionnaireStatus,
    pub record_count: i64,
    pub error_count: i64,
    pub warning_count: i64,
    pub problems: Vec<Problem>,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<QuestionnaireRow> for Questionnaire {
    type Error = StoreError;
    fn try_from(row: QuestionnaireRow) -> Result<Self, StoreError> {
        Ok(Questionnaire {
            organisation: Edumis::new(i64::from(row.organisation)).map_err(StoreError::corrupt)?,
            year: row.year,
            status: row.status.parse().map_err(StoreError::corrupt)?,
            record_count: i64::from(row.record_count),
            error_count: i64::from(row.error_count),
            warning_count: i64::from(row.warning_count),
            problems: serde_json::from_str(&row.problems).map_err(StoreError::corrupt)?,
            created_by: row.created_by,
            created_at: from_row(row.created_at),
            id: row.id,
        })
    }
}

/// A checked questionnaire to keep.
#[derive(Debug, Clone)]
pub struct NewQuestionnaire<'a> {
    pub organisation: Edumis,
    pub year: i32,
    pub records: &'a [serde_json::Value],
    pub problems: &'a [Problem],
}

/// Keeps a checked questionnaire: Processed when it has no error, Rejected otherwise.
pub fn store(
    conn: &mut DbConnection,
    new: &NewQuestionnaire<'_>,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Questionnaire, StoreError> {
    let errors = new
        .problems
        .iter()
        .filter(|p| p.severity == dxp_domain::Severity::Error)
        .count();
    let warnings = new.problems.len() - errors;
    let count = |n: usize| i32::try_from(n).unwrap_or(i32::MAX);
    let row = QuestionnaireRow {
        id: uuid::Uuid::new_v4().to_string(),
        organisation: new.organisation.value(),
        year: new.year,
        status: QuestionnaireStatus::of(new.problems).as_str().to_owned(),
        record_count: count(new.records.len()),
        error_count: count(errors),
        warning_count: count(warnings),
        records: serde_json::to_string(new.records).map_err(StoreError::corrupt)?,
        problems: serde_json::to_string(new.problems).map_err(StoreError::corrupt)?,
        created_by: actor.to_owned(),
        created_at: to_row(now),
    };
    crate::connection::write_transaction(conn, |conn| {
        crate::organisations::ensure(
            conn,
            new.organisation,
            &format!("EDUMIS {}", new.organisation),
        )?;
        diesel::insert_into(wfq::table).values(&row).execute(conn)?;
        audit::record(
            conn,
            &NewAuditEvent::new(actor, "workforce-questionnaire.checked", &row.id)
                .organisation(row.organisation)
                .transition("", row.status.as_str())
                .reason(format!(
                    "{} record(s), {} error(s) for {}",
                    row.record_count, row.error_count, row.year
                )),
        )?;
        Questionnaire::try_from(row.clone())
    })
}

/// The organisation's questionnaires (of one year, if given), newest first.
pub fn list(
    conn: &mut DbConnection,
    organisation: Option<Edumis>,
    year: Option<i32>,
) -> Result<Vec<Questionnaire>, StoreError> {
    let mut query = wfq::table
        .select(QuestionnaireRow::as_select())
        .into_boxed();
    if let Some(organisation) = organisation {
        query = query.filter(wfq::organisation.eq(organisation.value()));
    }
    if let Some(year) = year {
        query = query.filter(wfq::year.eq(year));
    }
    query
        .order((wfq::created_at.desc(), wfq::id.desc()))
        .load(conn)?
        .into_iter()
        .map(Questionnaire::try_from)
        .collect()
}

/// Whether the organisation has a processed questionnaire for the year.
pub fn has_processed(
    conn: &mut DbConnection,
    organisation: Edumis,
    year: i32,
) -> Result<bool, StoreError> {
    Ok(processed_years(conn, organisation, &[year])?.contains(&year))
}

/// Those of `years` for which the organisation has a processed questionnaire, in one query.
pub fn processed_years(
    conn: &mut DbConnection,
    organisation: Edumis,
    years: &[i32],
) -> Result<std::collections::HashSet<i32>, StoreError> {
    let processed: Vec<i32> = wfq::table
        .filter(wfq::organisation.eq(organisation.value()))
        .filter(wfq::year.eq_any(years))
        .filter(wfq::status.eq(QuestionnaireStatus::Processed.as_str()))
        .select(wfq::year)
        .distinct()
        .load(conn)?;
    Ok(processed.into_iter().collect())
}
