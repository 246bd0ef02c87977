//! The routes, one module per resource. Every handler is registered with `service(...)` on a
//! utoipa-actix-web scope so that it appears in the OpenAPI document.

use utoipa_actix_web::service_config::ServiceConfig;

pub mod audit;
pub mod commitments;
pub mod documents;
pub mod due;
pub mod files;
pub mod health;
pub mod insights;
pub mod oauth;
pub mod params;
pub mod people;
pub mod problems;
pub mod provider_based;
pub mod record_files;
pub mod registers;
pub mod rounds;
pub mod submissions;
pub mod users;
pub mod validation;
pub mod webhooks;
pub mod work_based;
pub mod workforce;

/// The tag names of the OpenAPI document, one per resource.
pub mod tags {
    pub const SYSTEM: &str = "system";
    pub const AUTHENTICATION: &str = "authentication";
    pub const ROUNDS: &str = "rounds";
    pub const AUDIT: &str = "audit";
    pub const VALIDATION: &str = "validation";
    pub const SUBMISSIONS: &str = "submissions";
    pub const WORKFORCE: &str = "workforce-questionnaires";
    pub const PEOPLE: &str = "people";
    pub const DOCUMENTS: &str = "documents";
    pub const WEBHOOKS: &str = "webhooks";
    pub const REGISTERS: &str = "registers";
    pub const COMMITMENTS: &str = "commitments";
    pub const INSIGHTS: &str = "information-products";
}

/// A file to download under `name`: `attachment`, named as every download is (RFC 6266,
/// [`dxp_domain::documents::attachment_disposition`]).
pub(crate) fn download(content_type: &str, name: &str) -> actix_web::HttpResponseBuilder {
    let mut response = actix_web::HttpResponse::Ok();
    response.content_type(content_type).insert_header((
        actix_web::http::header::CONTENT_DISPOSITION,
        dxp_domain::documents::attachment_disposition(name),
    ));
    response
}

/// A DXP CSV file, whole, to download under `name`.
pub(crate) fn csv_download(name: &str, text: String) -> actix_web::HttpResponse {
    download(CSV_TYPE, name).body(text)
}

/// The media type of every CSV DXP writes.
pub(crate) const CSV_TYPE: &str = "text/csv; charset=utf-8";

/// Registers every route of the API.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(health::get_health);
    cfg.service(oauth::create_access_token);
    cfg.service(utoipa_actix_web::scope("/api/v1").configure(|api| {
        api.service(rounds::list_rounds)
            .service(rounds::create_round)
            .service(rounds::update_round)
            .service(rounds::publish_round)
            .service(rounds::create_stop_gate_lift)
            .service(rounds::list_stop_gate_lifts)
            .service(due::list_due)
            .service(workforce::upload_workforce_questionnaire)
            .service(workforce::list_workforce_questionnaires)
            .service(validation::list_validation_rules)
            .service(submissions::create_submission)
            .service(submissions::list_submissions)
            .service(submissions::get_submission)
            .service(submissions::validate_submission)
            .service(submissions::submit_submission)
            .service(submissions::cancel_submission)
            .service(problems::list_submission_problems)
            .service(registers::list_course_register)
            .service(registers::load_course_register)
            .service(registers::get_course_history)
            .service(registers::list_qualification_register)
            .service(registers::load_qualification_register)
            .service(registers::load_nzqa_results)
            .service(registers::list_delivery_sites)
            .service(registers::load_delivery_sites)
            .service(registers::list_course_differences)
            .service(registers::submit_course_change_requests)
            .service(registers::list_course_change_requests)
            .service(registers::get_course_change_request)
            .service(registers::approve_course_change_request)
            .service(registers::decline_course_change_request)
            .service(audit::list_audit_events)
            .service(people::get_me)
            .service(people::update_contact_numbers)
            .service(people::list_notices)
            .service(people::mark_notice_read)
            .service(users::list_people)
            .service(users::get_person)
            .service(users::update_person_access)
            .service(insights::get_every_organisation_efts_csv)
            .service(insights::get_every_organisation_qualifications_csv)
            .service(insights::get_indicators)
            .service(insights::get_indicators_csv)
            .service(insights::get_efts_by_month_csv)
            .service(insights::get_qualifications_csv)
            .service(insights::get_delivery)
            .service(insights::get_epic_comparison)
            .service(insights::get_epic_chart)
            .service(insights::get_epic_chart_csv)
            .service(insights::get_indicators_chart)
            .service(insights::get_efts_by_month_chart)
            .service(insights::get_efts_by_month_chart_csv)
            .service(insights::get_delivery_chart)
            .service(insights::get_delivery_chart_csv)
            .service(documents::create_document)
            .service(documents::list_documents)
            .service(documents::get_document)
            .service(documents::add_document_files)
            .service(documents::download_document_file)
            .service(documents::mark_document_actioned)
            .service(documents::link_document_submission)
            .service(people::get_email_preferences)
            .service(people::update_email_preferences)
            .service(webhooks::create_webhook)
            .service(webhooks::list_webhooks)
            .service(webhooks::get_webhook)
            .service(webhooks::delete_webhook)
            .service(webhooks::rotate_webhook_secret)
            .service(webhooks::list_webhook_deliveries)
            .service(webhooks::replay_webhook_delivery)
            // The fixed paths before `/commitments/{id}`, which would take them.
            .service(commitments::list_commitment_templates)
            .service(commitments::list_funding_rates)
            .service(commitments::update_funding_rates)
            .service(commitments::list_subject_groupings)
            .service(commitments::update_subject_groupings)
            .service(commitments::create_commitment)
            .service(commitments::list_commitments)
            .service(commitments::get_commitment)
            .service(commitments::add_commitment_row)
            .service(commitments::update_commitment_row)
            .service(commitments::delete_commitment_row)
            .service(commitments::upload_commitment_csv)
            .service(commitments::download_commitment_csv)
            .service(commitments::submit_commitment)
            .service(commitments::list_commitment_versions)
            .service(commitments::get_commitment_version)
            .service(commitments::get_commitment_comparison)
            .service(commitments::accept_commitment_version)
            .service(commitments::return_commitment_version);
        files::register(api);
    }));
    work_based::configure(cfg);
}
