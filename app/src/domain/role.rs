use serde::{Deserialize, Serialize};

/// The admin roles a tenant member can hold: Global admin, Billing admin, Helpdesk admin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum AdminRole {
    GlobalAdmin,
    BillingAdmin,
    HelpdeskAdmin,
}

impl AdminRole {
    pub const ALL: [AdminRole; 3] = [
        AdminRole::GlobalAdmin,
        AdminRole::BillingAdmin,
        AdminRole::HelpdeskAdmin,
    ];

    /// The value stored in the database.
    pub fn as_db(self) -> &'static str {
        match self {
            AdminRole::GlobalAdmin => "global_admin",
            AdminRole::BillingAdmin => "billing_admin",
            AdminRole::HelpdeskAdmin => "helpdesk_admin",
        }
    }

    pub fn from_db(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|role| role.as_db() == raw)
    }

    /// The roles whose holders manage the tenant's partner relationships: accept an
    /// invitation and the Customer Agreement, remove a partner's roles, see the contact
    /// requests and the organization's settings, and get the mail about all of it. Only the
    /// tenant's own members hold them: no role a partner holds ever counts.
    pub const MANAGING_PARTNER_RELATIONSHIPS: [AdminRole; 2] =
        [AdminRole::GlobalAdmin, AdminRole::BillingAdmin];

    /// Whether a member holding `roles` manages the tenant's partner relationships.
    pub fn manage_partner_relationships(roles: &[AdminRole]) -> bool {
        roles
            .iter()
            .any(|role| Self::MANAGING_PARTNER_RELATIONSHIPS.contains(role))
    }

    pub fn message_id(self) -> &'static str {
        match self {
            AdminRole::GlobalAdmin => "role-global-admin",
            AdminRole::BillingAdmin => "role-billing-admin",
            AdminRole::HelpdeskAdmin => "role-helpdesk-admin",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn global_and_billing_admins_manage_partner_relationships_helpdesk_admins_do_not() {
        assert!(AdminRole::manage_partner_relationships(&[
            AdminRole::GlobalAdmin
        ]));
        assert!(AdminRole::manage_partner_relationships(&[
            AdminRole::BillingAdmin
        ]));
        assert!(AdminRole::manage_partner_relationships(&[
            AdminRole::HelpdeskAdmin,
            AdminRole::BillingAdmin
        ]));
        assert!(!AdminRole::manage_partner_relationships(&[
            AdminRole::HelpdeskAdmin
        ]));
        assert!(!AdminRole::manage_partner_relationships(&[]));
    }

    #[test]
    fn every_role_survives_the_database_round_trip() {
        for role in AdminRole::ALL {
            assert_eq!(AdminRole::from_db(role.as_db()), Some(role));
        }
        assert_eq!(AdminRole::from_db("root"), None);
    }
}
