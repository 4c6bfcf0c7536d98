//! A tap on a button, a form sent or a box ticked before the page came alive.
//!
//! On a phone the server's page shows for a second or more before the wasm hydrates it. A
//! `type="button"` button (a message's "…", the mute bell, "Load older") has no action of its
//! own: the wasm gives it one. A tap in that second used to do nothing, and say nothing, so the
//! person tapped again or gave up. This script, inline in every page's head, holds the last
//! such tap (the button shows it is waiting, `aria-busy`) and the wasm carries it out once the
//! page is hydrated.
//!
//! A checkbox without a `name` (no form sends it: the notifications' "Show the message's text")
//! is the wasm's in the same way, and was worse: it ticked, then hydration set it back to the
//! wasm's value, unsaved, without a word. Its tick is left to happen, and once the page is alive
//! the box is set to what it then showed (with a click, so the wasm saves it): a toggle carried
//! out again could undo what the person saw.
//!
//! A long press on a message (a phone's way to its menu, `message_actions::long_press`) is
//! held the same way, as a tap on that message's "…".
//!
//! Buttons the wasm must open something for within the tap itself (a file picker) are drawn
//! disabled until then instead (`hydrated`): a click made later is not a person's gesture to
//! the browser.
use crate::inline_script::InlineScript;
use leptos::prelude::*;

/// The function the script leaves on `window` for the wasm to call.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
const CARRY_OUT: &str = "parleyCarryOutHeldTap";

/// Plain ES5, written into the page as it is (`inline_script`). Only the last tap is kept: two
/// taps on a toggle (the "…" menu) would otherwise open and close it. The stopped notice's
/// Reload button (`stopped_notice`) works without the wasm, and is left alone.
///
/// A form without an `action` (the people search, a group's name) is the wasm's too: sent by
/// the browser, it would load the page again with its fields in the address, and what was
/// typed would be gone. Its sending is held the same way. A form with an `action` is sent by
/// the browser as it is (the composer, every `ActionForm`): that works without the wasm.
///
/// The carrying out waits one more turn of the event loop, so that the fields' words typed
/// before hydration (`typed_before_hydration`, handed over in the turn hydration ends) are
/// back in their signals before a held form is sent.
pub(crate) const SCRIPT: &str = "(function () {\
  var alive = false;\
  var held = null;\
  var ticked = [];\
  var pressing = null;\
  function keep(element, busy) {\
    if (held) if (held.busy) held.busy.removeAttribute('aria-busy');\
    held = { element: element, busy: busy };\
    if (busy) busy.setAttribute('aria-busy', 'true');\
  }\
  function nearest(event, selector) {\
    var target = event.target;\
    return target.closest ? target.closest(selector) : null;\
  }\
  function stop(event) {\
    event.preventDefault();\
    event.stopImmediatePropagation();\
  }\
  function holdTap(event) {\
    if (alive) return;\
    var control = nearest(event, 'button[type=button], input[type=checkbox]:not([name])');\
    if (!control) return;\
    if (control.closest('#app-stopped')) return;\
    if (control.type === 'checkbox') { ticked.push({ box: control, checked: control.checked }); return; }\
    stop(event);\
    keep(control, control);\
  }\
  function holdSubmit(event) {\
    if (alive) return;\
    var form = event.target;\
    if (form.hasAttribute('action')) return;\
    stop(event);\
    keep(form, event.submitter || null);\
  }\
  function pressEnd() {\
    if (pressing) clearTimeout(pressing);\
    pressing = null;\
  }\
  function holdPress(event) {\
    if (alive) return;\
    var message = nearest(event, 'li.message');\
    if (!message) return;\
    pressEnd();\
    pressing = setTimeout(function () {\
      pressing = null;\
      var more = message.querySelector('.message-actions .more');\
      if (!more) return;\
      if (alive) more.click(); else keep(more, more);\
    }, 500);\
  }\
  function tickAgain(tick) {\
    if (tick.box.isConnected) if (tick.box.checked !== tick.checked) tick.box.click();\
  }\
  function carryOut() {\
    ticked.forEach(tickAgain);\
    ticked = [];\
    var kept = held;\
    held = null;\
    if (!kept) return;\
    if (kept.busy) kept.busy.removeAttribute('aria-busy');\
    var element = kept.element;\
    if (!element.isConnected) return;\
    if (element.tagName !== 'FORM') { if (!element.disabled) element.click(); return; }\
    if (element.requestSubmit) element.requestSubmit();\
    else element.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));\
  }\
  document.addEventListener('click', holdTap, true);\
  document.addEventListener('submit', holdSubmit, true);\
  document.addEventListener('touchstart', holdPress, { capture: true, passive: true });\
  ['touchend', 'touchmove', 'touchcancel'].forEach(function (name) {\
    document.addEventListener(name, pressEnd, { capture: true, passive: true });\
  });\
  window.parleyCarryOutHeldTap = function () {\
    alive = true;\
    setTimeout(carryOut, 0);\
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
