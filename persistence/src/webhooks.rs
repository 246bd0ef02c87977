//! Webhooks: an organisation's subscriptions, the deliveries of its events to them, and the log
//! of every attempt. A delivery is written by [`queue`] in the transaction of the event it
//! tells of (through `notices::tell_organisation`), so an event is never delivered without
//! having happened nor happens without being queued. Senders take due deliveries under a lease
//! (on PostgreSQL chosen `FOR UPDATE SKIP LOCKED`, so senders on several nodes never take the
//! same one), send each, and record the answer; a delivery whose sender stopped is taken again
//! once its lease has expired.
//!
//! Every read and write of an organisation's webhooks takes a [`Scope`]: another organisation's
//! subscription or delivery is simply not found. The secret is read only by the sender
//! ([`take_due`]) and returned only by [`subscribe`] and [`rotate_secret`], to be shown once.

use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Text, Timestamp};
use dxp_domain::Edumis;
use dxp_domain::notices::{Notice, NoticeKind};
use dxp_domain::webhooks::{self as rules, DeliveryStatus};

use crate::audit::{self, NewAuditEvent};
use crate::schema::{webhook_attempts, webhook_deliveries, webhook_subscriptions};
use crate::submissions::Scope;
use crate::time::{from_row, now};
use crate::{DbConnection, StoreError};

/// A subscription as stored (without its secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    pub id: String,
    pub organisation: Edumis,
    pub url: String,
    /// The kinds of event it is sent, in [`NoticeKind::ALL`] order.
    pub kinds: Vec<NoticeKind>,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub secret_rotated_at: Option<DateTime<Utc>>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = webhook_subscriptions)]
struct SubscriptionRow {
    id: String,
    organisation: i32,
    url: String,
    kinds: String,
    created_by: String,
    created_at: NaiveDateTime,
    secret_rotated_at: Option<NaiveDateTime>,
}

impl TryFrom<SubscriptionRow> for Subscription {
    type Error = StoreError;

    fn try_from(row: SubscriptionRow) -> Result<Self, StoreError> {
        Ok(Subscription {
            organisation: Edumis::new(i64::from(row.organisation)).map_err(StoreError::corrupt)?,
            kinds: rules::event_types_from_text(&row.kinds).map_err(StoreError::corrupt)?,
            id: row.id,
            url: row.url,
            created_by: row.created_by,
            created_at: from_row(row.created_at),
            secret_rotated_at: row.secret_rotated_at.map(from_row),
        })
    }
}

/// A subscription to make.
#[derive(Debug, Clone)]
pub struct NewSubscription<'a> {
    pub organisation: Edumis,
    /// Checked by [`dxp_domain::webhooks::WebhookUrl::parse`].
    pub url: &'a str,
    pub kinds: &'a [NoticeKind],
    pub secret: &'a str,
    pub created_by: &'a str,
}

fn not_found(id: &str) -> StoreError {
    StoreError::NotFound(format!("there is no webhook {id}"))
}

/// Makes a subscription, and notes who did in the audit log.
pub fn subscribe(
    conn: &mut DbConnection,
    new: &NewSubscription<'_>,
) -> Result<Subscription, StoreError> {
    let id = uuid::Uuid::new_v4().to_string();
    crate::connection::write_transaction(conn, |conn| {
        diesel::insert_into(webhook_subscriptions::table)
            .values((
                webhook_subscriptions::id.eq(&id),
                webhook_subscriptions::organisation.eq(new.organisation.value()),
                webhook_subscriptions::url.eq(new.url),
                webhook_subscriptions::kinds.eq(rules::event_types_text(new.kinds)),
                webhook_subscriptions::secret.eq(new.secret),
                webhook_subscriptions::created_by.eq(new.created_by),
                webhook_subscriptions::created_at.eq(now()),
            ))
            .execute(conn)?;
        audit::record(
            conn,
            &NewAuditEvent::new(new.created_by, "webhook.subscribed", &id)
                .organisation(new.organisation.value())
                .reason(format!(
                    "sent {}",
                    rules::event_types_text(new.kinds).replace(',', ", ")
                )),
        )?;
        find(conn, &id, Scope::Everyone)
    })
}

