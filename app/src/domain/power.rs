//! What each actor may do inside a customer's tenant: the customer's own admins by their
//! roles, a partner by its relationship's types and the admin roles it holds.
//! The server decides every call with `TenantActor::check`, from what the database holds at
//! that moment.

use super::{AdminRole, DelegatedRole, RelationshipType, RelationshipTypes};
use serde::{Deserialize, Serialize};

/// Something done inside a tenant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Power {
    ListUsers,
    CreateUser,
    DisableUser,
    ResetPassword,
    AssignLicense,
    /// Every subscription of the tenant.
    SeeSubscriptions,
    /// The subscriptions bought through one's own partner organization.
    SeeOwnPurchases,
    PlaceOrder,
    SeeIncidents,
    ManageIncidents,
    SeeLobApps,
    ManageLobApps,
    ManageSettings,
    SeePartnerAccount,
}

impl Power {
    pub const ALL: [Power; 14] = [
        Power::ListUsers,
        Power::CreateUser,
        Power::DisableUser,
        Power::ResetPassword,
        Power::AssignLicense,
        Power::SeeSubscriptions,
        Power::SeeOwnPurchases,
        Power::PlaceOrder,
        Power::SeeIncidents,
        Power::ManageIncidents,
        Power::SeeLobApps,
        Power::ManageLobApps,
        Power::ManageSettings,
        Power::SeePartnerAccount,
    ];

    /// Purchases and subscription management wait for the Customer Agreement.
    pub fn needs_agreement(self) -> bool {
        matches!(self, Power::PlaceOrder | Power::AssignLicense)
    }
}

/// Whose purchases among a tenant's subscriptions an actor sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PurchasesSeen {
    /// Every subscription: the tenant's Global and Billing admins, a partner holding Global admin.
    All,
    /// Those bought through the actor's own partner organization: a reseller or MPSA partner.
    OwnPartners,
    /// Those bought through any of the tenant's MPSA partners: an MPSA partner, while the
    /// tenant shares them (Partner settings).
    EveryMpsaPartners,
}

/// Who acts in a tenant, holding what right now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum TenantActor {
    /// A member of the tenant.
    Member { roles: Vec<AdminRole> },
    /// An agent of a partner with a current relationship with the tenant.
    Partner {
        types: RelationshipTypes,
        roles: Vec<DelegatedRole>,
        agreement_accepted: bool,
    },
}

/// Why a power was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PowerRefusal {
    /// The actor's roles or relationship don't include it.
    NotGranted,
    /// The partner may, but the tenant hasn't accepted the Customer Agreement in force.
    AgreementNotAccepted,
}

impl TenantActor {
    pub fn check(&self, power: Power) -> Result<(), PowerRefusal> {
        match self {
            TenantActor::Member { roles } => {
                let has = |role| roles.contains(&role);
                let granted = has(AdminRole::GlobalAdmin)
                    || match power {
                        Power::ListUsers => {
                            has(AdminRole::HelpdeskAdmin) || has(AdminRole::BillingAdmin)
                        }
                        Power::ResetPassword | Power::SeeIncidents | Power::ManageIncidents => {
                            has(AdminRole::HelpdeskAdmin)
                        }
                        Power::SeeSubscriptions | Power::PlaceOrder | Power::AssignLicense => {
                            has(AdminRole::BillingAdmin)
                        }
                        _ => false,
                    };
                // A member is never "a partner's purchase": that view is for partners.
                if granted && power != Power::SeeOwnPurchases && power != Power::SeePartnerAccount {
                    Ok(())
                } else {
                    Err(PowerRefusal::NotGranted)
                }
            }
            TenantActor::Partner {
                types,
                roles,
                agreement_accepted,
            } => {
                let by_role = roles.iter().any(|role| role.powers().contains(&power));
                let granted = match power {
                    // Orders are a reseller's business: a role adds no way around that.
                    Power::PlaceOrder => types.contains(RelationshipType::Reseller),
                    Power::SeeOwnPurchases => {
                        types.contains(RelationshipType::Reseller)
                            || types.contains(RelationshipType::MpsaPartner)
                    }
                    Power::SeeLobApps | Power::ManageLobApps => {
                        by_role || types.contains(RelationshipType::LineOfBusinessPartner)
                    }
                    Power::SeePartnerAccount => types.contains(RelationshipType::Partner),
                    Power::ManageSettings => false,
                    _ => by_role,
                };
                if !granted {
                    Err(PowerRefusal::NotGranted)
                } else if power.needs_agreement() && !agreement_accepted {
                    Err(PowerRefusal::AgreementNotAccepted)
                } else {
                    Ok(())
                }
            }
        }
    }

