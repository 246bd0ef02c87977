//! A real SMTP exchange for the tests: a small SMTP server on a local port that takes every
//! message and keeps it (envelope and content), so a test can assert who got what. It speaks
//! the plain SMTP a mailer uses without TLS or authentication (EHLO, MAIL, RCPT, DATA, RSET,
//! NOOP, QUIT), undoing the mailer's dot-stuffing.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A message as the sink received it.
#[derive(Debug, Clone)]
pub struct Mail {
    pub to: Vec<String>,
    /// The message as sent (headers and body, quoted-printable parts decoded).
    pub content: String,
}

impl Mail {
    /// The value of the message's header `name`.
    pub fn header(&self, name: &str) -> Option<String> {
        let prefix = format!("{}:", name.to_ascii_lowercase());
        self.content
            .lines()
            .take_while(|line| !line.is_empty())
            .find(|line| line.to_ascii_lowercase().starts_with(&prefix))
            .map(|line| line[prefix.len()..].trim().to_owned())
    }
}

/// A running sink; stopped when dropped.
pub struct SmtpSink {
    port: u16,
    received: Arc<Mutex<Vec<Mail>>>,
    stopping: Arc<AtomicBool>,
}

impl SmtpSink {
    /// A sink on a free port.
    pub fn start() -> Self {
        Self::on(TcpListener::bind("127.0.0.1:0").expect("bind the SMTP sink"))
    }

    /// A sink on `port` (one a test kept free while the SMTP server was "down").
    pub fn start_on(port: u16) -> Self {
        Self::on(TcpListener::bind(("127.0.0.1", port)).expect("bind the SMTP sink"))
    }

    fn on(listener: TcpListener) -> Self {
        let port = listener.local_addr().expect("address").port();
        listener.set_nonblocking(true).expect("non-blocking");
        let received = Arc::new(Mutex::new(Vec::new()));
        let stopping = Arc::new(AtomicBool::new(false));
        let (kept, stop) = (Arc::clone(&received), Arc::clone(&stopping));
        std::thread::spawn(move || {
            while !stop.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let kept = Arc::clone(&kept);
                        std::thread::spawn(move || {
                            let _ = converse(stream, &kept);
                        });
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(20)),
                }
            }
        });
        SmtpSink {
            port,
            received,
            stopping,
        }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message so far.
    pub fn messages(&self) -> Vec<Mail> {
        self.received
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Waits up to `within` for at least `count` messages, and returns all of them.
    pub fn wait_for(&self, count: usize, within: Duration) -> Vec<Mail> {
        let deadline = Instant::now() + within;
        loop {
            let messages = self.messages();
            if messages.len() >= count || Instant::now() >= deadline {
                return messages;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
    }
}

/// A port no one listens on now: an SMTP server that is down.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("address")
        .port()
}

fn converse(stream: TcpStream, kept: &Mutex<Vec<Mail>>) -> std::io::Result<()> {
    stream.set_nonblocking(false)?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    writer.write_all(b"220 dxp-test-sink ESMTP\r\n")?;
    let mut to = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_ascii_uppercase();
        let reply: &[u8] = if command.starts_with("EHLO") {
            b"250-dxp-test-sink\r\n250 8BITMIME\r\n"
        } else if command.starts_with("HELO") {
            b"250 dxp-test-sink\r\n"
        } else if command.starts_with("MAIL FROM") {
            to.clear();
            b"250 OK\r\n"
        } else if command.starts_with("RCPT TO") {
            let address = line.trim_end()[8..]
                .trim()
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_owned();
            to.push(address);
            b"250 OK\r\n"
        } else if command == "DATA" {
            writer.write_all(b"354 end with <CRLF>.<CRLF>\r\n")?;
            let mut content = String::new();
            loop {
                line.clear();
                if reader.read_line(&mut line)? == 0 {
                    return Ok(());
                }
                if line == ".\r\n" || line == ".\n" {
                    break;
                }
                content.push_str(line.strip_prefix('.').unwrap_or(&line));
            }
            kept.lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push(Mail {
                    to: std::mem::take(&mut to),
                    content: decode_quoted_printable(&content),
                });
            b"250 OK queued\r\n"
        } else if command == "QUIT" {
            writer.write_all(b"221 bye\r\n")?;
            return Ok(());
        } else if command == "RSET" || command == "NOOP" {
            b"250 OK\r\n"
        } else {
            b"502 not implemented\r\n"
        };
        writer.write_all(reply)?;
    }
}

/// Undoes quoted-printable soft line breaks and `=XX` escapes (a whole message at once is
/// enough for a test's assertions: other text has no `=` followed by two hex digits).
fn decode_quoted_printable(text: &str) -> String {
    let joined = text.replace("=\r\n", "").replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'='
            && at + 2 < bytes.len()
            && bytes[at + 1].is_ascii_hexdigit()
            && bytes[at + 2].is_ascii_hexdigit()
            && let Ok(byte) = u8::from_str_radix(&joined[at + 1..at + 3], 16)
        {
            out.push(byte);
            at += 3;
            continue;
        }
        out.push(bytes[at]);
        at += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
