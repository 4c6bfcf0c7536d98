//! The main wasm asked for again when its download failed.
//!
//! Leptos's hydration script imports the app's script and downloads the main wasm once; if the
//! network drops meanwhile (a phone between two masts), its promise fails unheard and the page
//! stays as the server drew it, for good: taps held, no live messages, nothing said. The
//! pieces of the wasm are asked for again by the wasm itself (`lazy_pages`); the main file
//! needs this script, inline in every page's head because it must work when the wasm does not.
//!
//! It waits for that failure: an unhandled rejection before the wasm's `hydrate` has been
//! called (`window.parleyHydrating`, set by `hydrate`), of the kinds a failed download or
//! compile gives: a `TypeError` (no answer), wasm-bindgen's `Error` "failed to fetch Wasm"
//! (an answer that is not 200: a 404 after a release, a 502 during one) or a
//! `WebAssembly.CompileError` (a download cut short). Nothing else on the page leaves a
//! promise's failure unhandled before then (the service worker's registration catches its
//! own), and this check matters: starting the wasm a second time while the first start is
//! still under way would run two copies. It then asks again with the same addresses Leptos
//! used (the page's preload links), and hydrates once the wasm is in.
//!
//! When to ask again is the script's, for the pieces too ([`wait_to_retry`]): after 1, 2, 4
//! and 8 s, then every 10 s, or at once when the browser says it is back online (a phone out
//! of a tunnel should not sit up to 10 s more on a dead page). Before each wait it asks the
//! server whether the page's main wasm is still there: after a release, the old build's
//! files are gone (their names carry their content's hash), so asking again would never
//! succeed. Then the page says so, with the stopped notice's Reload (`stopped_notice`), which
//! keeps what was typed in the composer. It does not reload by itself: a form half filled in
//! on the server's page would be lost. A running page asks the same question when its socket
//! comes back after a drop ([`say_if_released`]): a release restarts the server, and an old
//! page would otherwise go on talking to a new server without a word.
//!
//! A running page that could not fetch the piece of a page it moved to shows "This page could
//! not be loaded" (`lazy_pages`, marked `data-piece-missing`). When the browser is back online
//! or the page is looked at again, the script asks the same question, and loads the address
//! afresh if the server answers with the build still there: the piece then comes with the
//! page. Only then: a load without a network would show the browser's offline page instead.
use crate::inline_script::InlineScript;
use leptos::prelude::*;

/// What `hydrate` sets on `window`, once it has been called.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub const HYDRATING: &str = "parleyHydrating";

/// Where the script puts its wait on `window`, for [`wait_to_retry`].
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
const WAIT_TO_RETRY: &str = "parleyWaitToRetry";

/// Where the script puts its check for a release, for [`say_if_released`].
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
const SAY_IF_RELEASED: &str = "parleySayIfReleased";

