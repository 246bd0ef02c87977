//! The funder's page (Te Amorangi), for the TEC's staff only: the collection rounds of a year
//! with their dates (and a form to change them), the Stop Gate lifts granted for them (and a
//! form to lift the Stop Gate for one organisation), and the organisations DXP knows, each
//! with a way to its documents and its people.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::{DateTime, Datelike, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Pacific::Auckland;
use dxp_domain::{Edumis, Round, RoundChanges, RoundId};
use dxp_service::rounds::LiftRequest;
use serde::Deserialize;

use super::dashboard::round_name;
use crate::Portal;
use crate::page::Flash;
use crate::page::{Area, Layout, PageError, nz_day, nz_time, render, see_other};
use crate::session::Signed;

pub fn configure(config: &mut web::ServiceConfig) {
    config
        .route("/funder", web::get().to(funder))
        .route("/funder/stop-gate-lifts", web::post().to(lift_stop_gate))
        .route("/funder/rounds/{id}", web::get().to(round_page))
        .route("/funder/rounds/{id}", web::post().to(change_round));
}

fn layout(signed: &Signed, title: String) -> Layout {
    Layout::of(signed, Area::Funder, title, None)
}

/// The most characters of a lift's reason, as the API allows.
const MAX_REASON_CHARS: usize = 500;

/// An instant as a `datetime-local` field shows it: New Zealand time, to the minute.
fn local_field(at: DateTime<Utc>) -> String {
    at.with_timezone(&Auckland)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// A `datetime-local` field's value, read as New Zealand time.
fn parse_local(text: &str, what: &str) -> Result<DateTime<Utc>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(format!("Give the {what}."));
    }
    let naive = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
        .map_err(|_| format!("The {what} '{text}' is not a date and time."))?;
    match Auckland.from_local_datetime(&naive) {
        LocalResult::Single(at) => Ok(at.with_timezone(&Utc)),
        LocalResult::Ambiguous(..) => Err(format!(
            "The {what} falls in the hour New Zealand clocks go back, so it happens twice. Choose another time."
        )),
        LocalResult::None => Err(format!(
            "The {what} falls in the hour New Zealand clocks go forward, so it never happens. Choose another time."
        )),
    }
}

// ---- the page ------------------------------------------------------------------------------

struct RoundLine {
    id: String,
    name: String,
    extract: String,
    opens: String,
    due: String,
    published: bool,
}

struct LiftLine {
    round: String,
    organisation: i32,
    due: String,
    reason: String,
    granted: String,
    used: Option<(String, String)>,
}

/// The lift form as typed, and why it was refused.
#[derive(Debug, Default)]
struct LiftForm {
    round: String,
    organisation: String,
    due_at: String,
    reason: String,
    problems: Vec<String>,
}

#[derive(Template)]
#[template(path = "funder.html")]
struct FunderPage {
    layout: Layout,
    year: i32,
    years: Vec<(i32, bool)>,
    rounds: Vec<RoundLine>,
    lifts: Vec<LiftLine>,
    lift: LiftForm,
    lift_rounds: Vec<(String, String, bool)>,
    organisations: Vec<(i32, String, bool)>,
    flash: Option<Flash>,
}

#[derive(Deserialize)]
struct FunderQuery {
    year: Option<i32>,
}

async fn funder(
    signed: Signed,
    portal: web::Data<Portal>,
    query: web::Query<FunderQuery>,
) -> Result<HttpResponse, PageError> {
    signed.must_be_funder()?;
    show(&signed, &portal, query.year, LiftForm::default()).await
}

