use crate::domain::SignedInUser;
use crate::error::AppError;
use leptos::prelude::*;

/// Who is signed in, or `None` for a visitor.
#[server(endpoint = "current_user")]
pub async fn current_user() -> Result<Option<SignedInUser>, AppError> {
    crate::server::guards::current_user().await
}

/// Signs in and sends the browser to `next` (a path inside the app) or the home page.
/// `language` is the one the sign-in page was shown in: the account keeps it when it has
/// none yet, or when it was `language_chosen` with the switch before signing in.
#[server(endpoint = "sign_in")]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
    language: Option<String>,
    language_chosen: Option<bool>,
) -> Result<(), AppError> {
    use crate::domain::{EmailAddress, FieldErrors, Language, Password};
    use crate::server::{db, password, rate_limit::SignInAttempt, session, state::app_state};

    let mut errors = FieldErrors::default();
    let email = errors.take("email", EmailAddress::parse(&email));
    let password = errors.take("password", Password::parse_attempt(&password));
    let language = language.map(|tag| errors.take("language", Language::parse(&tag)));
    let (email, offered) = errors
        .finish(email.zip(password))
        .map_err(AppError::invalid_fields)?;

    let state = app_state()?;
    let pool = &state.db.pool;
    let attempt = SignInAttempt::begin(
        pool,
        state.settings.sign_in_limits,
        &email,
        client_address().await?,
    )
    .await?;
    let credentials = db::users::find_credentials(pool, &email).await?;
    let stored_hash = credentials
        .as_ref()
        .filter(|c| !c.disabled)
        .map(|c| c.password_hash.clone());
    let (true, Some(credentials)) = (password::verify(offered, stored_hash).await?, credentials)
    else {
        tracing::info!(%email, "sign-in failed");
        crate::server::metrics::sign_in_failed();
        attempt.failed(pool).await?;
        return Err(AppError::InvalidCredentials);
    };
    attempt.forget(pool).await?;
    // A temporary password works for this one sign-in, which goes to Change password.
    let temporary = credentials.temporary_until.is_some();
    if temporary
        && !db::users::spend_temporary_password(
            pool,
            credentials.user_id,
            crate::server::clock::now_ms(),
        )
        .await?
    {
        tracing::info!(user_id = %credentials.user_id, "sign-in refused: temporary password spent or expired");
        return Err(AppError::field(
            "password",
            "invalid-temporary-password-spent",
        ));
    }
    session::sign_in(&session::current_session().await?, credentials.user_id).await?;
    match (language.flatten(), language_chosen.unwrap_or(false)) {
        (Some(language), true) => {
            db::users::set_language(pool, credentials.user_id, language).await?;
        }
        (Some(language), false) => {
            db::users::set_language_if_unset(pool, credentials.user_id, language).await?;
        }
        (None, _) => {}
    }
    tracing::info!(user_id = %credentials.user_id, temporary, "signed in");
    let next = safe_next(next.as_deref());
    if temporary {
        leptos_axum::redirect(&change_password_address(&next));
    } else {
        leptos_axum::redirect(&next);
    }
    Ok(())
}

/// Keeps the language a signed-in user switched to: their mail is written in it. A
/// visitor's choice lives in the `lang` cookie alone.
#[server(endpoint = "set_language")]
pub async fn set_language(language: String) -> Result<(), AppError> {
    use crate::domain::{FieldErrors, Language};
    use crate::server::{db, guards, state::app_state};

    let mut errors = FieldErrors::default();
    let language = errors.take("language", Language::parse(&language));
    let language = errors.finish(language).map_err(AppError::invalid_fields)?;
    let Some(user) = guards::current_user().await? else {
        return Ok(());
    };
    db::users::set_language(&app_state()?.db.pool, user.id, language).await?;
    tracing::info!(user_id = %user.id, language = language.tag(), "language chosen");
    Ok(())
}

/// Change password, then `next`.
#[cfg(feature = "ssr")]
fn change_password_address(next: &str) -> String {
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("next", next)
        .finish();
    format!("/change-password?{query}")
}

