//! The use cases of the registers: the funder loads and changes the course register of an
//! organisation, the national qualification register and an organisation's delivery sites
//! (JSON or DXP CSV); each organisation reads its own (and the qualification register) and
//! exports them as CSV; an organisation sends the differences of a submission's course register
//! file as change requests, and the funder approves or declines each with a reason.

use std::collections::HashSet;

use dxp_domain::Edumis;
use dxp_domain::registers::{
    ChangeRequestStatus, CourseDifference, CourseEntry, Decision, DeliverySiteEntry,
    NzqaResultEntry, QualificationEntry,
};
use dxp_formats::registers as csv;
use dxp_persistence::nzqa_results::{self, NzqaResult};
use dxp_persistence::registers::{self, ChangeRequest, CourseChange};
use dxp_persistence::submissions::{self, Scope};

use crate::{Caller, Service, ServiceError};

/// The most entries one load takes.
pub const MAX_ENTRIES: usize = 50_000;

/// The most change requests one list returns.
pub const MAX_REQUESTS: i64 = 500;

/// What the funder loads: entries as JSON or as DXP CSV text.
#[derive(Debug, Clone)]
pub enum Load<T> {
    Entries(Vec<T>),
    Csv(String),
}

fn funder_only(caller: &Caller, what: &str) -> Result<(), ServiceError> {
    match caller.scope {
        Scope::Everyone => Ok(()),
        Scope::Organisation(_) => Err(ServiceError::Forbidden(format!(
            "only the funder {what}; your organisation reads its registers and asks for course \
             changes through change requests"
        ))),
    }
}

/// The organisation a caller may read the registers of: its own, or any for the funder.
fn readable(caller: &Caller, organisation: Edumis) -> Result<(), ServiceError> {
    match caller.scope {
        Scope::Organisation(own) if own != organisation => Err(ServiceError::Forbidden(format!(
            "your token is for organisation {own}; you cannot read the registers of {organisation}"
        ))),
        _ => Ok(()),
    }
}

/// Reads a register CSV: each entry with its line, or every line that cannot be read.
type CsvReader<T> = fn(&str) -> Result<Vec<(usize, T)>, Vec<csv::LineProblem>>;

/// The entries of a load, read and checked: every problem, each with its line (CSV) or
/// position (JSON), in one message.
fn entries_of<T>(
    load: Load<T>,
    read_csv: CsvReader<T>,
    check: fn(&T) -> Result<(), String>,
    key: fn(&T) -> String,
) -> Result<Vec<T>, ServiceError> {
    let (entries, place): (Vec<(usize, T)>, &str) = match load {
        Load::Entries(entries) => (entries.into_iter().enumerate().collect(), "entry"),
        Load::Csv(text) => (
            read_csv(&text).map_err(|problems| {
                ServiceError::BadInput(
                    problems
                        .iter()
                        .take(20)
                        .map(|(line, problem)| format!("line {line}: {problem}"))
                        .collect::<Vec<_>>()
                        .join("; "),
                )
            })?,
            "line",
        ),
    };
    if entries.is_empty() {
        return Err(ServiceError::BadInput("the load has no entries".to_owned()));
    }
    if entries.len() > MAX_ENTRIES {
        return Err(ServiceError::TooLarge(format!(
            "a load takes at most {MAX_ENTRIES} entries; send the register in parts"
        )));
    }
    let mut seen = HashSet::new();
    let mut problems = Vec::new();
    for (at, entry) in &entries {
        if let Err(problem) = check(entry) {
            problems.push(format!("{place} {at}: {problem}"));
        }
        if !seen.insert(key(entry)) {
            problems.push(format!("{place} {at}: {} is given twice", key(entry)));
        }
    }
    if !problems.is_empty() {
        let more = problems.len().saturating_sub(20);
        let mut message = problems.into_iter().take(20).collect::<Vec<_>>().join("; ");
        if more > 0 {
            message.push_str(&format!("; and {more} more"));
        }
        return Err(ServiceError::Unacceptable(message));
    }
    Ok(entries.into_iter().map(|(_, entry)| entry).collect())
}

fn csv_text(write: impl FnOnce(&mut Vec<u8>) -> ::csv::Result<()>) -> Result<String, ServiceError> {
    let mut out = Vec::new();
    write(&mut out).map_err(|error| ServiceError::Failure(error.to_string()))?;
    String::from_utf8(out).map_err(|error| ServiceError::Failure(error.to_string()))
}

