//! A setting of this device that the server draws the page with (the theme, the offset from
//! UTC): the request's cookie on the server, and in the browser the attribute of `<html>` where
//! the server wrote what it used, so the wasm hydrates the page the server drew.

/// The setting's raw value for the page being drawn: `cookie` on the server, the `<html>`
/// element's `attribute` in the browser.
pub fn page_setting(cookie: &str, attribute: &str) -> Option<String> {
    #[cfg(feature = "ssr")]
    {
        let _ = attribute;
        crate::server::request::cookie(cookie)
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = cookie;
        #[cfg(feature = "hydrate")]
        return leptos::prelude::document()
            .document_element()
            .and_then(|html| html.get_attribute(attribute));
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = attribute;
            None
        }
    }
}
