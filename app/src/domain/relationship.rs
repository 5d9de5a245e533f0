//! What a partner is to a customer: the relationship types and the admin
//! roles a partner holds inside the customer's tenant.

use super::Invalid;
use serde::{Deserialize, Serialize};

/// The kinds of relationship a partner can offer a customer: Reseller, Delegated administrator,
/// Reseller & delegated administrator, Partner, Advisor, MPSA partner, Line-of-business partner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RelationshipType {
    Reseller,
    DelegatedAdministrator,
    ResellerAndDelegatedAdministrator,
    Partner,
    Advisor,
    MpsaPartner,
    LineOfBusinessPartner,
}

impl RelationshipType {
    pub const ALL: [RelationshipType; 7] = [
        RelationshipType::Reseller,
        RelationshipType::DelegatedAdministrator,
        RelationshipType::ResellerAndDelegatedAdministrator,
        RelationshipType::Partner,
        RelationshipType::Advisor,
        RelationshipType::MpsaPartner,
        RelationshipType::LineOfBusinessPartner,
    ];

    pub fn as_db(self) -> &'static str {
        match self {
            RelationshipType::Reseller => "reseller",
            RelationshipType::DelegatedAdministrator => "delegated_administrator",
            RelationshipType::ResellerAndDelegatedAdministrator => {
                "reseller_and_delegated_administrator"
            }
            RelationshipType::Partner => "partner",
            RelationshipType::Advisor => "advisor",
            RelationshipType::MpsaPartner => "mpsa_partner",
            RelationshipType::LineOfBusinessPartner => "lob_partner",
        }
    }

    pub fn from_db(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_db() == raw)
    }

    /// The message id of this type's product name.
    pub fn message_id(self) -> &'static str {
        match self {
            RelationshipType::Reseller => "relationship-reseller",
            RelationshipType::DelegatedAdministrator => "relationship-delegated-administrator",
            RelationshipType::ResellerAndDelegatedAdministrator => {
                "relationship-reseller-and-delegated-administrator"
            }
            RelationshipType::Partner => "relationship-partner",
            RelationshipType::Advisor => "relationship-advisor",
            RelationshipType::MpsaPartner => "relationship-mpsa-partner",
            RelationshipType::LineOfBusinessPartner => "relationship-lob-partner",
        }
    }

    pub fn bit(self) -> i64 {
        1 << (self as i64)
    }

    pub fn set_to_bits(kinds: &[RelationshipType]) -> i64 {
        kinds.iter().fold(0, |bits, kind| bits | kind.bit())
    }

    pub fn set_from_bits(bits: i64) -> Vec<RelationshipType> {
        Self::ALL
            .into_iter()
            .filter(|kind| bits & kind.bit() != 0)
            .collect()
    }
}

impl RelationshipType {
    /// The admin roles an invitation of this type asks for unless the partner changes them: a
    /// delegated administrator Global and Helpdesk admin, an Advisor Password and Service
    /// support admin. The other types carry no admin roles.
    pub fn default_roles(self) -> &'static [DelegatedRole] {
        match self {
            RelationshipType::DelegatedAdministrator
            | RelationshipType::ResellerAndDelegatedAdministrator => {
                &[DelegatedRole::GlobalAdmin, DelegatedRole::HelpdeskAdmin]
            }
            RelationshipType::Advisor => &[
                DelegatedRole::PasswordAdmin,
                DelegatedRole::ServiceSupportAdmin,
            ],
            RelationshipType::Reseller
            | RelationshipType::Partner
            | RelationshipType::MpsaPartner
            | RelationshipType::LineOfBusinessPartner => &[],
        }
    }

    /// Whether an invitation of this type asks for admin roles (an admin relationship).
    pub fn carries_roles(self) -> bool {
        !self.default_roles().is_empty()
    }

    /// The English product name, for email.
    pub fn english_name(self) -> &'static str {
        match self {
            RelationshipType::Reseller => "Reseller",
            RelationshipType::DelegatedAdministrator => "Delegated administrator",
            RelationshipType::ResellerAndDelegatedAdministrator => {
                "Reseller & delegated administrator"
            }
            RelationshipType::Partner => "Partner",
            RelationshipType::Advisor => "Advisor",
            RelationshipType::MpsaPartner => "MPSA partner",
            RelationshipType::LineOfBusinessPartner => "Line-of-business (LOB) partner",
        }
    }

    /// The types this one is made of: "Reseller & delegated administrator" is both.
    fn parts(self) -> &'static [RelationshipType] {
        match self {
            RelationshipType::ResellerAndDelegatedAdministrator => &[
                RelationshipType::Reseller,
                RelationshipType::DelegatedAdministrator,
            ],
            RelationshipType::Reseller => &[RelationshipType::Reseller],
            RelationshipType::DelegatedAdministrator => &[RelationshipType::DelegatedAdministrator],
            RelationshipType::Partner => &[RelationshipType::Partner],
            RelationshipType::Advisor => &[RelationshipType::Advisor],
            RelationshipType::MpsaPartner => &[RelationshipType::MpsaPartner],
            RelationshipType::LineOfBusinessPartner => &[RelationshipType::LineOfBusinessPartner],
        }
    }
}