    /// Whether the actor may reset the password of, or disable, a member holding an admin
    /// role: only the tenant's own Global admins. A partner never may, whatever role it holds
    /// (it could otherwise lock the customer out of its own partner relationships), and a
    /// Helpdesk admin resetting a Global admin's password would become one.
    pub fn manages_admin_accounts(&self) -> bool {
        match self {
            TenantActor::Member { roles } => roles.contains(&AdminRole::GlobalAdmin),
            TenantActor::Partner { .. } => false,
        }
    }

    /// Whose purchases the actor sees, given whether the tenant shares its MPSA partners'
    /// purchases among them; `None`: no subscription at all.
    pub fn purchases_seen(&self, tenant_shares_mpsa_purchases: bool) -> Option<PurchasesSeen> {
        let mpsa_partner = matches!(self, TenantActor::Partner { types, .. }
            if types.contains(RelationshipType::MpsaPartner));
        if self.check(Power::SeeSubscriptions).is_ok() {
            Some(PurchasesSeen::All)
        } else if mpsa_partner && tenant_shares_mpsa_purchases {
            Some(PurchasesSeen::EveryMpsaPartners)
        } else if self.check(Power::SeeOwnPurchases).is_ok() {
            Some(PurchasesSeen::OwnPartners)
        } else {
            None
        }
    }

