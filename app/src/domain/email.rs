use super::Invalid;
use serde::{Deserialize, Serialize};

/// An email address, trimmed and lower-cased so that `Admin@Contoso.example` and
/// `admin@contoso.example` are the same account.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EmailAddress(String);

impl EmailAddress {
    /// RFC 5321 caps a path at 256 octets including the angle brackets.
    pub const MAX_LEN: usize = 254;

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let email = raw.trim().to_lowercase();
        if email.is_empty() {
            return Err(Invalid::Required);
        }
        if email.len() > Self::MAX_LEN {
            return Err(Invalid::TooLong);
        }
        let (local, domain) = email.split_once('@').ok_or(Invalid::EmailMalformed)?;
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local
                .chars()
                .all(|c| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
        // The domain as typed: the domain's own parse trims, and "ana@\ncontoso.example"
        // must not pass as a sender that partners see and mail goes to.
        let domain_ok = domain.trim() == domain && super::TenantDomain::parse(domain).is_ok();
        if !local_ok || !domain_ok {
            return Err(Invalid::EmailMalformed);
        }
        Ok(Self(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn domain(&self) -> &str {
        self.0
            .rsplit_once('@')
            .map(|(_, domain)| domain)
            .unwrap_or_default()
    }
}

impl TryFrom<String> for EmailAddress {
    type Error = &'static str;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw).map_err(Invalid::message_id)
    }
}

impl From<EmailAddress> for String {
    fn from(email: EmailAddress) -> Self {
        email.0
    }
}

impl std::fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_trimmed_and_lower_cased() {
        let email = EmailAddress::parse("  Admin@Contoso.Example ").map(|e| e.0);
        assert_eq!(email, Ok("admin@contoso.example".to_owned()));
    }

    #[test]
    fn an_empty_address_is_required() {
        assert_eq!(EmailAddress::parse("   "), Err(Invalid::Required));
    }

    #[test]
    fn addresses_without_a_proper_domain_are_refused() {
        for raw in [
            "admin",
            "admin@",
            "@contoso.example",
            "admin@contoso",
            "a@b@c.example",
            "admin@contoso..example",
            "ad min@contoso.example",
            ".admin@contoso.example",
        ] {
            assert_eq!(
                EmailAddress::parse(raw),
                Err(Invalid::EmailMalformed),
                "{raw}"
            );
        }
    }

    #[test]
    fn an_over_long_address_is_refused() {
        let raw = format!("{}@contoso.example", "a".repeat(250));
        assert_eq!(EmailAddress::parse(&raw), Err(Invalid::TooLong));
    }

    #[test]
    fn the_domain_is_the_part_after_the_at_sign() {
        let email = EmailAddress::parse("agent@fabrikam.example");
        assert_eq!(
            email.as_ref().map(EmailAddress::domain),
            Ok("fabrikam.example")
        );
    }

    #[test]
    fn whitespace_inside_an_address_is_refused() {
        for raw in [
            "ana@\ncontoso.example",
            "ana@ contoso.example",
            "ana@\u{85}contoso.example",
        ] {
            assert_eq!(
                EmailAddress::parse(raw),
                Err(Invalid::EmailMalformed),
                "{raw:?}"
            );
        }
    }
}
