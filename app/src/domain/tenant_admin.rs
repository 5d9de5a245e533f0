//! The tenant administration partners act on: users and their licenses, subscriptions,
//! support incidents, line-of-business apps.

use super::{AdminRole, Invalid, Power, TenantId, UserId};
use serde::{Deserialize, Serialize};

/// What the actor may do in one tenant, for the pages to offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantOverview {
    pub tenant_id: TenantId,
    pub tenant_name: String,
    /// True when the actor is a partner's agent.
    pub as_partner: bool,
    pub powers: Vec<Power>,
    pub agreement_accepted: bool,
    pub mpsa_purchases_shared: bool,
}

/// The areas of the tenant administration screen, in the order they are offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TenantArea {
    Users,
    Subscriptions,
    Incidents,
    Apps,
    Settings,
    Account,
}

impl TenantArea {
    pub const ALL: [TenantArea; 6] = [
        TenantArea::Users,
        TenantArea::Subscriptions,
        TenantArea::Incidents,
        TenantArea::Apps,
        TenantArea::Settings,
        TenantArea::Account,
    ];

    /// The area's part of the address (`/admin/users`).
    pub fn slug(self) -> &'static str {
        match self {
            TenantArea::Users => "users",
            TenantArea::Subscriptions => "subscriptions",
            TenantArea::Incidents => "incidents",
            TenantArea::Apps => "apps",
            TenantArea::Settings => "settings",
            TenantArea::Account => "account",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|area| area.slug() == slug)
    }

    pub fn message_id(self) -> &'static str {
        match self {
            TenantArea::Users => "area-users",
            TenantArea::Subscriptions => "area-subscriptions",
            TenantArea::Incidents => "area-incidents",
            TenantArea::Apps => "area-apps",
            TenantArea::Settings => "area-settings",
            TenantArea::Account => "area-account",
        }
    }

    /// The powers that open the area: any one of them.
    pub fn powers(self) -> &'static [Power] {
        match self {
            TenantArea::Users => &[Power::ListUsers],
            TenantArea::Subscriptions => &[
                Power::SeeSubscriptions,
                Power::SeeOwnPurchases,
                Power::PlaceOrder,
            ],
            TenantArea::Incidents => &[Power::SeeIncidents],
            TenantArea::Apps => &[Power::SeeLobApps],
            TenantArea::Settings => &[Power::ManageSettings],
            TenantArea::Account => &[Power::SeePartnerAccount],
        }
    }
}

/// Everything one tenant administration screen shows, in one answer: what the actor may do
/// in the tenant, and the lists of the area opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantScreen {
    pub overview: TenantOverview,
    pub area: AreaData,
}

/// The lists of one area, each as far as the actor may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AreaData {
    /// No such area, or not one this actor may open: the screen lists those it may.
    NotOffered,
    Users {
        users: Vec<TenantUser>,
        /// For assigning licenses, when the actor may.
        subscriptions: Vec<Subscription>,
    },
    Subscriptions {
        /// `None` when the actor may only place orders.
        subscriptions: Option<Vec<Subscription>>,
        /// For placing an order, when the actor may.
        products: Vec<Product>,
    },
    Incidents(Vec<Incident>),
    Apps(Vec<LobApp>),
    /// The partners of type "Partner", to name an account for.
    Settings(Vec<super::PartnerRelationship>),
    /// The account the customer named for this partner, if any.
    Account(Option<String>),
}

impl TenantArea {
    /// The areas an actor holding `powers` may open, in order.
    pub fn offered(powers: &[Power]) -> Vec<TenantArea> {
        TenantArea::ALL
            .into_iter()
            .filter(|area| area.powers().iter().any(|power| powers.contains(power)))
            .collect()
    }
}

impl TenantOverview {
    /// The areas this actor may open, in order.
    pub fn areas(&self) -> Vec<TenantArea> {
        TenantArea::offered(&self.powers)
    }

    pub fn may(&self, power: Power) -> bool {
        self.powers.contains(&power)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantUser {
    pub user_id: UserId,
    pub display_name: String,
    pub email: String,
    pub roles: Vec<AdminRole>,
    pub disabled: bool,
    /// Names of the products licensed to the user.
    pub licenses: Vec<String>,
}

/// A password to hand over once; only its hash is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemporaryPassword {
    pub email: String,
    pub password: String,
    /// It works for one sign-in, until then.
    pub expires_at_ms: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Product {
    pub product_id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subscription {
    pub subscription_id: i64,
    pub product_name: String,
    pub seats: i64,
    pub assigned: i64,
    pub purchased_at_ms: i64,
    pub purchased_by: String,
    /// The partner it was bought through, if any.
    pub partner_name: Option<String>,
    /// Whether that partner's relationship with the tenant has ended since.
    pub partner_gone: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum IncidentStatus {
    Open,
    Closed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentComment {
    pub author: String,
    pub partner_name: Option<String>,
    pub body: String,
    pub created_at_ms: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Incident {
    pub incident_id: i64,
    pub title: String,
    pub status: IncidentStatus,
    pub opened_by: String,
    pub partner_name: Option<String>,
    pub opened_at_ms: i64,
    pub comments: Vec<IncidentComment>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LobAppStatus {
    Submitted,
    Published,
    Retired,
}

impl LobAppStatus {
    pub const ALL: [LobAppStatus; 3] = [
        LobAppStatus::Submitted,
        LobAppStatus::Published,
        LobAppStatus::Retired,
    ];

    pub fn as_db(self) -> &'static str {
        match self {
            LobAppStatus::Submitted => "submitted",
            LobAppStatus::Published => "published",
            LobAppStatus::Retired => "retired",
        }
    }

    pub fn from_db(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.as_db() == raw)
    }

    pub fn message_id(self) -> &'static str {
        match self {
            LobAppStatus::Submitted => "lob-status-submitted",
            LobAppStatus::Published => "lob-status-published",
            LobAppStatus::Retired => "lob-status-retired",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LobApp {
    pub lob_app_id: i64,
    pub name: String,
    pub version: String,
    pub status: LobAppStatus,
    pub partner_name: Option<String>,
    pub updated_at_ms: i64,
}

/// A seat count for an order: 1 to 10,000.
pub fn parse_seats(raw: &str) -> Result<i64, Invalid> {
    match raw.trim() {
        "" => Err(Invalid::Required),
        raw => raw
            .parse::<i64>()
            .ok()
            .filter(|seats| (1..=10_000).contains(seats))
            .ok_or(Invalid::SeatsOutOfRange),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seats_are_whole_numbers_within_bounds() {
        assert_eq!(parse_seats(" 25 "), Ok(25));
        assert_eq!(parse_seats("0"), Err(Invalid::SeatsOutOfRange));
        assert_eq!(parse_seats("10001"), Err(Invalid::SeatsOutOfRange));
        assert_eq!(parse_seats("ten"), Err(Invalid::SeatsOutOfRange));
        assert_eq!(parse_seats(""), Err(Invalid::Required));
    }
}
