pub mod home;
pub mod not_found;
pub mod partner_profile;
pub mod settings;
pub mod sign_in;
