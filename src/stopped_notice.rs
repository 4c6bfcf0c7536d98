//! What a page says once its wasm has stopped.
//!
//! The browser's build turns a panic into an immediate trap (`panic=immediate-abort` in
//! `.cargo/config.toml`, which keeps the wasm smaller): no message, and from then on the page's
//! handlers, socket and tasks are dead while the page still looks alive, so a message typed into
//! it would go nowhere without a word. The trap reaches JavaScript as a
//! `WebAssembly.RuntimeError` thrown out of whatever event or task was running. This script,
//! inline in every page because it must work when the wasm does not, turns the first one into a
//! notice with a Reload button; other errors (an extension's, a failed fetch) are left alone.
use leptos::prelude::*;

/// Plain ES5 without `<`, `>` or `&`, which the server would escape in a text child.
const SCRIPT: &str = "(function () {\
  function stopped(error) {\
    if (!window.WebAssembly || !(error instanceof WebAssembly.RuntimeError)) return;\
    if (document.getElementById('app-stopped')) return;\
    var notice = document.createElement('div');\
    notice.id = 'app-stopped';\
    notice.setAttribute('role', 'alert');\
    var text = document.createElement('p');\
    text.textContent = 'Parley stopped working because of an error. Reload the page to go on.';\
    var reload = document.createElement('button');\
    reload.type = 'button';\
    reload.textContent = 'Reload';\
    reload.addEventListener('click', function () { location.reload(); });\
    notice.appendChild(text);\
    notice.appendChild(reload);\
    (document.body || document.documentElement).appendChild(notice);\
  }\
  addEventListener('error', function (event) { stopped(event.error); });\
  addEventListener('unhandledrejection', function (event) { stopped(event.reason); });\
})();";

/// The script, for the shell's `<head>`: it must be listening before the wasm starts.
#[component]
pub fn StoppedNotice() -> impl IntoView {
    view! { <script nonce=leptos::nonce::use_nonce()>{SCRIPT}</script> }
}

#[cfg(test)]
mod tests {
    use super::SCRIPT;

    #[test]
    fn the_script_has_nothing_the_server_would_escape() {
        assert!(!SCRIPT.contains(['<', '>', '&']), "{SCRIPT}");
    }
}
