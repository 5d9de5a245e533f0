//! Types shared by the browser and the server. Every value that crosses a trust boundary is
//! parsed into one of these once; after that the type says it is valid.

mod email;
mod ids;
mod organization;
mod password;
mod profile;
mod role;
mod session;

pub use email::EmailAddress;
pub use ids::{PartnerId, TenantId, UserId};
pub use organization::{CountryCode, OrganizationSize, RelationshipType, TenantDomain};
pub use password::Password;
pub use profile::{Location, PartnerProfile, TenantAdmin, TenantProfile};
pub use role::AdminRole;
pub use session::{Organization, SignedInUser};

/// Why a value was refused. Each variant is a message id in `app/locales`, shown beside the
/// field it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Invalid {
    Required,
    TooLong,
    TooShort,
    EmailMalformed,
    DomainMalformed,
    CountryUnknown,
    SizeUnknown,
}

impl Invalid {
    pub fn message_id(self) -> &'static str {
        match self {
            Invalid::Required => "invalid-required",
            Invalid::TooLong => "invalid-too-long",
            Invalid::TooShort => "invalid-too-short",
            Invalid::EmailMalformed => "invalid-email",
            Invalid::DomainMalformed => "invalid-domain",
            Invalid::CountryUnknown => "invalid-country",
            Invalid::SizeUnknown => "invalid-size",
        }
    }
}