impl Service {
    /// The funder loads entries of an organisation's course register: each written over the
    /// entry of the same course and first year, or added, with its history. All or nothing.
    pub async fn load_course_register(
        &self,
        caller: &Caller,
        organisation: Edumis,
        load: Load<CourseEntry>,
    ) -> Result<usize, ServiceError> {
        funder_only(caller, "loads course registers")?;
        let entries = entries_of(
            load,
            csv::read_course_register_csv,
            CourseEntry::check,
            |entry| format!("course {} from {}", entry.course_code, entry.valid_from),
        )?;
        let (actor, at) = (caller.actor.clone(), self.clock().now()?);
        self.blocking(move |conn| registers::load_courses(conn, organisation, &entries, &actor, at))
            .await
    }

    /// The funder loads qualifications into the national register. All or nothing.
    pub async fn load_qualification_register(
        &self,
        caller: &Caller,
        load: Load<QualificationEntry>,
    ) -> Result<usize, ServiceError> {
        funder_only(caller, "loads the qualification register")?;
        let entries = entries_of(
            load,
            csv::read_qualification_register_csv,
            QualificationEntry::check,
            |entry| format!("qualification {}", entry.qualification_code),
        )?;
        let (actor, at) = (caller.actor.clone(), self.clock().now()?);
        self.blocking(move |conn| registers::load_qualifications(conn, &entries, &actor, at))
            .await
    }

    /// The funder loads results NZQA reported: unit standards achieved with their credits and
    /// qualifications awarded. A result of a learner and standard loaded before is replaced.
    /// All or nothing; a result dated after today (New Zealand) is refused. Returns how many
    /// results were new. The work-based indicators count them at the next sweep.
    pub async fn load_nzqa_results(
        &self,
        caller: &Caller,
        load: Load<NzqaResultEntry>,
    ) -> Result<usize, ServiceError> {
        funder_only(caller, "loads NZQA results")?;
        let entries = entries_of(
            load,
            csv::read_nzqa_results_csv,
            NzqaResultEntry::check,
            NzqaResultEntry::key,
        )?;
        let now = self.clock().now()?;
        let today = dxp_domain::calendar::nz_date(now);
        let future: Vec<String> = entries
            .iter()
            .filter(|entry| entry.achieved_on > today)
            .take(20)
            .map(|entry| {
                format!(
                    "{}: achievedOn {} is after today",
                    entry.key(),
                    entry.achieved_on
                )
            })
            .collect();
        if !future.is_empty() {
            return Err(ServiceError::Unacceptable(future.join("; ")));
        }
        let results: Vec<NzqaResult> = entries
            .into_iter()
            .map(|entry| NzqaResult {
                national_student_number: entry.national_student_number,
                kind: entry.kind,
                code: entry.code,
                credits: entry.credits.unwrap_or(0),
                achieved_on: entry.achieved_on,
            })
            .collect();
        let actor = caller.actor.clone();
        self.blocking(move |conn| nzqa_results::put(conn, &results, &actor, now))
            .await
    }

    /// The funder loads an organisation's delivery sites. All or nothing.
    pub async fn load_delivery_sites(
        &self,
        caller: &Caller,
        organisation: Edumis,
        load: Load<DeliverySiteEntry>,
    ) -> Result<usize, ServiceError> {
        funder_only(caller, "loads delivery sites")?;
        let entries = entries_of(
            load,
            csv::read_delivery_sites_csv,
            DeliverySiteEntry::check,
            |entry| {
                let key = entry.key().map(|key| key.to_string());
                format!("site {}", key.unwrap_or_else(|| entry.site_code.clone()))
            },
        )?;
        let (actor, at) = (caller.actor.clone(), self.clock().now()?);
        self.blocking(move |conn| registers::load_sites(conn, organisation, &entries, &actor, at))
            .await
    }

    /// An organisation's course register (the entries valid in `year`, if given).
    pub async fn course_register(
        &self,
        caller: &Caller,
        organisation: Edumis,
        year: Option<i32>,
    ) -> Result<Vec<CourseEntry>, ServiceError> {
        readable(caller, organisation)?;
        self.blocking(move |conn| registers::courses(conn, organisation, year))
            .await
    }

    /// The course register as DXP CSV.
    pub async fn course_register_csv(
        &self,
        caller: &Caller,
        organisation: Edumis,
        year: Option<i32>,
    ) -> Result<String, ServiceError> {
        let entries = self.course_register(caller, organisation, year).await?;
        csv_text(|out| csv::write_course_register_csv(out, &entries))
    }

