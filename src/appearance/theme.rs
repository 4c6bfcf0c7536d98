//! Light, dark, or as the system says: chosen per device, kept in a cookie so the server draws
//! the page in the right colours from the first byte (no flash of the other scheme, and no
//! inline script, which the page's CSP would refuse anyway).

use serde::{Deserialize, Serialize};

pub const THEME_COOKIE: &str = "parley_theme";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    Light,
    Dark,
    /// Follows `prefers-color-scheme`.
    System,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::Light, Theme::Dark, Theme::System];

    /// The cookie's (and the `data-theme` attribute's) value; anything else is `System`.
    pub fn parse(value: &str) -> Self {
        match value {
            "light" => Self::Light,
            "dark" => Self::Dark,
            _ => Self::System,
        }
    }

    /// As serde, the cookie and the settings form write it.
    pub fn value(self) -> &'static str {
        match self {
            Self::Light => "light",
            Self::Dark => "dark",
            Self::System => "system",
        }
    }

    /// The `data-theme` of `<html>`: none when following the system.
    pub fn attribute(self) -> Option<&'static str> {
        (self != Self::System).then(|| self.value())
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Light => "Light",
            Self::Dark => "Dark",
            Self::System => "System",
        }
    }

    /// This device's choice: from the request's cookie on the server, from the page in the
    /// browser (where the server wrote it).
    pub fn current() -> Self {
        crate::page_setting::page_setting(THEME_COOKIE, "data-theme")
            .map_or(Self::System, |value| Self::parse(&value))
    }

    /// Shows the page in this theme at once (the cookie keeps it for the next page).
    #[cfg(feature = "hydrate")]
    pub fn apply_to_page(self) {
        if let Some(html) = leptos::prelude::document().document_element() {
            let _ = match self.attribute() {
                Some(value) => html.set_attribute("data-theme", value),
                None => html.remove_attribute("data-theme"),
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Theme;

    #[test]
    fn anything_but_light_or_dark_follows_the_system() {
        assert_eq!(Theme::parse("dark"), Theme::Dark);
        assert_eq!(Theme::parse("light"), Theme::Light);
        assert_eq!(Theme::parse("purple"), Theme::System);
        assert_eq!(Theme::System.attribute(), None);
    }
}