/// The types one relationship has. Stored as bits of the single types, so types add up:
/// a Reseller that is made Delegated administrator is a "Reseller & delegated administrator".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RelationshipTypes(i64);

impl RelationshipTypes {
    pub fn from_bits(bits: i64) -> Self {
        Self(bits & 127 & !RelationshipType::ResellerAndDelegatedAdministrator.bit())
    }

    pub fn bits(self) -> i64 {
        self.0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether the relationship already has everything `kind` stands for.
    pub fn contains(self, kind: RelationshipType) -> bool {
        kind.parts().iter().all(|part| self.0 & part.bit() != 0)
    }

    pub fn with(self, kind: RelationshipType) -> Self {
        Self(
            kind.parts()
                .iter()
                .fold(self.0, |bits, part| bits | part.bit()),
        )
    }

    /// What is left when the customer removes the partner's admin roles: the types whose
    /// powers are those roles go with them ("Reseller & delegated administrator" becomes
    /// "Reseller"; "Delegated administrator" alone becomes no type at all).
    pub fn without_admin_roles(self) -> Self {
        let with_roles = RelationshipType::ALL
            .into_iter()
            .filter(|kind| kind.carries_roles())
            .fold(0, |bits, kind| bits | kind.bit());
        Self::from_bits(self.0 & !with_roles)
    }

    /// The types as their names are shown, Reseller and Delegated administrator together as
    /// one combined type, "Reseller & delegated administrator".
    pub fn shown(self) -> Vec<RelationshipType> {
        let combined = RelationshipType::ResellerAndDelegatedAdministrator;
        let mut shown = Vec::new();
        for kind in RelationshipType::ALL {
            match kind {
                RelationshipType::ResellerAndDelegatedAdministrator if self.contains(combined) => {
                    shown.push(kind)
                }
                RelationshipType::Reseller | RelationshipType::DelegatedAdministrator
                    if self.contains(combined) => {}
                RelationshipType::ResellerAndDelegatedAdministrator => {}
                single if self.contains(single) => shown.push(single),
                _ => {}
            }
        }
        shown
    }
}

/// An admin role a partner can ask for and hold inside a customer's tenant, approved one by
/// one by the customer. What each lets the partner do is [`DelegatedRole::powers`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum DelegatedRole {
    /// Everything a partner may do in a tenant (never to the customer's own admin accounts).
    GlobalAdmin,
    /// Sees everything, changes nothing.
    GlobalReader,
    /// Creates and disables users, resets non-admin passwords.
    UserAdmin,
    /// Resets non-admin passwords.
    PasswordAdmin,
    /// Resets non-admin passwords, opens and updates support incidents.
    HelpdeskAdmin,
    /// Assigns licenses.
    LicenseAdmin,
    /// Subscriptions and orders (orders still need the Customer Agreement and a Reseller
    /// relationship).
    BillingAdmin,
    /// Support incidents.
    ServiceSupportAdmin,
    /// Line-of-business apps.
    ApplicationAdmin,
}

