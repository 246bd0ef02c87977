//! Webhooks (`/api/v1/webhooks`): an organisation subscribes a URL to kinds of event and DXP
//! POSTs each such event to it, signed with the subscription's secret (see `docs/webhooks.md`).
//! A `teo-submitter` manages its organisation's webhooks, a `teo-viewer` reads them, a
//! `tec-admin` reads everyone's and manages any organisation's (naming it). Another
//! organisation's webhook or delivery answers 404.

use actix_web::http::header;
use actix_web::{HttpResponse, delete, get, post, web};
use chrono::{DateTime, Utc};
use dxp_domain::Edumis;
use dxp_domain::notices::NoticeKind;
use dxp_domain::webhooks::DeliveryStatus;
use dxp_persistence::webhooks::{Attempt, Delivery, Subscription};
use dxp_service::webhooks::{MAX_DELIVERIES_LISTED, WithSecret};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::{Authorized, CanRead, CanWrite};
use crate::state::caller_of;
use crate::{ApiError, AppState, Problem};

/// Deliveries listed when the request does not say.
const DEFAULT_DELIVERIES: i64 = 20;

/// A webhook to make.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewWebhook {
    /// Where to POST the events: an `https://` URL of a public host (a development node also
    /// takes `http://` to localhost). No user name or password in it; a token in its path or
    /// query is kept, and shown to those who may read the webhook.
    #[schema(max_length = 2048, example = "https://sms.example.ac.nz/dxp/events")]
    pub url: String,
    /// The kinds of event to send; at least one.
    #[schema(value_type = Vec<NoticeKind>, example = json!(["submission-rejected", "submission-processed"]))]
    pub event_types: Vec<String>,
    /// The organisation's EDUMIS number: only a `tec-admin` may name one; a TEO's token decides
    /// its own.
    #[schema(minimum = 1, maximum = 9999, example = 6004)]
    #[serde(default, deserialize_with = "super::params::optional_integer")]
    pub organisation: Option<i64>,
}

/// A webhook: a URL of an organisation and the kinds of event it is sent.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebhookView {
    #[schema(example = "3f0c2a9e-6d1b-4b7a-9a53-0c8f1e2d4b6a")]
    pub id: String,
    /// The organisation's EDUMIS number.
    #[schema(example = 6004)]
    pub organisation: i32,
    pub url: String,
    pub event_types: Vec<NoticeKind>,
    /// The token subject that made it.
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    /// When its secret was last replaced; `null` if never.
    pub secret_rotated_at: Option<DateTime<Utc>>,
    /// The signing secret: only in the answer to making the webhook or rotating its secret.
    /// Keep it where the receiver can read it: DXP never shows it again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(example = "whsec_5c1d0e6f4b3a29187766554433221100ffeeddccbbaa99887766554433221100")]
    pub secret: Option<String>,
}

impl From<Subscription> for WebhookView {
    fn from(subscription: Subscription) -> Self {
        WebhookView {
            id: subscription.id,
            organisation: subscription.organisation.value(),
            url: subscription.url,
            event_types: subscription.kinds,
            created_by: subscription.created_by,
            created_at: subscription.created_at,
            secret_rotated_at: subscription.secret_rotated_at,
            secret: None,
        }
    }
}

impl From<WithSecret> for WebhookView {
    fn from(made: WithSecret) -> Self {
        WebhookView {
            secret: Some(made.secret),
            ..WebhookView::from(made.subscription)
        }
    }
}

/// Webhooks.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebhookList {
    /// Oldest first.
    pub results: Vec<WebhookView>,
}

/// The query of the webhooks.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WebhookQuery {
    /// Only this organisation's (for a `tec-admin`; a TEO sees only its own anyway).
    #[param(minimum = 1, maximum = 9999)]
    pub organisation: Option<i64>,
}

/// The query of a webhook's deliveries.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeliveryQuery {
    /// Deliveries to list, newest first: 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

/// One attempt to deliver.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebhookAttemptView {
    pub attempted_at: DateTime<Utc>,
    /// Which queuing of the delivery it belongs to: 0 for the first, 1 for the first replay, …
    pub replay: i32,
    /// How long the receiver took.
    pub duration_ms: i32,
    /// The receiver's HTTP status; `null` when it gave none (no connection, a timeout).
    pub status_code: Option<i32>,
    /// The start of the receiver's answer (at most 1 KiB).
    pub response: Option<String>,
    /// Why the attempt failed; `null` when it succeeded.
    pub error: Option<String>,
}

