//! Whether notifications show the message's text: a choice for this browser (someone may not
//! want their messages on a shared screen's corner), kept in its local storage.

#[cfg(feature = "hydrate")]
const KEY: &str = "parley_notification_text";

/// True unless this browser was told to hide the text.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub fn show_text() -> bool {
    #[cfg(feature = "hydrate")]
    {
        storage()
            .and_then(|s| s.get_item(KEY).ok().flatten())
            .is_none_or(|v| v != "hidden")
    }
    #[cfg(not(feature = "hydrate"))]
    true
}

#[cfg_attr(not(feature = "hydrate"), allow(unused_variables))]
pub fn set_show_text(show: bool) {
    #[cfg(feature = "hydrate")]
    if let Some(storage) = storage() {
        let _ = if show {
            storage.remove_item(KEY)
        } else {
            storage.set_item(KEY, "hidden")
        };
    }
}

#[cfg(feature = "hydrate")]
fn storage() -> Option<web_sys::Storage> {
    leptos::prelude::window().local_storage().ok().flatten()
}
