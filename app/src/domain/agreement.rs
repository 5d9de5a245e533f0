//! The Customer Agreement: versioned text a tenant accepts before partners may buy for it.

use serde::{Deserialize, Serialize};

/// One published version of the agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementDocument {
    pub version: String,
    pub published_at_ms: i64,
    pub body: String,
}

/// A tenant's acceptance of one version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementAcceptance {
    pub version: String,
    pub accepted_by: String,
    pub accepted_at_ms: i64,
}

/// Whether a tenant has accepted the agreement version in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementStatus {
    pub current_version: String,
    /// The tenant's latest acceptance, of whichever version.
    pub latest: Option<AgreementAcceptance>,
}

impl AgreementStatus {
    pub fn accepted_current(&self) -> bool {
        self.latest
            .as_ref()
            .is_some_and(|acceptance| acceptance.version == self.current_version)
    }
}
