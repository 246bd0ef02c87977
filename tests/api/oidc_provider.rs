//! An OpenID Connect provider for the tests: `oidc-provider-mock` (from PyPI) on a free local
//! port. It takes any client id, secret and redirect URI, signs its ID tokens with RS256 and
//! publishes its keys, as a real provider does; its authorization page signs in whoever's
//! `sub` is posted to it, with the claims set beforehand for that subject
//! ([`OidcProvider::set_claims`]). Where it is not installed the tests that need it say so and
//! pass, unless `DXP_REQUIRE_OIDC=1` (set by CI), which turns that into a failure.

use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// The client id and secret the test servers are given (the provider takes any).
pub const CLIENT_ID: &str = "dxp-portal-test";
pub const CLIENT_SECRET: &str = "dxp-portal-test-secret";

/// A running provider; stopped when dropped.
pub struct OidcProvider {
    child: Child,
    port: u16,
}

impl OidcProvider {
    /// A provider on a free port, or `None` where oidc-provider-mock is not installed (and not
    /// required).
    pub fn start() -> Option<Self> {
        let installed = Command::new("python3")
            .args(["-c", "import oidc_provider_mock"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success());
        if !installed {
            let required = std::env::var("DXP_REQUIRE_OIDC").is_ok_and(|v| v == "1");
            assert!(
                !required,
                "oidc-provider-mock is required (DXP_REQUIRE_OIDC=1) but not installed: \
                 pip install 'oidc-provider-mock==0.3.*'"
            );
            eprintln!(
                "SKIPPED: oidc-provider-mock is not installed (pip install 'oidc-provider-mock==0.3.*'); \
                 the OpenID Connect sign-in test did not run"
            );
            return None;
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new("python3")
            .args([
                "-m",
                "oidc_provider_mock",
                "--host",
                "127.0.0.1",
                "--port",
                &port.to_string(),
                // A request without a nonce is refused, so the portal must send one.
                "--require-nonce",
                "true",
            ])
            .env("PYTHONWARNINGS", "ignore")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start oidc-provider-mock");
        let provider = OidcProvider { child, port };
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "oidc-provider-mock did not start on port {port}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Some(provider)
    }

    /// The issuer URL: the provider names itself by the host it is asked at.
    pub fn issuer(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The environment a DXP node needs to sign people in here.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("DXP_OIDC_ISSUER", self.issuer()),
            ("DXP_OIDC_CLIENT_ID", CLIENT_ID.to_owned()),
            ("DXP_OIDC_CLIENT_SECRET", CLIENT_SECRET.to_owned()),
        ]
    }

    /// Sets the claims the provider puts in `sub`'s ID tokens (beside `sub` itself).
    pub fn set_claims(&self, sub: &str, claims: &Value) {
        let response = reqwest::blocking::Client::new()
            .put(format!("{}/users/{sub}", self.issuer()))
            .json(claims)
            .send()
            .expect("set the person's claims");
        assert!(
            response.status().is_success(),
            "the provider took no claims: {}",
            response.status()
        );
    }
}

impl Drop for OidcProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
