//! Webhooks: an organisation subscribes a URL to kinds of event, and DXP POSTs each such event
//! to it, signed. The use cases (subscribe, list, read, delete, rotate the secret, list the
//! deliveries, replay one) and the sender.
//!
//! The sender works like the mailer: each delivery was written in the transaction of its event;
//! a sender takes a few due ones at a time under a lease (so senders on several nodes never send
//! the same one at once), POSTs each with a 10-second limit, and logs the answer. A 2xx answer
//! is delivered; anything else is retried after a wait that doubles up to an hour, and after
//! [`MAX_ATTEMPTS`] attempts the delivery is failed until someone replays it. A node that stops
//! between the receiver's answer and the log can send that one delivery once more when its lease
//! runs out: receivers tell a repeat by its `DXP-Webhook-Id`.
//!
//! Each attempt is signed anew: `DXP-Webhook-Timestamp` is the system time of the attempt (not
//! the service's settable clock: the receiver compares it with its own clock), and
//! `DXP-Webhook-Signature` is `v1=` and the hex HMAC-SHA256, keyed with the subscription's
//! secret, of `{timestamp}.{body}`.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use dxp_domain::Edumis;
use dxp_domain::webhooks::{self as rules, UrlPolicy, WebhookUrl};
use dxp_persistence::submissions::Scope;
use dxp_persistence::webhooks::{
    self as store, Delivery, NewSubscription, Next, Outcome, Outgoing, Subscription,
};
use hmac::{Hmac, Mac};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::header;
use hyper_util::rt::TokioIo;
use sha2::Sha256;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio_rustls::TlsConnector;
use tokio_rustls::rustls;

use crate::{Caller, Service, ServiceError};

/// Attempts of one series (the first queuing, or a replay) before a delivery is failed: with
/// the default first retry of a minute, the last comes about four hours after the first.
pub const MAX_ATTEMPTS: i32 = 10;

/// How long a receiver has to answer (connection, TLS, request and the start of its answer).
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// How much of a receiver's answer is kept in the log: enough to read an error message.
pub const EXCERPT_BYTES: usize = 1024;

/// The most deliveries one read lists.
pub const MAX_DELIVERIES_LISTED: i64 = 100;

/// How long a sender holds the deliveries it took: well beyond [`TIMEOUT`], so a delivery is
/// never taken by another sender while its attempt may still be under way.
const LEASE: Duration = Duration::from_secs(60);

/// Deliveries taken at a time; they are sent concurrently.
const BATCH: i64 = 20;

/// How often an idle sender looks for due deliveries.
const POLL_INTERVAL: Duration = Duration::from_secs(1);

/// What every secret starts with, so that a leaked one is recognised (by secret scanners, and
/// by people) for what it is.
const SECRET_PREFIX: &str = "whsec_";

/// A subscription with its secret: only right after it was made or its secret was replaced.
#[derive(Clone)]
pub struct WithSecret {
    pub subscription: Subscription,
    pub secret: String,
}

fn new_secret() -> String {
    format!("{SECRET_PREFIX}{}", crate::secrets::random_256_bit_hex())
}

/// The signature of `body` sent at `timestamp` (seconds), keyed with `secret` (its UTF-8
/// bytes, prefix included): `v1=` and the hex HMAC-SHA256 of `{timestamp}.{body}`.
pub fn sign(secret: &str, timestamp: i64, body: &str) -> String {
    // HMAC takes a key of any length: this never fails.
    let mut mac = match Hmac::<Sha256>::new_from_slice(secret.as_bytes()) {
        Ok(mac) => mac,
        Err(_) => return String::new(),
    };
    mac.update(rules::signed_content(timestamp, body).as_bytes());
    format!(
        "{}={}",
        rules::SIGNATURE_VERSION,
        crate::secrets::hex(&mac.finalize().into_bytes())
    )
}

