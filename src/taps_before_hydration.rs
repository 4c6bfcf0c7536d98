//! A tap on a button made before the page came alive.
//!
//! On a phone the server's page shows for a second or more before the wasm hydrates it. A
//! `type="button"` button (a message's "…", the mute bell, "Load older") has no action of its
//! own: the wasm gives it one. A tap in that second used to do nothing, and say nothing, so the
//! person tapped again or gave up. This script, inline in every page's head, holds the last
//! such tap (the button shows it is waiting, `aria-busy`) and the wasm carries it out once the
//! page is hydrated. Buttons the wasm must open something for within the tap itself (a file
//! picker) are drawn disabled until then instead (`hydrated`): a click made later is not a
//! person's gesture to the browser.
use crate::inline_script::InlineScript;
use leptos::prelude::*;

/// The function the script leaves on `window` for the wasm to call.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
const CARRY_OUT: &str = "parleyCarryOutHeldTap";

/// Plain ES5, written into the page as it is (`inline_script`). Only the last tap is kept: two
/// taps on a toggle (the "…" menu) would otherwise open and close it. The stopped notice's
/// Reload button (`stopped_notice`) works without the wasm, and is left alone.
const SCRIPT: &str = "(function () {\
  var alive = false;\
  var held = null;\
  function hold(event) {\
    if (alive) return;\
    var target = event.target;\
    var button = target.closest ? target.closest('button[type=button]') : null;\
    if (!button) return;\
    if (button.closest('#app-stopped')) return;\
    event.preventDefault();\
    event.stopImmediatePropagation();\
    if (held) held.removeAttribute('aria-busy');\
    held = button;\
    button.setAttribute('aria-busy', 'true');\
  }\
  document.addEventListener('click', hold, true);\
  window.parleyCarryOutHeldTap = function () {\
    alive = true;\
    var button = held;\
    held = null;\
    if (!button) return;\
    button.removeAttribute('aria-busy');\
    if (button.isConnected) if (!button.disabled) button.click();\
  };\
})();";

/// The script, for the shell's `<head>`: it must be listening before the page is shown.
#[component]
pub fn HoldTapsBeforeHydration() -> impl IntoView {
    view! { <InlineScript script=SCRIPT/> }
}

/// Carries out the tap the script held, once this page is hydrated (at once on a page drawn in
/// the browser, where there is none). Call once, from the app's root.
pub fn carry_out_held_tap() {
    #[cfg(feature = "hydrate")]
    crate::after_hydration::after_hydration(|| {
        use wasm_bindgen::JsCast;
        let carry_out = js_sys::Reflect::get(&window(), &CARRY_OUT.into())
            .ok()
            .and_then(|function| function.dyn_into::<js_sys::Function>().ok());
        // Missing only if the page's head was not ours; then there is nothing held either.
        if let Some(carry_out) = carry_out {
            let _ = carry_out.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_written_as_is() {
        assert!(crate::inline_script::is_written_as_is(SCRIPT));
    }

    #[test]
    fn names_the_function_the_wasm_calls() {
        assert!(SCRIPT.contains(&format!("window.{CARRY_OUT} =")));
    }
}
