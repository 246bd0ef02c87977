//! The portal's pages, one module per area of the navigation.

pub mod dashboard;
pub mod guides;
pub mod submissions;
pub mod webform;

use actix_web::web;
use dxp_service::people::Asker;

use crate::session::PortalUser;

pub fn configure(config: &mut web::ServiceConfig) {
    config
        .configure(dashboard::configure)
        .configure(submissions::configure)
        .configure(webform::configure)
        .configure(guides::configure);
}

/// The person as the people and documents use cases know them.
pub(crate) fn asker(user: &PortalUser) -> Asker {
    Asker {
        subject: user.subject.clone(),
        organisation: user.organisation,
        is_funder: user.is_funder(),
    }
}
