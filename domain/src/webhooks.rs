//! Webhooks: an organisation's own systems told of what happens to it, over HTTP. A
//! subscription names a URL and the kinds of event it wants (the kinds of notice,
//! [`NoticeKind`]); each event becomes one delivery per subscription that wants it, a JSON body
//! of a fixed shape, signed with the subscription's secret. This module holds the rules that
//! need no I/O: which URLs DXP sends to, the kinds a subscription names, the body and the
//! signed content. Sending, signing and retrying are the service's.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;

use crate::notices::{Notice, NoticeKind, UnknownNoticeKind};

/// The longest URL kept: longer ones are refused rather than cut.
pub const MAX_URL_LENGTH: usize = 2048;

/// The header carrying the delivery's id (the body's `id`): the same on every attempt and
/// replay, so a receiver can tell a repeat.
pub const ID_HEADER: &str = "DXP-Webhook-Id";
/// The header carrying the time of the attempt, in seconds since 1970 (UTC).
pub const TIMESTAMP_HEADER: &str = "DXP-Webhook-Timestamp";
/// The header carrying the signature: `v1=<hex HMAC-SHA256 of "{timestamp}.{body}">`.
pub const SIGNATURE_HEADER: &str = "DXP-Webhook-Signature";
/// The version of the signature scheme, its prefix in [`SIGNATURE_HEADER`].
pub const SIGNATURE_VERSION: &str = "v1";

/// Which URLs a node accepts and sends to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UrlPolicy {
    /// Production: `https://` to public addresses only, so a subscription cannot make DXP call
    /// into its own network (loopback, private, link-local addresses, `localhost`).
    #[default]
    PublicHttps,
    /// Development and tests: also `http://` to the loopback interface (`localhost`,
    /// `127.0.0.1`, `[::1]`), and `https://` to any address.
    AllowLocal,
}

/// Why a URL cannot be a webhook's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WebhookUrlError {
    #[error("the URL is {0} characters long; a webhook URL has at most {MAX_URL_LENGTH}")]
    TooLong(usize),
    #[error("'{url}' is not an absolute URL ({why})")]
    Malformed { url: String, why: String },
    #[error(
        "the URL's scheme is '{0}'; webhooks are sent to https:// URLs only{hint}",
        hint = if *.1 { " (or http:// to localhost on this development node)" } else { "" }
    )]
    Scheme(String, bool),
    #[error(
        "a webhook URL carries no user name or password; put a token in its path or query if the receiver needs one"
    )]
    Credentials,
    #[error("a webhook URL has no fragment (#…): a receiver never sees it")]
    Fragment,
    #[error(
        "'{0}' is a loopback, private or link-local address; webhooks are sent to public addresses only"
    )]
    NotPublic(String),
}

/// A URL DXP may send deliveries to, as the subscriber wrote it (normalised by URL parsing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookUrl(String);

impl WebhookUrl {
    /// Reads `text` as a webhook URL under `policy`.
    pub fn parse(text: &str, policy: UrlPolicy) -> Result<Self, WebhookUrlError> {
        let text = text.trim();
        if text.len() > MAX_URL_LENGTH {
            return Err(WebhookUrlError::TooLong(text.len()));
        }
        let url = url::Url::parse(text).map_err(|error| WebhookUrlError::Malformed {
            url: text.to_owned(),
            why: error.to_string(),
        })?;
        let local = policy == UrlPolicy::AllowLocal;
        let host = url.host().ok_or_else(|| WebhookUrlError::Malformed {
            url: text.to_owned(),
            why: "it names no host".to_owned(),
        })?;
        match url.scheme() {
            "https" => {}
            "http" if local && is_loopback_host(&host) => {}
            other => return Err(WebhookUrlError::Scheme(other.to_owned(), local)),
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(WebhookUrlError::Credentials);
        }
        if url.fragment().is_some() {
            return Err(WebhookUrlError::Fragment);
        }
        if !local && !is_public_host(&host) {
            return Err(WebhookUrlError::NotPublic(host.to_string()));
        }
        Ok(WebhookUrl(url.into()))
    }

