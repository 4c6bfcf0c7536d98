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
//! compile gives (`TypeError`, `WebAssembly.CompileError`). Nothing else on the page leaves a
//! promise's failure unhandled before then (the service worker's registration catches its
//! own), and this check matters: starting the wasm a second time while the first start is
//! still under way would run two copies. It then asks again after 1, 2, 4 and 8 s, then every
//! 10 s, with the same addresses Leptos used (the page's preload links), and hydrates once
//! the wasm is in.
use crate::inline_script::InlineScript;
use leptos::prelude::*;

/// What `hydrate` sets on `window`, once it has been called.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub const HYDRATING: &str = "parleyHydrating";

/// Plain ES5 but for `import()`, written into the page as it is (`inline_script`).
const SCRIPT: &str = "(function () {\
  var wait = 1000;\
  var retrying = false;\
  function address(selector) {\
    var link = document.querySelector(selector);\
    return link ? link.href : null;\
  }\
  function later() {\
    setTimeout(retry, wait);\
    wait = Math.min(wait * 2, 10000);\
  }\
  function retry() {\
    var script = address('link[rel=modulepreload][href*=\"/parley.\"]');\
    var wasm = address('link[rel=preload][href*=\"/parley.\"][href$=\".wasm\"]');\
    if (!script || !wasm || window.parleyHydrating) return;\
    import(script).then(function (app) {\
      return app.default({ module_or_path: wasm }).then(function () {\
        if (!window.parleyHydrating) app.hydrate();\
      });\
    }).then(null, later);\
  }\
  window.addEventListener('unhandledrejection', function (event) {\
    var compiling = window.WebAssembly ? WebAssembly.CompileError : TypeError;\
    var failed = event.reason instanceof TypeError || event.reason instanceof compiling;\
    if (retrying || window.parleyHydrating || !failed) return;\
    retrying = true;\
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inline_script::is_written_as_is;

    #[test]
    fn the_script_is_written_as_is_and_reads_the_flag_hydrate_sets() {
        assert!(is_written_as_is(SCRIPT));
        assert!(SCRIPT.contains(&format!("window.{HYDRATING}")));
    }
}
