//! The change feed: how a TMS learns what changed on DXP's side (a grace expiry, a completion,
//! a funder's correction) without reading every record. Every create, update, status change and
//! delete of the organisation's resources, oldest first, with the resource as it became.

use dxp_persistence::paging::{Page, PageRequest};
use dxp_persistence::work_based::{self, Change};

use super::Tms;
use crate::{Service, ServiceError};

/// The most changes one page holds.
pub const MAX_PAGE: i64 = 1_000;

impl Service {
    /// The organisation's changes after position `after` (none: from the first), at most
    /// `limit` of them; the cursor is the position of the page's last change.
    pub async fn work_based_changes(
        &self,
        tms: &Tms,
        after: Option<i64>,
        limit: i64,
    ) -> Result<Page<Change, i64>, ServiceError> {
        let organisation = tms.organisation;
        let request = PageRequest::new(after, limit.clamp(1, MAX_PAGE));
        self.blocking(move |conn| work_based::changes(conn, organisation, &request))
            .await
    }
}
