//! The partner activity timeline (`/settings/partner-activity`): every action partners' agents
//! took in the tenant and every change to its partner relationships, newest first, filtered by
//! partner, agent, action and dates, a page at a time by keyset (the position of the last row
//! shown, never an offset: events written meanwhile don't shift the pages).

use super::{parse_date, Invalid, PartnerId, UserId, DAY_MS};
use serde::{Deserialize, Serialize};

/// Rows on one page of the timeline.
pub const ACTIVITY_PAGE_SIZE: i64 = 25;

/// Every action the audit log records, by the name it is stored under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AuditAction {
    InvitationSent,
    InvitationResent,
    InvitationRevoked,
    InvitationDeclined,
    InvitationAccepted,
    AgreementAccepted,
    PartnerRolesGranted,
    PartnerRolesRefused,
    PartnerRolesRemoved,
    RelationshipEnded,
    RelationshipEndedByCustomer,
    AccessRoleRemoved,
    AccessEnded,
    AccessExpired,
    AccessExtended,
    AccessAutoExtendOn,
    AccessAutoExtendOff,
    PartnerAccessRevokedAll,
    PartnerLockdownEnded,
    UserCreated,
    UserDisabled,
    UserPasswordReset,
    LicenseAssigned,
    SubscriptionOrdered,
    IncidentOpened,
    IncidentCommented,
    IncidentClosed,
    LobAppSubmitted,
    LobAppStatusChanged,
    SettingMpsaPurchasesShared,
    PartnerAccountNamed,
    /// A partner's admin agent changed its directory entry: the partner's own business, in
    /// no tenant's timeline.
    PartnerProfileUpdated,
}

impl AuditAction {
    /// In the order the timeline's action filter lists them: relationships first, then what
    /// partners do inside the tenant.
    pub const ALL: [AuditAction; 31] = [
        AuditAction::InvitationSent,
        AuditAction::InvitationResent,
        AuditAction::InvitationRevoked,
        AuditAction::InvitationDeclined,
        AuditAction::InvitationAccepted,
        AuditAction::AgreementAccepted,
        AuditAction::PartnerRolesGranted,
        AuditAction::PartnerRolesRefused,
        AuditAction::PartnerRolesRemoved,
        AuditAction::RelationshipEnded,
        AuditAction::RelationshipEndedByCustomer,
        AuditAction::AccessRoleRemoved,
        AuditAction::AccessEnded,
        AuditAction::AccessExpired,
        AuditAction::AccessExtended,
        AuditAction::AccessAutoExtendOn,
        AuditAction::AccessAutoExtendOff,
        AuditAction::PartnerAccessRevokedAll,
        AuditAction::PartnerLockdownEnded,
        AuditAction::UserCreated,
        AuditAction::UserDisabled,
        AuditAction::UserPasswordReset,
        AuditAction::LicenseAssigned,
        AuditAction::SubscriptionOrdered,
        AuditAction::IncidentOpened,
        AuditAction::IncidentCommented,
        AuditAction::IncidentClosed,
        AuditAction::LobAppSubmitted,
        AuditAction::LobAppStatusChanged,
        AuditAction::SettingMpsaPurchasesShared,
        AuditAction::PartnerAccountNamed,
    ];

    /// Actions about every partner at once: they concern no partner in particular, and the
    /// timeline shows them all the same.
    pub const TENANT_WIDE: [AuditAction; 2] = [
        AuditAction::PartnerAccessRevokedAll,
        AuditAction::PartnerLockdownEnded,
    ];

    /// Actions on a partner's own business, outside every tenant.
    pub const PARTNER_OWN: [AuditAction; 1] = [AuditAction::PartnerProfileUpdated];