impl Service {
    /// Subscribes `url` of `organisation` to the kinds of event named. Answers the secret,
    /// which is never shown again.
    pub async fn subscribe_webhook(
        &self,
        caller: &Caller,
        organisation: Edumis,
        url: &str,
        event_types: &[String],
    ) -> Result<WithSecret, ServiceError> {
        if let Scope::Organisation(own) = caller.scope
            && own != organisation
        {
            return Err(ServiceError::Forbidden(format!(
                "you act for organisation {own}; you cannot subscribe for {organisation}"
            )));
        }
        let url = WebhookUrl::parse(url, self.webhook_urls())
            .map_err(|error| ServiceError::BadInput(format!("url: {error}")))?;
        let kinds = rules::parse_event_types(event_types)
            .map_err(|error| ServiceError::BadInput(format!("eventTypes: {error}")))?;
        let secret = new_secret();
        let (kept, actor) = (secret.clone(), caller.actor.clone());
        let subscription = self
            .blocking(move |conn| {
                store::subscribe(
                    conn,
                    &NewSubscription {
                        organisation,
                        url: url.as_str(),
                        kinds: &kinds,
                        secret: &kept,
                        created_by: &actor,
                    },
                )
            })
            .await?;
        tracing::info!(
            webhook.id = %subscription.id,
            organisation = %organisation,
            "webhook subscribed"
        );
        Ok(WithSecret {
            subscription,
            secret,
        })
    }

    /// The webhooks the caller may see (of `organisation` only, when named).
    pub async fn webhooks(
        &self,
        caller: &Caller,
        organisation: Option<Edumis>,
    ) -> Result<Vec<Subscription>, ServiceError> {
        let scope = caller.scope;
        self.blocking(move |conn| store::list(conn, scope, organisation))
            .await
    }

    /// One webhook the caller may see.
    pub async fn webhook(&self, caller: &Caller, id: &str) -> Result<Subscription, ServiceError> {
        let (scope, id) = (caller.scope, id.to_owned());
        self.blocking(move |conn| store::find(conn, &id, scope))
            .await
    }

    /// Deletes a webhook: nothing more is sent to it.
    pub async fn delete_webhook(&self, caller: &Caller, id: &str) -> Result<(), ServiceError> {
        let (scope, id, actor) = (caller.scope, id.to_owned(), caller.actor.clone());
        self.blocking(move |conn| store::delete(conn, &id, scope, &actor))
            .await
    }

    /// Gives a webhook a new secret, answered once; the old one signs nothing more.
    pub async fn rotate_webhook_secret(
        &self,
        caller: &Caller,
        id: &str,
    ) -> Result<WithSecret, ServiceError> {
        let secret = new_secret();
        let (scope, id, actor, kept) = (
            caller.scope,
            id.to_owned(),
            caller.actor.clone(),
            secret.clone(),
        );
        let subscription = self
            .blocking(move |conn| store::rotate_secret(conn, &id, scope, &kept, &actor))
            .await?;
        Ok(WithSecret {
            subscription,
            secret,
        })
    }

    /// A webhook's newest deliveries (at most `limit`, up to [`MAX_DELIVERIES_LISTED`]), each
    /// with its attempts.
    pub async fn webhook_deliveries(
        &self,
        caller: &Caller,
        id: &str,
        limit: i64,
    ) -> Result<Vec<Delivery>, ServiceError> {
        let (scope, id) = (caller.scope, id.to_owned());
        let limit = limit.clamp(1, MAX_DELIVERIES_LISTED);
        self.blocking(move |conn| store::deliveries(conn, &id, scope, limit))
            .await
    }

    /// Queues a delivery again, as a new series of attempts: same body, new timestamp and
    /// signature.
    pub async fn replay_webhook_delivery(
        &self,
        caller: &Caller,
        id: &str,
        delivery: &str,
    ) -> Result<Delivery, ServiceError> {
        let (scope, id, delivery, actor) = (
            caller.scope,
            id.to_owned(),
            delivery.to_owned(),
            caller.actor.clone(),
        );
        self.blocking(move |conn| store::replay(conn, &id, &delivery, scope, &actor))
            .await
    }
}

