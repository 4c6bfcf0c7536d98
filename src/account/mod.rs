//! The signed-in user's own account: the settings page and its server functions.

pub mod api;
pub mod deletion_api;
pub mod picture_api;
mod settings_page;

pub use settings_page::SettingsPage;
