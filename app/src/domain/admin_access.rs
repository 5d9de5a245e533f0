//! Granular, time-bound admin access: a partner asks a customer for a named admin
//! relationship (its roles, for a number of days); the customer approves the roles one by
//! one; access ends at the end date unless it extends itself.

use super::{DelegatedRole, Invalid};
use serde::{Deserialize, Serialize};

/// The longest an admin relationship lasts before it ends or extends: two years.
pub const MAX_ACCESS_DAYS: i64 = 730;
/// How far an automatic extension moves the end date.
pub const AUTO_EXTEND_DAYS: i64 = 180;
/// An active relationship ending this soon is shown as expiring soon.
pub const EXPIRING_SOON_DAYS: i64 = 30;
pub const MAX_ACCESS_NAME: usize = 50;
pub const DAY_MS: i64 = 86_400_000;

/// Where an admin relationship stands at a given moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AccessStatus {
    /// Asked for; the customer hasn't answered.
    PendingApproval,
    Active,
    /// Active, ending within [`EXPIRING_SOON_DAYS`].
    ExpiringSoon,
    /// Past its end date (not stored: read from the end date).
    Expired,
    /// Ended early, by either side, or the request was withdrawn.
    Terminated,
    /// The customer cancelled the invitation that asked for it.
    Declined,
}

impl AccessStatus {
    pub const ALL: [AccessStatus; 6] = [
        AccessStatus::PendingApproval,
        AccessStatus::Active,
        AccessStatus::ExpiringSoon,
        AccessStatus::Expired,
        AccessStatus::Terminated,
        AccessStatus::Declined,
    ];

    /// The status of a stored relationship at `now_ms`; `None` for an unknown stored value.
    pub fn from_db(raw: &str, ends_at_ms: Option<i64>, now_ms: i64) -> Option<Self> {
        Some(match (raw, ends_at_ms) {
            ("pending", _) => AccessStatus::PendingApproval,
            ("active", Some(ends)) if ends <= now_ms => AccessStatus::Expired,
            ("active", Some(ends)) if ends - now_ms <= EXPIRING_SOON_DAYS * DAY_MS => {
                AccessStatus::ExpiringSoon
            }
            ("active", Some(_)) => AccessStatus::Active,
            ("declined", _) => AccessStatus::Declined,
            ("terminated", _) => AccessStatus::Terminated,
            _ => return None,
        })
    }

    /// Whether the relationship gives access now.
    pub fn in_force(self) -> bool {
        matches!(self, AccessStatus::Active | AccessStatus::ExpiringSoon)
    }

    /// Whether it is over (kept as history).
    pub fn is_over(self) -> bool {
        matches!(
            self,
            AccessStatus::Expired | AccessStatus::Terminated | AccessStatus::Declined
        )
    }

    pub fn as_param(self) -> &'static str {
        match self {
            AccessStatus::PendingApproval => "pending",
            AccessStatus::Active => "active",
            AccessStatus::ExpiringSoon => "expiring",
            AccessStatus::Expired => "expired",
            AccessStatus::Terminated => "terminated",
            AccessStatus::Declined => "declined",
        }
    }

    pub fn from_param(raw: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|status| status.as_param() == raw)
    }

    pub fn message_id(self) -> &'static str {
        match self {
            AccessStatus::PendingApproval => "access-status-pending",
            AccessStatus::Active => "access-status-active",
            AccessStatus::ExpiringSoon => "access-status-expiring-soon",
            AccessStatus::Expired => "access-status-expired",
            AccessStatus::Terminated => "access-status-terminated",
            AccessStatus::Declined => "access-status-declined",
        }
    }
}

/// What became of one role a relationship asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RoleState {
    /// Asked for, not answered yet.
    Requested,
    Granted,
    /// Unticked by the customer when accepting.
    Refused,
    /// Granted, then removed by the customer.
    Removed,
}

impl RoleState {
    pub const ALL: [RoleState; 4] = [
        RoleState::Requested,
        RoleState::Granted,
        RoleState::Refused,
        RoleState::Removed,
    ];

    pub fn as_db(self) -> &'static str {
        match self {
            RoleState::Requested => "requested",
            RoleState::Granted => "granted",
            RoleState::Refused => "refused",
            RoleState::Removed => "removed",
        }
    }

    pub fn from_db(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|state| state.as_db() == raw)
    }

    pub fn message_id(self) -> &'static str {
        match self {
            RoleState::Requested => "role-state-requested",
            RoleState::Granted => "role-state-granted",
            RoleState::Refused => "role-state-refused",
            RoleState::Removed => "role-state-removed",
        }
    }
}