/// The subscriptions the scope may see (of `organisation` only, when named), oldest first.
pub fn list(
    conn: &mut DbConnection,
    scope: Scope,
    organisation: Option<Edumis>,
) -> Result<Vec<Subscription>, StoreError> {
    let mut query = webhook_subscriptions::table
        .filter(webhook_subscriptions::deleted_at.is_null())
        .select(SubscriptionRow::as_select())
        .into_boxed();
    if let Scope::Organisation(own) = scope {
        query = query.filter(webhook_subscriptions::organisation.eq(own.value()));
    }
    if let Some(named) = organisation {
        query = query.filter(webhook_subscriptions::organisation.eq(named.value()));
    }
    query
        .order((
            webhook_subscriptions::created_at.asc(),
            webhook_subscriptions::id.asc(),
        ))
        .load(conn)?
        .into_iter()
        .map(Subscription::try_from)
        .collect()
}

/// The subscription, if the scope may see it and it is not deleted.
pub fn find(conn: &mut DbConnection, id: &str, scope: Scope) -> Result<Subscription, StoreError> {
    let mut query = webhook_subscriptions::table
        .filter(webhook_subscriptions::id.eq(id))
        .filter(webhook_subscriptions::deleted_at.is_null())
        .select(SubscriptionRow::as_select())
        .into_boxed();
    if let Scope::Organisation(own) = scope {
        query = query.filter(webhook_subscriptions::organisation.eq(own.value()));
    }
    query
        .first(conn)
        .optional()?
        .ok_or_else(|| not_found(id))
        .and_then(Subscription::try_from)
}

/// Deletes a subscription: it is sent nothing more, its deliveries still waiting are failed,
/// and its secret is wiped. Its deliveries and their log stay in the database for the record.
pub fn delete(
    conn: &mut DbConnection,
    id: &str,
    scope: Scope,
    actor: &str,
) -> Result<(), StoreError> {
    crate::connection::write_transaction(conn, |conn| {
        let subscription = find(conn, id, scope)?;
        let at = now();
        diesel::update(webhook_subscriptions::table.find(id))
            .set((
                webhook_subscriptions::deleted_at.eq(at),
                webhook_subscriptions::secret.eq(""),
            ))
            .execute(conn)?;
        diesel::update(
            webhook_deliveries::table
                .filter(webhook_deliveries::subscription_id.eq(id))
                .filter(webhook_deliveries::next_attempt_at.is_not_null()),
        )
        .set((
            webhook_deliveries::next_attempt_at.eq(None::<NaiveDateTime>),
            webhook_deliveries::failed_at.eq(at),
            webhook_deliveries::last_error.eq("the webhook was deleted before it could be sent"),
            webhook_deliveries::lease_owner.eq(None::<String>),
            webhook_deliveries::lease_expires_at.eq(None::<NaiveDateTime>),
        ))
        .execute(conn)?;
        audit::record(
            conn,
            &NewAuditEvent::new(actor, "webhook.deleted", id)
                .organisation(subscription.organisation.value()),
        )?;
        Ok(())
    })
}

/// Replaces a subscription's secret: deliveries are signed with the new one from their next
/// attempt.
pub fn rotate_secret(
    conn: &mut DbConnection,
    id: &str,
    scope: Scope,
    secret: &str,
    actor: &str,
) -> Result<Subscription, StoreError> {
    crate::connection::write_transaction(conn, |conn| {
        let subscription = find(conn, id, scope)?;
        diesel::update(webhook_subscriptions::table.find(id))
            .set((
                webhook_subscriptions::secret.eq(secret),
                webhook_subscriptions::secret_rotated_at.eq(now()),
            ))
            .execute(conn)?;
        audit::record(
            conn,
            &NewAuditEvent::new(actor, "webhook.secret-rotated", id)
                .organisation(subscription.organisation.value()),
        )?;
        find(conn, id, Scope::Everyone)
    })
}

/// Queues a delivery of `notice` to each subscription of `organisation` that wants its kind,
/// in the caller's transaction. Returns how many were queued.
pub(crate) fn queue(
    conn: &mut DbConnection,
    organisation: Edumis,
    notice: &Notice,
) -> Result<usize, StoreError> {
    let wanting: Vec<String> = list(conn, Scope::Organisation(organisation), None)?
        .into_iter()
        .filter(|subscription| subscription.kinds.contains(&notice.kind))
        .map(|subscription| subscription.id)
        .collect();
    let at = now();
    for subscription in &wanting {
        let id = uuid::Uuid::new_v4().to_string();
        let body = rules::delivery_body(&id, notice, organisation.value(), from_row(at));
        diesel::insert_into(webhook_deliveries::table)
            .values((
                webhook_deliveries::id.eq(&id),
                webhook_deliveries::subscription_id.eq(subscription),
                webhook_deliveries::organisation.eq(organisation.value()),
                webhook_deliveries::kind.eq(notice.kind.as_str()),
                webhook_deliveries::body.eq(&body),
                webhook_deliveries::created_at.eq(at),
                webhook_deliveries::next_attempt_at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(wanting.len())
}

/// One attempt to deliver, as logged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    pub attempted_at: DateTime<Utc>,
    /// Which queuing it belongs to: 0 for the first, 1 for the first replay, …
    pub replay: i32,
    pub duration_ms: i32,
    /// The receiver's HTTP status; `None` when it gave no answer.
    pub status: Option<i32>,
    /// The start of the receiver's answer.
    pub response: Option<String>,
    /// Why there was no answer, or why the answer was not a success.
    pub error: Option<String>,
}

/// A delivery, with its attempts oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub id: String,
    pub subscription_id: String,
    pub organisation: Edumis,
    pub kind: NoticeKind,
    /// The body as sent.
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub status: DeliveryStatus,
    /// How many times it was replayed.
    pub replays: i32,
    /// Attempts since it was last queued.
    pub attempts: i32,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub failed_at: Option<DateTime<Utc>>,
    pub last_status: Option<i32>,
    pub last_error: Option<String>,
    pub log: Vec<Attempt>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = webhook_deliveries)]