/// How this node sends webhooks.
#[derive(Debug, Clone)]
pub struct SenderOptions {
    /// The wait before the second attempt of a delivery; it doubles with each failure, up to an
    /// hour.
    pub first_retry: Duration,
    /// This node's name in leases.
    pub node: String,
}

/// Why the sender could not start.
#[derive(Debug, thiserror::Error)]
#[error("the webhook sender cannot set up TLS: {0}")]
pub struct SenderError(String);

/// Starts the webhook sender on the current tokio runtime. It sends to the URLs the service's
/// policy accepts ([`Service::webhook_urls`]).
pub fn spawn(service: &Service, options: SenderOptions) -> Result<(), SenderError> {
    let sender = Arc::new(Sender {
        tls: tls_connector()?,
        policy: service.webhook_urls(),
    });
    let service = service.clone();
    tokio::spawn(async move { run(service, sender, options).await });
    Ok(())
}

/// TLS as browsers do it: rustls on ring, the Mozilla roots (webpki-roots), TLS 1.2 and 1.3.
fn tls_connector() -> Result<TlsConnector, SenderError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|error| SenderError(error.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(TlsConnector::from(Arc::new(config)))
}

async fn run(service: Service, sender: Arc<Sender>, options: SenderOptions) {
    let owner = format!("{}/webhooks", options.node);
    loop {
        let taker = owner.clone();
        let taken = service
            .blocking(move |conn| store::take_due(conn, &taker, LEASE, BATCH))
            .await;
        match taken {
            Ok(deliveries) if !deliveries.is_empty() => {
                let mut attempts = tokio::task::JoinSet::new();
                for delivery in deliveries {
                    let (service, sender, owner) =
                        (service.clone(), Arc::clone(&sender), owner.clone());
                    let first_retry = options.first_retry;
                    attempts.spawn(async move {
                        attempt(&service, &sender, &owner, first_retry, delivery).await;
                    });
                }
                while attempts.join_next().await.is_some() {}
                continue;
            }
            Ok(_) => {}
            Err(error) => tracing::warn!(error = %error, "cannot read the webhook deliveries"),
        }
        tokio::time::sleep(POLL_INTERVAL).await;
    }
}

/// What becomes of a delivery after the attempt that ended in `outcome`.
fn next_after(outcome: &Outcome, attempts_before: i32, first_retry: Duration) -> Next {
    if outcome
        .status
        .is_some_and(|status| (200..300).contains(&status))
    {
        Next::Delivered
    } else if attempts_before + 1 >= MAX_ATTEMPTS {
        Next::GiveUp
    } else {
        Next::RetryIn(crate::mailer::backoff(first_retry, attempts_before))
    }
}

