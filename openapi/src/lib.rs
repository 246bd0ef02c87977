//! The DXP OpenAPI document: a base (title, description, the bearer scheme, tags, the problem
//! schema) merged with the paths and schemas collected from the api crate's own route
//! registrations, so a route cannot exist without being documented. `openapi/dxp.openapi.json`
//! is this document as `dxp openapi` prints it; a test keeps the two equal.

mod generators;
mod openapi30;
mod patterns;

use actix_web::App;
use dxp_api::routes::tags;
use utoipa::openapi::OpenApi as Document;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::AppExt;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "DXP — data exchange for tertiary education returns",
        description = include_str!("description.md"),
        license(name = "Apache-2.0", identifier = "Apache-2.0"),
    ),
    components(schemas(dxp_api::Problem)),
    modifiers(&BearerScheme),
    tags(
        (name = tags::SYSTEM, description = "Health of the service"),
        (name = tags::AUTHENTICATION, description = "Machine accounts sign in: OAuth 2.0 client credentials, as the funder's Education Sector Logon"),
        (name = tags::ROUNDS, description = "Collection rounds: the IND, April, August and December returns of each year, their due dates, the Stop Gate and its lifts, and what is due"),
        (name = tags::WORKFORCE, description = "Workforce questionnaires (WFQ): needed, processed, before the December return is accepted"),
        (name = tags::VALIDATION, description = "Dry runs and the rule catalogue: check records before submitting, store nothing"),
        (name = tags::SUBMISSIONS, description = "Returns per round: open a submission, upload records, validate, read the problems, submit"),
        (name = tags::AUDIT, description = "The audit log: who changed what, when and why"),
        (name = tags::PEOPLE, description = "People: the signed-in person's details, notices and email choices; an organisation's users and the portal access its user settings admin grants"),
        (name = tags::DOCUMENTS, description = "Documents the funder and organisations exchange: funding letters, wash-ups, guidance and templates, to view or to action, with their files"),
        (name = tags::WEBHOOKS, description = "Webhooks: an organisation's URLs told of its events, each delivery signed with the webhook's secret (HMAC-SHA256), retried, logged and replayable"),
        (name = tags::REGISTERS, description = "Registers: the course register of each organisation with its history, the national qualification register, delivery sites; course change requests the funder approves or declines"),
        (name = tags::COMMITMENTS, description = "Commitments: the Mix of Provision (MoP) and EPIC templates the funder provisions per organisation, fund and plan year; rows by webform or CSV, versions submitted for review, accepted or returned"),
        (name = tags::INSIGHTS, description = "Information products: an organisation's educational performance indicators with small numbers suppressed, DQ3-7 delivery, extracts as CSV and charts as SVG, from its lodged returns"),
    )
)]
struct BaseDocument;

/// The name of the security scheme that protected operations refer to.
pub const BEARER_SCHEME: &str = "bearer";
/// The scheme of the token endpoint: a machine account's client id and secret.
pub const BASIC_SCHEME: &str = "basic";

struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut Document) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            BEARER_SCHEME,
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some("A DXP token: `dxp token --org EDUMIS --role ROLE` prints one for local use"))
                    .build(),
            ),
        );
        components.add_security_scheme(
            BASIC_SCHEME,
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Basic)
                    .description(Some("A machine account's client id and secret, for the token endpoint only: `dxp machine-account create` makes one"))
                    .build(),
            ),
        );
    }
}

/// The base of the provider-based API's document: the funder's SDR API as DXP serves it.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "DXP — the funder's provider-based SDR API",
        description = "The funder's provider-based SDR API (`/submissions/v1.0`), served by DXP so an SMS integration written for the funder runs unchanged. Every call carries the `EID` header (the organisation's EDUMIS number), which must be the token's organisation. Refusals the funder documents are 400 problems with an `errorCode`. The submission underneath is the one DXP's own API shows under `/api/v1`. docs/funder-api.md lists what DXP chose where the funder's documents are silent.",
        license(name = "Apache-2.0", identifier = "Apache-2.0"),
    ),
    components(schemas(dxp_api::Problem)),
    modifiers(&BearerScheme),
    tags(
        (name = dxp_api::routes::provider_based::tags::RETURNS, description = "The returns an organisation may send"),
        (name = dxp_api::routes::provider_based::tags::SUBMISSION_TOKENS, description = "Submission tokens: what the calls after name a submission by"),
        (name = dxp_api::routes::provider_based::tags::UPLOADS, description = "Records added to or deleted from a submission, a batch at a time"),
        (name = dxp_api::routes::provider_based::tags::VALIDATION, description = "Validation runs of a submission and what they found"),
        (name = dxp_api::routes::provider_based::tags::SUBMISSION, description = "A submission's contents, its reset and its submission to the funder"),
    )
)]
struct ProviderBasedBase;

/// The provider-based API's document as JSON, as `/submissions/v1.0/openapi.json` serves it:
/// OpenAPI 3.0, as the funder publishes its own.
pub fn provider_based_document() -> Result<serde_json::Value, serde_json::Error> {
    let (_app, derived) = App::new()
        .into_utoipa_app()
        .openapi(ProviderBasedBase::openapi())
        .configure(dxp_api::routes::provider_based::configure)
        .split_for_parts();
    let mut document = serde_json::to_value(&derived)?;
    generators::prepare(&mut document);
    openapi30::downgrade(&mut document);
    Ok(document)
}

/// The whole document as JSON, prepared for client generators (module `generators`).
pub fn document() -> Result<serde_json::Value, serde_json::Error> {
    let (_app, derived) = App::new()
        .into_utoipa_app()
        .openapi(BaseDocument::openapi())
        .configure(dxp_api::configure)
        .split_for_parts();
    let mut document = serde_json::to_value(&derived)?;
    generators::prepare(&mut document);
    patterns::apply(&mut document);
    Ok(document)
}

/// The document as the committed file holds it: pretty JSON with a final newline.
pub fn to_pretty_json(document: &serde_json::Value) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(document).map(|mut text| {
        text.push('\n');
        text
    })
}
