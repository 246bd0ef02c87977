//! The use cases of commitments (MoPs and EPICs): the funder provisions a template for an
//! organisation, fund and plan year and loads the funding rates; the organisation fills it in
//! (MoP rows one by one or by CSV, EPIC Year 1–3 values), sees its problems and totals,
//! submits it as a numbered version and exports it; the funder accepts or returns a version.
//! An organisation sees only its own commitments; the funder sees all and decides.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use dxp_domain::Edumis;
use dxp_domain::calendar::ROUND_YEARS;
use dxp_domain::commitments::check::{self, Checked, EnteredRow, MOP_012};
use dxp_domain::commitments::compare::{RowComparison, compare};
use dxp_domain::commitments::{Decision, MAX_DECISION_COMMENT, RowValues, Template, epic};
use dxp_domain::notices::Notice;
use dxp_domain::validation::Severity;
use dxp_persistence::StoreError;
use dxp_persistence::commitments::{
    self, NewCommitment, RowChange, StoredCommitment, StoredVersion,
};

use crate::people::Asker;
use crate::{Service, ServiceError};

/// A commitment to provision, as the funder asks.
#[derive(Debug, Clone)]
pub struct ProvisionRequest {
    pub organisation: Edumis,
    pub template: Template,
    pub plan_year: i32,
    pub due_on: NaiveDate,
    /// The organisation's allocation for the fund and year, in cents, for the tolerance test.
    pub allocation_cents: Option<i64>,
}

/// A change of a commitment's rows, as the organisation asks.
#[derive(Debug, Clone)]
pub enum RowsRequest {
    Add(BTreeMap<String, String>),
    /// A MoP row's values replaced; an EPIC row's Year 1–3 values set (the others kept).
    Change(i64, BTreeMap<String, String>),
    Remove(i64),
}

/// A commitment with its rows checked against the current funding rates.
#[derive(Debug, Clone)]
pub struct CommitmentDetail {
    pub commitment: StoredCommitment,
    pub checked: Checked,
}

/// A MoP CSV taken: the commitment as it now is, and the computed columns the file had, which
/// were ignored.
#[derive(Debug, Clone)]
pub struct CsvUpload {
    pub detail: CommitmentDetail,
    pub ignored_columns: Vec<String>,
}

fn the_organisation(asker: &Asker) -> Result<Edumis, ServiceError> {
    asker.organisation.ok_or_else(|| {
        ServiceError::Forbidden(
            "only the organisation fills in and submits its commitments; the funder reviews them"
                .to_owned(),
        )
    })
}

fn funder_only(asker: &Asker, what: &str) -> Result<(), ServiceError> {
    if asker.is_funder {
        Ok(())
    } else {
        Err(ServiceError::Forbidden(format!("only the funder {what}")))
    }
}

/// Who sees what: the funder every commitment, an organisation its own.
fn scope(asker: &Asker) -> Result<Option<Edumis>, ServiceError> {
    if asker.is_funder {
        Ok(None)
    } else {
        the_organisation(asker).map(Some)
    }
}

fn entered(rows: &[(i64, RowValues)]) -> Vec<EnteredRow> {
    rows.iter()
        .map(|(number, values)| EnteredRow {
            number: *number,
            values: values.clone(),
        })
        .collect()
}