/// One role of an admin relationship and what became of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessRole {
    pub role: DelegatedRole,
    pub state: RoleState,
}

/// A named admin relationship between a partner and a customer, as either side sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminRelationship {
    pub id: i64,
    pub name: String,
    pub status: AccessStatus,
    /// Every role asked for, in the catalog's order.
    pub roles: Vec<AccessRole>,
    pub duration_days: i64,
    /// Set once approved.
    pub ends_at_ms: Option<i64>,
    pub auto_extend: bool,
}

impl AdminRelationship {
    /// The roles the partner holds through it now (none unless it is in force).
    pub fn granted(&self) -> impl Iterator<Item = DelegatedRole> + '_ {
        let in_force = self.status.in_force();
        self.roles
            .iter()
            .filter(move |role| in_force && role.state == RoleState::Granted)
            .map(|role| role.role)
    }

    /// The roles asked for, whatever became of them.
    pub fn asked(&self) -> impl Iterator<Item = DelegatedRole> + '_ {
        self.roles.iter().map(|role| role.role)
    }
}

/// The admin access part of an invitation, as typed by the partner's agent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessRequestForm {
    pub name: String,
    /// The roles' stored names (`DelegatedRole::as_db`), one per ticked box.
    pub roles: Vec<String>,
    pub duration_days: String,
    /// A ticked box (`Some`, whatever its value) or none.
    pub auto_extend: Option<String>,
    /// The partner's teams that get the approved roles, one id per ticked box.
    pub teams: Vec<String>,
}

/// Admin access a partner asks for: every field checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessRequest {
    pub name: String,
    /// Distinct, in the catalog's order; never empty.
    pub roles: Vec<DelegatedRole>,
    pub duration_days: i64,
    pub auto_extend: bool,
    /// The partner's teams that get the approved roles (distinct, ascending); empty only where
    /// the partner's side chooses them itself (demo data, tests).
    pub teams: Vec<i64>,
}

impl AccessRequest {
    /// What an invitation of `kind` asks for unless the partner changes it: the type's
    /// default roles, for the longest duration, under `name`. `None` for a type without
    /// admin roles.
    pub fn default_for(kind: super::RelationshipType, name: &str) -> Option<Self> {
        kind.carries_roles().then(|| AccessRequest {
            name: name.to_owned(),
            roles: kind.default_roles().to_vec(),
            duration_days: MAX_ACCESS_DAYS,
            auto_extend: false,
            teams: Vec::new(),
        })
    }
}

impl AccessRequestForm {
    /// Checks each field, naming the form fields `access_name`, `roles`, `duration_days` and
    /// `auto_extend` in the refusals.
    pub fn parse(&self) -> Result<AccessRequest, Vec<(&'static str, Invalid)>> {
        let mut errors = super::FieldErrors::default();
        let name = errors.take(
            "access_name",
            super::required_text(&self.name, MAX_ACCESS_NAME),
        );
        let roles = errors.take("roles", parse_roles(&self.roles));
        let duration_days = errors.take(
            "duration_days",
            match self.duration_days.trim() {
                "" => Err(Invalid::Required),
                raw => raw
                    .parse::<i64>()
                    .ok()
                    .filter(|days| (1..=MAX_ACCESS_DAYS).contains(days))
                    .ok_or(Invalid::DurationOutOfRange),
            },
        );
        let teams = errors.take("teams", super::parse_team_ids(&self.teams));
        let auto_extend = self.auto_extend.is_some();
        if auto_extend
            && roles
                .as_ref()
                .is_some_and(|roles| roles.contains(&DelegatedRole::GlobalAdmin))
        {
            errors.take::<()>("auto_extend", Err(Invalid::AutoExtendWithGlobalAdmin));
        }
        let parsed = (|| {
            Some(AccessRequest {
                name: name?,
                roles: roles?,
                duration_days: duration_days?,
                auto_extend,
                teams: teams?,
            })
        })();
        errors.finish(parsed)
    }
}