impl DelegatedRole {
    pub const ALL: [DelegatedRole; 9] = [
        DelegatedRole::GlobalAdmin,
        DelegatedRole::GlobalReader,
        DelegatedRole::UserAdmin,
        DelegatedRole::PasswordAdmin,
        DelegatedRole::HelpdeskAdmin,
        DelegatedRole::LicenseAdmin,
        DelegatedRole::BillingAdmin,
        DelegatedRole::ServiceSupportAdmin,
        DelegatedRole::ApplicationAdmin,
    ];

    pub fn as_db(self) -> &'static str {
        match self {
            DelegatedRole::GlobalAdmin => "global_admin",
            DelegatedRole::GlobalReader => "global_reader",
            DelegatedRole::UserAdmin => "user_admin",
            DelegatedRole::PasswordAdmin => "password_admin",
            DelegatedRole::HelpdeskAdmin => "helpdesk_admin",
            DelegatedRole::LicenseAdmin => "license_admin",
            DelegatedRole::BillingAdmin => "billing_admin",
            DelegatedRole::ServiceSupportAdmin => "service_support_admin",
            DelegatedRole::ApplicationAdmin => "application_admin",
        }
    }

    pub fn from_db(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|role| role.as_db() == raw)
    }

    pub fn message_id(self) -> &'static str {
        match self {
            DelegatedRole::GlobalAdmin => "role-global-admin",
            DelegatedRole::GlobalReader => "role-global-reader",
            DelegatedRole::UserAdmin => "role-user-admin",
            DelegatedRole::PasswordAdmin => "role-password-admin",
            DelegatedRole::HelpdeskAdmin => "role-helpdesk-admin",
            DelegatedRole::LicenseAdmin => "role-license-admin",
            DelegatedRole::BillingAdmin => "role-billing-admin",
            DelegatedRole::ServiceSupportAdmin => "role-service-support-admin",
            DelegatedRole::ApplicationAdmin => "role-application-admin",
        }
    }

    /// The message id of the one-line description of what the role lets a partner do.
    pub fn description_id(self) -> &'static str {
        match self {
            DelegatedRole::GlobalAdmin => "role-global-admin-description",
            DelegatedRole::GlobalReader => "role-global-reader-description",
            DelegatedRole::UserAdmin => "role-user-admin-description",
            DelegatedRole::PasswordAdmin => "role-password-admin-description",
            DelegatedRole::HelpdeskAdmin => "role-helpdesk-admin-description",
            DelegatedRole::LicenseAdmin => "role-license-admin-description",
            DelegatedRole::BillingAdmin => "role-billing-admin-description",
            DelegatedRole::ServiceSupportAdmin => "role-service-support-admin-description",
            DelegatedRole::ApplicationAdmin => "role-application-admin-description",
        }
    }

    /// The English name, for email.
    pub fn english_name(self) -> &'static str {
        match self {
            DelegatedRole::GlobalAdmin => "Global admin",
            DelegatedRole::GlobalReader => "Global reader",
            DelegatedRole::UserAdmin => "User admin",
            DelegatedRole::PasswordAdmin => "Password admin",
            DelegatedRole::HelpdeskAdmin => "Helpdesk admin",
            DelegatedRole::LicenseAdmin => "License admin",
            DelegatedRole::BillingAdmin => "Billing admin",
            DelegatedRole::ServiceSupportAdmin => "Service support admin",
            DelegatedRole::ApplicationAdmin => "Application admin",
        }
    }

    /// What the role lets a partner do in the tenant. Powers that also need a relationship
    /// type (placing orders needs Reseller) or the Customer Agreement are checked on top, in
    /// [`super::TenantActor::check`]. Managing the tenant's settings and its partner
    /// relationships is never a partner's, whatever role it holds.
    pub fn powers(self) -> &'static [super::Power] {
        use super::Power::*;
        match self {
            DelegatedRole::GlobalAdmin => &[
                ListUsers,
                CreateUser,
                DisableUser,
                ResetPassword,
                AssignLicense,
                SeeSubscriptions,
                PlaceOrder,
                SeeIncidents,
                ManageIncidents,
                SeeLobApps,
                ManageLobApps,
            ],
            DelegatedRole::GlobalReader => &[ListUsers, SeeSubscriptions, SeeIncidents, SeeLobApps],
            DelegatedRole::UserAdmin => &[ListUsers, CreateUser, DisableUser, ResetPassword],
            DelegatedRole::PasswordAdmin => &[ListUsers, ResetPassword],
            DelegatedRole::HelpdeskAdmin => {
                &[ListUsers, ResetPassword, SeeIncidents, ManageIncidents]
            }
            DelegatedRole::LicenseAdmin => &[ListUsers, AssignLicense],
            DelegatedRole::BillingAdmin => &[SeeSubscriptions, PlaceOrder],
            DelegatedRole::ServiceSupportAdmin => &[SeeIncidents, ManageIncidents],
            DelegatedRole::ApplicationAdmin => &[SeeLobApps, ManageLobApps],
        }
    }
}