/// The signed-in user chooses a new password: their current one is asked for, unless they
/// signed in with a temporary password (that session exists for this change only). Every
/// other session of theirs ends; this one goes on under a new id. With `next`, the browser
/// goes there afterwards (a path inside the app).
#[server(endpoint = "change_password")]
pub async fn change_password(
    current_password: Option<String>,
    new_password: String,
    confirm_password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::PasswordChange;
    use crate::server::{
        db, guards, password, rate_limit::SignInAttempt, session, state::app_state,
    };

    let user = guards::current_user()
        .await?
        .ok_or(AppError::Unauthorized)?;
    let change = PasswordChange::parse(
        current_password.as_deref(),
        &new_password,
        &confirm_password,
        !user.password_change_required,
    )
    .map_err(AppError::invalid_fields)?;
    let state = app_state()?;
    let pool = &state.db.pool;
    let stored_hash = db::users::find_credentials(pool, &user.email)
        .await?
        .map(|credentials| credentials.password_hash)
        .ok_or(AppError::Unauthorized)?;
    if let Some(current) = change.current {
        // Guesses at the current password count against the sign-in limits.
        let attempt = SignInAttempt::begin(
            pool,
            state.settings.sign_in_limits,
            &user.email,
            client_address().await?,
        )
        .await?;
        if !password::verify(current, Some(stored_hash.clone())).await? {
            attempt.failed(pool).await?;
            return Err(AppError::field(
                "current_password",
                "invalid-current-password",
            ));
        }
        attempt.forget(pool).await?;
    } else if password::verify(change.new.clone(), Some(stored_hash)).await? {
        // The temporary password can't become the user's own.
        return Err(AppError::field(
            "new_password",
            "invalid-password-unchanged",
        ));
    }
    let hash = password::hash(change.new).await?;
    db::users::change_password(pool, user.id, &hash, db::now_ms()).await?;
    session::sign_in(&session::current_session().await?, user.id).await?;
    tracing::info!(user_id = %user.id, "password changed");
    if let Some(next) = next {
        leptos_axum::redirect(&safe_next(Some(&next)));
    }
    Ok(())
}

#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::server::session;
    session::sign_out(&session::current_session().await?).await?;
    leptos_axum::redirect("/");
    Ok(())
}

/// Only paths inside this app are followed after sign-in; anything else goes home. The path
/// becomes a `Location` header, so it must be plain visible ASCII (URLs are percent-encoded).
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && path.chars().all(|c| c.is_ascii_graphic() && c != '\\') =>
        {
            path.to_owned()
        }
        _ => "/".to_owned(),
    }
}

/// The address the request came from: the peer of the TCP connection, or when that is one
/// of the `TRUSTED_PROXIES`, the client its `X-Forwarded-For` names (see `TrustedProxies`).
#[cfg(feature = "ssr")]
pub(crate) async fn client_address() -> Result<std::net::IpAddr, AppError> {
    use axum::extract::ConnectInfo;
    use axum::http::HeaderMap;
    use std::net::SocketAddr;
    let unavailable = |error: &dyn std::fmt::Display| {
        tracing::error!(%error, "client address unavailable");
        AppError::Internal
    };
    let ConnectInfo(peer) = leptos_axum::extract::<ConnectInfo<SocketAddr>>()
        .await
        .map_err(|error| unavailable(&error))?;
    let headers = leptos_axum::extract::<HeaderMap>()
        .await
        .map_err(|error| unavailable(&error))?;
    let forwarded_for = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok());
    let state = crate::server::state::app_state()?;
    Ok(state
        .settings
        .trusted_proxies
        .client(peer.ip(), forwarded_for))
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(safe_next(Some("/settings")), "/settings");
        assert_eq!(
            safe_next(Some("/find-partner?q=cloud")),
            "/find-partner?q=cloud"
        );
        for outside in [
            "https://evil.example/",
            "//evil.example",
            "/\\evil.example",
            "settings",
            "/a\r\nSet-Cookie: x=1",
            "/设置",
        ] {
            assert_eq!(safe_next(Some(outside)), "/", "{outside}");
        }
        assert_eq!(safe_next(None), "/");
    }
}
