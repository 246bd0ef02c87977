//! Replays the fuzz corpus kept in `fuzz/corpus/fuzz_csv/` and `fuzz/corpus/fuzz_legacy/` with
//! the fuzz targets' own checks ([`dxp_formats::fuzzing`]), so that `cargo test` on stable
//! keeps every input the fuzzer found interesting (and every crash it found, once fixed)
//! passing. `docs/fuzzing.md` says how the corpus is grown.
//!
//! Also: the same checks on arbitrary bytes (proptest), and an ignored test that writes the
//! seed inputs the corpus was grown from.

use std::fs;
use std::path::{Path, PathBuf};

use dxp_domain::SdrFile;
use dxp_domain::fields::{FieldKind, fields, legacy_item_len};
use dxp_domain::testkit::valid_return;
use dxp_formats::fuzzing::{check_csv, check_legacy, replay_corpus};
use dxp_formats::legacy::LegacyKind;
use proptest::prelude::*;
use serde_json::Value;

#[test]
fn the_csv_corpus_passes_the_fuzz_checks() {
    replay_corpus("fuzz_csv", check_csv);
}

#[test]
fn the_legacy_corpus_passes_the_fuzz_checks() {
    replay_corpus("fuzz_legacy", check_legacy);
}

/// The oracle is for fuzzing only: no member of the workspace turns the `fuzzing` feature on in
/// what a release build takes (its dependencies or default features), only in dev-dependencies
/// and features of its own that are off by default. The fuzz crate is not a member.
#[test]
fn release_builds_leave_the_oracle_out() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let workspace = fs::read_to_string(root.join("Cargo.toml")).expect("the workspace manifest");
    let members_line = workspace
        .lines()
        .find(|line| line.trim_start().starts_with("members"))
        .expect("a members list");
    let mut manifests = vec![root.join("Cargo.toml")];
    manifests.extend(
        members_line
            .split('"')
            .skip(1)
            .step_by(2)
            .map(|member| root.join(member).join("Cargo.toml")),
    );
    assert!(manifests.len() > 2, "members read from {members_line:?}");
    let mut offending = Vec::new();
    for manifest in &manifests {
        let text = fs::read_to_string(manifest).expect("a member's manifest");
        let mut section = String::new();
        for line in text.lines().map(str::trim) {
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = name.to_owned();
                continue;
            }
            let built_for_release = section == "dependencies"
                || section == "workspace.dependencies"
                || section == "build-dependencies"
                || section.starts_with("dependencies.")
                || (section.starts_with("target.") && !section.ends_with("dev-dependencies"));
            let enables_oracle = line.contains("fuzzing")
                && (line.contains("dxp-formats") || section.contains("dxp-formats"));
            let by_default = section == "features" && line.starts_with("default");
            if (built_for_release && enables_oracle) || (by_default && line.contains("fuzzing")) {
                offending.push(format!("{}: [{section}] {line}", manifest.display()));
            }
        }
    }
    assert!(
        offending.is_empty(),
        "the fuzz oracle would be in release builds:\n{}",
        offending.join("\n")
    );
}

/// The header row of every field of `file`, so that arbitrary bytes after it reach the rows.
fn header(file: SdrFile) -> Vec<u8> {
    let titles: Vec<&str> = fields(file).iter().map(|spec| spec.title).collect();
    format!("Provider Code,{}\r\n", titles.join(",")).into_bytes()
}

proptest! {
    #[test]
    fn any_bytes_pass_the_csv_checks(data in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Err(message) = check_csv(&data) {
            return Err(TestCaseError::fail(message));
        }
    }

    #[test]
    fn any_rows_pass_the_csv_checks(
        file in 0..SdrFile::EVERY.len(),
        rows in prop::collection::vec(any::<u8>(), 0..400),
    ) {
        let mut data = header(SdrFile::EVERY[file]);
        data.extend_from_slice(&rows);
        if let Err(message) = check_csv(&data) {
            return Err(TestCaseError::fail(message));
        }
    }

    #[test]
    fn any_bytes_pass_the_legacy_checks(data in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Err(message) = check_legacy(&data) {
            return Err(TestCaseError::fail(message));
        }
    }
}

