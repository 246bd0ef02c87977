//! Notifications (Pānui): what happened that concerns the person's organisation, newest first,
//! with the unread ones marked; each can be marked as read, and the list can show the unread
//! ones only.

use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::submissions::urlencode;
use crate::Portal;
use crate::page::Flash;
use crate::page::{Area, Layout, PageError, nz_time, render, see_other};
use crate::session::Signed;

pub fn configure(config: &mut web::ServiceConfig) {
    config
        .route("/notifications", web::get().to(list))
        .route("/notifications/{id}/read", web::post().to(mark_read));
}

struct NoticeLine {
    id: String,
    title: String,
    body: String,
    link: String,
    at: String,
    /// When it was read; `None` while unread.
    read: Option<String>,
}

#[derive(Template)]
#[template(path = "notifications.html")]
struct ListPage {
    layout: Layout,
    notices: Vec<NoticeLine>,
    unread: i64,
    unread_only: bool,
    flash: Option<Flash>,
}

#[derive(Deserialize)]
struct ListQuery {
    unread: Option<String>,
}

async fn list(
    signed: Signed,
    portal: web::Data<Portal>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, PageError> {
    let unread_only = query
        .unread
        .as_deref()
        .is_some_and(|value| !value.is_empty());
    let list = portal
        .service
        .notices(&signed.user.subject, unread_only)
        .await?;
    render(&ListPage {
        layout: Layout::of(
            &signed,
            Area::Notifications,
            "Notifications".to_owned(),
            Some((
                "/guides/notifications-and-settings",
                "Notifications and your settings",
            )),
        ),
        notices: list
            .notices
            .into_iter()
            .map(|notice| NoticeLine {
                id: notice.id,
                title: notice.title,
                body: notice.body,
                link: notice.link,
                at: nz_time(notice.created_at),
                read: notice.read_at.map(nz_time),
            })
            .collect(),
        unread: list.unread,
        unread_only,
        flash: signed.told(),
    })
}

#[derive(Deserialize)]
struct ReadForm {
    csrf: String,
    /// Back to the unread ones only, when the list showed them.
    unread: Option<String>,
}

async fn mark_read(
    signed: Signed,
    portal: web::Data<Portal>,
    id: web::Path<String>,
    form: web::Form<ReadForm>,
) -> Result<HttpResponse, PageError> {
    signed.check_csrf(&form.csrf)?;
    portal
        .service
        .mark_notice_read(&signed.user.subject, &id)
        .await?;
    signed.tell(Flash {
        ok: true,
        lines: vec!["Marked as read.".to_owned()],
    })?;
    let back = if form
        .unread
        .as_deref()
        .is_some_and(|value| !value.is_empty())
    {
        "/notifications?unread=yes".to_owned()
    } else {
        format!("/notifications#notice-{}", urlencode(&id))
    };
    Ok(see_other(&back))
}
