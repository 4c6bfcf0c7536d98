//! What a page says once its wasm has stopped.
//!
//! The browser's build turns a panic into an immediate trap (`panic=immediate-abort` in
//! `.cargo/config.toml`, which keeps the wasm smaller): no message, and from then on the page's
//! handlers, socket and tasks are dead while the page still looks alive, so a message typed into
//! it would go nowhere without a word. The trap reaches JavaScript as a
//! `WebAssembly.RuntimeError` thrown out of whatever event or task was running. This script,
//! inline in every page because it must work when the wasm does not, turns the first one into a
//! notice with a Reload button; other errors (an extension's, a failed fetch) are left alone.
//! The notice covers the composer, so Reload keeps what was typed in it for the reloaded page
//! (in the tab's session storage, for the same address), and the script puts it back into the
//! server's page, where `typed_before_hydration` hands it to the new composer.
//!
//! The same keeping serves a page the browser throws away: Safari on a phone discards a tab
//! it has not shown for a while and loads it again when it is looked at, and a reload does the
//! same. So the box's text is also kept whenever the page is hidden or left (`visibilitychange`,
//! `pagehide`: the last moments a discarded page runs), and forgotten when the page is shown
//! again alive, so a message sent later cannot come back from an old copy. A page load always
//! takes it out of storage, whatever its address: it is kept for one load at most, and never
//! while the page is in use (so not when someone logs out, which loads no page).
//!
//! Messages on their way and the drafts of every conversation are kept the same way by the
//! wasm (`chat::kept_outbox`, `chat::kept_drafts`), which takes them back on a page with the
//! chat; a page load without it (the login page, settings) forgets them here, so they too are
//! kept for one load at most.
//!
//! The notice, with its Reload that keeps the box's text, is also what a page says when the
//! files it was built from are gone (`main_wasm_retry`): it is on `window` for that script.
use crate::inline_script::InlineScript;
use leptos::prelude::*;

/// Where the script puts its notice on `window`: a function of the notice's words, and of a
/// class for its look (`updated` is calmer than an error's red).
pub const NOTICE: &str = "parleyNotice";

/// Plain ES5, written into the page as it is (`inline_script`).
const SCRIPT: &str = "(function () {\
  var DRAFT = 'parley-draft';\
  var OUTBOX = 'parley-outbox';\
  var DRAFTS = 'parley-drafts';\
  function stopped(error) {\
    if (!window.WebAssembly || !(error instanceof WebAssembly.RuntimeError)) return;\
    notice('Parley stopped working because of an error. Reload the page to go on.');\
  }\
  function notice(words, kind) {\
    if (document.getElementById('app-stopped')) return;\
    var bar = document.createElement('div');\
    bar.id = 'app-stopped';\
    bar.className = kind || '';\
    bar.setAttribute('role', 'alert');\
    var text = document.createElement('p');\
    text.textContent = words;\
    var reload = document.createElement('button');\
    reload.type = 'button';\
    reload.textContent = 'Reload';\
    reload.addEventListener('click', function () {\
      try { keepDraft(); } catch (ignored) {}\
      location.reload();\
    });\
    bar.appendChild(text);\
    bar.appendChild(reload);\
    (document.body || document.documentElement).appendChild(bar);\
  }\
  function keepDraft() {\
    var box = document.getElementById('composer-text');\
    if (box) if (box.value) return sessionStorage.setItem(DRAFT, JSON.stringify({ path: location.pathname, text: box.value }));\
    sessionStorage.removeItem(DRAFT);\
  }\
  function restoreDraft() {\
    if (!document.querySelector('.chat-layout')) { sessionStorage.removeItem(OUTBOX); sessionStorage.removeItem(DRAFTS); }\
    var kept = JSON.parse(sessionStorage.getItem(DRAFT) || 'null');\
    sessionStorage.removeItem(DRAFT);\
    var box = document.getElementById('composer-text');\
    if (kept) if (box) if (kept.path === location.pathname) box.value = kept.text;\
  }\
  function keepWhileHidden() {\
    if (document.visibilityState === 'hidden') keepDraft(); else sessionStorage.removeItem(DRAFT);\
  }\
  window.parleyNotice = notice;\
  addEventListener('DOMContentLoaded', function () { try { restoreDraft(); } catch (ignored) {} });\
  addEventListener('pagehide', function () { try { keepDraft(); } catch (ignored) {} });\
  document.addEventListener('visibilitychange', function () { try { keepWhileHidden(); } catch (ignored) {} });\
  addEventListener('error', function (event) { stopped(event.error); });\
  addEventListener('unhandledrejection', function (event) { stopped(event.reason); });\
})();";

/// The script, for the shell's `<head>`: it must be listening before the wasm starts.
#[component]
pub fn StoppedNotice() -> impl IntoView {
    view! { <InlineScript script=SCRIPT/> }
}

#[cfg(test)]
mod tests {
    use super::SCRIPT;

    #[test]
    fn the_script_has_nothing_the_server_would_escape() {
        assert!(crate::inline_script::is_written_as_is(SCRIPT), "{SCRIPT}");
    }

    #[test]
    fn the_script_forgets_the_outbox_and_drafts_by_the_keys_the_wasm_keeps_them_under() {
        for key in [crate::chat::kept_outbox::KEY, crate::chat::kept_drafts::KEY] {
            assert!(SCRIPT.contains(&format!("'{key}'")), "{key}: {SCRIPT}");
        }
    }

    #[test]
    fn the_script_puts_its_notice_where_other_scripts_look_for_it() {
        assert!(
            SCRIPT.contains(&format!("window.{} = notice;", super::NOTICE)),
            "{SCRIPT}"
        );
    }

    #[test]
    fn the_script_keeps_the_draft_of_the_composer_by_its_id() {
        let id = format!("'{}'", crate::chat::composer::TEXT_ID);
        assert_eq!(SCRIPT.matches(&id).count(), 2, "{SCRIPT}");
    }
}
