//! The mailer: sends the mail outbox through SMTP. Each message was written in the transaction
//! of the event it tells of; the mailer takes a few at a time under a lease, sends each, and
//! marks it sent, so a message waits while the SMTP server is down and goes once it is back. A
//! failure is retried with a backoff that doubles up to an hour. Mailers on several nodes share
//! the outbox through its leases, so a message is sent by one of them; a node that stops
//! between the SMTP server's acceptance and the mark can send that one message once more when
//! its lease runs out (SMTP has no way to ask whether a message already arrived).

use std::time::Duration;

use dxp_persistence::outbox::{self, OutgoingEmail};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::Service;

/// How often an idle mailer looks at the outbox.
const POLL_INTERVAL: Duration = Duration::from_secs(1);

/// Messages taken at a time.
const BATCH: i64 = 20;

/// How long a mailer holds the messages it took.
const LEASE: Duration = Duration::from_secs(120);

/// The longest wait between two tries of one message.
const MAX_RETRY: Duration = Duration::from_secs(3600);

/// How this node sends email.
#[derive(Debug, Clone)]
pub struct MailerOptions {
    /// `smtp://host:port` (plain, for a relay on the same network), `smtp://host:587?tls=required`
    /// (STARTTLS) or `smtps://host:465` (TLS), with `user:password@` when the server needs it.
    pub smtp_url: String,
    /// The sender, such as `DXP Ngā Kete <no-reply@dxp.example.govt.nz>`.
    pub from: String,
    /// Where the portal is, for the link in each message (`https://dxp.example.govt.nz`).
    pub portal_url: String,
    /// The wait before the first retry of a message that could not be sent; it doubles with
    /// each failure.
    pub first_retry: Duration,
    /// This node's name in leases.
    pub node: String,
}

/// Why the mailer could not start.
#[derive(Debug, thiserror::Error)]
pub enum MailerError {
    #[error("DXP_SMTP_URL is not an SMTP URL DXP can use: {0}")]
    Url(String),
    #[error("DXP_SMTP_FROM '{0}' is not an email address (write it as `Name <address@host>`)")]
    From(String),
}

/// Starts the mailer on the current tokio runtime. Fails at once on a URL or sender it cannot
/// use, so a misconfigured node says so when it starts rather than when the first mail is due.
pub fn spawn(service: &Service, options: MailerOptions) -> Result<(), MailerError> {
    let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&options.smtp_url)
        .map_err(|error| MailerError::Url(error.to_string()))?
        .timeout(Some(Duration::from_secs(30)))
        .build();
    let from: Mailbox = options
        .from
        .parse()
        .map_err(|_| MailerError::From(options.from.clone()))?;
    let service = service.clone();
    tokio::spawn(async move { run(service, transport, from, options).await });
    Ok(())
}

async fn run(
    service: Service,
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    options: MailerOptions,
) {
    let owner = format!("{}/mailer", options.node);
    loop {
        let taker = owner.clone();
        let taken = service
            .blocking(move |conn| outbox::take_due(conn, &taker, LEASE, BATCH))
            .await;
        match taken {
            Ok(messages) if !messages.is_empty() => {
                for message in messages {
                    send(&service, &transport, &from, &options, &owner, message).await;
                }
                continue;
            }
            Ok(_) => {}
            Err(error) => tracing::warn!(error = %error, "cannot read the mail outbox"),
        }
        tokio::time::sleep(POLL_INTERVAL).await;
    }
}

/// The wait before the next try of something that has failed `attempts` times before this
/// one: `first`, doubled with each failure, at most an hour. The mailer and the webhook sender
/// both retry so.
pub(crate) fn backoff(first: Duration, attempts: i32) -> Duration {
    let doublings = u32::try_from(attempts.clamp(0, 16)).unwrap_or(16);
    first
        .saturating_mul(2u32.saturating_pow(doublings))
        .min(MAX_RETRY)
}

