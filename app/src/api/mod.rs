//! Server functions, grouped by area. Each is thin: guard → parse → one database call → map.

pub mod auth;
pub mod contact;
pub mod directory;
pub mod leads;
pub mod organization;
