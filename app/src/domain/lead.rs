//! A contact request as each chosen partner receives it.

use super::{CountryCode, Invalid, OrganizationSize};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LeadStatus {
    New,
    Contacted,
    Invited,
    Closed,
}

impl LeadStatus {
    pub const ALL: [LeadStatus; 4] = [
        LeadStatus::New,
        LeadStatus::Contacted,
        LeadStatus::Invited,
        LeadStatus::Closed,
    ];

    pub fn as_db(self) -> &'static str {
        match self {
            LeadStatus::New => "new",
            LeadStatus::Contacted => "contacted",
            LeadStatus::Invited => "invited",
            LeadStatus::Closed => "closed",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.as_db() == raw)
    }

    pub fn message_id(self) -> &'static str {
        match self {
            LeadStatus::New => "lead-status-new",
            LeadStatus::Contacted => "lead-status-contacted",
            LeadStatus::Invited => "lead-status-invited",
            LeadStatus::Closed => "lead-status-closed",
        }
    }

    /// The statuses an agent may set by hand (Invited is set by sending an invitation).
    pub fn can_become(self, next: LeadStatus) -> bool {
        matches!(
            (self, next),
            (LeadStatus::New, LeadStatus::Contacted)
                | (
                    LeadStatus::New | LeadStatus::Contacted | LeadStatus::Invited,
                    LeadStatus::Closed
                )
        )
    }
}

/// A row of the leads inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadSummary {
    pub lead_id: i64,
    pub company: String,
    pub contact_name: String,
    pub country: CountryCode,
    pub status: LeadStatus,
    pub received_at_ms: i64,
}

/// How many leads the inbox shows at a time, newest first.
pub const LEADS_PAGE_SIZE: i64 = 50;

/// What the leads inbox shows: the leads of one status (all of them without one), a page at
/// a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadQuery {
    pub status: Option<LeadStatus>,
    /// From 1.
    pub page: i64,
}

impl LeadQuery {
    /// From the inbox's address (`?status=new&page=2`): no status is every status, a missing
    /// or unreadable page is the first.
    pub fn parse(status: &str, page: &str) -> Result<Self, Vec<(&'static str, Invalid)>> {
        let status = match status {
            "" => None,
            raw => {
                Some(LeadStatus::parse(raw).ok_or_else(|| vec![("status", Invalid::Malformed)])?)
            }
        };
        Ok(Self {
            status,
            page: super::page_number(page),
        })
    }

    pub fn offset(&self) -> i64 {
        (self.page - 1) * LEADS_PAGE_SIZE
    }
}

/// One page of the leads inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadPage {
    pub leads: Vec<LeadSummary>,
    /// How many leads have the status, on every page.
    pub total: i64,
    pub query: LeadQuery,
}

impl LeadPage {
    pub fn page_count(&self) -> i64 {
        super::page_count(self.total, LEADS_PAGE_SIZE)
    }
}

/// Everything the customer wrote, as the lead page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadDetail {
    pub lead_id: i64,
    pub status: LeadStatus,
    pub received_at_ms: i64,
    pub business_needs: String,
    pub contact_name: String,
    pub email: String,
    pub phone: Option<String>,
    pub company: String,
    pub size: OrganizationSize,
    pub country: CountryCode,
    pub city: Option<String>,
    /// The customer's tenant domain, when a signed-in admin sent it.
    pub tenant_domain: Option<String>,
}

/// A contact request as the customer admin who sent it sees it later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentContactRequest {
    pub contact_request_id: i64,
    pub sent_at_ms: i64,
    pub business_needs: String,
    /// `(partner name, lead status)` for each partner contacted.
    pub partners: Vec<(String, LeadStatus)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_move_forward_only() {
        assert!(LeadStatus::New.can_become(LeadStatus::Contacted));
        assert!(LeadStatus::Contacted.can_become(LeadStatus::Closed));
        assert!(!LeadStatus::Closed.can_become(LeadStatus::Contacted));
        assert!(!LeadStatus::Contacted.can_become(LeadStatus::New));
        for status in LeadStatus::ALL {
            assert_eq!(LeadStatus::parse(status.as_db()), Some(status));
        }
    }
}