impl From<Attempt> for WebhookAttemptView {
    fn from(attempt: Attempt) -> Self {
        WebhookAttemptView {
            attempted_at: attempt.attempted_at,
            replay: attempt.replay,
            duration_ms: attempt.duration_ms,
            status_code: attempt.status,
            response: attempt.response,
            error: attempt.error,
        }
    }
}

/// One event for one webhook, and every attempt to deliver it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebhookDeliveryView {
    /// The body's `id` and the `DXP-Webhook-Id` header: the same on every attempt and replay.
    pub id: String,
    pub webhook_id: String,
    pub event_type: NoticeKind,
    pub status: DeliveryStatus,
    pub created_at: DateTime<Utc>,
    /// How many times it was replayed.
    pub replays: i32,
    /// Attempts since it was last queued (at most 10 before it fails).
    pub attempt_count: i32,
    /// When it is tried next; `null` once delivered or failed.
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub failed_at: Option<DateTime<Utc>>,
    /// The receiver's HTTP status at the last attempt.
    pub last_status_code: Option<i32>,
    pub last_error: Option<String>,
    /// The body as sent.
    #[schema(value_type = Object)]
    pub body: serde_json::Value,
    /// Every attempt, oldest first, replays included.
    pub attempts: Vec<WebhookAttemptView>,
}

impl From<Delivery> for WebhookDeliveryView {
    fn from(delivery: Delivery) -> Self {
        let body = serde_json::from_str(&delivery.body)
            .unwrap_or(serde_json::Value::String(delivery.body));
        WebhookDeliveryView {
            id: delivery.id,
            webhook_id: delivery.subscription_id,
            event_type: delivery.kind,
            status: delivery.status,
            created_at: delivery.created_at,
            replays: delivery.replays,
            attempt_count: delivery.attempts,
            next_attempt_at: delivery.next_attempt_at,
            delivered_at: delivery.delivered_at,
            failed_at: delivery.failed_at,
            last_status_code: delivery.last_status,
            last_error: delivery.last_error,
            body,
            attempts: delivery
                .log
                .into_iter()
                .map(WebhookAttemptView::from)
                .collect(),
        }
    }
}

/// A webhook's deliveries.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebhookDeliveryList {
    /// Newest first.
    pub results: Vec<WebhookDeliveryView>,
}

/// Subscribe a URL to kinds of event. The answer carries the signing secret, once.
#[utoipa::path(
    tag = super::tags::WEBHOOKS,
    request_body = NewWebhook,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The webhook, with its secret (shown this once)", body = WebhookView),
        (status = 400, description = "A URL DXP does not send to, an unknown or missing event type, or a body that cannot be read", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token's role may not manage webhooks, or names another organisation", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/webhooks")]
pub async fn create_webhook(
    caller: Authorized<CanWrite>,
    state: web::Data<AppState>,
    body: web::Json<NewWebhook>,
) -> Result<HttpResponse, ApiError> {
    let NewWebhook {
        url,
        event_types,
        organisation,
    } = body.into_inner();
    let organisation = caller.organisation_for(organisation)?;
    let made = state
        .service
        .subscribe_webhook(&caller_of(&caller)?, organisation, &url, &event_types)
        .await?;
    let view = WebhookView::from(made);
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/webhooks/{}", view.id)))
        .json(view))
}

