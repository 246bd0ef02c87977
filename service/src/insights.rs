//! The use cases of the information products: the facts of each lodged return are summarised
//! when it is lodged (and again whenever a round's facts turn out missing or from a return
//! since superseded), and the indicators, extracts and delivery are read from those facts.
//!
//! Who sees them: the funder's staff, every organisation; a person of an organisation, their
//! own organisation's, with the information products (or full read-only) portal role. Another
//! organisation's products are absent to them, as if it had none.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use dxp_domain::calendar::current_year;
use dxp_domain::insights::facts::{DQ37_FUND, MonthEfts, QualificationLookup};
use dxp_domain::insights::{
    Cents, DeliveredValue, DeliveryCheck, Efts, Figure, FundingRates, LearnerYear, PROVIDER_BASED,
    ReturnSummary, Summary, YearOfFacts, delivered_value, indicators,
};
use dxp_domain::{Edumis, PortalRole, RoundId};
use dxp_persistence::insights::{self, LodgedReturn, StoredFacts};
use dxp_persistence::paging::{self, PageRequest};
use dxp_persistence::{DbConnection, StoreError, people, record_store};

use crate::people::Asker;
use crate::{Service, ServiceError};

/// Records read per round trip while summarising, as the validators read them.
const PAGE_RECORDS: i64 = 5_000;

/// The qualification register as the information products read it, shared by every clone of
/// the service.
pub type SharedLookup = Arc<dyn QualificationLookup + Send + Sync>;

/// Whether portal roles let a person see information products.
pub fn sees_information_products(roles: &[PortalRole]) -> bool {
    roles.iter().any(|role| {
        matches!(
            role,
            PortalRole::InformationProducts | PortalRole::FullAccessReadOnly
        )
    })
}

/// Summarises the stored records of a lodged return, file by file, page by page.
pub fn summarise(
    conn: &mut DbConnection,
    lodged: &LodgedReturn,
    lookup: &dyn QualificationLookup,
) -> Result<Summary, StoreError> {
    let mut summary = ReturnSummary::new(lodged.round.year, lookup);
    for file in ReturnSummary::READING_ORDER {
        paging::walk(
            PAGE_RECORDS,
            |request: &PageRequest<String>| {
                record_store::file_page(conn, &lodged.submission_id, file, request)
            },
            |rows| {
                for (_, json) in &rows {
                    summary.add(file, json);
                }
                Ok(true)
            },
        )?;
    }
    Ok(summary.finish())
}

/// Brings the kept facts in line with the lodged returns of `organisation` (or everyone):
/// computes those missing or from a superseded return, and forgets rounds with no lodged
/// return. Returns how many rounds were computed.
pub fn refresh(
    conn: &mut DbConnection,
    organisation: Option<Edumis>,
    lookup: &dyn QualificationLookup,
    now: DateTime<Utc>,
) -> Result<usize, StoreError> {
    let lodged = insights::lodged_returns(conn, organisation)?;
    let kept = insights::sources(conn, organisation)?;
    let mut computed = 0;
    for lodged in &lodged {
        let current = kept.iter().any(|(edumis, round, id)| {
            *edumis == lodged.organisation
                && *round == lodged.round.to_string()
                && *id == lodged.submission_id
        });
        if !current {
            let summary = summarise(conn, lodged, lookup)?;
            match insights::replace(conn, lodged, &summary, now) {
                Ok(()) => computed += 1,
                // A concurrent refresh (another read, or the lodging's own) kept the round's
                // facts first, from the same lodged return: nothing is left to do, and a
                // read must not answer 409 for it.
                Err(StoreError::Conflict(_)) => {}
                Err(error) => return Err(error),
            }
        }
    }
    for (edumis, round, _) in &kept {
        let still_lodged = lodged
            .iter()
            .any(|lodged| lodged.organisation == *edumis && lodged.round.to_string() == *round);
        if !still_lodged {
            insights::forget(conn, *edumis, round)?;
        }
    }
    Ok(computed)
}

/// The indicators of one organisation, with the facts they came from.
#[derive(Debug, Clone)]
pub struct Insights {
    pub organisation: Edumis,
    /// The facts of every lodged round, by round.
    pub rounds: Vec<StoredFacts>,
    /// Every indicator, group and year.
    pub figures: Vec<Figure>,
    /// The year by the service's clock when these were read, New Zealand time.
    pub this_year: i32,
}

impl Insights {
    /// The years with facts, ascending.
    pub fn years(&self) -> Vec<i32> {
        let mut years: Vec<i32> = self.rounds.iter().map(|kept| kept.round.year).collect();
        years.dedup();
        years
    }

