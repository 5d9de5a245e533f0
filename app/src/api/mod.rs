//! Server functions, grouped by area. Each is thin: guard → parse → one database call → map.

// The timeline's filters and position: seven parts of its address.
#[allow(clippy::too_many_arguments)]
pub mod activity;
pub mod agreement;
pub mod auth;
// One argument per form field: the contact form has eleven (the macro writes the browser side too).
#[allow(clippy::too_many_arguments)]
pub mod contact;
pub mod directory;
// Likewise the invitation form: four fields and its admin relationship's four.
#[allow(clippy::too_many_arguments)]
pub mod invitations;
pub mod leads;
pub mod lockdown;
// And Edit profile: thirteen fields.
#[allow(clippy::too_many_arguments)]
pub mod organization;
pub mod relationships;
pub mod teams;
pub mod tenant_admin;
