//! The facts of lodged returns kept for the information products (see
//! `dxp_domain::insights::facts`): one row per organisation and round, from the round's latest
//! lodged return, replaced whole when a resubmission is lodged.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use dxp_domain::insights::{EpicFigure, Figure, LearnerYear, ReturnFacts, Summary, TrainingVolume};
use dxp_domain::lodging::SubmissionType;
use dxp_domain::submission::SubmissionStatus;
use dxp_domain::{Edumis, RoundId};

use crate::schema::{insight_facts, insight_figures, submissions};
use crate::time::{from_row, to_row};
use crate::{DbConnection, StoreError};

/// The facts of one organisation's round, without the learners.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredFacts {
    pub organisation: Edumis,
    pub round: RoundId,
    pub submission_id: String,
    pub computed_at: DateTime<Utc>,
    pub facts: ReturnFacts,
}

/// A lodged return: the one whose facts a round should have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LodgedReturn {
    pub organisation: Edumis,
    pub round: RoundId,
    pub submission_id: String,
}

fn edumis(value: i32) -> Result<Edumis, StoreError> {
    Edumis::new(i64::from(value)).map_err(StoreError::corrupt)
}

/// Keeps the facts of `lodged` in place of any the round had, in one transaction.
pub fn replace(
    conn: &mut DbConnection,
    lodged: &LodgedReturn,
    summary: &Summary,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let facts = serde_json::to_string(&summary.facts).map_err(StoreError::corrupt)?;
    let learners = serde_json::to_string(&summary.learners).map_err(StoreError::corrupt)?;
    crate::connection::write_transaction(conn, |conn| {
        let round = lodged.round.to_string();
        diesel::delete(
            insight_facts::table
                .filter(insight_facts::organisation.eq(lodged.organisation.value()))
                .filter(insight_facts::round_id.eq(&round)),
        )
        .execute(conn)?;
        diesel::insert_into(insight_facts::table)
            .values((
                insight_facts::organisation.eq(lodged.organisation.value()),
                insight_facts::round_id.eq(&round),
                insight_facts::year.eq(summary.facts.year),
                insight_facts::submission_id.eq(&lodged.submission_id),
                insight_facts::computed_at.eq(to_row(now)),
                insight_facts::facts.eq(&facts),
                insight_facts::learners.eq(&learners),
            ))
            .execute(conn)?;
        Ok(())
    })
}

/// The lodged returns (status Submitted: a resubmission supersedes the one before) of one
/// organisation, or of every organisation.
pub fn lodged_returns(
    conn: &mut DbConnection,
    organisation: Option<Edumis>,
) -> Result<Vec<LodgedReturn>, StoreError> {
    let mut query = submissions::table
        .filter(submissions::submission_type.eq(SubmissionType::Return.as_str()))
        .filter(submissions::status.eq(SubmissionStatus::Submitted.as_str()))
        .select((
            submissions::organisation,
            submissions::round_id,
            submissions::id,
        ))
        .order((submissions::organisation, submissions::round_id))
        .into_boxed();
    if let Some(organisation) = organisation {
        query = query.filter(submissions::organisation.eq(organisation.value()));
    }
    query
        .load::<(i32, String, String)>(conn)?
        .into_iter()
        .map(|(organisation, round, submission_id)| {
            Ok(LodgedReturn {
                organisation: edumis(organisation)?,
                round: round.parse().map_err(StoreError::corrupt)?,
                submission_id,
            })
        })
        .collect()
}

/// Which submission each kept round's facts came from, by organisation and round.
pub fn sources(
    conn: &mut DbConnection,
    organisation: Option<Edumis>,
) -> Result<Vec<LodgedReturn>, StoreError> {
    let mut query = insight_facts::table
        .select((
            insight_facts::organisation,
            insight_facts::round_id,
            insight_facts::submission_id,
        ))
        .order((insight_facts::organisation, insight_facts::round_id))
        .into_boxed();
    if let Some(organisation) = organisation {
        query = query.filter(insight_facts::organisation.eq(organisation.value()));
    }
    query
        .load::<(i32, String, String)>(conn)?
        .into_iter()
        .map(|(organisation, round, submission_id)| {
            Ok(LodgedReturn {
                organisation: edumis(organisation)?,
                round: round.parse().map_err(StoreError::corrupt)?,
                submission_id,
            })
        })
        .collect()
}

/// Forgets the facts of a round with no lodged return any more.
pub fn forget(
    conn: &mut DbConnection,
    organisation: Edumis,
    round: RoundId,
) -> Result<(), StoreError> {
    diesel::delete(
        insight_facts::table
            .filter(insight_facts::organisation.eq(organisation.value()))
            .filter(insight_facts::round_id.eq(round.to_string())),
    )
    .execute(conn)?;
    Ok(())
}