    /// The year asked for, or else the latest with facts, or else this year.
    pub fn year_or_latest(&self, asked: Option<i32>) -> i32 {
        year_or_latest(&self.rounds, asked, self.this_year)
    }

    /// The facts standing for `year`: its latest round's.
    pub fn year(&self, year: i32) -> Option<&StoredFacts> {
        latest_of_year(&self.rounds, year)
    }
}

/// The year asked for, or else the latest of `rounds` (kept in round order), or else
/// `this_year`.
fn year_or_latest(rounds: &[StoredFacts], asked: Option<i32>, this_year: i32) -> i32 {
    asked
        .or_else(|| rounds.iter().map(|kept| kept.round.year).max())
        .unwrap_or(this_year)
}

/// The latest round's facts of `year` among `rounds`.
pub fn latest_of_year(rounds: &[StoredFacts], year: i32) -> Option<&StoredFacts> {
    rounds
        .iter()
        .filter(|kept| kept.round.year == year)
        .max_by_key(|kept| kept.round.kind)
}

/// The allocation delivery is measured against: loaded by the funder with the commitments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allocation {
    pub allocation: Cents,
    /// The dollar value of the plan-agreed unfunded provision.
    pub unfunded_provision: Cents,
}

/// DQ3-7 delivery of one organisation and year: the fund 37 EFTS month by month from the
/// latest return of the year, and, given rates and an allocation, their value in the band.
#[derive(Debug, Clone, PartialEq)]
pub struct Delivery {
    pub organisation: Edumis,
    pub year: i32,
    /// The round whose return it comes from; `None`: nothing lodged for the year.
    pub round: Option<RoundId>,
    /// Fund 37 EFTS of each month, January first.
    pub monthly_efts: [Efts; 12],
    /// The same by funding category, for valuing month by month.
    pub monthly: Vec<MonthEfts>,
    /// Fund 37 EFTS delivered in the year, by funding category.
    pub by_category: Vec<(String, Efts)>,
    /// The value at the rates given; `None` without rates.
    pub value: Option<DeliveredValue>,
    /// The band check; `None` without rates and an allocation.
    pub check: Option<DeliveryCheck>,
    pub allocation: Option<Allocation>,
}

impl Delivery {
    pub fn delivered_efts(&self) -> Efts {
        self.monthly_efts.iter().copied().sum()
    }
}

impl Service {
    /// Whether `asker` may see `organisation`'s information products: the funder always; a
    /// person of another organisation never (as absent); a person of the organisation with the
    /// portal role for them.
    async fn insight_access(
        &self,
        asker: &Asker,
        organisation: Edumis,
    ) -> Result<(), ServiceError> {
        if asker.is_funder {
            return Ok(());
        }
        if asker.organisation != Some(organisation) {
            return Err(ServiceError::NotFound(format!(
                "no information products for organisation {organisation}"
            )));
        }
        let subject = asker.subject.clone();
        let roles = self
            .blocking(move |conn| people::find(conn, &subject))
            .await?
            .map(|person| person.portal_roles)
            .unwrap_or_default();
        if sees_information_products(&roles) {
            Ok(())
        } else {
            Err(ServiceError::Forbidden(
                "information products need the information products portal role; ask your \
                 organisation's user settings admin"
                    .to_owned(),
            ))
        }
    }

    /// Summarises the lodged returns whose facts are missing or out of date, for one
    /// organisation or every one. Lodging calls it; every read calls it too, so that facts
    /// lost to a failure between the lodging and its summary are made again.
    pub async fn refresh_insights(
        &self,
        organisation: Option<Edumis>,
    ) -> Result<usize, ServiceError> {
        let now = self.clock().now()?;
        let lookup = self.qualification_lookup();
        self.blocking(move |conn| refresh(conn, organisation, lookup.as_ref(), now))
            .await
    }

    /// The kept facts of `organisation`, brought up to date first.
    pub async fn insight_facts(
        &self,
        asker: &Asker,
        organisation: Edumis,
    ) -> Result<Vec<StoredFacts>, ServiceError> {
        self.insight_access(asker, organisation).await?;
        self.refresh_insights(Some(organisation)).await?;
        self.blocking(move |conn| insights::facts(conn, Some(organisation)))
            .await
    }

    /// Every organisation's kept facts, for the funder's side-by-side extracts.
    pub async fn every_organisation_insight_facts(
        &self,
        asker: &Asker,
    ) -> Result<Vec<StoredFacts>, ServiceError> {
        if !asker.is_funder {
            return Err(ServiceError::Forbidden(
                "every organisation side by side is for the funder's staff".to_owned(),
            ));
        }
        self.refresh_insights(None).await?;
        self.blocking(move |conn| insights::facts(conn, None)).await
    }