async fn send(
    service: &Service,
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    from: &Mailbox,
    options: &MailerOptions,
    owner: &str,
    message: OutgoingEmail,
) {
    let sent = match compose(from, &options.portal_url, &message) {
        Ok(email) => transport
            .send(email)
            .await
            .map(|_| ())
            .map_err(|error| format!("the SMTP server did not take it: {error}")),
        Err(why) => Err(why),
    };
    let (id, owner) = (message.id.clone(), owner.to_owned());
    let outcome = match &sent {
        Ok(()) => {
            tracing::info!(email.id = %message.id, email.kind = %message.kind, "email sent");
            service
                .blocking(move |conn| outbox::mark_sent(conn, &id, &owner))
                .await
        }
        Err(why) => {
            let wait = backoff(options.first_retry, message.attempts);
            tracing::warn!(
                email.id = %message.id,
                email.attempts = message.attempts + 1,
                retry_in_seconds = wait.as_secs(),
                error = %why,
                "email not sent; it waits in the outbox"
            );
            let why = why.clone();
            service
                .blocking(move |conn| outbox::mark_failed(conn, &id, &owner, &why, wait))
                .await
        }
    };
    if let Err(error) = outcome {
        tracing::warn!(error = %error, "cannot record how sending an email went");
    }
}

/// The message as sent: plain text and HTML, each with the link to the portal page and why the
/// person gets it.
fn compose(from: &Mailbox, portal_url: &str, message: &OutgoingEmail) -> Result<Message, String> {
    let to: Mailbox = message
        .recipient
        .parse()
        .map_err(|_| format!("'{}' is not an email address", message.recipient))?;
    let (text, html) = bodies(portal_url, message);
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(&message.title)
        .multipart(MultiPart::alternative_plain_html(text, html))
        .map_err(|error| format!("the message cannot be written: {error}"))
}

/// The plain text and the HTML of a message.
fn bodies(portal_url: &str, message: &OutgoingEmail) -> (String, String) {
    let portal = portal_url.trim_end_matches('/');
    let page = format!("{portal}{}", message.link);
    let settings = format!("{portal}/settings/email");
    let why = message.kind.description();
    let text = format!(
        "{body}\n\nOpen it in DXP Ngā Kete: {page}\n\n--\nYou are emailed because you chose to \
         hear when: {why}.\nChoose what you are emailed: {settings}\n",
        body = message.body
    );
    let html = format!(
        "<!doctype html><html lang=\"en\"><body>\
         <p>{body}</p>\
         <p><a href=\"{page}\">Open it in DXP Ngā Kete</a></p>\
         <hr><p style=\"color:#555\">You are emailed because you chose to hear when: {why}. \
         <a href=\"{settings}\">Choose what you are emailed</a>.</p>\
         </body></html>",
        body = escape(&message.body),
        page = escape(&page),
        why = escape(why),
        settings = escape(&settings),
    );
    (text, html)
}

/// Text as HTML shows it.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use dxp_domain::notices::NoticeKind;

    #[test]
    fn a_failed_message_waits_twice_as_long_each_time_up_to_an_hour() {
        let first = Duration::from_secs(30);
        assert_eq!(backoff(first, 0), Duration::from_secs(30));
        assert_eq!(backoff(first, 1), Duration::from_secs(60));
        assert_eq!(backoff(first, 3), Duration::from_secs(240));
        assert_eq!(backoff(first, 50), MAX_RETRY);
    }

    #[test]
    fn a_message_links_to_its_page_in_text_and_in_escaped_html() {
        let from: Mailbox = "DXP <no-reply@dxp.test>".parse().expect("from");
        let message = OutgoingEmail {
            id: "m-1".to_owned(),
            recipient: "ana@teo.test".to_owned(),
            kind: NoticeKind::SubmissionRejected,
            title: "Your 2026-APR return has errors to fix".to_owned(),
            body: "3 errors <fix them> & validate again".to_owned(),
            link: "/data-submissions/s-1".to_owned(),
            attempts: 0,
        };
        let (text, html) = bodies("https://dxp.test/", &message);
        assert!(text.contains("Open it in DXP Ngā Kete: https://dxp.test/data-submissions/s-1"));
        assert!(
            text.contains("3 errors <fix them> & validate again"),
            "{text}"
        );
        assert!(
            html.contains("href=\"https://dxp.test/data-submissions/s-1\""),
            "{html}"
        );
        assert!(
            html.contains("3 errors &lt;fix them&gt; &amp; validate again"),
            "{html}"
        );
        let email = compose(&from, "https://dxp.test/", &message).expect("composed");
        let written = String::from_utf8(email.formatted()).expect("UTF-8");
        assert!(written.contains("To: ana@teo.test"), "{written}");
        let bad = OutgoingEmail {
            recipient: "not an address".to_owned(),
            ..message
        };
        assert!(compose(&from, "https://dxp.test", &bad).is_err());
    }
}
