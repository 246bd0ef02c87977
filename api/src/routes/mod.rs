//! The routes, one module per resource. Every handler is registered with `service(...)` on a
//! utoipa-actix-web scope so that it appears in the OpenAPI document.

use utoipa_actix_web::service_config::ServiceConfig;

pub mod audit;
pub mod health;
pub mod rounds;

/// The tag names of the OpenAPI document, one per resource.
pub mod tags {
    pub const SYSTEM: &str = "system";
    pub const ROUNDS: &str = "rounds";
    pub const AUDIT: &str = "audit";
}

/// Registers every route of the API.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(health::get_health);
    cfg.service(utoipa_actix_web::scope("/api/v1").configure(|api| {
        api.service(rounds::list_rounds)
            .service(audit::list_audit_events);
    }));
}
