//! The signed-in user's own account: the settings page and its server functions.

pub mod api;
mod delete_account_section;
pub mod deletion_api;
#[cfg(feature = "ssr")]
mod device_name;
pub mod picture_api;
mod picture_section;
mod presence_section;
mod receipts_section;
pub mod sessions_api;
mod sessions_section;
mod settings_page;

pub use settings_page::SettingsPage;
