//! Replays the fuzz corpus kept in `fuzz/corpus/fuzz_json_records/` with the fuzz target's own
//! checks ([`dxp_api::ingest::fuzzing::check_json_records`]), so that `cargo test` on stable
//! keeps every input the fuzzer found interesting (and every crash it found, once fixed)
//! passing. `docs/fuzzing.md` says how the corpus is grown. Also: the same checks on random
//! bodies.

use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use dxp_api::ingest::fuzzing::check_json_records;

#[test]
fn the_json_corpus_passes_the_fuzz_checks() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus/fuzz_json_records");
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.is_file())
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "{} holds no inputs", dir.display());
    let mut failures = Vec::new();
    for path in &paths {
        let data = fs::read(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        match panic::catch_unwind(AssertUnwindSafe(|| check_json_records(&data))) {
            Ok(Ok(())) => {}
            Ok(Err(message)) => failures.push(format!("{name}: {message}")),
            Err(panic) => {
                let message = panic
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| panic.downcast_ref::<&str>().copied())
                    .unwrap_or("a panic");
                failures.push(format!("{name}: panicked: {message}"));
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

/// Pieces that are mostly JSON punctuation, so that some bodies get past the envelope.
const PIECES: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b":",
    b",",
    b" ",
    b"\n",
    b"\\",
    b"\"records\"",
    b"1",
    b"-0.5e3",
    b"true",
    b"null",
    b"\"x\"",
    "\u{101}".as_bytes(),
    b"\xff",
];

/// A small deterministic generator (xorshift64*): the crate has no proptest, and the fuzzer
/// does the real searching; this only keeps a spread of bodies in every `cargo test`.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn random_bodies_pass_the_json_checks() {
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    for case in 0..2_000 {
        let mut data = Vec::new();
        if case % 2 == 0 {
            data.extend_from_slice(b"{\"records\": [");
        }
        for _ in 0..random.below(80) {
            if case % 3 == 0 {
                data.push(random.next() as u8);
            } else {
                data.extend_from_slice(PIECES[random.below(PIECES.len())]);
            }
        }
        if let Err(message) = check_json_records(&data) {
            panic!("{message}\nbody: {:?}", String::from_utf8_lossy(&data));
        }
    }
}
