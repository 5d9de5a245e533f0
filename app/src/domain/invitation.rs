//! A partner's invitation to a customer tenant, and what its link opens.

use super::{
    AccessRequest, AccessRequestForm, AdminRelationship, Invalid, RelationshipType, TenantDomain,
};
use serde::{Deserialize, Serialize};

pub const MAX_INVITATION_MESSAGE: usize = 2_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum InvitationStatus {
    Pending,
    Accepted,
    Declined,
    /// Pending past its expiry (not stored: read from the expiry time).
    Expired,
    Revoked,
}

impl InvitationStatus {
    /// The status of a stored invitation at `now_ms`.
    pub fn from_db(raw: &str, expires_at_ms: i64, now_ms: i64) -> Option<Self> {
        Some(match raw {
            "pending" if expires_at_ms <= now_ms => InvitationStatus::Expired,
            "pending" => InvitationStatus::Pending,
            "accepted" => InvitationStatus::Accepted,
            "declined" => InvitationStatus::Declined,
            "revoked" => InvitationStatus::Revoked,
            _ => return None,
        })
    }

    pub fn message_id(self) -> &'static str {
        match self {
            InvitationStatus::Pending => "invitation-status-pending",
            InvitationStatus::Accepted => "invitation-status-accepted",
            InvitationStatus::Declined => "invitation-status-declined",
            InvitationStatus::Expired => "invitation-status-expired",
            InvitationStatus::Revoked => "invitation-status-revoked",
        }
    }

    /// Why a link in this status can't be used any more (message id); `None` while pending.
    pub fn refusal(self) -> Option<&'static str> {
        match self {
            InvitationStatus::Pending => None,
            InvitationStatus::Accepted => Some("invitation-already-accepted"),
            InvitationStatus::Declined => Some("invitation-already-declined"),
            InvitationStatus::Expired => Some("invitation-expired"),
            InvitationStatus::Revoked => Some("invitation-revoked"),
        }
    }
}

/// The link's secret as it arrives in a URL: 32 random bytes, base64url without padding.
/// Only its hash is ever stored.
#[derive(Clone, PartialEq, Eq)]
pub struct InvitationToken(String);

impl InvitationToken {
    pub const LEN: usize = 43;

    /// Checks the shape only; whether such an invitation exists is the database's answer.
    pub fn parse(raw: &str) -> Option<Self> {
        let raw = raw.trim();
        (raw.len() == Self::LEN
            && raw
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
        .then(|| Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for InvitationToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("InvitationToken(…)")
    }
}

/// The invitation form as typed by an agent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationForm {
    pub tenant_domain: String,
    pub relationship_type: String,
    pub message: String,
    /// The lead the invitation answers, if any (a number, or empty).
    pub lead_id: String,
    /// The admin access asked for; read only for a type that carries admin roles.
    pub access: AccessRequestForm,
}

/// An invitation that passed every check of its own fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInvitation {
    pub tenant_domain: TenantDomain,
    pub relationship_type: RelationshipType,
    pub message: Option<String>,
    pub lead_id: Option<i64>,
    /// The admin relationship asked for, exactly when the type carries admin roles.
    pub access: Option<AccessRequest>,
}

impl InvitationForm {
    pub fn parse(&self) -> Result<NewInvitation, Vec<(&'static str, Invalid)>> {
        let mut errors = super::FieldErrors::default();
        let tenant_domain = errors.take("tenant_domain", TenantDomain::parse(&self.tenant_domain));
        let relationship_type = errors.take(
            "relationship_type",
            match self.relationship_type.trim() {
                "" => Err(Invalid::Required),
                raw => RelationshipType::from_db(raw).ok_or(Invalid::Malformed),
            },
        );
        let message = errors.take(
            "message",
            super::optional_multiline_text(&self.message, MAX_INVITATION_MESSAGE),
        );
        let lead_id = errors.take(
            "lead_id",
            match self.lead_id.trim() {
                "" => Ok(None),
                raw => raw.parse::<i64>().map(Some).map_err(|_| Invalid::Malformed),
            },
        );
        let access = match relationship_type {
            Some(kind) if kind.carries_roles() => match self.access.parse() {
                Ok(access) => Some(Some(access)),
                Err(refusals) => {
                    for (field, invalid) in refusals {
                        errors.take::<()>(field, Err(invalid));
                    }
                    None
                }
            },
            _ => Some(None),
        };
        let parsed = (|| {
            Some(NewInvitation {
                tenant_domain: tenant_domain?,
                relationship_type: relationship_type?,
                message: message?,
                lead_id: lead_id?,
                access: access?,
            })
        })();
        errors.finish(parsed)
    }
}

