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

impl TenantOverview {
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
