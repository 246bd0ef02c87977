//! Registers (Rēhita): the organisation's course register with each course's history, the
//! qualification register and the delivery sites; the differences of a submission's course
//! register file, sent to the TEC as change requests; the change requests, which the TEC's
//! staff approve or decline with a reason. The TEC's staff choose the organisation
//! (`?organisation=`).

use actix_web::{HttpResponse, web};
use askama::Template;
use dxp_domain::registers::{ChangeRequestStatus, CourseDetails, CourseField};
use dxp_persistence::registers::ChangeRequest;
use serde::Deserialize;

use super::submissions::urlencode;
use crate::Portal;
use crate::page::{Area, Flash, Layout, PageError, nz_time, render, see_other};
use crate::session::Signed;

pub fn configure(config: &mut web::ServiceConfig) {
    config
        .route("/registers", web::get().to(registers))
        .route("/registers/courses/{code}", web::get().to(course))
        .route("/registers/change-requests", web::get().to(change_requests))
        .route(
            "/registers/change-requests/{id}/decision",
            web::post().to(decide),
        )
        .route(
            "/registers/differences/{submission}",
            web::get().to(differences),
        )
        .route(
            "/registers/differences/{submission}",
            web::post().to(send_differences),
        );
}

fn layout(signed: &Signed, title: String) -> Layout {
    Layout::of(signed, Area::Registers, title, None)
}

#[derive(Deserialize)]
struct OrganisationQuery {
    organisation: Option<String>,
}

/// The values of a course's register entry as a row reads them.
struct DetailsRow {
    title: String,
    qualification: String,
    classification: String,
    level: i32,
    credit: i32,
    funding_category: String,
    efts_factor: String,
    tuition_fee: String,
    costs_fee: String,
    amfm: &'static str,
}

fn money(fee: Option<f64>) -> String {
    fee.map(|fee| format!("${fee:.2}"))
        .unwrap_or_else(|| "—".to_owned())
}

impl From<&CourseDetails> for DetailsRow {
    fn from(details: &CourseDetails) -> Self {
        DetailsRow {
            title: details.course_title.clone(),
            qualification: details.qualification_code.clone(),
            classification: format!("{:.1}", details.course_classification),
            level: details.level_on_nzqcf,
            credit: details.credit,
            funding_category: details.funding_category.clone(),
            efts_factor: format!("{:.4}", details.course_efts_factor),
            tuition_fee: money(details.course_tuition_fee),
            costs_fee: money(details.compulsory_course_costs_fee),
            amfm: match details.course_exemption_from_amfm {
                Some(true) => "Yes",
                Some(false) => "No",
                None => "—",
            },
        }
    }
}

struct CourseRow {
    code: String,
    href: String,
    years: String,
    details: DetailsRow,
}

fn years(from: i32, to: Option<i32>) -> String {
    match to {
        Some(to) if to == from => from.to_string(),
        Some(to) => format!("{from}–{to}"),
        None => format!("from {from}"),
    }
}

struct QualificationRow {
    code: String,
    title: String,
    level: i32,
    credits: i32,
    award_category: String,
    dq37: String,
}

struct SiteRow {
    code: String,
    name: String,
    address: String,
    years: String,
}

#[derive(Template)]
#[template(path = "registers.html")]
struct RegistersPage {
    layout: Layout,
    is_funder: bool,
    organisation: Option<i32>,
    organisations: Vec<(i32, String, bool)>,
    back_query: String,
    courses: Vec<CourseRow>,
    qualifications: Vec<QualificationRow>,
    sites: Vec<SiteRow>,
    pending: usize,
}

fn back_query(signed: &Signed, organisation: Option<i32>) -> String {
    match organisation {
        Some(organisation) if signed.user.is_funder() => format!("?organisation={organisation}"),
        _ => String::new(),
    }
}

