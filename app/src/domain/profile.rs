use super::{AdminRole, CountryCode, OrganizationSize, PartnerId, RelationshipType, TenantDomain};
use serde::{Deserialize, Serialize};

/// A place a partner serves: a country, optionally narrowed to a region and a city.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    pub country: CountryCode,
    pub region: Option<String>,
    pub city: Option<String>,
}

/// A partner's directory entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartnerProfile {
    pub partner_id: PartnerId,
    pub name: String,
    pub description: String,
    /// The description in Chinese; empty when the partner wrote none.
    pub description_zh: String,
    pub website: String,
    pub contact_email: String,
    pub locations: Vec<Location>,
    pub sizes_served: Vec<OrganizationSize>,
    pub services: Vec<String>,
    pub industries: Vec<String>,
    pub certifications: Vec<String>,
    pub relationship_types_offered: Vec<RelationshipType>,
}

/// A customer organization as its admins see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TenantProfile {
    pub name: String,
    pub primary_domain: TenantDomain,
    pub country: CountryCode,
    pub size: OrganizationSize,
    pub admins: Vec<TenantAdmin>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TenantAdmin {
    pub display_name: String,
    pub email: String,
    pub roles: Vec<AdminRole>,
}