    /// A course of the organisation's register: its entries and the history of every change.
    pub async fn course_history(
        &self,
        caller: &Caller,
        organisation: Edumis,
        course_code: String,
        year: Option<i32>,
    ) -> Result<(Vec<CourseEntry>, Vec<CourseChange>), ServiceError> {
        readable(caller, organisation)?;
        let code = course_code.clone();
        let (entries, history) = self
            .blocking(move |conn| {
                let entries: Vec<CourseEntry> = registers::courses(conn, organisation, year)?
                    .into_iter()
                    .filter(|entry| entry.course_code == code)
                    .collect();
                let history = registers::course_history(conn, organisation, &code)?;
                Ok::<_, dxp_persistence::StoreError>((entries, history))
            })
            .await?;
        if entries.is_empty() {
            return Err(ServiceError::NotFound(match year {
                Some(year) => {
                    format!("course {course_code} is not in the course register for {year}")
                }
                None => format!("course {course_code} is not in the course register"),
            }));
        }
        Ok((entries, history))
    }

    /// The national qualification register.
    pub async fn qualification_register(&self) -> Result<Vec<QualificationEntry>, ServiceError> {
        self.blocking(registers::qualifications).await
    }

    /// The qualification register as DXP CSV.
    pub async fn qualification_register_csv(&self) -> Result<String, ServiceError> {
        let entries = self.qualification_register().await?;
        csv_text(|out| csv::write_qualification_register_csv(out, &entries))
    }

    /// An organisation's delivery sites.
    pub async fn delivery_sites(
        &self,
        caller: &Caller,
        organisation: Edumis,
        year: Option<i32>,
    ) -> Result<Vec<DeliverySiteEntry>, ServiceError> {
        readable(caller, organisation)?;
        let mut sites = self
            .blocking(move |conn| registers::sites(conn, organisation))
            .await?;
        sites.retain(|site| year.is_none_or(|year| site.active_in(year)));
        Ok(sites)
    }

    /// The delivery sites as DXP CSV.
    pub async fn delivery_sites_csv(
        &self,
        caller: &Caller,
        organisation: Edumis,
        year: Option<i32>,
    ) -> Result<String, ServiceError> {
        let entries = self.delivery_sites(caller, organisation, year).await?;
        csv_text(|out| csv::write_delivery_sites_csv(out, &entries))
    }

    /// How a submission's course register file differs from the organisation's course
    /// register for the round's year (nothing while no register is loaded for it).
    pub async fn course_differences(
        &self,
        caller: &Caller,
        submission_id: String,
    ) -> Result<Vec<CourseDifference>, ServiceError> {
        let scope = caller.scope;
        self.blocking(move |conn| {
            let submission = submissions::find(conn, &submission_id, scope)?;
            registers::submission_differences(
                conn,
                submission.organisation,
                submission.round,
                &submission_id,
            )
        })
        .await
    }

    /// Sends a submission's course differences to the funder as change requests, one per
    /// course (a course with a request pending keeps that one).
    pub async fn submit_change_requests(
        &self,
        caller: &Caller,
        submission_id: String,
    ) -> Result<Vec<ChangeRequest>, ServiceError> {
        let (scope, actor, at) = (caller.scope, caller.actor.clone(), self.clock().now()?);
        self.blocking(move |conn| {
            registers::submit_requests(conn, &submission_id, scope, &actor, at)
        })
        .await
    }

    /// The change requests the caller sees: its organisation's, or the funder's queue (of
    /// one organisation, if named), of one status if given, newest first.
    pub async fn change_requests(
        &self,
        caller: &Caller,
        organisation: Option<Edumis>,
        status: Option<ChangeRequestStatus>,
    ) -> Result<Vec<ChangeRequest>, ServiceError> {
        let scope = caller.scope;
        self.blocking(move |conn| {
            registers::requests(conn, scope, organisation, status, MAX_REQUESTS)
        })
        .await
    }

    /// One change request the caller may see.
    pub async fn change_request(
        &self,
        caller: &Caller,
        id: String,
    ) -> Result<ChangeRequest, ServiceError> {
        let scope = caller.scope;
        self.blocking(move |conn| registers::find_request(conn, &id, scope))
            .await
    }

    /// The funder approves or declines a pending change request; approval changes the
    /// register from the request's year.
    pub async fn decide_change_request(
        &self,
        caller: &Caller,
        id: String,
        decision: Decision,
    ) -> Result<ChangeRequest, ServiceError> {
        funder_only(caller, "decides course change requests")?;
        let (actor, at) = (caller.actor.clone(), self.clock().now()?);
        self.blocking(move |conn| registers::decide(conn, &id, &decision, &actor, at))
            .await
    }
}
