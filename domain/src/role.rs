//! The roles a caller may hold, as carried in the `roles` claim of a DXP token.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What a caller may do. A TEO role acts only on its own organisation's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Reads and writes its own organisation's returns.
    TeoSubmitter,
    /// Reads its own organisation's returns.
    TeoViewer,
    /// The funder: reads every organisation's data, manages rounds, lifts a Stop Gate.
    TecAdmin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::TeoSubmitter, Role::TeoViewer, Role::TecAdmin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::TeoSubmitter => "teo-submitter",
            Role::TeoViewer => "teo-viewer",
            Role::TecAdmin => "tec-admin",
        }
    }

    /// Whether this role belongs to a tertiary education organisation (and so needs an `org`).
    pub fn is_organisation_role(self) -> bool {
        matches!(self, Role::TeoSubmitter | Role::TeoViewer)
    }
}

/// A role name that DXP does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role '{0}'; expected one of teo-submitter, teo-viewer, tec-admin")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|role| role.as_str() == s)
            .ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An API a machine account may be allowed to call; a person's token may call both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ApiPermission {
    /// The Single Data Return: DXP's `/api/v1` and the funder's `/submissions/v1.0`.
    Sdr,
    /// The work-based API, `/work-submission-api/v1.0`.
    WorkBased,
}

impl ApiPermission {
    pub const ALL: [ApiPermission; 2] = [ApiPermission::Sdr, ApiPermission::WorkBased];

    pub fn as_str(self) -> &'static str {
        match self {
            ApiPermission::Sdr => "sdr",
            ApiPermission::WorkBased => "work-based",
        }
    }
}

/// An API permission name that DXP does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown API permission '{0}'; expected sdr or work-based")]
pub struct UnknownPermission(pub String);

impl FromStr for ApiPermission {
    type Err = UnknownPermission;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ApiPermission::ALL
            .into_iter()
            .find(|permission| permission.as_str() == s)
            .ok_or_else(|| UnknownPermission(s.to_owned()))
    }
}

impl fmt::Display for ApiPermission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a person may see and do in the portal, as the funder's portal grants it beside the
/// API roles. A person's organisation's user settings admin (or the funder) grants these; the
/// API roles come from the person's token.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum PortalRole {
    /// Edits the organisation's users: their portal roles, and whether they are disabled.
    UserSettingsAdmin,
    /// Sees what is due, the organisation's submissions and its documents that are not
    /// commercial.
    GeneralAccess,
    /// Also sees and uploads the organisation's commercial documents (funding letters,
    /// wash-ups, investment plans).
    CommercialDocuments,
    /// Sees the organisation's information products: performance indicators and delivery.
    InformationProducts,
    /// Sees everything the organisation has in the portal, commercial documents and
    /// information products included, and changes nothing.
    FullAccessReadOnly,
}

impl PortalRole {
    pub const ALL: [PortalRole; 5] = [
        PortalRole::UserSettingsAdmin,
        PortalRole::GeneralAccess,
        PortalRole::CommercialDocuments,
        PortalRole::InformationProducts,
        PortalRole::FullAccessReadOnly,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PortalRole::UserSettingsAdmin => "user-settings-admin",
            PortalRole::GeneralAccess => "general-access",
            PortalRole::CommercialDocuments => "commercial-documents",
            PortalRole::InformationProducts => "information-products",
            PortalRole::FullAccessReadOnly => "full-access-read-only",
        }
    }
}

/// A portal role name that DXP does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown portal role '{0}'; expected one of {roles}", roles = PortalRole::ALL.map(PortalRole::as_str).join(", "))]
pub struct UnknownPortalRole(pub String);

impl FromStr for PortalRole {
    type Err = UnknownPortalRole;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PortalRole::ALL
            .into_iter()
            .find(|role| role.as_str() == s)
            .ok_or_else(|| UnknownPortalRole(s.to_owned()))
    }
}

impl fmt::Display for PortalRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
            assert_eq!(
                serde_json::to_string(&role).ok(),
                Some(format!("\"{}\"", role.as_str()))
            );
        }
        assert!("admin".parse::<Role>().is_err());
    }

    #[test]
    fn permission_names_round_trip() {
        for permission in ApiPermission::ALL {
            assert_eq!(permission.as_str().parse::<ApiPermission>(), Ok(permission));
        }
        assert!("wbt".parse::<ApiPermission>().is_err());
    }

    #[test]
    fn portal_role_names_round_trip() {
        for role in PortalRole::ALL {
            assert_eq!(role.as_str().parse::<PortalRole>(), Ok(role));
            assert_eq!(
                serde_json::to_string(&role).ok(),
                Some(format!("\"{}\"", role.as_str()))
            );
        }
        assert!("admin".parse::<PortalRole>().is_err());
    }
}