    pub fn as_db(self) -> &'static str {
        match self {
            AuditAction::InvitationSent => "invitation.sent",
            AuditAction::InvitationResent => "invitation.resent",
            AuditAction::InvitationRevoked => "invitation.revoked",
            AuditAction::InvitationDeclined => "invitation.declined",
            AuditAction::InvitationAccepted => "invitation.accepted",
            AuditAction::AgreementAccepted => "agreement.accepted",
            AuditAction::PartnerRolesGranted => "partner.roles_granted",
            AuditAction::PartnerRolesRefused => "partner.roles_refused",
            AuditAction::PartnerRolesRemoved => "partner.roles_removed",
            AuditAction::RelationshipEnded => "relationship.ended",
            AuditAction::RelationshipEndedByCustomer => "relationship.ended_by_customer",
            AuditAction::AccessRoleRemoved => "access.role_removed",
            AuditAction::AccessEnded => "access.ended",
            AuditAction::AccessExpired => "access.expired",
            AuditAction::AccessExtended => "access.extended",
            AuditAction::AccessAutoExtendOn => "access.auto_extend_on",
            AuditAction::AccessAutoExtendOff => "access.auto_extend_off",
            AuditAction::PartnerAccessRevokedAll => "partner.access_revoked_all",
            AuditAction::PartnerLockdownEnded => "partner.lockdown_ended",
            AuditAction::UserCreated => "user.created",
            AuditAction::UserDisabled => "user.disabled",
            AuditAction::UserPasswordReset => "user.password_reset",
            AuditAction::LicenseAssigned => "license.assigned",
            AuditAction::SubscriptionOrdered => "subscription.ordered",
            AuditAction::IncidentOpened => "incident.opened",
            AuditAction::IncidentCommented => "incident.commented",
            AuditAction::IncidentClosed => "incident.closed",
            AuditAction::LobAppSubmitted => "lob_app.submitted",
            AuditAction::LobAppStatusChanged => "lob_app.status_changed",
            AuditAction::SettingMpsaPurchasesShared => "setting.mpsa_purchases_shared",
            AuditAction::PartnerAccountNamed => "partner.account_named",
            AuditAction::PartnerProfileUpdated => "partner.profile_updated",
        }
    }

    pub fn from_db(raw: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .chain(Self::PARTNER_OWN)
            .find(|action| action.as_db() == raw)
    }

    /// Its message id in `app/locales`: `audit-` and the stored name, dashed.
    pub fn message_id(self) -> String {
        format!("audit-{}", self.as_db().replace(['.', '_'], "-"))
    }
}

/// Which events the timeline shows. Every part is optional; the dates are whole days (UTC).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityFilter {
    pub partner: Option<PartnerId>,
    pub agent: Option<UserId>,
    pub action: Option<AuditAction>,
    /// The start of the first day shown.
    pub from_ms: Option<i64>,
    /// The end of the last day shown: the start of the day after it.
    pub until_ms: Option<i64>,
}

impl ActivityFilter {
    /// From the page's address (`?partner=3&agent=&action=user.created&from=2026-11-01&to=`);
    /// an empty value is no filter. Every refusal is named against its field.
    pub fn parse(
        partner: &str,
        agent: &str,
        action: &str,
        from: &str,
        to: &str,
    ) -> Result<Self, Vec<(&'static str, Invalid)>> {
        let mut refused = Vec::new();
        let mut take = |field, parsed: Result<Option<i64>, Invalid>| {
            parsed.unwrap_or_else(|invalid| {
                refused.push((field, invalid));
                None
            })
        };
        let partner = take("partner", optional_id(partner));
        let agent = take("agent", optional_id(agent));
        let from_ms = take("from", optional_date(from));
        let to_ms = take("to", optional_date(to));
        let action = match action.trim() {
            "" => None,
            raw => {
                let known = AuditAction::from_db(raw);
                if known.is_none() {
                    refused.push(("action", Invalid::Malformed));
                }
                known
            }
        };
        if let (Some(from), Some(to)) = (from_ms, to_ms) {
            if to < from {
                refused.push(("to", Invalid::DateRangeReversed));
            }
        }
        if !refused.is_empty() {
            return Err(refused);
        }
        Ok(Self {
            partner: partner.map(PartnerId::new),
            agent: agent.map(UserId::new),
            action,
            from_ms,
            until_ms: to_ms.map(|start| start + DAY_MS),
        })
    }

    /// Whether anything narrows the timeline.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

fn optional_id(raw: &str) -> Result<Option<i64>, Invalid> {
    match raw.trim() {
        "" => Ok(None),
        raw => raw
            .parse::<i64>()
            .ok()
            .filter(|id| *id > 0)
            .map(Some)
            .ok_or(Invalid::Malformed),
    }
}

fn optional_date(raw: &str) -> Result<Option<i64>, Invalid> {
    match raw.trim() {
        "" => Ok(None),
        raw => parse_date(raw).map(Some),
    }
}

/// Where a page of the timeline starts: the newest events, or next to an event already shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActivityPosition {
    Newest,
    /// The events just older than this one.
    Older(ActivityCursor),
    /// The events just newer than this one.
    Newer(ActivityCursor),
}

impl ActivityPosition {
    /// From `?before=` and `?after=` (links the timeline made): an unreadable one is the newest
    /// page, as an unreadable page number is the first page elsewhere.
    pub fn parse(before: &str, after: &str) -> Self {
        match (ActivityCursor::parse(before), ActivityCursor::parse(after)) {
            (Some(cursor), _) => ActivityPosition::Older(cursor),
            (None, Some(cursor)) => ActivityPosition::Newer(cursor),
            (None, None) => ActivityPosition::Newest,
        }
    }
}

