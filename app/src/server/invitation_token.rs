//! Invitation link secrets: 256 random bits, sent once in the email; only a hash is kept.

use crate::domain::InvitationToken;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A fresh secret for a link.
pub fn generate() -> InvitationToken {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let encoded = URL_SAFE_NO_PAD.encode(bytes);
    // 32 bytes always encode to 43 URL-safe characters.
    InvitationToken::parse(&encoded).unwrap_or_else(|| unreachable!("43 base64url characters"))
}

/// What the database stores and looks a link up by. A plain hash is enough: the secret has
/// 256 bits of entropy, so there is nothing to guess or brute-force.
pub fn hash(token: &InvitationToken) -> String {
    hex::encode(Sha256::digest(token.as_str().as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_distinct_and_well_formed() {
        let (a, b) = (generate(), generate());
        assert_ne!(a, b);
        assert_eq!(a.as_str().len(), InvitationToken::LEN);
        assert_eq!(hash(&a).len(), 64);
        assert_eq!(hash(&a), hash(&a.clone()));
        assert_ne!(hash(&a), hash(&b));
    }
}
