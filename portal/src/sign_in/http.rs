//! The HTTP client the sign-in talks to the identity provider with: discovery, its keys, and
//! the code exchange.
//!
//! Our own, over hyper with rustls on ring and the Mozilla roots, as the webhook sender's: the
//! HTTP clients `openidconnect` offers would bring a second TLS stack (reqwest's, on aws-lc or
//! with a crypto provider every other reqwest client of the build must then install). One
//! HTTP/1.1 connection per request, no redirect followed (a redirect from the provider's token
//! endpoint would be a way to send the code elsewhere), no proxy, and a deadline on the whole
//! exchange.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Bytes;
use hyper::header;
use hyper_util::rt::TokioIo;
use openidconnect::{AsyncHttpClient, HttpRequest, HttpResponse};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio_rustls::TlsConnector;
use tokio_rustls::rustls;

/// How long one request to the identity provider may take, connecting included: a person is
/// waiting on the other end.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// The largest answer read from the identity provider: discovery documents and key sets are a
/// few kilobytes.
const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Why a request to the identity provider got no answer.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct HttpError(String);

trait Connection: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Connection for T {}

/// Sends the sign-in's requests to the identity provider.
pub struct IdpClient {
    tls: TlsConnector,
}

impl IdpClient {
    /// A client with TLS as browsers do it: rustls on ring, the Mozilla roots, TLS 1.2 and 1.3.
    pub fn new() -> Result<Self, HttpError> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let roots = rustls::RootCertStore {
            roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
        };
        let config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|error| HttpError(format!("TLS cannot be set up: {error}")))?
            .with_root_certificates(roots)
            .with_no_client_auth();
        Ok(Self {
            tls: TlsConnector::from(Arc::new(config)),
        })
    }

    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, HttpError> {
        let url = url::Url::parse(&request.uri().to_string())
            .map_err(|error| HttpError(format!("{} is not a URL: {error}", request.uri())))?;
        let host = url
            .host()
            .ok_or_else(|| HttpError(format!("{url} names no host")))?;
        let port = url
            .port_or_known_default()
            .ok_or_else(|| HttpError(format!("{url} names no port")))?;
        let server_name = match host {
            url::Host::Domain(name) => name.to_owned(),
            url::Host::Ipv4(ip) => ip.to_string(),
            url::Host::Ipv6(ip) => ip.to_string(),
        };
        let stream = tokio::net::TcpStream::connect((server_name.as_str(), port))
            .await
            .map_err(|error| {
                HttpError(format!("cannot connect to {server_name}:{port}: {error}"))
            })?;
        let _ = stream.set_nodelay(true);
        let connection: Box<dyn Connection> = match url.scheme() {
            "https" => {
                let name = rustls::pki_types::ServerName::try_from(server_name.clone()).map_err(
                    |error| HttpError(format!("{server_name} cannot be checked by TLS: {error}")),
                )?;
                Box::new(self.tls.connect(name, stream).await.map_err(|error| {
                    HttpError(format!("TLS with {server_name} failed: {error}"))
                })?)
            }
            "http" => Box::new(stream),
            other => return Err(HttpError(format!("{other}: is not http or https"))),
        };
        let (mut requests, driver) =
            hyper::client::conn::http1::handshake(TokioIo::new(connection))
                .await
                .map_err(|error| HttpError(format!("HTTP with {server_name} failed: {error}")))?;

        let (parts, body) = request.into_parts();
        let mut outgoing = hyper::Request::builder()
            .method(parts.method)
            .uri(&url[url::Position::BeforePath..url::Position::AfterQuery])
            .header(
                header::HOST,
                &url[url::Position::BeforeHost..url::Position::AfterPort],
            )
            .header(header::USER_AGENT, "DXP-Portal/1");
        for (name, value) in &parts.headers {
            outgoing = outgoing.header(name, value);
        }
        let outgoing = outgoing
            .body(Full::new(Bytes::from(body)))
            .map_err(|error| HttpError(format!("the request cannot be written: {error}")))?;

        let exchange = async {
            let response = requests
                .send_request(outgoing)
                .await
                .map_err(|error| HttpError(format!("{server_name} gave no answer: {error}")))?;
            let (parts, body) = response.into_parts();
            let body = Limited::new(body, MAX_BODY_BYTES)
                .collect()
                .await
                .map_err(|error| {
                    HttpError(format!(
                        "the answer of {server_name} was cut short: {error}"
                    ))
                })?
                .to_bytes();
            Ok(HttpResponse::from_parts(parts, body.to_vec()))
        };
        // The connection is driven here, not spawned: when the request ends (or times out) it
        // is dropped and closed.
        tokio::pin!(exchange, driver);
        tokio::select! {
            biased;
            answer = &mut exchange => answer,
            // The connection ended: what it delivered before is still read.
            _ = &mut driver => exchange.await,
        }
    }
}

impl<'c> AsyncHttpClient<'c> for IdpClient {
    type Error = HttpError;
    type Future = Pin<Box<dyn Future<Output = Result<HttpResponse, HttpError>> + 'c>>;

    fn call(&'c self, request: HttpRequest) -> Self::Future {
        let target = request.uri().clone();
        Box::pin(async move {
            tokio::time::timeout(TIMEOUT, self.send(request))
                .await
                .map_err(|_| {
                    HttpError(format!(
                        "{target} did not answer within {} seconds",
                        TIMEOUT.as_secs()
                    ))
                })?
        })
    }
}
