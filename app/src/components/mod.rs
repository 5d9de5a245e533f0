pub mod auth;
pub mod dialog;
pub mod error_view;
pub mod field;
pub mod header;
pub mod language_switch;
pub mod page_title;
pub mod pending;