/// Plain ES5 but for `import()`, written into the page as it is (`inline_script`).
const SCRIPT: &str = "(function () {\
  var failures = 0;\
  function address(selector) {\
    var link = document.querySelector(selector);\
    return link ? link.href : null;\
  }\
  function mainWasm() {\
    return address('link[rel=preload][href*=\"/parley.\"][href$=\".wasm\"]');\
  }\
  function mainWasmStatus() {\
    var wasm = mainWasm();\
    if (!wasm) return Promise.resolve(0);\
    return fetch(wasm, { method: 'HEAD', cache: 'no-store' }).then(\
      function (answer) { return answer.status; },\
      function () { return 0; });\
  }\
  function sayIfGone(status) {\
    var released = status === 404;\
    if (released) window.parleyNotice('Parley has been updated. Reload the page to go on.', 'updated');\
    return released;\
  }\
  function sayIfReleased() {\
    return mainWasmStatus().then(sayIfGone);\
  }\
  function reloadMissingPage() {\
    if (document.visibilityState === 'hidden' || !document.querySelector('[data-piece-missing]')) return;\
    mainWasmStatus().then(function (status) {\
      if (status === 200) location.reload();\
      else sayIfGone(status);\
    });\
  }\
  addEventListener('online', reloadMissingPage);\
  document.addEventListener('visibilitychange', reloadMissingPage);\
  window.parleySayIfReleased = sayIfReleased;\
  window.parleyWaitToRetry = function (attempts) {\
    return sayIfReleased().then(function (released) {\
      return new Promise(function (resolve) {\
        if (released) return;\
        var timer = setTimeout(now, Math.min(1000 * Math.pow(2, attempts), 10000));\
        function now() {\
          clearTimeout(timer);\
          removeEventListener('online', now);\
          resolve();\
        }\
        addEventListener('online', now);\
      });\
    });\
  };\
  function later() {\
    window.parleyWaitToRetry(failures++).then(retry);\
  }\
  function retry() {\
    var script = address('link[rel=modulepreload][href*=\"/parley.\"]');\
    var wasm = mainWasm();\
    if (!script || !wasm || window.parleyHydrating) return;\
    import(script).then(function (app) {\
      return app.default({ module_or_path: wasm }).then(function () {\
        if (!window.parleyHydrating) app.hydrate();\
      });\
    }).then(null, later);\
  }\
  window.addEventListener('unhandledrejection', function (event) {\
    var compiling = window.WebAssembly ? WebAssembly.CompileError : TypeError;\
    var reason = event.reason;\
    var answered = String(reason instanceof Error ? reason.message : '').indexOf('failed to fetch Wasm') === 0;\
    var failed = answered || reason instanceof TypeError || reason instanceof compiling;\
    if (failures || window.parleyHydrating || !failed) return;\
    later();\
  });\
})();";

/// The script, for the shell's `<head>`.
#[component]
pub fn RetryMainWasm() -> impl IntoView {
    view! { <InlineScript script=SCRIPT/> }
}

/// Tells the script that the wasm has started, so it never starts it again.
#[cfg(feature = "hydrate")]
pub fn mark_hydrating() {
    let _ = js_sys::Reflect::set(&leptos::prelude::window(), &HYDRATING.into(), &true.into());
}

/// Waits until it is time to ask again for a piece of the wasm, after `failures` attempts
/// failed, as the script says; for good when the page's build is gone (the page then says so).
#[cfg(feature = "hydrate")]
pub async fn wait_to_retry(failures: u32) {
    // The script is in every page's head; without it, asking again at once would never stop.
    let Some(waiting) = call_script(WAIT_TO_RETRY, failures.into()) else {
        return std::future::pending().await;
    };
    let _ = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&waiting)).await;
}

/// Asks the server whether this page's build is still there, and has the page say so if a
/// release replaced it: for a page whose socket came back after the server restarted.
#[cfg(feature = "hydrate")]
pub fn say_if_released() {
    call_script(SAY_IF_RELEASED, wasm_bindgen::JsValue::UNDEFINED);
}

/// Calls the script's function `name` on `window` with `argument`, if it is there.
#[cfg(feature = "hydrate")]
fn call_script(name: &str, argument: wasm_bindgen::JsValue) -> Option<wasm_bindgen::JsValue> {
    use wasm_bindgen::JsCast;
    let function = js_sys::Reflect::get(&leptos::prelude::window(), &name.into()).ok()?;
    let function = function.dyn_into::<js_sys::Function>().ok()?;
    function.call1(&wasm_bindgen::JsValue::NULL, &argument).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inline_script::is_written_as_is;

    #[test]
    fn the_script_is_written_as_is_and_reads_the_flag_hydrate_sets() {
        assert!(is_written_as_is(SCRIPT));
        assert!(SCRIPT.contains(&format!("window.{HYDRATING}")));
        assert!(SCRIPT.contains(&format!("window.{WAIT_TO_RETRY} = ")));
        assert!(SCRIPT.contains(&format!("window.{SAY_IF_RELEASED} = ")));
        assert!(SCRIPT.contains(&format!("window.{}(", crate::stopped_notice::NOTICE)));
        assert!(SCRIPT.contains("[data-piece-missing]"));
    }
}
