//! Scripts written into a page's `<head>` as they are, for what must run before the wasm does
//! (or when it never does).

use leptos::prelude::*;

/// `script` under the page's CSP nonce. The server escapes `<`, `>` and `&` in a text child,
/// which would break the script: each one is checked with [`is_written_as_is`] in its tests.
#[component]
pub fn InlineScript(script: &'static str) -> impl IntoView {
    view! { <script nonce=leptos::nonce::use_nonce()>{script}</script> }
}

/// Whether the server writes `script` into the page unchanged.
#[cfg(test)]
pub fn is_written_as_is(script: &str) -> bool {
    !script.contains(['<', '>', '&'])
}