/// A partner working with a tenant, as the tenant's admins see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerRelationship {
    pub partner_id: super::PartnerId,
    pub partner_name: String,
    pub types: RelationshipTypes,
    /// The roles held now, through the admin relationships in force.
    pub roles: Vec<DelegatedRole>,
    pub since_ms: i64,
    /// Every admin relationship with the partner, those ended included (history).
    pub admin_relationships: Vec<super::AdminRelationship>,
}

impl PartnerRelationship {
    /// Whether the Customer Agreement holds this partner back: something it could do in the
    /// tenant (buy, manage subscriptions) waits until the tenant accepts the version in force.
    pub fn waits_for_agreement(&self) -> bool {
        let once_accepted = super::TenantActor::Partner {
            types: self.types,
            roles: self.roles.clone(),
            agreement_accepted: true,
        };
        once_accepted
            .powers()
            .into_iter()
            .any(super::Power::needs_agreement)
    }
}

/// The tenant's partner relationships, the invitations waiting for an answer, and where the
/// tenant stands with the Customer Agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantRelationships {
    pub relationships: Vec<PartnerRelationship>,
    pub pending_invitations: Vec<PendingInvitation>,
    pub agreement: super::AgreementStatus,
    /// Since when every partner is locked out (Revoke all partner access), if they are.
    pub lockdown_since_ms: Option<i64>,
}

/// An invitation to the tenant nobody has answered yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingInvitation {
    pub invitation_id: i64,
    pub partner_name: String,
    pub relationship_type: RelationshipType,
    pub expires_at_ms: i64,
}

/// Events of the partner's activity timeline its page shows.
pub const PARTNER_PAGE_ACTIVITY: i64 = 10;

/// The partner page: one partner's relationship with the tenant, in full.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerRelationshipDetail {
    pub partner_id: super::PartnerId,
    pub partner_name: String,
    pub website: String,
    pub contact_email: String,
    pub types: RelationshipTypes,
    /// The roles held now, through the admin relationships in force.
    pub roles: Vec<DelegatedRole>,
    /// Every admin relationship with the partner, in force first, those ended last.
    pub admin_relationships: Vec<super::AdminRelationship>,
    pub since_ms: i64,
    pub agreement: super::AgreementStatus,
    /// The newest of the partner's activity timeline: what its agents did in the tenant and
    /// every change to the relationship.
    pub activity: Vec<super::ActivityEntry>,
    /// Whether the timeline has older events than these.
    pub more_activity: bool,
}

/// A customer as the partner's agents see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerRelationship {
    pub tenant_id: super::TenantId,
    pub tenant_name: String,
    pub tenant_domain: String,
    pub types: RelationshipTypes,
    /// The roles the agent looking holds there now, through their teams.
    pub roles: Vec<DelegatedRole>,
    pub since_ms: i64,
    /// Whether the customer accepted the Customer Agreement in force; until it does, the
    /// partner can't place orders or manage subscriptions for it.
    pub agreement_accepted: bool,
    /// The partner's admin relationships with the customer, those ended included (history).
    pub admin_relationships: Vec<super::AdminRelationship>,
}

/// The longest reason a Global admin gives for revoking all partner access.
pub const MAX_LOCKDOWN_REASON: usize = 1_000;

/// The longest note a customer sends a partner whose relationship it ends.
pub const MAX_END_NOTE: usize = 2_000;

/// Customers per page of the partner's Customers page.
pub const CUSTOMERS_PAGE_SIZE: i64 = 25;
/// The longest search of the Customers page.
pub const MAX_CUSTOMER_SEARCH: usize = 100;

