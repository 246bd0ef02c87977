//! What the fuzz targets and their corpus replay share (`fuzz/`, see `docs/fuzzing.md`).
//!
//! The oracle, the invariants the `fuzz_csv` and `fuzz_legacy` targets check (`check_csv`,
//! `check_legacy`), the [`Trickle`] reader and the corpus replay are built only with the
//! `fuzzing` feature: the fuzz crate, this crate's own tests and `dxp-service`'s `fuzzing`
//! feature (its JSON checks read through them) turn it on, so release builds carry none of it.
//!
//! It is public because the fuzz targets are another workspace's crate and the replay tests
//! integration tests; it is hidden from the docs because it is not an API for users.

use std::io::{self, Read};

mod oracle;

pub use oracle::{check_csv, check_legacy};

/// Hands `bytes` over `step` bytes at a time, as a network or a slow disk does, so that the
/// readers' buffers are cut at every place.
pub struct Trickle<'a> {
    bytes: &'a [u8],
    step: usize,
}

impl<'a> Trickle<'a> {
    pub fn new(bytes: &'a [u8], step: usize) -> Self {
        Trickle {
            bytes,
            step: step.max(1),
        }
    }
}

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.step.min(buf.len()).min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

/// Runs `check` on every file of `fuzz/corpus/<target>/`, the corpus the fuzzer keeps, and fails
/// naming each file that fails its check or panics: what the replay tests of every crate with a
/// fuzz target call, so that `cargo test` on stable keeps the corpus passing.
pub fn replay_corpus(target: &str, check: fn(&[u8]) -> Result<(), String>) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/corpus")
        .join(target);
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.is_file())
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "{} holds no inputs", dir.display());
    let mut failures = Vec::new();
    for path in &paths {
        let data =
            std::fs::read(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&data))) {
            Ok(Ok(())) => {}
            Ok(Err(message)) => failures.push(format!("{target}/{name}: {message}")),
            Err(panic) => {
                let message = panic
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| panic.downcast_ref::<&str>().copied())
                    .unwrap_or("a panic");
                failures.push(format!("{target}/{name}: panicked: {message}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} corpus inputs fail:\n{}",
        failures.len(),
        paths.len(),
        failures.join("\n")
    );
}