/// Sends one delivery and logs how it went.
async fn attempt(
    service: &Service,
    sender: &Sender,
    owner: &str,
    first_retry: Duration,
    delivery: Outgoing,
) {
    let timestamp = chrono::Utc::now().timestamp();
    let signature = sign(&delivery.secret, timestamp, &delivery.body);
    let started = Instant::now();
    let answer = tokio::time::timeout(TIMEOUT, sender.post(&delivery, timestamp, &signature)).await;
    let took = started.elapsed();
    let outcome = match answer {
        Ok(Ok((status, excerpt))) => Outcome {
            status: Some(status),
            response: Some(excerpt).filter(|text| !text.is_empty()),
            error: (!(200..300).contains(&status))
                .then(|| format!("the receiver answered {status}")),
            took,
        },
        Ok(Err(why)) => Outcome {
            status: None,
            response: None,
            error: Some(why),
            took,
        },
        Err(_) => Outcome {
            status: None,
            response: None,
            error: Some(format!("no answer within {} seconds", TIMEOUT.as_secs())),
            took,
        },
    };
    let next = next_after(&outcome, delivery.attempts, first_retry);
    let host = url::Url::parse(&delivery.url)
        .ok()
        .and_then(|url| url.host_str().map(str::to_owned))
        .unwrap_or_default();
    match next {
        Next::Delivered => tracing::info!(
            webhook.delivery = %delivery.id,
            webhook.kind = %delivery.kind,
            webhook.host = %host,
            http.status = outcome.status,
            "webhook delivered"
        ),
        Next::RetryIn(wait) => tracing::warn!(
            webhook.delivery = %delivery.id,
            webhook.host = %host,
            webhook.attempts = delivery.attempts + 1,
            http.status = outcome.status,
            retry_in_seconds = wait.as_secs(),
            error = outcome.error.as_deref().unwrap_or_default(),
            "webhook not delivered; it will be tried again"
        ),
        Next::GiveUp => tracing::warn!(
            webhook.delivery = %delivery.id,
            webhook.host = %host,
            webhook.attempts = delivery.attempts + 1,
            http.status = outcome.status,
            error = outcome.error.as_deref().unwrap_or_default(),
            "webhook not delivered after its last attempt; it waits for a replay"
        ),
    }
    let owner = owner.to_owned();
    let logged = service
        .blocking(move |conn| store::record_attempt(conn, &delivery, &owner, &outcome, next))
        .await;
    if let Err(error) = logged {
        tracing::warn!(error = %error, "cannot record how a webhook delivery went");
    }
}

/// A connection to a receiver, plain or TLS.
trait Connection: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Connection for T {}

/// POSTs deliveries: one HTTP/1.1 connection per attempt, no redirects followed, no proxy.
struct Sender {
    tls: TlsConnector,
    policy: UrlPolicy,
}

