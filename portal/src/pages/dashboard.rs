//! The dashboard (Papatohu): what is due, most urgent first, with a button that goes straight
//! to acting on each, and the latest notifications.

use actix_web::{HttpResponse, web};
use askama::Template;
use dxp_domain::due::DueState;
use dxp_persistence::documents::DocumentFilter;

use crate::Portal;
use crate::page::{Area, Layout, PageError, nz_day, nz_time, render};
use crate::session::Signed;

pub fn configure(config: &mut web::ServiceConfig) {
    config.route("/", web::get().to(dashboard));
}

/// One thing due, as the dashboard lists it.
struct DueLine {
    heading: String,
    state: &'static str,
    due: String,
    missing: Vec<String>,
    /// The button: (label, where it goes).
    action: (String, String),
}

/// A document the organisation is to act on.
struct DocumentLine {
    id: String,
    title: String,
    due: String,
}

struct NoticeLine {
    title: String,
    body: String,
    link: String,
    at: String,
    unread: bool,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct Dashboard {
    layout: Layout,
    due: Vec<DueLine>,
    documents: Vec<DocumentLine>,
    notices: Vec<NoticeLine>,
    unread: i64,
    is_funder: bool,
}

/// How many notifications the dashboard shows; the rest are a click away.
const RECENT_NOTICES: usize = 5;

async fn dashboard(signed: Signed, portal: web::Data<Portal>) -> Result<HttpResponse, PageError> {
    let user = &signed.user;
    let mut due = Vec::new();
    let mut documents = Vec::new();
    if let (Some(organisation), false) = (user.organisation, user.is_funder()) {
        for item in portal.service.due(organisation).await?.items {
            let (state, action) = match (&item.state, &item.in_progress, &item.lodged) {
                (DueState::Upcoming, _, _) => (
                    "Opens soon",
                    (
                        "See the round".to_owned(),
                        format!("/data-submissions?round={}", item.round),
                    ),
                ),
                (DueState::Lodged, _, Some(lodged)) => (
                    "Lodged",
                    (
                        "See the lodged return".to_owned(),
                        format!("/data-submissions/{}", lodged.submission),
                    ),
                ),
                (_, Some(in_progress), _) => (
                    if matches!(item.state, DueState::StopGateLifted) {
                        "Stop Gate lifted"
                    } else {
                        "Open"
                    },
                    (
                        "Continue the return".to_owned(),
                        format!("/data-submissions/{}", in_progress.submission),
                    ),
                ),
                _ => (
                    "Open",
                    (
                        "Start the return".to_owned(),
                        format!("/data-submissions/new?round={}", item.round),
                    ),
                ),
            };
            due.push(DueLine {
                heading: round_name(&item.round),
                state,
                due: nz_time(item.due_at),
                missing: item
                    .missing
                    .iter()
                    .map(|missing| missing.in_plain_words())
                    .collect(),
                action,
            });
        }
        let asker = super::asker(user);
        for document in portal
            .service
            .documents(
                &asker,
                organisation,
                DocumentFilter {
                    to_action_only: true,
                    ..Default::default()
                },
            )
            .await?
        {
            documents.push(DocumentLine {
                id: document.id,
                title: document.details.title,
                due: document
                    .details
                    .due_on
                    .map(nz_day)
                    .unwrap_or_else(|| "no due date".to_owned()),
            });
        }
    }
    let list = portal.service.notices(&user.subject, false).await?;
    let notices = list
        .notices
        .into_iter()
        .take(RECENT_NOTICES)
        .map(|notice| NoticeLine {
            title: notice.title,
            body: notice.body,
            link: notice.link,
            at: nz_time(notice.created_at),
            unread: notice.read_at.is_none(),
        })
        .collect();
    render(&Dashboard {
        layout: Layout::of(
            &signed,
            Area::Dashboard,
            "Dashboard".to_owned(),
            Some(("/guides/your-dashboard", "Your dashboard")),
        ),
        due,
        documents,
        notices,
        unread: list.unread,
        is_funder: user.is_funder(),
    })
}

/// A round as people name it: "August 2026 Single Data Return".
pub fn round_name(round: &dxp_domain::RoundId) -> String {
    use dxp_domain::calendar::RoundKind;
    match round.kind {
        RoundKind::Ind => format!("March {} indicative return", round.year),
        RoundKind::Apr => format!("April {} Single Data Return", round.year),
        RoundKind::Aug => format!("August {} Single Data Return", round.year),
        RoundKind::Dec => format!("December {} Single Data Return", round.year),
    }
}
