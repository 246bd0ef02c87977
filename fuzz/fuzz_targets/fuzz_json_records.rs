//! The streaming JSON reader of `{"records": [...]}` uploads, on any body. The invariants are
//! `dxp_service::ingest::fuzzing::check_json_records`'s; `service/tests/fuzz_corpus.rs` replays the
//! corpus with the same function.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(message) = dxp_service::ingest::fuzzing::check_json_records(data) {
        panic!("{message}");
    }
});
