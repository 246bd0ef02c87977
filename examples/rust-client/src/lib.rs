//! The DXP client, generated at build time by progenitor from `openapi/dxp.openapi.json`.
//!
//! `Client` has one method per operation, named by its `operationId` (`create_submission`,
//! `upload_learners`, …); request and response bodies are in [`types`]. Every error response
//! decodes to [`types::Problem`] (RFC 9457).

// This crate is only the generated code, which is not edited by hand: its style is the
// generator's, so clippy's opinions (and the repository's `unwrap_used`) are not applied here.
// The program in `main.rs` is held to them.
#![allow(clippy::all, clippy::unwrap_used)]

include!(concat!(env!("OUT_DIR"), "/dxp_client.rs"));
