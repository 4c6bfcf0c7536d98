//! How the app looks on this device: the light or dark theme.

pub mod api;
mod section;
pub mod theme;

pub use section::AppearanceSection;
pub use theme::Theme;