/// The kept facts of one organisation, or every organisation, by organisation and round.
pub fn facts(
    conn: &mut DbConnection,
    organisation: Option<Edumis>,
) -> Result<Vec<StoredFacts>, StoreError> {
    let mut query = insight_facts::table
        .select((
            insight_facts::organisation,
            insight_facts::round_id,
            insight_facts::submission_id,
            insight_facts::computed_at,
            insight_facts::facts,
        ))
        .order((insight_facts::organisation, insight_facts::round_id))
        .into_boxed();
    if let Some(organisation) = organisation {
        query = query.filter(insight_facts::organisation.eq(organisation.value()));
    }
    query
        .load::<(i32, String, String, chrono::NaiveDateTime, String)>(conn)?
        .into_iter()
        .map(|(organisation, round, submission_id, computed_at, facts)| {
            Ok(StoredFacts {
                organisation: edumis(organisation)?,
                round: round.parse().map_err(StoreError::corrupt)?,
                submission_id,
                computed_at: from_row(computed_at),
                facts: serde_json::from_str(&facts).map_err(StoreError::corrupt)?,
            })
        })
        .collect()
}

/// The learners of the given rounds' facts, by organisation.
pub fn learners(
    conn: &mut DbConnection,
    rounds: &[(Edumis, RoundId)],
) -> Result<Vec<(Edumis, RoundId, Vec<LearnerYear>)>, StoreError> {
    let mut found = Vec::with_capacity(rounds.len());
    for (organisation, round) in rounds {
        let text: Option<String> = insight_facts::table
            .filter(insight_facts::organisation.eq(organisation.value()))
            .filter(insight_facts::round_id.eq(round.to_string()))
            .select(insight_facts::learners)
            .first(conn)
            .optional()?;
        if let Some(text) = text {
            let learners = serde_json::from_str(&text).map_err(StoreError::corrupt)?;
            found.push((*organisation, *round, learners));
        }
    }
    Ok(found)
}

/// The indicators kept for one organisation, and the facts they were computed from.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredFigures {
    pub organisation: Edumis,
    /// The facts they came from, as the service names them (its staleness key).
    pub sources: String,
    pub computed_at: DateTime<Utc>,
    pub figures: Vec<Figure>,
    /// The EPIC's measures, every year, group and band.
    pub epic: Vec<EpicFigure>,
    /// The work-based volumes, by year, mode of delivery and field of study.
    pub volumes: Vec<TrainingVolume>,
}

/// The sources of every organisation's kept indicators.
pub fn figure_sources(conn: &mut DbConnection) -> Result<Vec<(Edumis, String)>, StoreError> {
    insight_figures::table
        .select((insight_figures::organisation, insight_figures::sources))
        .order(insight_figures::organisation)
        .load::<(i32, String)>(conn)?
        .into_iter()
        .map(|(organisation, sources)| Ok((edumis(organisation)?, sources)))
        .collect()
}

/// The indicators kept for `organisation`, if any have been computed.
pub fn figures(
    conn: &mut DbConnection,
    organisation: Edumis,
) -> Result<Option<StoredFigures>, StoreError> {
    let row: Option<(String, chrono::NaiveDateTime, String, String, String)> =
        insight_figures::table
            .filter(insight_figures::organisation.eq(organisation.value()))
            .select((
                insight_figures::sources,
                insight_figures::computed_at,
                insight_figures::figures,
                insight_figures::epic,
                insight_figures::training_volumes,
            ))
            .first(conn)
            .optional()?;
    row.map(|(sources, computed_at, figures, epic, volumes)| {
        Ok(StoredFigures {
            organisation,
            sources,
            computed_at: from_row(computed_at),
            figures: serde_json::from_str(&figures).map_err(StoreError::corrupt)?,
            epic: serde_json::from_str(&epic).map_err(StoreError::corrupt)?,
            volumes: serde_json::from_str(&volumes).map_err(StoreError::corrupt)?,
        })
    })
    .transpose()
}

/// What is kept of one organisation's indicators.
#[derive(Debug, Clone, Copy)]
pub struct FiguresToKeep<'a> {
    pub figures: &'a [Figure],
    pub epic: &'a [EpicFigure],
    pub volumes: &'a [TrainingVolume],
}

/// Keeps `kept` as `organisation`'s indicators in place of any it had, in one transaction.
pub fn keep_figures(
    conn: &mut DbConnection,
    organisation: Edumis,
    sources: &str,
    kept: FiguresToKeep<'_>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let text = serde_json::to_string(kept.figures).map_err(StoreError::corrupt)?;
    let epic = serde_json::to_string(kept.epic).map_err(StoreError::corrupt)?;
    let volumes = serde_json::to_string(kept.volumes).map_err(StoreError::corrupt)?;
    crate::connection::write_transaction(conn, |conn| {
        forget_figures(conn, organisation)?;
        diesel::insert_into(insight_figures::table)
            .values((
                insight_figures::organisation.eq(organisation.value()),
                insight_figures::sources.eq(sources),
                insight_figures::computed_at.eq(to_row(now)),
                insight_figures::figures.eq(&text),
                insight_figures::epic.eq(&epic),
                insight_figures::training_volumes.eq(&volumes),
            ))
            .execute(conn)?;
        Ok(())
    })
}

/// Forgets `organisation`'s indicators (it has no kept facts any more).
pub fn forget_figures(conn: &mut DbConnection, organisation: Edumis) -> Result<(), StoreError> {
    diesel::delete(
        insight_figures::table.filter(insight_figures::organisation.eq(organisation.value())),
    )
    .execute(conn)?;
    Ok(())
}