/// What the Customers page shows: the customers whose name or domain contains `search`
/// (all of them without one), one page of them, by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerQuery {
    pub search: Option<String>,
    /// From 1.
    pub page: i64,
}

impl CustomerQuery {
    /// From the page's address (`?q=contoso&page=2`): a missing or unreadable page is the
    /// first, one past the last is the last; the search is one line of at most
    /// [`MAX_CUSTOMER_SEARCH`] characters.
    pub fn parse(search: &str, page: &str) -> Result<Self, Vec<(&'static str, Invalid)>> {
        let search = super::optional_text(search, MAX_CUSTOMER_SEARCH)
            .map_err(|invalid| vec![("q", invalid)])?;
        Ok(Self {
            search,
            page: super::page_number(page),
        })
    }

    pub fn offset(&self) -> i64 {
        (self.page - 1) * CUSTOMERS_PAGE_SIZE
    }
}

/// One page of the partner's customers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerPage {
    pub customers: Vec<CustomerRelationship>,
    /// How many customers the search found, on every page.
    pub total: i64,
    pub page: i64,
    pub search: Option<String>,
}

impl CustomerPage {
    pub fn page_count(&self) -> i64 {
        super::page_count(self.total, CUSTOMERS_PAGE_SIZE)
    }
}

impl CustomerRelationship {
    /// The first area of the customer's tenant the partner may open now, for its link.
    pub fn first_area(&self) -> Option<super::TenantArea> {
        let actor = super::TenantActor::Partner {
            types: self.types,
            roles: self.roles.clone(),
            agreement_accepted: self.agreement_accepted,
        };
        super::TenantArea::offered(&actor.powers()).first().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_customers_query_reads_any_address_without_failing() {
        let query = CustomerQuery::parse("  contoso ", "3").expect("valid");
        assert_eq!(query.search.as_deref(), Some("contoso"));
        assert_eq!(query.offset(), 2 * CUSTOMERS_PAGE_SIZE);
        for page in ["", "0", "-4", "x", "99999999999999999999"] {
            let page = CustomerQuery::parse("", page).expect("valid").page;
            assert!((1..=crate::domain::MAX_PAGE).contains(&page), "{page}");
        }
        assert_eq!(CustomerQuery::parse("", "").expect("valid").search, None);
        assert_eq!(
            CustomerQuery::parse(&"x".repeat(MAX_CUSTOMER_SEARCH + 1), "1"),
            Err(vec![("q", Invalid::TooLong)])
        );
        assert!(CustomerQuery::parse("a\0b", "1").is_err());
    }

    #[test]
    fn a_customer_page_counts_its_pages() {
        let page = |total| CustomerPage {
            customers: vec![],
            total,
            page: 1,
            search: None,
        };
        assert_eq!(page(0).page_count(), 0);
        assert_eq!(page(25).page_count(), 1);
        assert_eq!(page(5_000).page_count(), 200);
        assert_eq!(page(5_001).page_count(), 201);
    }

    #[test]
    fn the_agreement_holds_back_resellers_and_global_admins_only() {
        let relationship =
            |types: &[RelationshipType], roles: &[DelegatedRole]| PartnerRelationship {
                partner_id: crate::domain::PartnerId::new(1),
                partner_name: "Fabrikam".to_owned(),
                types: types
                    .iter()
                    .fold(RelationshipTypes::default(), |all, kind| all.with(*kind)),
                roles: roles.to_vec(),
                since_ms: 0,
                admin_relationships: vec![],
            };
        assert!(relationship(&[RelationshipType::Reseller], &[]).waits_for_agreement());
        assert!(relationship(
            &[RelationshipType::DelegatedAdministrator],
            &[DelegatedRole::GlobalAdmin]
        )
        .waits_for_agreement());
        assert!(!relationship(
            &[RelationshipType::DelegatedAdministrator],
            &[DelegatedRole::HelpdeskAdmin]
        )
        .waits_for_agreement());
        assert!(!relationship(
            &[RelationshipType::Advisor],
            &[DelegatedRole::PasswordAdmin]
        )
        .waits_for_agreement());
        assert!(!relationship(&[RelationshipType::MpsaPartner], &[]).waits_for_agreement());
    }

    #[test]
    fn relationship_types_round_trip_through_the_database_and_bits() {
        for kind in RelationshipType::ALL {
            assert_eq!(RelationshipType::from_db(kind.as_db()), Some(kind));
        }
        let all = RelationshipType::ALL.to_vec();
        assert_eq!(
            RelationshipType::set_from_bits(RelationshipType::set_to_bits(&all)),
            all
        );
    }

    #[test]
    fn types_add_up_and_show_as_the_seeds_names() {
        let reseller = RelationshipTypes::default().with(RelationshipType::Reseller);
        let both = reseller.with(RelationshipType::DelegatedAdministrator);
        assert!(both.contains(RelationshipType::ResellerAndDelegatedAdministrator));
        assert_eq!(
            both.shown(),
            vec![RelationshipType::ResellerAndDelegatedAdministrator]
        );
        assert_eq!(
            RelationshipTypes::default()
                .with(RelationshipType::ResellerAndDelegatedAdministrator)
                .bits(),
            both.bits()
        );
        assert!(!reseller.contains(RelationshipType::ResellerAndDelegatedAdministrator));
        assert_eq!(
            both.with(RelationshipType::Advisor).shown(),
            vec![
                RelationshipType::ResellerAndDelegatedAdministrator,
                RelationshipType::Advisor
            ]
        );
        assert!(RelationshipTypes::default().shown().is_empty());
    }

    #[test]
    fn removing_admin_roles_reduces_the_types_that_are_those_roles() {
        let both =
            RelationshipTypes::default().with(RelationshipType::ResellerAndDelegatedAdministrator);
        assert_eq!(
            both.without_admin_roles().shown(),
            vec![RelationshipType::Reseller]
        );
        let delegated = RelationshipTypes::default().with(RelationshipType::DelegatedAdministrator);
        assert!(delegated.without_admin_roles().is_empty());
        let advisor_and_lob = RelationshipTypes::default()
            .with(RelationshipType::Advisor)
            .with(RelationshipType::LineOfBusinessPartner);
        assert_eq!(
            advisor_and_lob.without_admin_roles().shown(),
            vec![RelationshipType::LineOfBusinessPartner]
        );
        for kind in [
            RelationshipType::Reseller,
            RelationshipType::Partner,
            RelationshipType::MpsaPartner,
            RelationshipType::LineOfBusinessPartner,
        ] {
            let only = RelationshipTypes::default().with(kind);
            assert_eq!(only.without_admin_roles(), only, "{kind:?}");
        }
    }

    #[test]
    fn delegated_administration_asks_for_global_and_helpdesk_admin() {
        assert_eq!(
            RelationshipType::ResellerAndDelegatedAdministrator.default_roles(),
            &[DelegatedRole::GlobalAdmin, DelegatedRole::HelpdeskAdmin]
        );
        assert!(RelationshipType::Reseller.default_roles().is_empty());
        for role in DelegatedRole::ALL {
            assert_eq!(DelegatedRole::from_db(role.as_db()), Some(role));
        }
    }

    #[test]
    fn a_customer_link_opens_the_first_area_the_partner_may() {
        let customer = |kind: RelationshipType| CustomerRelationship {
            tenant_id: crate::domain::TenantId::new(1),
            tenant_name: "Contoso".into(),
            tenant_domain: "contoso.example".into(),
            types: RelationshipTypes::default().with(kind),
            roles: kind.default_roles().to_vec(),
            since_ms: 0,
            agreement_accepted: false,
            admin_relationships: vec![],
        };
        use crate::domain::TenantArea;
        assert_eq!(
            customer(RelationshipType::DelegatedAdministrator).first_area(),
            Some(TenantArea::Users)
        );
        assert_eq!(
            customer(RelationshipType::MpsaPartner).first_area(),
            Some(TenantArea::Subscriptions)
        );
        assert_eq!(
            customer(RelationshipType::LineOfBusinessPartner).first_area(),
            Some(TenantArea::Apps)
        );
        assert_eq!(
            customer(RelationshipType::Partner).first_area(),
            Some(TenantArea::Account)
        );
    }
}