/// One event's place in the timeline: when, then which (events of one millisecond are
/// ordered by id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityCursor {
    pub occurred_at_ms: i64,
    pub event_id: i64,
}

impl ActivityCursor {
    /// `1795000000000.42`, as written by [`ActivityCursor::to_param`].
    pub fn parse(raw: &str) -> Option<Self> {
        let (at, id) = raw.trim().split_once('.')?;
        Some(Self {
            occurred_at_ms: at.parse().ok()?,
            event_id: id.parse().ok()?,
        })
    }

    pub fn to_param(self) -> String {
        format!("{}.{}", self.occurred_at_ms, self.event_id)
    }
}

/// Who did something: a person (of a partner, or of the tenant itself) or nobody (the
/// clock: an admin relationship reaching its end date).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActivityAgent {
    Partner { name: String, partner: String },
    Customer { name: String },
    Automatic,
}

/// One row of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityEntry {
    pub cursor: ActivityCursor,
    pub agent: ActivityAgent,
    /// The partner the event concerns; `None`: every partner (a lockdown).
    pub partner: Option<String>,
    /// The stored name, as written; [`AuditAction::from_db`] reads it.
    pub action: String,
    /// What was acted on, such as `user:17`.
    pub target: String,
}

impl ActivityEntry {
    pub fn occurred_at_ms(&self) -> i64 {
        self.cursor.occurred_at_ms
    }
}

/// A choice in the timeline's partner or agent filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityOption {
    pub id: i64,
    pub name: String,
    /// For an agent: the partner they work for (`None`: the tenant's own admin).
    pub group: Option<String>,
}

/// One page of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityPage {
    pub entries: Vec<ActivityEntry>,
    /// Where the page of newer events starts, when there are any.
    pub newer: Option<ActivityCursor>,
    /// Where the page of older events starts, when there are any.
    pub older: Option<ActivityCursor>,
}

/// What the timeline's partner and agent filters offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityFilterOptions {
    pub partners: Vec<ActivityOption>,
    pub agents: Vec<ActivityOption>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_reads_back_from_its_stored_name() {
        for action in AuditAction::ALL.into_iter().chain(AuditAction::PARTNER_OWN) {
            assert_eq!(AuditAction::from_db(action.as_db()), Some(action));
        }
        assert_eq!(AuditAction::from_db("user.created "), None);
        assert_eq!(
            AuditAction::AccessAutoExtendOn.message_id(),
            "audit-access-auto-extend-on"
        );
    }

    #[test]
    fn filters_are_read_from_the_address_and_refused_by_field() {
        let filter = ActivityFilter::parse("3", "", "user.created", "2026-11-01", "2026-11-01")
            .expect("valid");
        assert_eq!(filter.partner, Some(PartnerId::new(3)));
        assert_eq!(filter.agent, None);
        assert_eq!(filter.action, Some(AuditAction::UserCreated));
        let from = filter.from_ms.expect("from");
        assert_eq!(filter.until_ms, Some(from + DAY_MS));
        assert!(ActivityFilter::parse("", "", "", "", "")
            .expect("valid")
            .is_empty());

        let refused = ActivityFilter::parse("x", "-1", "drop table", "2026-13-01", "yesterday")
            .expect_err("refused");
        assert_eq!(
            refused,
            vec![
                ("partner", Invalid::Malformed),
                ("agent", Invalid::Malformed),
                ("from", Invalid::DateMalformed),
                ("to", Invalid::DateMalformed),
                ("action", Invalid::Malformed),
            ]
        );
        assert_eq!(
            ActivityFilter::parse("", "", "", "2026-11-02", "2026-11-01"),
            Err(vec![("to", Invalid::DateRangeReversed)])
        );
        assert_eq!(
            ActivityFilter::parse("99999999999999999999", "", "", "", "\0"),
            Err(vec![
                ("partner", Invalid::Malformed),
                ("to", Invalid::DateMalformed)
            ])
        );
    }

    #[test]
    fn positions_come_from_cursors_the_timeline_wrote() {
        let cursor = ActivityCursor {
            occurred_at_ms: 1_795_000_000_000,
            event_id: 42,
        };
        assert_eq!(ActivityCursor::parse(&cursor.to_param()), Some(cursor));
        assert_eq!(
            ActivityPosition::parse(&cursor.to_param(), ""),
            ActivityPosition::Older(cursor)
        );
        assert_eq!(
            ActivityPosition::parse("", &cursor.to_param()),
            ActivityPosition::Newer(cursor)
        );
        assert_eq!(
            ActivityPosition::parse("1.x", "garbage"),
            ActivityPosition::Newest
        );
    }
}
