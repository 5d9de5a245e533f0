//! `AppError`: the one error every server function returns. It crosses to the browser as
//! JSON, so it carries message ids (translated there), never internal detail.

use crate::domain::{AdminRole, Invalid};
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// One refused form field: the field's name and the message id to show beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// What a refused caller would have needed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Needed {
    /// One of these roles in a customer tenant.
    CustomerRole(Vec<AdminRole>),
    /// To be an agent of a partner organization.
    PartnerAgent,
    /// To be one of the partner organization's admin agents.
    AdminAgent,
    /// To be a Global or Billing admin of this organization (an invitation's tenant).
    AdminOf(String),
    /// To hold this power in the tenant (a role the customer granted, or may have removed).
    Power(crate::domain::Power),
    /// The customer to have accepted the Customer Agreement in force.
    CustomerAgreement,
    /// To be a Global admin, to act on another admin (resetting their password).
    GlobalAdminForAdmins,
    /// To set a password of their own first: they signed in with a temporary one.
    NewPassword,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("some fields are invalid")]
    Validation(Vec<FieldError>),
    /// The request itself was malformed (not something a form user can cause).
    #[error("bad request")]
    BadRequest,
    #[error("sign-in required")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden(Needed),
    #[error("not found")]
    NotFound,
    /// What the request points at existed once or never did, and can't be used (a spent or
    /// unknown link); the message id says which.
    #[error("gone: {0}")]
    Gone(String),
    /// The request conflicts with the current state; the message id says how.
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    /// Something broke on the server; the detail is in the server's log only.
    #[error("internal error")]
    Internal,
    /// Unknown email or wrong password: one answer for both.
    #[error("invalid credentials")]
    InvalidCredentials,
    /// The browser could not reach the server.
    #[error("network error")]
    Unreachable,
}

impl AppError {
    pub fn field(field: &str, message: &str) -> Self {
        AppError::Validation(vec![FieldError {
            field: field.to_owned(),
            message: message.to_owned(),
        }])
    }

    /// Several fields refused, each with the message id to show beside it.
    pub fn fields(errors: &[(&str, &str)]) -> Self {
        AppError::Validation(
            errors
                .iter()
                .map(|(field, message)| FieldError {
                    field: (*field).to_owned(),
                    message: (*message).to_owned(),
                })
                .collect(),
        )
    }

    /// The fields a parse refused, each with the message to show beside it.
    pub fn invalid_fields(errors: Vec<(&'static str, Invalid)>) -> Self {
        AppError::Validation(
            errors
                .into_iter()
                .map(|(field, invalid)| FieldError {
                    field: field.to_owned(),
                    message: invalid.message_id().to_owned(),
                })
                .collect(),
        )
    }

    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Validation(_) => 422,
            AppError::BadRequest => 400,
            AppError::Unauthorized | AppError::InvalidCredentials => 401,
            AppError::Forbidden(_) => 403,
            AppError::NotFound => 404,
            AppError::Conflict(_) => 409,
            AppError::Gone(_) => 410,
            AppError::TooManyRequests { .. } => 429,
            AppError::Internal => 500,
            AppError::Unreachable => 503,
        }
    }

    /// The message id for this error shown as a whole (not beside a field).
    pub fn message_id(&self) -> &str {
        match self {
            AppError::Validation(_) => "error-validation",
            AppError::BadRequest => "error-bad-request",
            AppError::Unauthorized => "error-unauthorized",
            AppError::InvalidCredentials => "error-invalid-credentials",
            AppError::Forbidden(Needed::CustomerRole(_)) => "error-forbidden-customer-admin",
            AppError::Forbidden(Needed::PartnerAgent) => "error-forbidden-partner-agent",
            AppError::Forbidden(Needed::AdminAgent) => "error-forbidden-admin-agent",
            AppError::Forbidden(Needed::AdminOf(_)) => "error-forbidden-customer-admin",
            AppError::Forbidden(Needed::Power(_)) => "error-forbidden-power",
            AppError::Forbidden(Needed::CustomerAgreement) => "error-agreement-not-accepted",
            AppError::Forbidden(Needed::GlobalAdminForAdmins) => "error-reset-admin-needs-global",
            AppError::Forbidden(Needed::NewPassword) => "error-password-change-required",
            AppError::NotFound => "error-not-found",
            AppError::Conflict(message) | AppError::Gone(message) => message,
            AppError::TooManyRequests { .. } => "error-too-many-requests",
            AppError::Internal => "error-internal",
            AppError::Unreachable => "error-unreachable",
        }
    }

    /// The message id to show beside `field`, if this error refused it.
    pub fn field_message(&self, field: &str) -> Option<&str> {
        match self {
            AppError::Validation(errors) => errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| e.message.as_str()),
            _ => None,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(_) => AppError::Unreachable,
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_) => AppError::BadRequest,
            // On the server this is a request body that can't be read as the arguments (not
            // UTF-8, cut short); in the browser it is an answer it can't read, a server fault.
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Deserialization(_) => AppError::BadRequest,
            other => {
                #[cfg(feature = "ssr")]
                tracing::error!(error = %other, "server function failed");
                #[cfg(not(feature = "ssr"))]
                leptos::logging::error!("server function failed: {other}");
                AppError::Internal
            }
        }
    }
}

#[cfg(feature = "ssr")]
impl From<crate::server::db::tenant_admin::TenantWriteError> for AppError {
    fn from(error: crate::server::db::tenant_admin::TenantWriteError) -> Self {
        use crate::domain::PowerRefusal;
        use crate::server::db::tenant_admin::TenantWriteError;
        match error {
            TenantWriteError::Refused {
                power,
                refusal: PowerRefusal::NotGranted,
            } => AppError::Forbidden(Needed::Power(power)),
            TenantWriteError::Refused {
                refusal: PowerRefusal::AgreementNotAccepted,
                ..
            } => AppError::Forbidden(Needed::CustomerAgreement),
            TenantWriteError::Database(error) => error.into(),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<crate::server::directory_search::SearchError> for AppError {
    fn from(error: crate::server::directory_search::SearchError) -> Self {
        tracing::error!(%error, "directory search error");
        AppError::Internal
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        tracing::error!(%error, "database error");
        AppError::Internal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_fields_each_get_their_message() {
        let error = AppError::invalid_fields(vec![
            ("email", Invalid::EmailMalformed),
            ("password", Invalid::Required),
        ]);
        assert_eq!(error.field_message("email"), Some("invalid-email"));
        assert_eq!(error.field_message("password"), Some("invalid-required"));
        assert_eq!(error.field_message("name"), None);
        assert_eq!(error.status(), 422);
    }

    #[test]
    fn errors_map_to_their_http_status() {
        assert_eq!(AppError::field("email", "invalid-email").status(), 422);
        assert_eq!(AppError::Forbidden(Needed::PartnerAgent).status(), 403);
        assert_eq!(
            AppError::TooManyRequests {
                retry_after_secs: 60
            }
            .status(),
            429
        );
    }
}
