//! Server functions, grouped by area. Each is thin: guard → parse → one database call → map.

pub mod agreement;
pub mod auth;
pub mod contact;
pub mod directory;
pub mod invitations;
pub mod leads;
pub mod organization;
pub mod relationships;
pub mod tenant_admin;
