//! Everything that only runs on the server: state, database access, sessions, guards.

pub mod clock;
pub mod db;
pub mod directory_search;
pub mod guards;
pub mod invitation_token;
pub mod mail;
pub mod metrics;
pub mod password;
pub mod plain_form;
pub mod rate_limit;
pub mod screen_files;
pub mod security;
pub mod session;
pub mod state;

pub use state::{AppState, Settings};