impl Sender {
    /// Sends `delivery` and answers the receiver's status and the start of its answer, or why
    /// there was no answer.
    async fn post(
        &self,
        delivery: &Outgoing,
        timestamp: i64,
        signature: &str,
    ) -> Result<(u16, String), String> {
        // Checked again: this node's policy may be stricter than the one the URL was taken under.
        WebhookUrl::parse(&delivery.url, self.policy).map_err(|error| error.to_string())?;
        let url = url::Url::parse(&delivery.url).map_err(|error| error.to_string())?;
        let host = url
            .host()
            .ok_or_else(|| "the URL names no host".to_owned())?;
        let port = url
            .port_or_known_default()
            .ok_or_else(|| "the URL names no port".to_owned())?;
        let (addresses, server_name): (Vec<SocketAddr>, String) = match host {
            url::Host::Domain(name) => (
                tokio::net::lookup_host((name, port))
                    .await
                    .map_err(|error| format!("{name} cannot be resolved: {error}"))?
                    .collect(),
                name.to_owned(),
            ),
            url::Host::Ipv4(ip) => (vec![SocketAddr::from((ip, port))], ip.to_string()),
            url::Host::Ipv6(ip) => (vec![SocketAddr::from((ip, port))], ip.to_string()),
        };
        // Every address is checked, not the name: a public name may point inward.
        let allowed: Vec<SocketAddr> = addresses
            .into_iter()
            .filter(|address| {
                self.policy == UrlPolicy::AllowLocal || rules::is_public_address(address.ip())
            })
            .collect();
        if allowed.is_empty() {
            return Err(format!(
                "{server_name} has no public address; webhooks are sent to public addresses only"
            ));
        }
        let stream = tokio::net::TcpStream::connect(&allowed[..])
            .await
            .map_err(|error| format!("cannot connect to {server_name}:{port}: {error}"))?;
        let _ = stream.set_nodelay(true);
        let connection: Box<dyn Connection> = if url.scheme() == "https" {
            let name = rustls::pki_types::ServerName::try_from(server_name.clone())
                .map_err(|error| format!("{server_name} cannot be checked by TLS: {error}"))?;
            Box::new(
                self.tls
                    .connect(name, stream)
                    .await
                    .map_err(|error| format!("TLS with {server_name} failed: {error}"))?,
            )
        } else {
            Box::new(stream)
        };
        let (mut requests, driver) =
            hyper::client::conn::http1::handshake(TokioIo::new(connection))
                .await
                .map_err(|error| format!("HTTP with {server_name} failed: {error}"))?;
        let request =
            hyper::Request::post(&url[url::Position::BeforePath..url::Position::AfterQuery])
                .header(
                    header::HOST,
                    &url[url::Position::BeforeHost..url::Position::AfterPort],
                )
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::USER_AGENT, "DXP-Webhooks/1")
                .header(rules::ID_HEADER, &delivery.id)
                .header(rules::TIMESTAMP_HEADER, timestamp.to_string())
                .header(rules::SIGNATURE_HEADER, signature)
                .body(Full::new(Bytes::from(delivery.body.clone())))
                .map_err(|error| format!("the request cannot be written: {error}"))?;
        let exchange = async {
            let response = requests
                .send_request(request)
                .await
                .map_err(|error| format!("{server_name} gave no answer: {error}"))?;
            let status = response.status().as_u16();
            let mut body = response.into_body();
            let mut excerpt = Vec::new();
            while excerpt.len() < EXCERPT_BYTES {
                match body.frame().await {
                    Some(Ok(frame)) => {
                        if let Some(data) = frame.data_ref() {
                            excerpt.extend_from_slice(data);
                        }
                    }
                    // What came before the end or the break is kept.
                    Some(Err(_)) | None => break,
                }
            }
            excerpt.truncate(EXCERPT_BYTES);
            Ok((status, String::from_utf8_lossy(&excerpt).into_owned()))
        };
        // The connection is driven here, not spawned: when the attempt ends (or times out) it is
        // dropped and closed.
        tokio::pin!(exchange, driver);
        tokio::select! {
            biased;
            answer = &mut exchange => answer,
            // The connection ended: what it delivered before is still read.
            _ = &mut driver => exchange.await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_is_hmac_sha256_of_timestamp_dot_body_in_hex() {
        // Computed apart, with Python's hmac module.
        assert_eq!(
            sign("whsec_test", 1_776_000_000, r#"{"id":"d-1"}"#),
            "v1=1c33799dd644cd1a0debe977f3a8e9c935dc02e5e44da6995fd41ea09e36fe25"
        );
        assert_ne!(
            sign("whsec_test", 1_776_000_001, r#"{"id":"d-1"}"#),
            sign("whsec_test", 1_776_000_000, r#"{"id":"d-1"}"#),
            "the timestamp is signed"
        );
        let secret = new_secret();
        assert!(
            secret.starts_with("whsec_") && secret.len() == 70,
            "{secret}"
        );
    }

    #[test]
    fn a_failed_delivery_waits_twice_as_long_each_time_and_gives_up_after_ten() {
        let first = Duration::from_secs(60);
        let failed = |status: Option<u16>| Outcome {
            status,
            response: None,
            error: None,
            took: Duration::ZERO,
        };
        assert_eq!(next_after(&failed(Some(204)), 0, first), Next::Delivered);
        assert_eq!(
            next_after(&failed(Some(500)), 0, first),
            Next::RetryIn(first)
        );
        assert_eq!(
            next_after(&failed(None), 2, first),
            Next::RetryIn(Duration::from_secs(240))
        );
        assert_eq!(
            next_after(&failed(Some(302)), 8, first),
            Next::RetryIn(Duration::from_secs(3600)),
            "a redirect is not followed: it is a failure"
        );
        assert_eq!(
            next_after(&failed(Some(500)), MAX_ATTEMPTS - 1, first),
            Next::GiveUp
        );
    }

    #[test]
    fn tls_is_set_up_with_the_web_roots() {
        assert!(tls_connector().is_ok());
    }
}