/// A row of the partner's invitations list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentInvitation {
    pub invitation_id: i64,
    pub tenant_name: String,
    pub tenant_domain: String,
    pub relationship_type: RelationshipType,
    pub status: InvitationStatus,
    pub sent_at_ms: i64,
    pub expires_at_ms: i64,
}

/// What the accept page shows a customer admin before they decide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationOffer {
    pub partner_name: String,
    pub partner_website: String,
    pub tenant_name: String,
    pub relationship_type: RelationshipType,
    /// The admin relationship asked for, pending approval; `None` for a type without roles.
    pub access: Option<AdminRelationship>,
    /// When that admin relationship would end if accepted now.
    pub access_would_end_ms: Option<i64>,
    pub message: Option<String>,
    pub expires_at_ms: i64,
    pub agreement_version: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> InvitationForm {
        InvitationForm {
            tenant_domain: "Contoso.Example".to_owned(),
            relationship_type: "reseller_and_delegated_administrator".to_owned(),
            message: "  Looking forward to it. ".to_owned(),
            lead_id: "".to_owned(),
            access: AccessRequestForm {
                name: "Contoso helpdesk".to_owned(),
                roles: vec!["helpdesk_admin".to_owned()],
                duration_days: "90".to_owned(),
                auto_extend: None,
                teams: vec!["1".to_owned()],
            },
        }
    }

    #[test]
    fn a_valid_form_parses_into_an_invitation() {
        let invitation = form().parse().expect("valid");
        assert_eq!(invitation.tenant_domain.as_str(), "contoso.example");
        assert_eq!(
            invitation.relationship_type,
            RelationshipType::ResellerAndDelegatedAdministrator
        );
        assert_eq!(
            invitation.message.as_deref(),
            Some("Looking forward to it.")
        );
        assert_eq!(invitation.lead_id, None);
        assert_eq!(
            invitation.access.map(|access| access.roles),
            Some(vec![crate::domain::DelegatedRole::HelpdeskAdmin])
        );
    }

    #[test]
    fn a_type_without_admin_roles_ignores_the_access_fields() {
        let reseller = InvitationForm {
            relationship_type: "reseller".to_owned(),
            access: AccessRequestForm::default(),
            ..form()
        };
        assert_eq!(reseller.parse().map(|i| i.access), Ok(None));
        let delegated = InvitationForm {
            relationship_type: "delegated_administrator".to_owned(),
            access: AccessRequestForm::default(),
            ..form()
        };
        assert_eq!(
            delegated.parse(),
            Err(vec![
                ("access_name", Invalid::Required),
                ("roles", Invalid::RolesRequired),
                ("duration_days", Invalid::Required),
                ("teams", Invalid::TeamsRequired),
            ])
        );
    }

    #[test]
    fn every_bad_field_is_named() {
        let bad = InvitationForm {
            tenant_domain: "not a domain".to_owned(),
            relationship_type: "overlord".to_owned(),
            message: "x".repeat(MAX_INVITATION_MESSAGE + 1),
            lead_id: "7x".to_owned(),
            access: AccessRequestForm::default(),
        };
        assert_eq!(
            bad.parse(),
            Err(vec![
                ("tenant_domain", Invalid::DomainMalformed),
                ("relationship_type", Invalid::Malformed),
                ("message", Invalid::TooLong),
                ("lead_id", Invalid::Malformed),
            ])
        );
    }

    #[test]
    fn a_pending_invitation_past_its_expiry_reads_as_expired() {
        assert_eq!(
            InvitationStatus::from_db("pending", 100, 100),
            Some(InvitationStatus::Expired)
        );
        assert_eq!(
            InvitationStatus::from_db("pending", 101, 100),
            Some(InvitationStatus::Pending)
        );
        assert_eq!(
            InvitationStatus::from_db("accepted", 0, 100),
            Some(InvitationStatus::Accepted)
        );
    }

    #[test]
    fn only_well_formed_tokens_reach_the_database() {
        assert!(InvitationToken::parse(&"a".repeat(43)).is_some());
        assert!(InvitationToken::parse(&"a".repeat(42)).is_none());
        assert!(InvitationToken::parse(&format!("{}=", "a".repeat(42))).is_none());
        assert_eq!(
            format!("{:?}", InvitationToken::parse(&"a".repeat(43))),
            "Some(InvitationToken(…))"
        );
    }
}