/// Ticked roles by their stored names: at least one, each known; repeats count once. A list
/// longer than the catalog is refused before anything is looked up.
pub fn parse_roles(raw: &[String]) -> Result<Vec<DelegatedRole>, Invalid> {
    if raw.len() > DelegatedRole::ALL.len() * 2 {
        return Err(Invalid::Malformed);
    }
    let mut roles = raw
        .iter()
        .map(|role| DelegatedRole::from_db(role.trim()).ok_or(Invalid::Malformed))
        .collect::<Result<Vec<_>, _>>()?;
    roles.sort();
    roles.dedup();
    if roles.is_empty() {
        return Err(Invalid::RolesRequired);
    }
    Ok(roles)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> AccessRequestForm {
        AccessRequestForm {
            name: "  Fabrikam helpdesk ".to_owned(),
            roles: vec![
                "user_admin".to_owned(),
                "helpdesk_admin".to_owned(),
                "user_admin".to_owned(),
            ],
            duration_days: "90".to_owned(),
            auto_extend: Some("on".to_owned()),
            teams: vec!["4".to_owned(), "2".to_owned()],
        }
    }

    #[test]
    fn a_valid_request_parses_with_its_roles_in_catalog_order() {
        let request = form().parse().expect("valid");
        assert_eq!(request.name, "Fabrikam helpdesk");
        assert_eq!(
            request.roles,
            vec![DelegatedRole::UserAdmin, DelegatedRole::HelpdeskAdmin]
        );
        assert_eq!(request.duration_days, 90);
        assert!(request.auto_extend);
        assert_eq!(request.teams, vec![2, 4]);
    }

    #[test]
    fn every_bad_field_is_named() {
        let bad = AccessRequestForm {
            name: "x".repeat(MAX_ACCESS_NAME + 1),
            roles: vec!["global_admin".to_owned()],
            duration_days: "731".to_owned(),
            auto_extend: Some("on".to_owned()),
            teams: vec![],
        };
        assert_eq!(
            bad.parse(),
            Err(vec![
                ("access_name", Invalid::TooLong),
                ("duration_days", Invalid::DurationOutOfRange),
                ("teams", Invalid::TeamsRequired),
                ("auto_extend", Invalid::AutoExtendWithGlobalAdmin),
            ])
        );
        for days in ["0", "-1", "1.5", "9999999999999999999999", "\u{0}"] {
            let form = AccessRequestForm {
                duration_days: days.to_owned(),
                ..form()
            };
            assert_eq!(
                form.parse(),
                Err(vec![("duration_days", Invalid::DurationOutOfRange)]),
                "{days:?}"
            );
        }
    }

    #[test]
    fn roles_must_be_known_and_at_least_one() {
        assert_eq!(parse_roles(&[]), Err(Invalid::RolesRequired));
        assert_eq!(
            parse_roles(&["overlord".to_owned()]),
            Err(Invalid::Malformed)
        );
        assert_eq!(
            parse_roles(&vec!["global_admin".to_owned(); 1_000]),
            Err(Invalid::Malformed)
        );
        assert_eq!(
            parse_roles(&["global_admin\0".to_owned()]),
            Err(Invalid::Malformed)
        );
    }

    #[test]
    fn the_status_follows_the_end_date() {
        let now = 1_000 * DAY_MS;
        let status = |raw, ends| AccessStatus::from_db(raw, ends, now);
        assert_eq!(status("pending", None), Some(AccessStatus::PendingApproval));
        assert_eq!(
            status("active", Some(now + 31 * DAY_MS)),
            Some(AccessStatus::Active)
        );
        assert_eq!(
            status("active", Some(now + 30 * DAY_MS)),
            Some(AccessStatus::ExpiringSoon)
        );
        assert_eq!(status("active", Some(now)), Some(AccessStatus::Expired));
        assert_eq!(status("active", None), None);
        assert_eq!(status("bogus", None), None);
        assert!(!AccessStatus::Expired.in_force());
        assert!(AccessStatus::ExpiringSoon.in_force());
    }

    #[test]
    fn only_granted_roles_of_a_relationship_in_force_count() {
        let relationship = |status| AdminRelationship {
            id: 1,
            name: "Support".to_owned(),
            status,
            roles: vec![
                AccessRole {
                    role: DelegatedRole::HelpdeskAdmin,
                    state: RoleState::Granted,
                },
                AccessRole {
                    role: DelegatedRole::GlobalAdmin,
                    state: RoleState::Refused,
                },
            ],
            duration_days: 90,
            ends_at_ms: Some(0),
            auto_extend: false,
        };
        assert_eq!(
            relationship(AccessStatus::Active)
                .granted()
                .collect::<Vec<_>>(),
            vec![DelegatedRole::HelpdeskAdmin]
        );
        assert_eq!(relationship(AccessStatus::Expired).granted().count(), 0);
        assert_eq!(relationship(AccessStatus::Active).asked().count(), 2);
    }
}
