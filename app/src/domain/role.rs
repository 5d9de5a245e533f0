use serde::{Deserialize, Serialize};

/// The admin roles a tenant member can hold (SPEC §2).
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
    fn every_role_survives_the_database_round_trip() {
        for role in AdminRole::ALL {
            assert_eq!(AdminRole::from_db(role.as_db()), Some(role));
        }
        assert_eq!(AdminRole::from_db("root"), None);
    }
}