async fn show(
    signed: &Signed,
    portal: &Portal,
    year: Option<i32>,
    lift: LiftForm,
) -> Result<HttpResponse, PageError> {
    let every = portal.service.rounds(None).await?;
    let mut years: Vec<i32> = every.iter().map(|round| round.id.year).collect();
    years.sort_unstable();
    years.dedup();
    let this_year = dxp_domain::calendar::nz_date(portal.service.clock().now()?).year();
    let year = year
        .filter(|year| years.contains(year))
        .or_else(|| years.contains(&this_year).then_some(this_year))
        .or_else(|| years.last().copied())
        .unwrap_or(this_year);
    let rounds: Vec<&Round> = every.iter().filter(|round| round.id.year == year).collect();
    let caller = signed.caller();
    let mut lifts = Vec::new();
    for round in &rounds {
        for granted in portal.service.stop_gate_lifts(&caller, round.id).await? {
            lifts.push(LiftLine {
                round: round_name(&granted.round),
                organisation: granted.lift.organisation.value(),
                due: nz_time(granted.lift.due_at),
                reason: granted.lift.reason,
                granted: format!("{}, {}", granted.granted_by, nz_time(granted.granted_at)),
                used: granted.lift.used_by.map(|submission| {
                    (submission, granted.used_at.map(nz_time).unwrap_or_default())
                }),
            });
        }
    }
    let chosen_organisation = lift
        .organisation
        .parse::<i64>()
        .ok()
        .and_then(|number| Edumis::new(number).ok());
    let refused = !lift.problems.is_empty();
    let mut response = render(&FunderPage {
        layout: layout(signed, "Funder".to_owned()),
        year,
        years: years.iter().map(|each| (*each, *each == year)).collect(),
        lift_rounds: rounds
            .iter()
            .filter(|round| !round.published)
            .map(|round| {
                let id = round.id.to_string();
                let chosen = lift.round == id;
                (id, round_name(&round.id), chosen)
            })
            .collect(),
        rounds: rounds
            .iter()
            .map(|round| RoundLine {
                id: round.id.to_string(),
                name: round_name(&round.id),
                extract: nz_day(round.extract_date),
                opens: nz_time(round.opens_at),
                due: nz_time(round.due_at),
                published: round.published,
            })
            .collect(),
        lifts,
        lift,
        organisations: super::organisation_choices(portal, signed, chosen_organisation).await?,
        flash: signed.told(),
    })?;
    if refused {
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(response)
}

// ---- lifting the Stop Gate -----------------------------------------------------------------

#[derive(Deserialize)]
struct LiftSent {
    csrf: String,
    #[serde(default)]
    round: String,
    #[serde(default)]
    organisation: String,
    #[serde(default)]
    due_at: String,
    #[serde(default)]
    reason: String,
}

async fn lift_stop_gate(
    signed: Signed,
    portal: web::Data<Portal>,
    form: web::Form<LiftSent>,
) -> Result<HttpResponse, PageError> {
    signed.check_csrf(&form.csrf)?;
    signed.must_be_funder()?;
    let form = form.into_inner();
    let mut typed = LiftForm {
        round: form.round.trim().to_owned(),
        organisation: form.organisation.trim().to_owned(),
        due_at: form.due_at.trim().to_owned(),
        reason: form.reason.trim().to_owned(),
        problems: Vec::new(),
    };
    let round = typed.round.parse::<RoundId>().ok();
    let year = round.map(|round| round.year);
    if round.is_none() {
        typed.problems.push("Choose the round.".to_owned());
    }
    let organisation = typed
        .organisation
        .parse::<i64>()
        .ok()
        .and_then(|number| Edumis::new(number).ok());
    if organisation.is_none() {
        typed.problems.push("Choose the organisation.".to_owned());
    }
    let due_at = parse_local(&typed.due_at, "new due date")
        .map_err(|why| typed.problems.push(why))
        .ok();
    if typed.reason.is_empty() {
        typed
            .problems
            .push("Say why the lift is granted: it is kept in the audit log.".to_owned());
    } else if typed.reason.chars().count() > MAX_REASON_CHARS {
        typed.problems.push(format!(
            "The reason is {} characters long; keep it to {MAX_REASON_CHARS}.",
            typed.reason.chars().count()
        ));
    }
    let (Some(round), Some(organisation), Some(due_at), true) =
        (round, organisation, due_at, typed.problems.is_empty())
    else {
        return show(&signed, &portal, year, typed).await;
    };
    let granted = match portal
        .service
        .lift_stop_gate(
            &signed.caller(),
            LiftRequest {
                round,
                organisation,
                due_at,
                reason: typed.reason.clone(),
            },
        )
        .await
    {
        Ok(granted) => granted,
        Err(error) => {
            typed.problems.push(super::refusal(error)?);
            return show(&signed, &portal, year, typed).await;
        }
    };
    signed.tell(Flash {
            ok: true,
            lines: vec![format!(
                "The Stop Gate is lifted for organisation {organisation} for the {}. It can submit its return once, until {}. Its people were told.",
                round_name(&round),
                nz_time(granted.lift.due_at)
            )],
        },
    )?;
    Ok(see_other(&format!("/funder?year={}#lifts", round.year)))
}

// ---- changing a round's dates --------------------------------------------------------------

/// The round form as typed, and why it was refused.
#[derive(Debug, Default)]
struct RoundForm {
    extract_date: String,
    opens_at: String,
    due_at: String,
    problems: Vec<String>,
}

#[derive(Template)]
#[template(path = "round.html")]
struct RoundPage {
    layout: Layout,
    id: String,
    name: String,
    published: bool,
    current: RoundLine,
    form: RoundForm,
}

async fn find_round(portal: &Portal, id: &str) -> Result<Round, PageError> {
    let id: RoundId = id.parse().map_err(|_| PageError::NotFound)?;
    portal
        .service
        .rounds(Some(id.year))
        .await?
        .into_iter()
        .find(|round| round.id == id)
        .ok_or(PageError::NotFound)
}

fn show_round(signed: &Signed, round: &Round, form: RoundForm) -> Result<HttpResponse, PageError> {
    let refused = !form.problems.is_empty();
    let mut response = render(&RoundPage {
        layout: layout(
            signed,
            format!("Change the dates of the {}", round_name(&round.id)),
        ),
        id: round.id.to_string(),
        name: round_name(&round.id),
        published: round.published,
        current: RoundLine {
            id: round.id.to_string(),
            name: round_name(&round.id),
            extract: nz_day(round.extract_date),
            opens: nz_time(round.opens_at),
            due: nz_time(round.due_at),
            published: round.published,
        },
        form,
    })?;
    if refused {
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(response)
}

async fn round_page(
    signed: Signed,
    portal: web::Data<Portal>,
    id: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    signed.must_be_funder()?;
    let round = find_round(&portal, &id).await?;
    let form = RoundForm {
        extract_date: round.extract_date.format("%Y-%m-%d").to_string(),
        opens_at: local_field(round.opens_at),
        due_at: local_field(round.due_at),
        problems: Vec::new(),
    };
    show_round(&signed, &round, form)
}

#[derive(Deserialize)]
struct RoundSent {
    csrf: String,
    #[serde(default)]
    extract_date: String,
    #[serde(default)]
    opens_at: String,
    #[serde(default)]
    due_at: String,
}

async fn change_round(
    signed: Signed,
    portal: web::Data<Portal>,
    id: web::Path<String>,
    form: web::Form<RoundSent>,
) -> Result<HttpResponse, PageError> {
    signed.check_csrf(&form.csrf)?;
    signed.must_be_funder()?;
    let round = find_round(&portal, &id).await?;
    let mut typed = RoundForm {
        extract_date: form.extract_date.trim().to_owned(),
        opens_at: form.opens_at.trim().to_owned(),
        due_at: form.due_at.trim().to_owned(),
        problems: Vec::new(),
    };
    let extract_date = NaiveDate::parse_from_str(&typed.extract_date, "%Y-%m-%d")
        .map_err(|_| {
            typed
                .problems
                .push("Give the extract date as a date.".to_owned())
        })
        .ok();
    let opens_at = parse_local(&typed.opens_at, "opening date")
        .map_err(|why| typed.problems.push(why))
        .ok();
    let due_at = parse_local(&typed.due_at, "due date")
        .map_err(|why| typed.problems.push(why))
        .ok();
    let (Some(extract_date), Some(opens_at), Some(due_at), true) =
        (extract_date, opens_at, due_at, typed.problems.is_empty())
    else {
        return show_round(&signed, &round, typed);
    };
    // A field shows its time to the minute: one sent as it was shown is left as it is, not
    // rounded to the minute.
    let changes = RoundChanges {
        extract_date: (extract_date != round.extract_date).then_some(extract_date),
        opens_at: (typed.opens_at != local_field(round.opens_at)).then_some(opens_at),
        due_at: (typed.due_at != local_field(round.due_at)).then_some(due_at),
        resubmission_window: None,
    };
    let changed = match portal
        .service
        .change_round(&signed.caller(), round.id, changes)
        .await
    {
        Ok(changed) => changed,
        Err(error) => {
            typed.problems.push(super::refusal(error)?);
            return show_round(&signed, &round, typed);
        }
    };
    signed.tell(Flash {
        ok: true,
        lines: vec![format!(
            "The {} now opens {} and is due {}.",
            round_name(&changed.id),
            nz_time(changed.opens_at),
            nz_time(changed.due_at)
        )],
    })?;
    Ok(see_other(&format!("/funder?year={}", changed.id.year)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_typed_is_new_zealand_time() {
        let due = parse_local("2026-04-29T17:00", "due date").expect("a time");
        assert_eq!(due.to_rfc3339(), "2026-04-29T05:00:00+00:00");
        assert_eq!(local_field(due), "2026-04-29T17:00");
        // Daylight saving: 1 am to 2 am NZST on 5 April 2026 happens twice.
        assert!(parse_local("2026-04-05T02:30", "due date").is_err());
        // 2 am to 3 am NZST on 27 September 2026 never happens.
        assert!(parse_local("2026-09-27T02:30", "due date").is_err());
        assert!(parse_local("tomorrow", "due date").is_err());
    }
}