struct DeliveryRow {
    id: String,
    subscription_id: String,
    organisation: i32,
    kind: String,
    body: String,
    created_at: NaiveDateTime,
    series: i32,
    attempts: i32,
    next_attempt_at: Option<NaiveDateTime>,
    delivered_at: Option<NaiveDateTime>,
    failed_at: Option<NaiveDateTime>,
    last_status: Option<i32>,
    last_error: Option<String>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = webhook_attempts)]
struct AttemptRow {
    delivery_id: String,
    series: i32,
    attempted_at: NaiveDateTime,
    duration_ms: i32,
    status: Option<i32>,
    response: Option<String>,
    error: Option<String>,
}

impl DeliveryRow {
    fn into_delivery(self, log: Vec<Attempt>) -> Result<Delivery, StoreError> {
        let status = if self.delivered_at.is_some() {
            DeliveryStatus::Delivered
        } else if self.failed_at.is_some() {
            DeliveryStatus::Failed
        } else {
            DeliveryStatus::Pending
        };
        Ok(Delivery {
            organisation: Edumis::new(i64::from(self.organisation)).map_err(StoreError::corrupt)?,
            kind: self.kind.parse().map_err(StoreError::corrupt)?,
            id: self.id,
            subscription_id: self.subscription_id,
            body: self.body,
            created_at: from_row(self.created_at),
            status,
            replays: self.series - 1,
            attempts: self.attempts,
            next_attempt_at: self.next_attempt_at.map(from_row),
            delivered_at: self.delivered_at.map(from_row),
            failed_at: self.failed_at.map(from_row),
            last_status: self.last_status,
            last_error: self.last_error,
            log,
        })
    }
}

/// The deliveries, each with its attempts.
fn with_attempts(
    conn: &mut DbConnection,
    rows: Vec<DeliveryRow>,
) -> Result<Vec<Delivery>, StoreError> {
    let ids: Vec<&str> = rows.iter().map(|row| row.id.as_str()).collect();
    let attempts: Vec<AttemptRow> = webhook_attempts::table
        .filter(webhook_attempts::delivery_id.eq_any(&ids))
        .order((
            webhook_attempts::attempted_at.asc(),
            webhook_attempts::id.asc(),
        ))
        .select(AttemptRow::as_select())
        .load(conn)?;
    let mut attempts = crate::by_parent(attempts, |attempt| &attempt.delivery_id);
    rows.into_iter()
        .map(|row| {
            let log = attempts
                .remove(&row.id)
                .unwrap_or_default()
                .into_iter()
                .map(|attempt| Attempt {
                    attempted_at: from_row(attempt.attempted_at),
                    replay: attempt.series - 1,
                    duration_ms: attempt.duration_ms,
                    status: attempt.status,
                    response: attempt.response,
                    error: attempt.error,
                })
                .collect();
            row.into_delivery(log)
        })
        .collect()
}

/// The newest `limit` deliveries to a subscription the scope may see, newest first, each with
/// its attempts.
pub fn deliveries(
    conn: &mut DbConnection,
    subscription_id: &str,
    scope: Scope,
    limit: i64,
) -> Result<Vec<Delivery>, StoreError> {
    let subscription = find(conn, subscription_id, scope)?;
    let rows: Vec<DeliveryRow> = webhook_deliveries::table
        .filter(webhook_deliveries::subscription_id.eq(&subscription.id))
        .order((
            webhook_deliveries::created_at.desc(),
            webhook_deliveries::id.desc(),
        ))
        .limit(limit)
        .select(DeliveryRow::as_select())
        .load(conn)?;
    with_attempts(conn, rows)
}

