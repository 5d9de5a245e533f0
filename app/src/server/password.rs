//! argon2id hashing, always on the blocking pool: a hash takes tens of milliseconds of CPU.

use crate::domain::Password;
use crate::error::AppError;
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use std::sync::OnceLock;

pub async fn hash(password: Password) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || hash_blocking(&password))
        .await
        .map_err(|error| {
            tracing::error!(%error, "password hashing task failed");
            AppError::Internal
        })?
}

pub fn hash_blocking(password: &Password) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.expose().as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|error| {
            tracing::error!(%error, "password hashing failed");
            AppError::Internal
        })
}

/// Checks `password` against `stored_hash`; with no account, against a throw-away hash, so
/// an unknown email takes as long to refuse as a wrong password.
pub async fn verify(password: Password, stored_hash: Option<String>) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || {
        let hash = stored_hash.as_deref().unwrap_or_else(|| decoy_hash());
        let matches = PasswordHash::new(hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.expose().as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false);
        matches && stored_hash.is_some()
    })
    .await
    .map_err(|error| {
        tracing::error!(%error, "password verification task failed");
        AppError::Internal
    })
}

fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(b"no account has this password", &salt)
            .map(|hash| hash.to_string())
            .unwrap_or_default()
    })
}

/// A one-time password to hand over: 16 characters from an alphabet without look-alikes
/// (about 90 bits).
pub fn temporary() -> Password {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    let text: String = (0..16)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect();
    // 16 characters always pass the length rule.
    Password::parse_new(&text).unwrap_or_else(|_| unreachable!("16 characters"))
}
