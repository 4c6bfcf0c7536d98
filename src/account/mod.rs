//! The signed-in user's own account: the settings page and its server functions.

pub mod api;
mod delete_account_section;
pub mod deletion_api;
pub mod picture_api;
mod picture_section;
mod settings_page;

pub use settings_page::SettingsPage;