/// A delivery to a subscription the scope may see.
fn find_delivery(
    conn: &mut DbConnection,
    subscription_id: &str,
    delivery_id: &str,
    scope: Scope,
) -> Result<Delivery, StoreError> {
    let subscription = find(conn, subscription_id, scope)?;
    let row = webhook_deliveries::table
        .filter(webhook_deliveries::id.eq(delivery_id))
        .filter(webhook_deliveries::subscription_id.eq(&subscription.id))
        .select(DeliveryRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| {
            StoreError::NotFound(format!(
                "webhook {subscription_id} has no delivery {delivery_id}"
            ))
        })?;
    with_attempts(conn, vec![row])?
        .pop()
        .ok_or_else(|| StoreError::NotFound(format!("no delivery {delivery_id}")))
}

/// Queues a delivery again, whatever became of it: a new series of attempts, due now, with the
/// same body (and id). Its earlier attempts stay in the log.
pub fn replay(
    conn: &mut DbConnection,
    subscription_id: &str,
    delivery_id: &str,
    scope: Scope,
    actor: &str,
) -> Result<Delivery, StoreError> {
    crate::connection::write_transaction(conn, |conn| {
        let delivery = find_delivery(conn, subscription_id, delivery_id, scope)?;
        diesel::update(webhook_deliveries::table.find(delivery_id))
            .set((
                webhook_deliveries::series.eq(webhook_deliveries::series + 1),
                webhook_deliveries::attempts.eq(0),
                webhook_deliveries::next_attempt_at.eq(now()),
                webhook_deliveries::delivered_at.eq(None::<NaiveDateTime>),
                webhook_deliveries::failed_at.eq(None::<NaiveDateTime>),
                webhook_deliveries::lease_owner.eq(None::<String>),
                webhook_deliveries::lease_expires_at.eq(None::<NaiveDateTime>),
            ))
            .execute(conn)?;
        audit::record(
            conn,
            &NewAuditEvent::new(actor, "webhook.delivery-replayed", delivery_id)
                .organisation(delivery.organisation.value())
                .transition(delivery.status.as_str(), DeliveryStatus::Pending.as_str()),
        )?;
        find_delivery(conn, subscription_id, delivery_id, scope)
    })
}

/// A delivery taken by a sender, with what it needs to send it. Its `Debug` leaves the secret
/// out.
#[derive(Clone, PartialEq, Eq)]
pub struct Outgoing {
    pub id: String,
    pub kind: NoticeKind,
    pub url: String,
    /// The subscription's secret, to sign with. Never to be logged.
    pub secret: String,
    pub body: String,
    /// Attempts of the current series before this one.
    pub attempts: i32,
    pub series: i32,
}

impl std::fmt::Debug for Outgoing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Outgoing")
            .field("id", &self.id)
            .field("kind", &self.kind)
            .field("url", &self.url)
            .field("secret", &"<redacted>")
            .field("attempts", &self.attempts)
            .field("series", &self.series)
            .finish_non_exhaustive()
    }
}

#[derive(QueryableByName)]
struct Taken {
    #[diesel(sql_type = Text)]
    id: String,
    #[diesel(sql_type = Text)]
    subscription_id: String,
    #[diesel(sql_type = Text)]
    kind: String,
    #[diesel(sql_type = Text)]
    body: String,
    #[diesel(sql_type = Integer)]
    attempts: i32,
    #[diesel(sql_type = Integer)]
    series: i32,
}

