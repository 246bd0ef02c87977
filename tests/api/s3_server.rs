//! An S3-compatible server for the tests: `moto` in server mode (from PyPI), on a free local
//! port, with one bucket. Where moto is not installed the tests that need it say so and pass,
//! unless `DXP_REQUIRE_S3=1` (set by CI), which turns that into a failure.

use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running moto server; stopped when dropped.
pub struct S3Server {
    child: Child,
    port: u16,
    pub bucket: String,
}

impl S3Server {
    /// A moto server with the bucket `bucket`, or `None` where moto is not installed (and
    /// not required).
    pub fn start(bucket: &str) -> Option<Self> {
        let installed = Command::new("python3")
            .args(["-c", "import moto.server"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success());
        if !installed {
            let required = std::env::var("DXP_REQUIRE_S3").is_ok_and(|v| v == "1");
            assert!(
                !required,
                "moto is required (DXP_REQUIRE_S3=1) but not installed: pip install 'moto[server]'"
            );
            eprintln!(
                "SKIPPED: moto is not installed (pip install 'moto[server]'); the S3 test did not run"
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
                "moto.server",
                "-H",
                "127.0.0.1",
                "-p",
                &port.to_string(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start moto");
        let server = S3Server {
            child,
            port,
            bucket: bucket.to_owned(),
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "moto did not start on port {port}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let created = reqwest::blocking::Client::new()
            .put(format!("{}/{bucket}", server.endpoint()))
            .send()
            .expect("create the bucket");
        assert!(created.status().is_success(), "{}", created.status());
        Some(server)
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The environment a DXP node needs to keep its documents here.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("DXP_DOCUMENT_STORE", format!("s3://{}", self.bucket)),
            ("AWS_ENDPOINT", self.endpoint()),
            ("AWS_ALLOW_HTTP", "true".to_owned()),
            ("AWS_REGION", "us-east-1".to_owned()),
            ("AWS_ACCESS_KEY_ID", "testing".to_owned()),
            ("AWS_SECRET_ACCESS_KEY", "testing".to_owned()),
        ]
    }

    /// The keys of the objects in the bucket, from its listing.
    pub fn keys(&self) -> Vec<String> {
        let listing = reqwest::blocking::Client::new()
            .get(format!("{}/{}?list-type=2", self.endpoint(), self.bucket))
            .send()
            .and_then(|response| response.text())
            .expect("list the bucket");
        listing
            .split("<Key>")
            .skip(1)
            .filter_map(|rest| rest.split_once("</Key>").map(|(key, _)| key.to_owned()))
            .collect()
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