/// List the caller's organisation's webhooks (a `tec-admin`: everyone's).
#[utoipa::path(
    tag = super::tags::WEBHOOKS,
    params(WebhookQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The webhooks", body = WebhookList),
        (status = 400, description = "An organisation that is not an EDUMIS number", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token's role may not read", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/webhooks")]
pub async fn list_webhooks(
    caller: Authorized<CanRead>,
    state: web::Data<AppState>,
    query: web::Query<WebhookQuery>,
) -> Result<HttpResponse, ApiError> {
    let organisation = query
        .organisation
        .map(Edumis::new)
        .transpose()
        .map_err(|error| ApiError::BadRequest(format!("organisation: {error}")))?;
    let webhooks = state
        .service
        .webhooks(&caller_of(&caller)?, organisation)
        .await?;
    Ok(HttpResponse::Ok().json(WebhookList {
        results: webhooks.into_iter().map(WebhookView::from).collect(),
    }))
}

/// Read one webhook (never its secret).
#[utoipa::path(
    tag = super::tags::WEBHOOKS,
    params(("id" = String, Path, description = "The webhook")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The webhook", body = WebhookView),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token's role may not read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such webhook, or another organisation's", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/webhooks/{id}")]
pub async fn get_webhook(
    caller: Authorized<CanRead>,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let webhook = state.service.webhook(&caller_of(&caller)?, &id).await?;
    Ok(HttpResponse::Ok().json(WebhookView::from(webhook)))
}

/// Delete (unsubscribe) a webhook: nothing more is sent to it, and its deliveries still waiting
/// are failed.
#[utoipa::path(
    tag = super::tags::WEBHOOKS,
    params(("id" = String, Path, description = "The webhook")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token's role may not manage webhooks", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such webhook, or another organisation's", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/webhooks/{id}")]
pub async fn delete_webhook(
    caller: Authorized<CanWrite>,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    state
        .service
        .delete_webhook(&caller_of(&caller)?, &id)
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Replace a webhook's signing secret. The answer carries the new secret, once; deliveries are
/// signed with it from their next attempt.
#[utoipa::path(
    tag = super::tags::WEBHOOKS,
    params(("id" = String, Path, description = "The webhook")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The webhook, with its new secret (shown this once)", body = WebhookView),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token's role may not manage webhooks", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such webhook, or another organisation's", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/webhooks/{id}/secret")]
pub async fn rotate_webhook_secret(
    caller: Authorized<CanWrite>,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let rotated = state
        .service
        .rotate_webhook_secret(&caller_of(&caller)?, &id)
        .await?;
    Ok(HttpResponse::Ok().json(WebhookView::from(rotated)))
}

/// List a webhook's newest deliveries, each with every attempt and the receiver's answers.
#[utoipa::path(
    tag = super::tags::WEBHOOKS,
    params(("id" = String, Path, description = "The webhook"), DeliveryQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The deliveries, newest first", body = WebhookDeliveryList),
        (status = 400, description = "A limit outside 1 to 100", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token's role may not read", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such webhook, or another organisation's", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/webhooks/{id}/deliveries")]
pub async fn list_webhook_deliveries(
    caller: Authorized<CanRead>,
    state: web::Data<AppState>,
    id: web::Path<String>,
    query: web::Query<DeliveryQuery>,
) -> Result<HttpResponse, ApiError> {
    let limit = query.limit.unwrap_or(DEFAULT_DELIVERIES);
    if !(1..=MAX_DELIVERIES_LISTED).contains(&limit) {
        return Err(ApiError::BadRequest(format!(
            "limit {limit} is outside 1 to {MAX_DELIVERIES_LISTED}"
        )));
    }
    let deliveries = state
        .service
        .webhook_deliveries(&caller_of(&caller)?, &id, limit)
        .await?;
    Ok(HttpResponse::Ok().json(WebhookDeliveryList {
        results: deliveries
            .into_iter()
            .map(WebhookDeliveryView::from)
            .collect(),
    }))
}

/// Send a delivery again, whatever became of it: a new series of attempts with the same body
/// and id, a new timestamp and signature. Its earlier attempts stay in its log.
#[utoipa::path(
    tag = super::tags::WEBHOOKS,
    params(
        ("id" = String, Path, description = "The webhook"),
        ("deliveryId" = String, Path, description = "The delivery"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 202, description = "Queued: it is sent at once", body = WebhookDeliveryView),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token's role may not manage webhooks", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such webhook or delivery, or another organisation's", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/webhooks/{id}/deliveries/{deliveryId}/replay")]
pub async fn replay_webhook_delivery(
    caller: Authorized<CanWrite>,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (id, delivery) = path.into_inner();
    let replayed = state
        .service
        .replay_webhook_delivery(&caller_of(&caller)?, &id, &delivery)
        .await?;
    Ok(HttpResponse::Accepted().json(WebhookDeliveryView::from(replayed)))
}
