//! The server over HTTP, one test binary: each module spawns the app (port 0, a fresh
//! database on the backend `PARTNERHUB_TEST_BACKEND` names) and talks to it as a browser does.

mod common;

mod abuse;
mod activity;
mod admin_access;
mod auth;
mod authorization_matrix;
mod chaos;
mod customer_ends;
mod customers;
mod demo_data;
mod directory;
mod guards;
mod hardening;
mod invitations;
mod leads;
mod lockdown;
mod mail;
mod mail_language;
mod mail_outbox;
mod migrations;
mod operations;
mod pages;
mod partner_profile;
mod passwords;
mod processes;
mod relationships;
mod search_index;
mod search_parity;
mod soak;
mod teams;
mod tenant_admin;