/// Writes the seed inputs the corpus was grown from into the folder `DXP_FUZZ_SEEDS` names:
/// `csv/` the example CSV files and CSV files of generated valid returns; `legacy/` legacy
/// files laid out from the same generated records. Run it with `--ignored` (see
/// `docs/fuzzing.md`).
#[test]
#[ignore = "writes seed files for the fuzzers; run by hand"]
fn write_seed_inputs() {
    let out = PathBuf::from(std::env::var("DXP_FUZZ_SEEDS").expect("DXP_FUZZ_SEEDS"));
    let (csv_dir, legacy_dir) = (out.join("csv"), out.join("legacy"));
    fs::create_dir_all(&csv_dir).unwrap();
    fs::create_dir_all(&legacy_dir).unwrap();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/data");
    for folder in ["csv", "mistakes/csv"] {
        for entry in fs::read_dir(examples.join(folder)).unwrap() {
            let path = entry.unwrap().path();
            let name = format!(
                "{}-{}",
                folder.replace('/', "-"),
                path.file_name().unwrap().to_string_lossy()
            );
            fs::copy(&path, csv_dir.join(name)).unwrap();
        }
    }
    for seed in 0..3 {
        let records = valid_return(seed, 2);
        for file in SdrFile::EVERY {
            let texts = records.file(file);
            if texts.is_empty() {
                continue;
            }
            let mut csv = Vec::new();
            let writer = dxp_formats::CsvWriter::new(file, &mut csv)
                .with_provider(dxp_domain::Edumis::new(6004).unwrap())
                .with_bom(seed == 1);
            let mut writer = writer;
            for text in texts {
                writer.write_json(text).unwrap();
            }
            writer.finish().unwrap();
            fs::write(
                csv_dir.join(format!("valid-{seed}-{}.csv", file.csv_prefix())),
                csv,
            )
            .unwrap();
            if let Some(kind) = LegacyKind::from_file(file) {
                let lines: Vec<String> = texts.iter().map(|text| legacy_line(kind, text)).collect();
                let end = if seed == 1 { "\n" } else { "\r\n" };
                fs::write(
                    legacy_dir.join(format!("valid-{seed}-{}.txt", kind.prefix())),
                    lines.join(end) + end,
                )
                .unwrap();
            }
        }
    }
}

/// A record laid out in its legacy STEO line: each field in its slot, text left-justified,
/// numbers right-justified, dates DDMMYYYY, flags Y/N, list items in their item slots.
fn legacy_line(kind: LegacyKind, json: &str) -> String {
    let record: Value = serde_json::from_str(json).expect("a generated record is JSON");
    let mut line = vec![' '; kind.record_len()];
    let mut put = |start: usize, len: usize, text: &str| {
        for (offset, c) in text.chars().take(len).enumerate() {
            if let Some(slot) = line.get_mut(start - 1 + offset) {
                *slot = c;
            }
        }
    };
    put(1, 4, "6004");
    for spec in fields(kind.file()) {
        let (Some(slot), Some(value)) = (spec.legacy, record.get(spec.name)) else {
            continue;
        };
        let scalar = |value: &Value| -> String {
            match value {
                Value::String(text) if spec.kind == FieldKind::DateTime => {
                    let date = &text[..10];
                    format!("{}{}{}", &date[8..10], &date[5..7], &date[..4])
                }
                Value::String(text) => text.clone(),
                Value::Bool(flag) => (if *flag { "Y" } else { "N" }).to_owned(),
                other => other.to_string(),
            }
        };
        match value {
            Value::Array(items) => {
                let width = legacy_item_len(kind.file(), spec.name).unwrap_or(slot.len);
                for (at, item) in items.iter().enumerate() {
                    put(slot.start + at * width, width, &scalar(item));
                }
            }
            value => {
                let text = scalar(value);
                let numeric = matches!(spec.kind, FieldKind::Integer | FieldKind::Decimal);
                let pad = if numeric {
                    slot.len.saturating_sub(text.chars().count())
                } else {
                    0
                };
                put(slot.start + pad, slot.len - pad, &text);
            }
        }
    }
    line.into_iter().collect()
}