    /// A URL as stored, taken as it is (it was checked when the subscription was made).
    pub fn stored(text: String) -> Self {
        WebhookUrl(text)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for WebhookUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn is_localhost_name(name: &str) -> bool {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost" || name.ends_with(".localhost")
}

fn is_loopback_host(host: &url::Host<&str>) -> bool {
    match host {
        url::Host::Domain(name) => is_localhost_name(name),
        url::Host::Ipv4(ip) => ip.is_loopback(),
        url::Host::Ipv6(ip) => ip.is_loopback(),
    }
}

fn is_public_host(host: &url::Host<&str>) -> bool {
    match host {
        url::Host::Domain(name) => !is_localhost_name(name),
        url::Host::Ipv4(ip) => is_public_address(IpAddr::V4(*ip)),
        url::Host::Ipv6(ip) => is_public_address(IpAddr::V6(*ip)),
    }
}

/// Whether DXP may send to `address` under [`UrlPolicy::PublicHttps`]: not loopback, private
/// (RFC 1918, shared 100.64/10, IPv6 unique local), link-local (cloud metadata services live
/// there), unspecified, broadcast, multicast or documentation space. The sender checks every
/// address a name resolves to, so a public name pointing inward is refused too.
pub fn is_public_address(address: IpAddr) -> bool {
    match address {
        IpAddr::V4(ip) => is_public_v4(ip),
        IpAddr::V6(ip) => match ip.to_ipv4_mapped() {
            Some(v4) => is_public_v4(v4),
            None => is_public_v6(ip),
        },
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    let shared = a == 100 && (64..128).contains(&b);
    !(ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || shared
        || a == 0)
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    let unique_local = first & 0xfe00 == 0xfc00;
    let link_local = first & 0xffc0 == 0xfe80;
    let documentation = first == 0x2001 && ip.segments()[1] == 0x0db8;
    !(ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || unique_local
        || link_local
        || documentation)
}

/// Why the kinds a subscription names cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EventTypesError {
    #[error("name at least one event type; the types are {kinds}", kinds = NoticeKind::ALL.map(NoticeKind::as_str).join(", "))]
    None,
    #[error("{0}")]
    Unknown(#[from] UnknownNoticeKind),
    /// A kind that is never an event: the daily digest is an email made of the day's events.
    #[error(
        "'{0}' is not an event but the email gathering a day's events; subscribe to the events themselves"
    )]
    NotAnEvent(NoticeKind),
}

/// The kinds named, each once, in [`NoticeKind::ALL`] order.
pub fn parse_event_types(names: &[String]) -> Result<Vec<NoticeKind>, EventTypesError> {
    if names.is_empty() {
        return Err(EventTypesError::None);
    }
    let mut kinds = names
        .iter()
        .map(|name| name.trim().parse::<NoticeKind>())
        .collect::<Result<Vec<_>, _>>()?;
    if let Some(digest) = kinds.iter().find(|kind| **kind == NoticeKind::DailyDigest) {
        return Err(EventTypesError::NotAnEvent(*digest));
    }
    kinds.sort();
    kinds.dedup();
    Ok(kinds)
}

/// The kinds as stored: their names joined by commas.
pub fn event_types_text(kinds: &[NoticeKind]) -> String {
    kinds
        .iter()
        .map(|kind| kind.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// The kinds stored by [`event_types_text`].
pub fn event_types_from_text(text: &str) -> Result<Vec<NoticeKind>, UnknownNoticeKind> {
    text.split(',')
        .filter(|name| !name.is_empty())
        .map(str::parse)
        .collect()
}

/// Where a delivery is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum DeliveryStatus {
    /// Waiting for its first attempt or for a retry.
    Pending,
    /// The receiver answered 2xx.
    Delivered,
    /// Every attempt failed; it is sent again only if replayed.
    Failed,
}

impl DeliveryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Pending => "pending",
            DeliveryStatus::Delivered => "delivered",
            DeliveryStatus::Failed => "failed",
        }
    }
}

/// The body of a delivery, as sent: `{"id", "type", "occurredAt", "organisation", "data":
/// {"title", "body", "link"}}`. Fields may be added to it (receivers ignore those they do not
/// know); none is removed or changes meaning within `v1`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Body<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: NoticeKind,
    occurred_at: String,
    organisation: i32,
    data: Data<'a>,
}

#[derive(Debug, Serialize)]
struct Data<'a> {
    title: &'a str,
    body: &'a str,
    link: &'a str,
}

/// The JSON body of delivery `id` of `notice` to an organisation (its EDUMIS number), which
/// happened at `occurred_at`.
pub fn delivery_body(
    id: &str,
    notice: &Notice,
    organisation: i32,
    occurred_at: DateTime<Utc>,
) -> String {
    let body = Body {
        id,
        kind: notice.kind,
        occurred_at: occurred_at.to_rfc3339_opts(SecondsFormat::Secs, true),
        organisation,
        data: Data {
            title: &notice.title,
            body: &notice.body,
            link: &notice.link,
        },
    };
    // A struct of strings and an enum always serialises.
    serde_json::to_string(&body).unwrap_or_default()
}

