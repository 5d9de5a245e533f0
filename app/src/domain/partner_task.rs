//! What a partner wants to do in a customer's tenant, in words an agent picks from, and the
//! fewest admin roles that let it (the invitation form proposes them).

use super::{DelegatedRole, Power};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PartnerTask {
    ResetPasswords,
    HandleIncidents,
    PlaceOrders,
    ManageUsers,
    ManageLicenses,
    ManageApps,
    ReadEverything,
}

impl PartnerTask {
    pub const ALL: [PartnerTask; 7] = [
        PartnerTask::ResetPasswords,
        PartnerTask::HandleIncidents,
        PartnerTask::PlaceOrders,
        PartnerTask::ManageUsers,
        PartnerTask::ManageLicenses,
        PartnerTask::ManageApps,
        PartnerTask::ReadEverything,
    ];

    pub fn message_id(self) -> &'static str {
        match self {
            PartnerTask::ResetPasswords => "task-reset-passwords",
            PartnerTask::HandleIncidents => "task-handle-incidents",
            PartnerTask::PlaceOrders => "task-place-orders",
            PartnerTask::ManageUsers => "task-manage-users",
            PartnerTask::ManageLicenses => "task-manage-licenses",
            PartnerTask::ManageApps => "task-manage-apps",
            PartnerTask::ReadEverything => "task-read-everything",
        }
    }

    /// What the task takes, as powers of the powers table.
    pub fn powers(self) -> &'static [Power] {
        use Power::*;
        match self {
            PartnerTask::ResetPasswords => &[ResetPassword],
            PartnerTask::HandleIncidents => &[ManageIncidents],
            PartnerTask::PlaceOrders => &[PlaceOrder],
            PartnerTask::ManageUsers => &[CreateUser, DisableUser],
            PartnerTask::ManageLicenses => &[AssignLicense],
            PartnerTask::ManageApps => &[ManageLobApps],
            PartnerTask::ReadEverything => &[ListUsers, SeeSubscriptions, SeeIncidents, SeeLobApps],
        }
    }
}

/// The fewest roles whose powers cover every task; among as few, those giving the fewest
/// powers in all (least privilege), in the catalog's order. Never Global admin: every task
/// has a narrower role, and standing Global admin is what granular access exists to avoid
/// (the agent can still tick it). None for no task.
pub fn roles_for(tasks: &[PartnerTask]) -> Vec<DelegatedRole> {
    let needed: Vec<Power> = tasks
        .iter()
        .flat_map(|task| task.powers())
        .copied()
        .collect();
    if needed.is_empty() {
        return Vec::new();
    }
    let catalog = DelegatedRole::ALL;
    let roles_of = |set: u32| -> Vec<DelegatedRole> {
        catalog
            .iter()
            .enumerate()
            .filter(|(bit, _)| set & (1 << bit) != 0)
            .map(|(_, role)| *role)
            .collect()
    };
    let powers_of = |roles: &[DelegatedRole]| -> Vec<Power> {
        let mut powers: Vec<Power> = roles
            .iter()
            .flat_map(|role| role.powers())
            .copied()
            .collect();
        powers.sort_by_key(|power| *power as u8);
        powers.dedup();
        powers
    };
    (1..1u32 << catalog.len())
        .map(roles_of)
        .filter(|roles| !roles.contains(&DelegatedRole::GlobalAdmin))
        .filter(|roles| {
            let held = powers_of(roles);
            needed.iter().all(|power| held.contains(power))
        })
        .min_by_key(|roles| (roles.len(), powers_of(roles).len()))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use DelegatedRole::*;
    use PartnerTask::*;

    #[test]
    fn each_task_gets_the_narrowest_role_that_does_it() {
        assert_eq!(roles_for(&[ResetPasswords]), vec![PasswordAdmin]);
        assert_eq!(roles_for(&[HandleIncidents]), vec![ServiceSupportAdmin]);
        assert_eq!(roles_for(&[PlaceOrders]), vec![BillingAdmin]);
        assert_eq!(roles_for(&[ManageUsers]), vec![UserAdmin]);
        assert_eq!(roles_for(&[ManageLicenses]), vec![LicenseAdmin]);
        assert_eq!(roles_for(&[ManageApps]), vec![ApplicationAdmin]);
        assert_eq!(roles_for(&[ReadEverything]), vec![GlobalReader]);
        assert!(roles_for(&[]).is_empty());
    }

    #[test]
    fn tasks_together_take_the_fewest_roles_never_global_admin_when_less_will_do() {
        assert_eq!(
            roles_for(&[ResetPasswords, HandleIncidents]),
            vec![HelpdeskAdmin]
        );
        assert_eq!(roles_for(&[ResetPasswords, ManageUsers]), vec![UserAdmin]);
        let everything = roles_for(&PartnerTask::ALL);
        assert!(!everything.contains(&GlobalAdmin), "{everything:?}");
        let held: Vec<Power> = everything
            .iter()
            .flat_map(|r| r.powers())
            .copied()
            .collect();
        for task in PartnerTask::ALL {
            assert!(task.powers().iter().all(|p| held.contains(p)), "{task:?}");
        }
    }
}
