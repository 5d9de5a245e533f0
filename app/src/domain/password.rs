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

/// A change of one's own password as typed: the current password (unless the session was
/// opened with a temporary one, for this change only), the new one, and the new one again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordChange {
    pub current: Option<Password>,
    pub new: Password,
}

impl PasswordChange {
    pub fn parse(
        current: Option<&str>,
        new: &str,
        again: &str,
        current_needed: bool,
    ) -> Result<Self, Vec<(&'static str, Invalid)>> {
        let mut errors = super::FieldErrors::default();
        let current = if current_needed {
            errors
                .take(
                    "current_password",
                    Password::parse_attempt(current.unwrap_or_default()),
                )
                .map(Some)
        } else {
            Some(None)
        };
        let new = errors
            .take("new_password", Password::parse_new(new))
            .and_then(|new| {
                let unchanged = matches!(&current, Some(Some(current)) if *current == new);
                errors.take(
                    "new_password",
                    if unchanged {
                        Err(Invalid::PasswordUnchanged)
                    } else {
                        Ok(new)
                    },
                )
            });
        let again = errors.take(
            "confirm_password",
            match new.as_ref() {
                Some(new) if new.expose() != again => Err(Invalid::PasswordMismatch),
                _ => Ok(()),
            },
        );
        errors.finish(
            current
                .zip(new)
                .zip(again)
                .map(|((current, new), ())| Self { current, new }),
        )
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

    #[test]
    fn a_change_needs_the_current_password_unless_the_session_is_for_it() {
        let change =
            PasswordChange::parse(None, "a brand new password", "a brand new password", true);
        assert_eq!(change, Err(vec![("current_password", Invalid::Required)]));
        let change =
            PasswordChange::parse(None, "a brand new password", "a brand new password", false);
        assert_eq!(change.map(|c| c.current.is_none()), Ok(true));
    }

    #[test]
    fn a_change_says_every_problem_at_once() {
        let change = PasswordChange::parse(Some(""), "short", "other", true);
        assert_eq!(
            change,
            Err(vec![
                ("current_password", Invalid::Required),
                ("new_password", Invalid::TooShort),
            ])
        );
        let change = PasswordChange::parse(
            Some("old password 1"),
            "new password 12",
            "new password 13",
            true,
        );
        assert_eq!(
            change,
            Err(vec![("confirm_password", Invalid::PasswordMismatch)])
        );
    }

    #[test]
    fn the_new_password_must_differ_from_the_current_one() {
        let change = PasswordChange::parse(
            Some("the same password"),
            "the same password",
            "the same password",
            true,
        );
        assert_eq!(
            change,
            Err(vec![("new_password", Invalid::PasswordUnchanged)])
        );
    }
}