/// What the signature covers: the attempt's timestamp (seconds), a dot, and the body exactly as
/// sent. The timestamp inside the signed content is what stops an old delivery being replayed
/// by someone who captured it.
pub fn signed_content(timestamp: i64, body: &str) -> String {
    format!("{timestamp}.{body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn public(text: &str) -> Result<WebhookUrl, WebhookUrlError> {
        WebhookUrl::parse(text, UrlPolicy::PublicHttps)
    }

    fn local(text: &str) -> Result<WebhookUrl, WebhookUrlError> {
        WebhookUrl::parse(text, UrlPolicy::AllowLocal)
    }

    #[test]
    fn production_sends_to_public_https_urls_only() {
        assert_eq!(
            public("https://hooks.example.nz/dxp?token=abc")
                .expect("public https")
                .as_str(),
            "https://hooks.example.nz/dxp?token=abc"
        );
        assert!(matches!(
            public("http://hooks.example.nz/dxp"),
            Err(WebhookUrlError::Scheme(scheme, false)) if scheme == "http"
        ));
        assert!(matches!(
            public("ftp://hooks.example.nz/"),
            Err(WebhookUrlError::Scheme(..))
        ));
        for inward in [
            "https://localhost/hook",
            "https://127.0.0.1/hook",
            "https://10.1.2.3/hook",
            "https://192.168.0.5/hook",
            "https://169.254.169.254/latest/meta-data",
            "https://[::1]/hook",
            "https://[fd00::1]/hook",
            "https://[::ffff:10.0.0.1]/hook",
        ] {
            assert!(
                matches!(public(inward), Err(WebhookUrlError::NotPublic(_))),
                "{inward}"
            );
        }
        assert_eq!(
            public("https://user:pw@hooks.example.nz/"),
            Err(WebhookUrlError::Credentials)
        );
        assert_eq!(
            public("https://hooks.example.nz/#x"),
            Err(WebhookUrlError::Fragment)
        );
        assert!(matches!(
            public("hooks.example.nz"),
            Err(WebhookUrlError::Malformed { .. })
        ));
        let long = format!("https://hooks.example.nz/{}", "a".repeat(MAX_URL_LENGTH));
        assert!(matches!(public(&long), Err(WebhookUrlError::TooLong(_))));
    }

    #[test]
    fn a_development_node_also_sends_plain_http_to_loopback() {
        assert!(local("http://127.0.0.1:8125/hook").is_ok());
        assert!(local("http://localhost:8125/hook").is_ok());
        assert!(local("http://[::1]:8125/hook").is_ok());
        assert!(local("https://10.0.0.1/hook").is_ok());
        let refused = local("http://hooks.example.nz/").expect_err("plain http out");
        assert!(
            refused.to_string().contains("http:// to localhost"),
            "{refused}"
        );
    }

    #[test]
    fn public_addresses_exclude_every_inward_range() {
        for inward in [
            "100.64.0.1",
            "0.0.0.0",
            "255.255.255.255",
            "224.0.0.1",
            "fe80::1",
        ] {
            let address: IpAddr = inward.parse().expect("address");
            assert!(!is_public_address(address), "{inward}");
        }
        for outward in ["203.97.1.1", "8.8.8.8", "2404:6800::1"] {
            let address: IpAddr = outward.parse().expect("address");
            assert!(is_public_address(address), "{outward}");
        }
    }

    #[test]
    fn event_types_are_known_kinds_each_once_in_order() {
        let names = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let kinds = parse_event_types(&names(&[
            "stop-gate-lifted",
            "submission-rejected",
            "stop-gate-lifted",
        ]))
        .expect("known");
        assert_eq!(
            kinds,
            [NoticeKind::SubmissionRejected, NoticeKind::StopGateLifted]
        );
        assert_eq!(
            event_types_text(&kinds),
            "submission-rejected,stop-gate-lifted"
        );
        assert_eq!(
            event_types_from_text("submission-rejected,stop-gate-lifted"),
            Ok(kinds)
        );
        assert_eq!(parse_event_types(&[]), Err(EventTypesError::None));
        assert_eq!(
            parse_event_types(&names(&["submission-processed", "daily-digest"])),
            Err(EventTypesError::NotAnEvent(NoticeKind::DailyDigest))
        );
        let unknown = parse_event_types(&names(&["memo"])).expect_err("unknown");
        assert!(unknown.to_string().contains("'memo'"), "{unknown}");
    }

    #[test]
    fn the_body_has_its_documented_shape() {
        let notice = Notice {
            kind: NoticeKind::SubmissionRejected,
            title: "Your 2026-APR return has errors to fix".to_owned(),
            body: "Fix \"them\"".to_owned(),
            link: "/submissions/s-1".to_owned(),
            document_type: None,
            commercial: false,
        };
        let at = DateTime::parse_from_rfc3339("2026-04-20T00:00:00.123Z")
            .expect("time")
            .with_timezone(&Utc);
        let body = delivery_body("d-1", &notice, 6004, at);
        assert_eq!(
            body,
            r#"{"id":"d-1","type":"submission-rejected","occurredAt":"2026-04-20T00:00:00Z","organisation":6004,"data":{"title":"Your 2026-APR return has errors to fix","body":"Fix \"them\"","link":"/submissions/s-1"}}"#
        );
        assert_eq!(signed_content(1_776_000_000, "{}"), "1776000000.{}");
    }
}