/// The problems in one line, for a refused submission: `MOP-001 (row 2, courseTitle): …`.
fn describe(checked: &Checked) -> String {
    checked
        .problems
        .iter()
        .filter(|problem| problem.severity == Severity::Error)
        .take(20)
        .map(|problem| match (problem.index, problem.field.as_str()) {
            (0, "") => format!("{}: {}", problem.rule, problem.message),
            (0, field) => format!("{} ({field}): {}", problem.rule, problem.message),
            (row, "") => format!("{} (row {row}): {}", problem.rule, problem.message),
            (row, field) => format!("{} (row {row}, {field}): {}", problem.rule, problem.message),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A MoP as a DXP CSV file, under the name every surface downloads it as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MopExport {
    pub file_name: String,
    pub text: String,
}

impl Service {
    /// Provisions a commitment for an organisation and tells its people (the funder only). An
    /// EPIC comes with its pre-populated rows.
    pub async fn provision_commitment(
        &self,
        asker: &Asker,
        request: ProvisionRequest,
    ) -> Result<StoredCommitment, ServiceError> {
        funder_only(asker, "provisions commitments")?;
        // Plan years are the years DXP keeps rounds for.
        if !ROUND_YEARS.contains(&request.plan_year) {
            return Err(ServiceError::BadInput(format!(
                "planYear {} is not a year from {} to {}",
                request.plan_year,
                ROUND_YEARS.start(),
                ROUND_YEARS.end()
            )));
        }
        if request.allocation_cents.is_some_and(|cents| cents < 0) {
            return Err(ServiceError::BadInput(
                "allocation: an allocation is not negative".to_owned(),
            ));
        }
        let at = self.clock().now()?;
        let new = NewCommitment {
            id: uuid::Uuid::new_v4().to_string(),
            organisation: request.organisation,
            template: request.template,
            plan_year: request.plan_year,
            due_on: request.due_on,
            allocation_cents: if request.template.is_epic() {
                None
            } else {
                request.allocation_cents
            },
            provisioned_by: asker.subject.clone(),
        };
        let rows = if request.template.is_epic() {
            epic::prepopulated_rows()
        } else {
            Vec::new()
        };
        let notice = Notice::commitment_provisioned(
            &new.id,
            request.template.title(),
            request.plan_year,
            &request.due_on.format("%-d %B %Y").to_string(),
        );
        let id = new.id.clone();
        self.blocking(move |conn| commitments::provision(conn, &new, &rows, at, &notice))
            .await?;
        self.blocking(move |conn| commitments::find(conn, &id, None))
            .await
    }

    /// The commitments the asker sees: an organisation its own; the funder every
    /// organisation's, or one's.
    pub async fn commitments(
        &self,
        asker: &Asker,
        organisation: Option<Edumis>,
    ) -> Result<Vec<StoredCommitment>, ServiceError> {
        let seen = match scope(asker)? {
            None => organisation,
            Some(own) => {
                if organisation.is_some_and(|named| named != own) {
                    return Err(ServiceError::Forbidden(format!(
                        "you see the commitments of {own} only"
                    )));
                }
                Some(own)
            }
        };
        self.blocking(move |conn| commitments::list(conn, seen))
            .await
    }

    /// A commitment with its rows checked against the funding rates loaded now.
    pub async fn commitment(
        &self,
        asker: &Asker,
        id: &str,
    ) -> Result<CommitmentDetail, ServiceError> {
        let seen = scope(asker)?;
        let id = id.to_owned();
        self.blocking(move |conn| {
            let commitment = commitments::find(conn, &id, seen)?;
            let rows = commitments::rows(conn, &id)?;
            let rates = commitments::rates(conn, &commitment.fund, commitment.plan_year)?;
            let checked = check::check(
                commitment.template,
                &entered(&rows),
                &rates,
                commitment.allocation_cents,
            );
            Ok::<_, StoreError>(CommitmentDetail {
                commitment,
                checked,
            })
        })
        .await
    }

    /// Adds, changes or removes one row of the organisation's commitment. An EPIC's rows are
    /// the funder's: only their Year 1–3 values change (EPIC-004).
    pub async fn change_commitment_rows(
        &self,
        asker: &Asker,
        id: &str,
        request: RowsRequest,
    ) -> Result<CommitmentDetail, ServiceError> {
        let organisation = the_organisation(asker)?;
        let template = self.commitment(asker, id).await?.commitment.template;
        let change = match (template.is_epic(), request) {
            (false, RowsRequest::Add(values)) => RowChange::Add(values_of(template, values)?),
            (false, RowsRequest::Change(number, values)) => {
                RowChange::Replace(number, values_of(template, values)?)
            }
            (false, RowsRequest::Remove(number)) => RowChange::Remove(number),
            (true, RowsRequest::Change(number, values)) => {
                let mut set = values_of(template, values.clone())?;
                // A value sent blank clears it, so that a mistaken entry can be taken back.
                for name in values.keys() {
                    set.entry(name.clone()).or_default();
                }
                RowChange::Merge(number, set)
            }
            (true, RowsRequest::Add(_) | RowsRequest::Remove(_)) => {
                return Err(ServiceError::Unacceptable(format!(
                    "{}: an EPIC's rows are pre-populated by the funder; enter their Year 1-3 \
                     values",
                    check::EPIC_004.code
                )));
            }
        };
        let at = self.clock().now()?;
        let owned = id.to_owned();
        self.blocking(move |conn| commitments::change_rows(conn, &owned, organisation, change, at))
            .await?;
        self.commitment(asker, id).await
    }

    /// Replaces every row of the organisation's MoP with a CSV's rows. The file is read whole
    /// first: a file that cannot be read replaces nothing.
    pub async fn upload_commitment_csv(
        &self,
        asker: &Asker,
        id: &str,
        text: String,
    ) -> Result<CsvUpload, ServiceError> {
        let organisation = the_organisation(asker)?;
        let template = self.commitment(asker, id).await?.commitment.template;
        if template.is_epic() {
            return Err(ServiceError::Unacceptable(format!(
                "{}: an EPIC is entered by webform only, not by CSV",
                check::EPIC_004.code
            )));
        }
        let read = dxp_formats::commitments::read_mop_csv(template, &text)
            .map_err(ServiceError::Unacceptable)?;
        if read.rows.is_empty() {
            return Err(ServiceError::Unacceptable(format!(
                "{}: the file has a header but no rows",
                MOP_012.code
            )));
        }
        let rows = read
            .rows
            .into_iter()
            .map(|values| values_of(template, values))
            .collect::<Result<Vec<_>, _>>()?;
        let at = self.clock().now()?;
        let owned = id.to_owned();
        self.blocking(move |conn| {
            commitments::change_rows(conn, &owned, organisation, RowChange::ReplaceAll(rows), at)
        })
        .await?;
        Ok(CsvUpload {
            detail: self.commitment(asker, id).await?,
            ignored_columns: read.ignored_columns,
        })
    }

    /// The MoP as CSV, its computed columns filled.
    pub async fn export_commitment_csv(
        &self,
        asker: &Asker,
        id: &str,
    ) -> Result<MopExport, ServiceError> {
        let detail = self.commitment(asker, id).await?;
        if detail.commitment.template.is_epic() {
            return Err(ServiceError::Unacceptable(format!(
                "{}: an EPIC is entered and read by webform only; it has no CSV",
                check::EPIC_004.code
            )));
        }
        let rows: Vec<RowValues> = detail
            .checked
            .rows
            .into_iter()
            .map(|row| row.values)
            .collect();
        let commitment = &detail.commitment;
        Ok(MopExport {
            file_name: format!(
                "MOP-{}-{}-{}.csv",
                commitment.template, commitment.organisation, commitment.plan_year
            ),
            text: dxp_formats::commitments::write_mop_csv(commitment.template, &rows),
        })
    }

    /// Submits the organisation's commitment for the funder's review as its next version,
    /// when its rows have no errors (warnings allowed). Returns the version's number.
    pub async fn submit_commitment(&self, asker: &Asker, id: &str) -> Result<i32, ServiceError> {
        let organisation = the_organisation(asker)?;
        let at = self.clock().now()?;
        let owned = id.to_owned();
        let subject = asker.subject.clone();
        self.blocking(move |conn| {
            let rates = {
                let commitment = commitments::find(conn, &owned, Some(organisation))?;
                commitments::rates(conn, &commitment.fund, commitment.plan_year)?
            };
            commitments::submit(
                conn,
                &owned,
                organisation,
                &subject,
                at,
                |commitment, rows| {
                    let checked = check::check(
                        commitment.template,
                        &entered(rows),
                        &rates,
                        commitment.allocation_cents,
                    );
                    if checked.error_count() > 0 {
                        return Err(StoreError::Invalid(format!(
                            "the commitment has {} errors to fix before it is submitted (warnings \
                         are allowed): {}",
                            checked.error_count(),
                            describe(&checked)
                        )));
                    }
                    let warnings = checked.warning_count();
                    Ok((checked.rows, checked.totals, warnings))
                },
            )
        })
        .await
    }

    /// The commitment's submitted versions, the first first.
    pub async fn commitment_versions(
        &self,
        asker: &Asker,
        id: &str,
    ) -> Result<(StoredCommitment, Vec<StoredVersion>), ServiceError> {
        let seen = scope(asker)?;
        let id = id.to_owned();
        self.blocking(move |conn| {
            let commitment = commitments::find(conn, &id, seen)?;
            let versions = commitments::versions(conn, &id)?;
            Ok::<_, StoreError>((commitment, versions))
        })
        .await
    }

    /// Two versions of a commitment compared row by row.
    pub async fn compare_commitment_versions(
        &self,
        asker: &Asker,
        id: &str,
        from: i32,
        to: i32,
    ) -> Result<Vec<RowComparison>, ServiceError> {
        let (_, versions) = self.commitment_versions(asker, id).await?;
        let version = |number: i32| {
            versions
                .iter()
                .find(|version| version.version == number)
                .ok_or_else(|| {
                    ServiceError::NotFound(format!("commitment {id} has no version {number}"))
                })
        };
        Ok(compare(&version(from)?.rows, &version(to)?.rows))
    }

    /// The funder accepts or returns the version under review, telling the organisation. A
    /// returned version needs a comment saying what to correct.
    pub async fn decide_commitment(
        &self,
        asker: &Asker,
        id: &str,
        version: i32,
        decision: Decision,
        comment: Option<String>,
    ) -> Result<StoredCommitment, ServiceError> {
        funder_only(asker, "accepts or returns a commitment")?;
        let comment = comment
            .map(|text| text.trim().to_owned())
            .filter(|text| !text.is_empty());
        if decision == Decision::Returned && comment.is_none() {
            return Err(ServiceError::BadInput(
                "comment: say what the organisation is to correct when returning a commitment"
                    .to_owned(),
            ));
        }
        if comment
            .as_ref()
            .is_some_and(|text| text.chars().count() > MAX_DECISION_COMMENT)
        {
            return Err(ServiceError::BadInput(format!(
                "comment: at most {MAX_DECISION_COMMENT} characters"
            )));
        }
        let at = self.clock().now()?;
        let owned = id.to_owned();
        let subject = asker.subject.clone();
        self.blocking(move |conn| {
            commitments::decide(
                conn,
                &owned,
                version,
                decision,
                comment.as_deref(),
                &subject,
                at,
                |commitment| {
                    Notice::commitment_decided(
                        &commitment.id,
                        &format!("{} {}", commitment.template.title(), commitment.plan_year),
                        version,
                        decision,
                        comment.as_deref(),
                    )
                },
            )?;
            commitments::find(conn, &owned, None)
        })
        .await
    }

    /// Loads funding rates from the funder's CSV, replacing each named fund and year's rates.
    /// Returns how many rates were loaded.
    pub async fn load_funding_rates(
        &self,
        asker: &Asker,
        text: String,
    ) -> Result<usize, ServiceError> {
        funder_only(asker, "loads funding rates")?;
        let lines = dxp_formats::commitments::read_funding_rates_csv(&text)
            .map_err(|problems| ServiceError::Unacceptable(problems.join("; ")))?;
        if lines.is_empty() {
            return Err(ServiceError::Unacceptable(
                "the file has a header but no rates".to_owned(),
            ));
        }
        let count = lines.len();
        let rows: Vec<_> = lines
            .into_iter()
            .map(|line| {
                (
                    line.fund,
                    line.plan_year,
                    line.category,
                    line.mode,
                    line.rate_cents,
                )
            })
            .collect();
        let at = self.clock().now()?;
        let subject = asker.subject.clone();
        self.blocking(move |conn| commitments::load_rates(conn, &rows, &subject, at))
            .await?;
        Ok(count)
    }

    /// Loads the subject groupings from the funder's CSV, replacing every one loaded before.
    /// Returns how many were loaded.
    pub async fn load_subject_groupings(
        &self,
        asker: &Asker,
        text: String,
    ) -> Result<usize, ServiceError> {
        funder_only(asker, "loads subject groupings")?;
        let groupings = dxp_formats::commitments::read_subject_groupings_csv(&text)
            .map_err(|problems| ServiceError::Unacceptable(problems.join("; ")))?;
        if groupings.is_empty() {
            return Err(ServiceError::Unacceptable(
                "the file has a header but no subject groupings".to_owned(),
            ));
        }
        let count = groupings.len();
        let at = self.clock().now()?;
        let subject = asker.subject.clone();
        self.blocking(move |conn| {
            commitments::load_subject_groupings(conn, &groupings, &subject, at)
        })
        .await?;
        Ok(count)
    }

    /// Every subject grouping loaded: (SDR funding category, SG code).
    pub async fn subject_groupings(&self) -> Result<Vec<(String, String)>, ServiceError> {
        self.blocking(commitments::subject_groupings).await
    }

    /// Every funding rate loaded: (fund, plan year, category, mode, cents).
    pub async fn funding_rates(&self) -> Result<Vec<commitments::FundingRate>, ServiceError> {
        self.blocking(commitments::all_rates).await
    }
}

/// The values of a row as entered, or why they cannot be taken (MOP-008, EPIC-004).
fn values_of(
    template: Template,
    values: BTreeMap<String, String>,
) -> Result<RowValues, ServiceError> {
    check::entered_values(template, values).map_err(ServiceError::BadInput)
}