    /// The indicators of `organisation` over every year it has lodged returns for.
    pub async fn insights(
        &self,
        asker: &Asker,
        organisation: Edumis,
    ) -> Result<Insights, ServiceError> {
        let rounds = self.insight_facts(asker, organisation).await?;
        let mut years: Vec<i32> = rounds.iter().map(|kept| kept.round.year).collect();
        years.dedup();
        let chosen: Vec<(Edumis, RoundId)> = years
            .iter()
            .filter_map(|&year| latest_of_year(&rounds, year))
            .map(|kept| (organisation, kept.round))
            .collect();
        let later_years: Vec<i32> = years.iter().map(|year| year + 1).collect();
        let (own, others) = self
            .blocking(move |conn| {
                let own = insights::learners(conn, &chosen)?;
                // Progression looks for study at any organisation: the latest round of each
                // later year of every other organisation with facts.
                let everyone = insights::facts(conn, None)?;
                let mut wanted = Vec::new();
                for year in later_years {
                    let mut organisations: Vec<Edumis> = everyone
                        .iter()
                        .filter(|kept| kept.organisation != organisation)
                        .map(|kept| kept.organisation)
                        .collect();
                    organisations.dedup();
                    for edumis in organisations {
                        let theirs: Vec<StoredFacts> = everyone
                            .iter()
                            .filter(|kept| kept.organisation == edumis)
                            .cloned()
                            .collect();
                        if let Some(kept) = latest_of_year(&theirs, year) {
                            wanted.push((edumis, kept.round));
                        }
                    }
                }
                let others = insights::learners(conn, &wanted)?;
                Ok::<_, StoreError>((own, others))
            })
            .await?;
        let mut later_study: HashMap<i32, Vec<(NaiveDate, u8)>> = HashMap::new();
        for (_, _, learners) in own.iter().chain(others.iter()) {
            for learner in learners {
                later_study
                    .entry(learner.nsn)
                    .or_default()
                    .extend(learner.study.iter().copied());
            }
        }
        let empty: Vec<LearnerYear> = Vec::new();
        let years_of_facts: Vec<YearOfFacts> = years
            .iter()
            .filter_map(|&year| latest_of_year(&rounds, year))
            .map(|kept| YearOfFacts {
                facts: &kept.facts,
                learners: own
                    .iter()
                    .find(|(_, round, _)| *round == kept.round)
                    .map_or(&empty, |(_, _, learners)| learners),
            })
            .collect();
        let figures = indicators(&years_of_facts, &later_study);
        Ok(Insights {
            organisation,
            rounds,
            figures,
            this_year: current_year(self.clock().now()?),
        })
    }

    /// DQ3-7 delivery of `organisation` in `year` (else the latest year with facts, else this
    /// year), valued at `rates` against `allocation` when they are given (the funder's
    /// commitments supply them).
    pub async fn delivery(
        &self,
        asker: &Asker,
        organisation: Edumis,
        year: Option<i32>,
        rates: Option<&dyn FundingRates>,
        allocation: Option<Allocation>,
    ) -> Result<Delivery, ServiceError> {
        let rounds = self.insight_facts(asker, organisation).await?;
        let year = year_or_latest(&rounds, year, current_year(self.clock().now()?));
        let latest = latest_of_year(&rounds, year);
        let mut monthly_efts = [Efts::ZERO; 12];
        let mut by_category = Vec::new();
        let mut monthly = Vec::new();
        if let Some(kept) = latest {
            for line in &kept.facts.efts_by_month {
                if dxp_domain::codes::parse_two_digit(&line.fund) == Some(DQ37_FUND)
                    && (1..=12).contains(&line.month)
                {
                    monthly_efts[line.month as usize - 1] += line.efts;
                    monthly.push(line.clone());
                }
            }
            by_category = kept
                .facts
                .delivered_by_category(DQ37_FUND)
                .into_iter()
                .collect();
        }
        let value = rates.map(|rates| {
            delivered_value(
                by_category
                    .iter()
                    .map(|(category, efts)| (category.as_str(), *efts)),
                PROVIDER_BASED,
                rates,
            )
        });
        let check = match (&value, allocation) {
            (Some(value), Some(allocation)) => Some(DeliveryCheck {
                delivered: value.value,
                allocation: allocation.allocation,
                unfunded_provision: allocation.unfunded_provision,
            }),
            _ => None,
        };
        Ok(Delivery {
            organisation,
            year,
            round: latest.map(|kept| kept.round),
            monthly_efts,
            monthly,
            by_category,
            value,
            check,
            allocation,
        })
    }
}
