use super::{AdminRole, EmailAddress, PartnerId, TenantId, UserId};
use serde::{Deserialize, Serialize};

/// The organization a signed-in user belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Organization {
    Tenant { id: TenantId, name: String },
    Partner { id: PartnerId, name: String },
}

impl Organization {
    pub fn name(&self) -> &str {
        match self {
            Organization::Tenant { name, .. } | Organization::Partner { name, .. } => name,
        }
    }
}

/// Who is signed in, as the header and the navigation need to know it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedInUser {
    pub id: UserId,
    pub display_name: String,
    pub email: EmailAddress,
    pub organization: Organization,
    pub roles: Vec<AdminRole>,
    /// One of their partner's admin agents, who manage its teams.
    pub admin_agent: bool,
    /// Signed in with a temporary password: nothing but **Change password** until they set
    /// one of their own.
    pub password_change_required: bool,
}

impl SignedInUser {
    pub fn has_any_role(&self, roles: &[AdminRole]) -> bool {
        self.roles.iter().any(|role| roles.contains(role))
    }

    pub fn is_customer_admin(&self) -> bool {
        matches!(self.organization, Organization::Tenant { .. })
            && AdminRole::manage_partner_relationships(&self.roles)
    }

    pub fn is_partner_agent(&self) -> bool {
        matches!(self.organization, Organization::Partner { .. })
    }
}
