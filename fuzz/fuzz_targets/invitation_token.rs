//! The secret of an invitation link (`/invitation/{secret}`): never panics; accepted exactly
//! when, trimmed, it is 43 base64url characters; never shown by `Debug`.
#![no_main]

use app::domain::InvitationToken;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let raw = String::from_utf8_lossy(data);
    let trimmed = raw.trim();
    let well_formed = trimmed.len() == InvitationToken::LEN
        && trimmed
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    match InvitationToken::parse(&raw) {
        Some(token) => {
            assert!(well_formed, "{raw:?}");
            assert_eq!(token.as_str(), trimmed);
            assert!(!format!("{token:?}").contains(trimmed));
            assert_eq!(
                InvitationToken::parse(token.as_str()).as_ref(),
                Some(&token)
            );
        }
        None => assert!(!well_formed, "{raw:?} refused"),
    }
});