/// Takes at most `limit` due deliveries for `owner`, oldest first, for `lease_for`.
pub fn take_due(
    conn: &mut DbConnection,
    owner: &str,
    lease_for: Duration,
    limit: i64,
) -> Result<Vec<Outgoing>, StoreError> {
    let due = |now: &str| {
        format!(
            "next_attempt_at IS NOT NULL AND next_attempt_at <= {now} \
             AND (lease_expires_at IS NULL OR lease_expires_at < {now})"
        )
    };
    let columns = "id, subscription_id, kind, body, attempts, series";
    let sql = match conn {
        DbConnection::Postgresql(_) => format!(
            "UPDATE webhook_deliveries SET lease_owner = $1, lease_expires_at = $2 \
             WHERE id IN (SELECT id FROM webhook_deliveries WHERE {due} \
             ORDER BY next_attempt_at LIMIT $4 FOR UPDATE SKIP LOCKED) RETURNING {columns}",
            due = due("$3")
        ),
        DbConnection::Sqlite(_) => format!(
            "UPDATE webhook_deliveries SET lease_owner = ?1, lease_expires_at = ?2 \
             WHERE id IN (SELECT id FROM webhook_deliveries WHERE {due} \
             ORDER BY next_attempt_at LIMIT ?4) RETURNING {columns}",
            due = due("?3")
        ),
    };
    crate::connection::write_transaction(conn, |conn| {
        let taken: Vec<Taken> = diesel::sql_query(sql)
            .bind::<Text, _>(owner)
            .bind::<Timestamp, _>(crate::time::after(lease_for))
            .bind::<Timestamp, _>(now())
            .bind::<BigInt, _>(limit)
            .load(conn)?;
        let ids: Vec<&str> = taken
            .iter()
            .map(|row| row.subscription_id.as_str())
            .collect();
        let targets: Vec<(String, String, String)> = webhook_subscriptions::table
            .filter(webhook_subscriptions::id.eq_any(&ids))
            .select((
                webhook_subscriptions::id,
                webhook_subscriptions::url,
                webhook_subscriptions::secret,
            ))
            .load(conn)?;
        taken
            .into_iter()
            .map(|row| {
                let (_, url, secret) = targets
                    .iter()
                    .find(|(id, _, _)| *id == row.subscription_id)
                    .ok_or_else(|| {
                        StoreError::corrupt(format!("delivery {} names no subscription", row.id))
                    })?;
                Ok(Outgoing {
                    kind: row.kind.parse().map_err(StoreError::corrupt)?,
                    url: url.clone(),
                    secret: secret.clone(),
                    id: row.id,
                    body: row.body,
                    attempts: row.attempts,
                    series: row.series,
                })
            })
            .collect()
    })
}

/// What an attempt came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub status: Option<u16>,
    /// The start of the answer, already cut to size.
    pub response: Option<String>,
    pub error: Option<String>,
    pub took: Duration,
}

/// What becomes of a delivery after an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// The receiver took it.
    Delivered,
    /// Try again after this wait.
    RetryIn(Duration),
    /// No attempts left: failed until replayed.
    GiveUp,
}

/// Logs an attempt of a delivery taken by `owner` and sets what comes next. The attempt is
/// logged even when the delivery was replayed (or its lease lost) meanwhile; the delivery itself
/// changes only while `owner` still holds it.
pub fn record_attempt(
    conn: &mut DbConnection,
    delivery: &Outgoing,
    owner: &str,
    outcome: &Outcome,
    next: Next,
) -> Result<(), StoreError> {
    let at = now();
    let took = chrono::Duration::from_std(outcome.took).unwrap_or_default();
    let attempted_at = at - took;
    let duration_ms = i32::try_from(outcome.took.as_millis()).unwrap_or(i32::MAX);
    let status = outcome.status.map(i32::from);
    crate::connection::write_transaction(conn, |conn| {
        diesel::insert_into(webhook_attempts::table)
            .values((
                webhook_attempts::id.eq(uuid::Uuid::new_v4().to_string()),
                webhook_attempts::delivery_id.eq(&delivery.id),
                webhook_attempts::series.eq(delivery.series),
                webhook_attempts::attempted_at.eq(attempted_at),
                webhook_attempts::duration_ms.eq(duration_ms),
                webhook_attempts::status.eq(status),
                webhook_attempts::response.eq(&outcome.response),
                webhook_attempts::error.eq(&outcome.error),
            ))
            .execute(conn)?;
        let held = webhook_deliveries::table
            .filter(webhook_deliveries::id.eq(&delivery.id))
            .filter(webhook_deliveries::lease_owner.eq(owner))
            .filter(webhook_deliveries::series.eq(delivery.series));
        let (next_attempt_at, delivered_at, failed_at) = match next {
            Next::Delivered => (None, Some(at), None),
            Next::RetryIn(wait) => (Some(crate::time::after(wait)), None, None),
            Next::GiveUp => (None, None, Some(at)),
        };
        diesel::update(held)
            .set((
                webhook_deliveries::attempts.eq(webhook_deliveries::attempts + 1),
                webhook_deliveries::next_attempt_at.eq(next_attempt_at),
                webhook_deliveries::delivered_at.eq(delivered_at),
                webhook_deliveries::failed_at.eq(failed_at),
                webhook_deliveries::last_status.eq(status),
                webhook_deliveries::last_response.eq(&outcome.response),
                webhook_deliveries::last_error.eq(&outcome.error),
                webhook_deliveries::lease_owner.eq(None::<String>),
                webhook_deliveries::lease_expires_at.eq(None::<NaiveDateTime>),
            ))
            .execute(conn)?;
        Ok(())
    })
}
