//! Replays the fuzz corpus kept in `fuzz/corpus/fuzz_json_records/` with the fuzz target's own
//! checks ([`dxp_service::ingest::fuzzing::check_json_records`]), so that `cargo test` on stable
//! keeps every input the fuzzer found interesting (and every crash it found, once fixed)
//! passing. `docs/fuzzing.md` says how the corpus is grown. Also: the same checks on arbitrary
//! bodies (proptest).

use dxp_formats::fuzzing::replay_corpus;
use dxp_service::ingest::fuzzing::check_json_records;
use proptest::prelude::*;

#[test]
fn the_json_corpus_passes_the_fuzz_checks() {
    replay_corpus("fuzz_json_records", check_json_records);
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

/// A body: raw bytes, or JSON pieces, with or without the envelope's start.
fn body() -> impl Strategy<Value = Vec<u8>> {
    let raw = proptest::collection::vec(any::<u8>(), 0..80);
    let pieces = proptest::collection::vec(proptest::sample::select(PIECES), 0..80)
        .prop_map(|pieces| pieces.concat());
    (any::<bool>(), prop_oneof![raw, pieces]).prop_map(|(envelope, rest)| {
        let mut data = if envelope {
            b"{\"records\": [".to_vec()
        } else {
            Vec::new()
        };
        data.extend(rest);
        data
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]
    #[test]
    fn arbitrary_bodies_pass_the_json_checks(data in body()) {
        if let Err(message) = check_json_records(&data) {
            return Err(TestCaseError::fail(format!(
                "{message}\nbody: {:?}",
                String::from_utf8_lossy(&data)
            )));
        }
    }
}
