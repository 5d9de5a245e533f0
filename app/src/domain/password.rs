use super::Invalid;

/// A password as typed. Never serialized back to a browser and never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    pub const MIN_LEN: usize = 12;
    /// Argon2 accepts more, but nobody types this much; the cap keeps hashing cheap.
    pub const MAX_LEN: usize = 256;

    /// The rules for choosing a new password.
    pub fn parse_new(raw: &str) -> Result<Self, Invalid> {
        let chars = raw.chars().count();
        if chars == 0 {
            Err(Invalid::Required)
        } else if chars < Self::MIN_LEN {
            Err(Invalid::TooShort)
        } else if chars > Self::MAX_LEN {
            Err(Invalid::TooLong)
        } else {
            Ok(Self(raw.to_owned()))
        }
    }

    /// A password offered at sign-in: only emptiness and size are refused up front, so the
    /// answer for a wrong password never tells which rule a guess broke.
    pub fn parse_attempt(raw: &str) -> Result<Self, Invalid> {
        if raw.is_empty() {
            Err(Invalid::Required)
        } else if raw.chars().count() > Self::MAX_LEN {
            Err(Invalid::TooLong)
        } else {
            Ok(Self(raw.to_owned()))
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_password_needs_twelve_characters() {
        assert_eq!(
            Password::parse_new("short-pass1").err(),
            Some(Invalid::TooShort)
        );
        assert!(Password::parse_new("partnerhub-demo").is_ok());
    }

    #[test]
    fn characters_are_counted_not_bytes() {
        assert!(Password::parse_new("密码密码密码密码密码密码").is_ok());
    }

    #[test]
    fn a_sign_in_attempt_only_needs_to_be_present() {
        assert!(Password::parse_attempt("x").is_ok());
        assert_eq!(Password::parse_attempt("").err(), Some(Invalid::Required));
    }

    #[test]
    fn debug_output_hides_the_password() {
        let password = Password::parse_new("partnerhub-demo");
        assert_eq!(
            password.map(|p| format!("{p:?}")),
            Ok("Password(…)".to_owned())
        );
    }
}
