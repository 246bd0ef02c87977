//! Headless Chromium driven through chromedriver (WebDriver), for the portal's browser tests,
//! with the axe-core accessibility check run in each page.
//!
//! Debian's `chromium` and `chromium-driver` (installed by `.ci/run`) and axe-core from npm
//! (`target/npm/node_modules/axe-core`, or `DXP_AXE_JS`). Where they are missing the browser
//! tests say so and pass, unless `DXP_REQUIRE_BROWSER=1` (set by CI), which fails them instead.

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

use crate::helpers::repo_root;

/// One browser at a time: each is a Chromium, and the machines have two cores.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// A chromedriver with its headless Chromium; both stop when dropped.
pub struct Browser {
    driver: Child,
    pub client: Client,
    pub base: String,
    axe: String,
    screenshots: PathBuf,
    _turn: tokio::sync::MutexGuard<'static, ()>,
    _profile: tempfile::TempDir,
}

fn axe_path() -> PathBuf {
    std::env::var("DXP_AXE_JS")
        .map(PathBuf::from)
        .unwrap_or_else(|_| repo_root().join("target/npm/node_modules/axe-core/axe.min.js"))
}

impl Browser {
    /// A browser for the server at `base`, or `None` where Chromium, chromedriver or axe-core
    /// is missing (and not required).
    pub async fn open(base: &str) -> Option<Browser> {
        let chromedriver =
            std::env::var("DXP_CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".to_owned());
        let has_driver = Command::new(&chromedriver)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success());
        let axe = std::fs::read_to_string(axe_path()).ok();
        if !has_driver || axe.is_none() {
            let required = std::env::var("DXP_REQUIRE_BROWSER").is_ok_and(|v| v == "1");
            let missing = if has_driver {
                format!("axe-core ({})", axe_path().display())
            } else {
                "chromedriver (apt-get install chromium chromium-driver)".to_owned()
            };
            assert!(
                !required,
                "the browser tests need {missing} (DXP_REQUIRE_BROWSER=1)"
            );
            eprintln!("SKIPPED: {missing} is missing; the browser test did not run");
            return None;
        }
        // Already installed by an earlier browser in this process: that one is ring too.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let turn = ONE_AT_A_TIME.lock().await;
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        // Its own process group: when the test ends, however it ends, the driver and every
        // Chromium process it started are stopped together.
        let driver = Command::new(&chromedriver)
            .process_group(0)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let profile = tempfile::tempdir().expect("a profile folder");
        let capabilities = json!({
            "goog:chromeOptions": {
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--window-size=1280,1000",
                    format!("--user-data-dir={}", profile.path().display()),
                ],
            }
        });
        let capabilities = match capabilities {
            Value::Object(map) => map,
            _ => unreachable!("an object"),
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        let client = loop {
            match ClientBuilder::rustls()
                .expect("TLS")
                .capabilities(capabilities.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(client) => break client,
                Err(error) => {
                    assert!(
                        Instant::now() < deadline,
                        "chromedriver did not start: {error}"
                    );
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            }
        };
        let screenshots = repo_root().join("target/portal-screenshots");
        std::fs::create_dir_all(&screenshots).expect("the screenshots folder");
        Some(Browser {
            driver,
            client,
            base: base.trim_end_matches('/').to_owned(),
            axe: axe.unwrap_or_default(),
            screenshots,
            _turn: turn,
            _profile: profile,
        })
    }

    pub async fn goto(&self, path: &str) {
        self.client
            .goto(&format!("{}{path}", self.base))
            .await
            .unwrap_or_else(|error| panic!("open {path}: {error}"));
    }

    /// The path of the page shown.
    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.expect("the URL");
        url.path().to_owned()
    }

    /// The text of the page's body (empty while a page is being replaced by the next).
    pub async fn text(&self) -> String {
        self.client
            .execute(
                "return document.body ? document.body.innerText : '';",
                vec![],
            )
            .await
            .ok()
            .and_then(|text| text.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    pub async fn click(&self, css: &str) {
        self.client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|error| panic!("no {css}: {error}"))
            .click()
            .await
            .unwrap_or_else(|error| panic!("click {css}: {error}"));
    }

    /// Clicks the link or button whose text is `text`.
    pub async fn click_text(&self, text: &str) {
        let xpath = format!(
            "//a[normalize-space(.)={0}] | //button[normalize-space(.)={0}]",
            xpath_literal(text)
        );
        self.client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::XPath(&xpath))
            .await
            .unwrap_or_else(|error| panic!("nothing to click named {text:?}: {error}"))
            .click()
            .await
            .unwrap_or_else(|error| panic!("click {text:?}: {error}"));
    }

    /// Types `text` into the field labelled by `css` (after clearing it).
    pub async fn fill(&self, css: &str, text: &str) {
        let field = self
            .client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|error| panic!("no {css}: {error}"));
        field.clear().await.expect("clear");
        field.send_keys(text).await.expect("type");
    }

    /// Waits until the page's text contains `text` (a live part of the page may bring it).
    pub async fn wait_for_text(&self, text: &str, within: Duration) {
        let deadline = Instant::now() + within;
        loop {
            if self.text().await.contains(text) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the page never said {text:?}; it says: {}",
                self.text().await
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Saves the page's screenshot as `target/portal-screenshots/{name}.png` and checks it with
    /// axe-core: no serious or critical accessibility violation.
    pub async fn check_page(&self, name: &str) {
        let png = self.client.screenshot().await.expect("a screenshot");
        std::fs::write(self.screenshots.join(format!("{name}.png")), png).expect("save it");
        self.client
            .execute(&self.axe, vec![])
            .await
            .expect("load axe-core");
        let result = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { resultTypes: ['violations'] })
                    .then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact,
                        help: v.help, nodes: v.nodes.map(n => n.html).slice(0, 3) }))))
                    .catch(e => done([{ id: 'axe-failed', impact: 'critical', help: String(e) }]));",
                vec![],
            )
            .await
            .expect("run axe-core");
        let serious: Vec<&Value> = result
            .as_array()
            .unwrap_or_else(|| panic!("axe-core answered {result}, not its violations"))
            .iter()
            .filter(|violation| {
                matches!(violation["impact"].as_str(), Some("serious" | "critical"))
            })
            .collect();
        assert!(
            serious.is_empty(),
            "{name} ({}): accessibility violations: {}",
            self.path().await,
            serde_json::to_string_pretty(&serious).unwrap_or_default()
        );
    }

    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // The whole group: chromedriver and its Chromium.
        // (The driver leads its own process group: its id is the group's.)
        let _ = Command::new("pkill")
            .args(["-KILL", "-g", &self.driver.id().to_string()])
            .status();
        let _ = self.driver.wait();
    }
}

fn xpath_literal(text: &str) -> String {
    if text.contains('\'') {
        format!("\"{text}\"")
    } else {
        format!("'{text}'")
    }
}