    /// Every power the actor holds now (what a page offers).
    pub fn powers(&self) -> Vec<Power> {
        Power::ALL
            .into_iter()
            .filter(|power| self.check(*power).is_ok())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whose_purchases_each_actor_sees() {
        let partner = |types: &[RelationshipType], roles: &[DelegatedRole]| TenantActor::Partner {
            types: types
                .iter()
                .fold(RelationshipTypes::default(), |all, kind| all.with(*kind)),
            roles: roles.to_vec(),
            agreement_accepted: true,
        };
        let billing = TenantActor::Member {
            roles: vec![AdminRole::BillingAdmin],
        };
        assert_eq!(billing.purchases_seen(false), Some(PurchasesSeen::All));
        let helpdesk = TenantActor::Member {
            roles: vec![AdminRole::HelpdeskAdmin],
        };
        assert_eq!(helpdesk.purchases_seen(true), None);
        let global = partner(
            &[RelationshipType::DelegatedAdministrator],
            &[DelegatedRole::GlobalAdmin],
        );
        assert_eq!(global.purchases_seen(false), Some(PurchasesSeen::All));
        let reseller = partner(&[RelationshipType::Reseller], &[]);
        assert_eq!(
            reseller.purchases_seen(true),
            Some(PurchasesSeen::OwnPartners)
        );
        let mpsa = partner(&[RelationshipType::MpsaPartner], &[]);
        assert_eq!(mpsa.purchases_seen(false), Some(PurchasesSeen::OwnPartners));
        assert_eq!(
            mpsa.purchases_seen(true),
            Some(PurchasesSeen::EveryMpsaPartners)
        );
        let advisor = partner(
            &[RelationshipType::Advisor],
            &[DelegatedRole::PasswordAdmin],
        );
        assert_eq!(advisor.purchases_seen(true), None);
    }

    fn partner(kind: RelationshipType, agreement_accepted: bool) -> TenantActor {
        TenantActor::Partner {
            types: RelationshipTypes::default().with(kind),
            roles: kind.default_roles().to_vec(),
            agreement_accepted,
        }
    }

    #[test]
    fn a_delegated_administrator_manages_users_licenses_and_subscriptions() {
        let da = partner(RelationshipType::DelegatedAdministrator, true);
        for power in [
            Power::ListUsers,
            Power::CreateUser,
            Power::ResetPassword,
            Power::AssignLicense,
            Power::SeeSubscriptions,
        ] {
            assert_eq!(da.check(power), Ok(()), "{power:?}");
        }
        assert_eq!(da.check(Power::DisableUser), Ok(()));
        // Orders are a reseller's, and settings the customer's own, whatever the roles.
        assert_eq!(da.check(Power::PlaceOrder), Err(PowerRefusal::NotGranted));
        assert_eq!(
            da.check(Power::ManageSettings),
            Err(PowerRefusal::NotGranted)
        );
        assert!(!da.manages_admin_accounts());
    }

    fn holding(roles: &[DelegatedRole]) -> TenantActor {
        TenantActor::Partner {
            types: RelationshipTypes::default().with(RelationshipType::DelegatedAdministrator),
            roles: roles.to_vec(),
            agreement_accepted: true,
        }
    }

    #[test]
    fn each_role_gives_what_its_description_says() {
        use Power::*;
        let powers = |role| holding(&[role]).powers();
        assert_eq!(
            powers(DelegatedRole::GlobalReader),
            vec![ListUsers, SeeSubscriptions, SeeIncidents, SeeLobApps]
        );
        assert_eq!(
            powers(DelegatedRole::UserAdmin),
            vec![ListUsers, CreateUser, DisableUser, ResetPassword]
        );
        assert_eq!(
            powers(DelegatedRole::PasswordAdmin),
            vec![ListUsers, ResetPassword]
        );
        assert_eq!(
            powers(DelegatedRole::HelpdeskAdmin),
            vec![ListUsers, ResetPassword, SeeIncidents, ManageIncidents]
        );
        assert_eq!(
            powers(DelegatedRole::LicenseAdmin),
            vec![ListUsers, AssignLicense]
        );
        // Without a Reseller relationship, Billing admin sees subscriptions but can't order.
        assert_eq!(powers(DelegatedRole::BillingAdmin), vec![SeeSubscriptions]);
        assert_eq!(
            powers(DelegatedRole::ServiceSupportAdmin),
            vec![SeeIncidents, ManageIncidents]
        );
        assert_eq!(
            powers(DelegatedRole::ApplicationAdmin),
            vec![SeeLobApps, ManageLobApps]
        );
        assert!(holding(&[]).powers().is_empty());
    }

    #[test]
    fn a_license_admin_assigns_only_once_the_agreement_is_accepted() {
        let waiting = TenantActor::Partner {
            types: RelationshipTypes::default().with(RelationshipType::DelegatedAdministrator),
            roles: vec![DelegatedRole::LicenseAdmin],
            agreement_accepted: false,
        };
        assert_eq!(
            waiting.check(Power::AssignLicense),
            Err(PowerRefusal::AgreementNotAccepted)
        );
    }

    #[test]
    fn a_reseller_orders_only_once_the_agreement_is_accepted() {
        assert_eq!(
            partner(RelationshipType::Reseller, false).check(Power::PlaceOrder),
            Err(PowerRefusal::AgreementNotAccepted)
        );
        assert_eq!(
            partner(RelationshipType::Reseller, true).check(Power::PlaceOrder),
            Ok(())
        );
        assert_eq!(
            partner(RelationshipType::Reseller, true).check(Power::ResetPassword),
            Err(PowerRefusal::NotGranted)
        );
    }

    #[test]
    fn an_advisor_resets_passwords_and_handles_incidents_only() {
        let advisor = partner(RelationshipType::Advisor, true);
        assert_eq!(
            advisor.powers(),
            vec![
                Power::ListUsers,
                Power::ResetPassword,
                Power::SeeIncidents,
                Power::ManageIncidents
            ]
        );
    }

    #[test]
    fn after_remove_roles_a_reseller_keeps_only_reselling() {
        let after = TenantActor::Partner {
            types: RelationshipTypes::default()
                .with(RelationshipType::ResellerAndDelegatedAdministrator)
                .without_admin_roles(),
            roles: vec![],
            agreement_accepted: true,
        };
        assert_eq!(
            after.powers(),
            vec![Power::SeeOwnPurchases, Power::PlaceOrder]
        );
    }

    #[test]
    fn customer_roles_map_to_their_powers() {
        let helpdesk = TenantActor::Member {
            roles: vec![AdminRole::HelpdeskAdmin],
        };
        assert_eq!(helpdesk.check(Power::ResetPassword), Ok(()));
        assert_eq!(
            helpdesk.check(Power::PlaceOrder),
            Err(PowerRefusal::NotGranted)
        );
        let user = TenantActor::Member { roles: vec![] };
        assert!(user.powers().is_empty());
        let global = TenantActor::Member {
            roles: vec![AdminRole::GlobalAdmin],
        };
        assert!(global.check(Power::ManageSettings).is_ok());
        assert!(global.check(Power::SeeOwnPurchases).is_err());
    }
}