async fn registers(
    signed: Signed,
    portal: web::Data<Portal>,
    query: web::Query<OrganisationQuery>,
) -> Result<HttpResponse, PageError> {
    let organisation = super::organisation_for(&signed, query.organisation.as_deref())?;
    let caller = signed.caller();
    let (courses, sites, pending) = match organisation {
        Some(organisation) => (
            portal
                .service
                .course_register(&caller, organisation, None)
                .await?,
            portal
                .service
                .delivery_sites(&caller, organisation, None)
                .await?,
            portal
                .service
                .change_requests(
                    &caller,
                    Some(organisation),
                    Some(ChangeRequestStatus::Pending),
                )
                .await?
                .len(),
        ),
        None => (Vec::new(), Vec::new(), 0),
    };
    let qualifications = portal.service.qualification_register().await?;
    let title = match (signed.user.is_funder(), organisation) {
        (true, Some(organisation)) => format!("Registers of organisation {organisation}"),
        _ => "Registers".to_owned(),
    };
    render(&RegistersPage {
        layout: layout(&signed, title),
        is_funder: signed.user.is_funder(),
        organisation: organisation.map(|edumis| edumis.value()),
        organisations: super::organisation_choices(&portal, &signed, organisation).await?,
        back_query: back_query(&signed, organisation.map(|edumis| edumis.value())),
        courses: courses
            .iter()
            .map(|entry| CourseRow {
                href: format!("/registers/courses/{}", urlencode(&entry.course_code)),
                code: entry.course_code.clone(),
                years: years(entry.valid_from, entry.valid_to),
                details: DetailsRow::from(&entry.details),
            })
            .collect(),
        qualifications: qualifications
            .into_iter()
            .map(|entry| QualificationRow {
                dq37: entry
                    .dq37_approved_from
                    .map(|year| format!("Approved from {year}"))
                    .unwrap_or_else(|| "Not approved".to_owned()),
                code: entry.qualification_code,
                title: entry.title,
                level: entry.level,
                credits: entry.credits,
                award_category: entry.award_category,
            })
            .collect(),
        sites: sites
            .into_iter()
            .map(|site| SiteRow {
                years: years(site.active_from, site.active_to),
                code: site.site_code,
                name: site.name,
                address: site.address,
            })
            .collect(),
        pending,
    })
}

struct ChangeRow {
    when: String,
    who: String,
    years: String,
    what: String,
    request: Option<String>,
}

fn fields_words(fields: &[CourseField]) -> String {
    fields
        .iter()
        .map(|field| field.name())
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(Template)]
#[template(path = "register_course.html")]
struct CoursePage {
    layout: Layout,
    back_query: String,
    entries: Vec<CourseRow>,
    history: Vec<ChangeRow>,
}

async fn course(
    signed: Signed,
    portal: web::Data<Portal>,
    code: web::Path<String>,
    query: web::Query<OrganisationQuery>,
) -> Result<HttpResponse, PageError> {
    let organisation = super::organisation_for(&signed, query.organisation.as_deref())?
        .ok_or(PageError::NotFound)?;
    let code = code.into_inner();
    let (entries, history) = portal
        .service
        .course_history(&signed.caller(), organisation, code.clone(), None)
        .await?;
    render(&CoursePage {
        layout: layout(&signed, format!("Course {code}")),
        back_query: back_query(&signed, Some(organisation.value())),
        entries: entries
            .iter()
            .map(|entry| CourseRow {
                href: format!("/registers/courses/{}", urlencode(&entry.course_code)),
                code: entry.course_code.clone(),
                years: years(entry.valid_from, entry.valid_to),
                details: DetailsRow::from(&entry.details),
            })
            .collect(),
        history: history
            .into_iter()
            .rev()
            .map(|change| ChangeRow {
                when: nz_time(change.changed_at),
                who: change.changed_by,
                years: format!("entry {}", years(change.valid_from, None)),
                what: if change.before.is_none() {
                    "Entered in the register".to_owned()
                } else {
                    format!("Changed {}", fields_words(&change.changed_fields))
                },
                request: change.change_request_id,
            })
            .collect(),
    })
}

struct RequestRow {
    id: String,
    organisation: i32,
    course: String,
    year: i32,
    what: String,
    status: &'static str,
    pending: bool,
    submitted: String,
    decision: String,
}

