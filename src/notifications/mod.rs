//! Browser notifications for new messages while the tab is in the background: asked for from
//! settings (never on page load), per browser; the message text can be left out.

#[cfg(feature = "hydrate")]
mod alert;
mod permission;
mod preferences;
mod settings_section;

#[cfg(feature = "hydrate")]
pub use alert::on_new_message;
pub use settings_section::NotificationsSection;
