//! Generates the DXP client from the committed OpenAPI document at build time.
//!
//! The document is read, converted in memory for progenitor (see `for_progenitor.rs`), and the
//! generated client is written to `$OUT_DIR/dxp_client.rs`, which `src/lib.rs` includes. Nothing
//! generated or converted is committed.

mod for_progenitor;

use std::{env, fs, path::PathBuf};

fn main() {
    let manifest_dir =
        PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let source = manifest_dir.join("../../openapi/dxp.openapi.json");
    println!("cargo:rerun-if-changed={}", source.display());
    println!("cargo:rerun-if-changed=build");

    let text =
        fs::read_to_string(&source).unwrap_or_else(|e| panic!("reading {}: {e}", source.display()));
    let mut document: serde_json::Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}", source.display()));

    for_progenitor::convert(&mut document);

    let spec: openapiv3::OpenAPI = serde_json::from_value(document)
        .unwrap_or_else(|e| panic!("the converted document is not OpenAPI 3.0: {e}"));
    let mut settings = progenitor::GenerationSettings::default();
    settings.with_interface(progenitor::InterfaceStyle::Positional);
    let tokens = progenitor::Generator::new(&settings)
        .generate_tokens(&spec)
        .unwrap_or_else(|e| panic!("progenitor: {e}"));
    let file = syn::parse2(tokens).expect("progenitor produced invalid Rust");
    let code = prettyplease::unparse(&file);

    let out = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR")).join("dxp_client.rs");
    fs::write(&out, code).unwrap_or_else(|e| panic!("writing {}: {e}", out.display()));
}