fn request_row(request: ChangeRequest) -> RequestRow {
    let what = if request.current.is_none() {
        "New course".to_owned()
    } else {
        let current = request.current.as_ref();
        request
            .changed_fields
            .iter()
            .map(|field| {
                let value = |details: &CourseDetails| -> String {
                    serde_json::to_value(details)
                        .ok()
                        .and_then(|value| value.get(field.name()).map(ToString::to_string))
                        .unwrap_or_else(|| "—".to_owned())
                };
                format!(
                    "{}: {} → {}",
                    field.name(),
                    current.map(value).unwrap_or_default(),
                    value(&request.proposed)
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    RequestRow {
        id: request.id,
        organisation: request.organisation.value(),
        course: request.course_code,
        year: request.year,
        what,
        status: request.status.as_str(),
        pending: request.status == ChangeRequestStatus::Pending,
        submitted: format!(
            "{} by {}",
            nz_time(request.submitted_at),
            request.submitted_by
        ),
        decision: match (&request.decided_at, &request.reason) {
            (Some(at), Some(reason)) => format!("{}: {reason}", nz_time(*at)),
            (Some(at), None) => nz_time(*at),
            _ => String::new(),
        },
    }
}

#[derive(Template)]
#[template(path = "change_requests.html")]
struct ChangeRequestsPage {
    layout: Layout,
    flash: Option<Flash>,
    is_funder: bool,
    rows: Vec<RequestRow>,
}

async fn change_requests(
    signed: Signed,
    portal: web::Data<Portal>,
) -> Result<HttpResponse, PageError> {
    let rows = portal
        .service
        .change_requests(&signed.caller(), None, None)
        .await?
        .into_iter()
        .map(request_row)
        .collect();
    let title = if signed.user.is_funder() {
        "Course change requests to decide"
    } else {
        "Course change requests"
    };
    render(&ChangeRequestsPage {
        layout: layout(&signed, title.to_owned()),
        flash: signed.told(),
        is_funder: signed.user.is_funder(),
        rows,
    })
}

#[derive(Deserialize)]
struct DecisionForm {
    csrf: String,
    decision: String,
    #[serde(default)]
    reason: String,
}

async fn decide(
    signed: Signed,
    portal: web::Data<Portal>,
    id: web::Path<String>,
    form: web::Form<DecisionForm>,
) -> Result<HttpResponse, PageError> {
    signed.check_csrf(&form.csrf)?;
    if !signed.user.is_funder() {
        return Err(PageError::Forbidden(
            "Only the TEC's staff decide course change requests.".to_owned(),
        ));
    }
    let decision = match form.decision.as_str() {
        "approve" => dxp_domain::registers::Decision::Approve,
        "decline" => dxp_domain::registers::Decision::Decline(form.reason.clone()),
        _ => return Err(PageError::NotFound),
    };
    let flash = match portal
        .service
        .decide_change_request(&signed.caller(), id.into_inner(), decision)
        .await
    {
        Ok(request) => Flash {
            ok: true,
            lines: vec![format!(
                "Course {} of organisation {}: {}.",
                request.course_code,
                request.organisation,
                request.status.as_str().to_lowercase()
            )],
        },
        Err(error) => Flash {
            ok: false,
            lines: vec![super::refusal(error)?],
        },
    };
    signed.tell(flash)?;
    Ok(see_other("/registers/change-requests"))
}

struct DifferenceRow {
    course: String,
    kind: &'static str,
    fields: String,
    holds: bool,
    proposed: DetailsRow,
}

#[derive(Template)]
#[template(path = "course_differences.html")]
struct DifferencesPage {
    layout: Layout,
    flash: Option<Flash>,
    submission_path: String,
    may_send: bool,
    rows: Vec<DifferenceRow>,
}

async fn differences(
    signed: Signed,
    portal: web::Data<Portal>,
    submission: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let submission = submission.into_inner();
    let found = portal
        .service
        .course_differences(&signed.caller(), submission.clone())
        .await?;
    render(&DifferencesPage {
        layout: layout(&signed, "Course register differences".to_owned()),
        flash: signed.told(),
        may_send: !signed.user.is_funder() && signed.must_submit().is_ok(),
        rows: found
            .iter()
            .map(|difference| DifferenceRow {
                course: difference.course_code.clone(),
                kind: match difference.kind {
                    dxp_domain::registers::DifferenceKind::NewCourse => "New course",
                    dxp_domain::registers::DifferenceKind::Changed => "Changed",
                },
                fields: fields_words(&difference.changed_fields),
                holds: difference.holds_the_sdr(),
                proposed: DetailsRow::from(&difference.proposed),
            })
            .collect(),
        submission_path: urlencode(&submission),
    })
}

#[derive(Deserialize)]
struct CsrfForm {
    csrf: String,
}

async fn send_differences(
    signed: Signed,
    portal: web::Data<Portal>,
    submission: web::Path<String>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, PageError> {
    signed.check_csrf(&form.csrf)?;
    signed.must_submit()?;
    let submission = submission.into_inner();
    let flash = match portal
        .service
        .submit_change_requests(&signed.caller(), submission.clone())
        .await
    {
        Ok(created) => Flash {
            ok: true,
            lines: vec![format!(
                "{} change request(s) sent to the TEC. Your SDR return waits until the TEC \
                 decides them.",
                created.len()
            )],
        },
        Err(error) => Flash {
            ok: false,
            lines: vec![super::refusal(error)?],
        },
    };
    signed.tell(flash)?;
    Ok(see_other(&format!(
        "/registers/differences/{}",
        urlencode(&submission)
    )))
}
