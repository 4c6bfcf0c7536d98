//! The chat's socket, opened by the page before its wasm arrives.
//!
//! On a phone the wasm takes most of a first visit (on Fast 4G, about 700 of 1,100 ms), and the
//! socket used to open only after it: one more handshake, about 150 ms there and more over TLS,
//! before the composer could send. An inline script in the `<head>` of a signed-in chat page
//! opens the socket while the wasm downloads and keeps the frames that arrive; the socket
//! driver takes both over once the page is hydrated (`take`), and reads the kept frames first.
//! A socket nobody took (the wasm failed, or the page was not a chat after all) is closed 15 s
//! after the page loaded, or once it has kept 1,000 frames, so it does not hold one of the
//! user's connections for nothing.
//!
//! While that socket is open, `<html>` says so (`data-early-socket="open"`), and the link bar's
//! "Connecting…" stays hidden (style/main.css): on a slow first visit it used to fade in after a
//! second and flash away as the page came alive, though the link was up all along. The listeners
//! are added rather than set, so the driver's own handlers do not replace them, and the mark
//! goes when the socket closes, whoever holds it then.

use crate::inline_script::InlineScript;
use leptos::prelude::*;

/// The global the script leaves the socket and its frames in.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
const GLOBAL: &str = "parleyEarlySocket";

/// Plain ES5, written into the page as it is (`inline_script`). The address is the driver's
/// (`socket_driver::socket_url`).
const SCRIPT: &str = "(function () {\
  var early = { frames: [] };\
  try {\
    early.socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');\
  } catch (ignored) { return; }\
  function unused() {\
    if (window.parleyEarlySocket !== early) return;\
    delete window.parleyEarlySocket;\
    early.socket.close();\
  }\
  early.socket.onmessage = function (event) {\
    if (early.frames.push(event.data) === 1000) unused();\
  };\
  var html = document.documentElement;\
  early.socket.addEventListener('open', function () { html.setAttribute('data-early-socket', 'open'); });\
  early.socket.addEventListener('close', function () { html.removeAttribute('data-early-socket'); });\
  addEventListener('load', function () { setTimeout(unused, 15000); });\
  window.parleyEarlySocket = early;\
})();";

/// The script, for the shell's `<head>`, on pages that show the chat to someone who has a
/// session cookie (whether it is still valid is the upgrade's to say). Only the server renders
/// the shell.
#[component]
pub fn EarlySocket() -> impl IntoView {
    #[cfg(feature = "ssr")]
    let wanted = opens_the_chat();
    #[cfg(not(feature = "ssr"))]
    let wanted = false;
    wanted.then(|| view! { <InlineScript script=SCRIPT/> })
}

#[cfg(feature = "ssr")]
fn opens_the_chat() -> bool {
    use crate::{lazy_pages::Piece, server::session::read_session_cookie};
    use_context::<axum::http::request::Parts>().is_some_and(|request| {
        Piece::for_path(request.uri.path()).contains(&Piece::Chat)
            && read_session_cookie(&request.headers).is_some()
    })
}

/// Whether the page opened a socket that is still waiting for the driver.
#[cfg(feature = "hydrate")]
pub fn is_waiting() -> bool {
    let key = wasm_bindgen::JsValue::from_str(GLOBAL);
    js_sys::Reflect::has(&window(), &key).unwrap_or(false)
}

/// The socket the page opened and the frames it has kept, in the order they came; each page
/// hands them over once. Its script keeps the frames until then, so the driver takes them in
/// the same task as it starts listening. `None` where the page opened none, or closed it already.
#[cfg(feature = "hydrate")]
pub fn take() -> Option<(web_sys::WebSocket, Vec<String>)> {
    use js_sys::{Array, Reflect};
    use wasm_bindgen::{JsCast, JsValue};
    let window = window();
    let key = JsValue::from_str(GLOBAL);
    let early = Reflect::get(&window, &key)
        .ok()
        .filter(JsValue::is_object)?;
    let _ = Reflect::delete_property(&window, &key);
    let socket = Reflect::get(&early, &JsValue::from_str("socket"))
        .ok()?
        .dyn_into::<web_sys::WebSocket>()
        .ok()?;
    let frames = Reflect::get(&early, &JsValue::from_str("frames")).ok()?;
    let frames = Array::from(&frames)
        .iter()
        .filter_map(|frame| frame.as_string())
        .collect();
    Some((socket, frames))
}

#[cfg(test)]
mod tests {
    use super::{GLOBAL, SCRIPT};

    #[test]
    fn the_script_has_nothing_the_server_would_escape() {
        assert!(crate::inline_script::is_written_as_is(SCRIPT), "{SCRIPT}");
    }

    #[test]
    fn the_script_opens_the_socket_where_the_server_serves_it() {
        let path = format!("'{}'", crate::protocol::SOCKET_PATH);
        assert!(SCRIPT.contains(&path), "{SCRIPT}");
    }

    #[test]
    fn the_script_leaves_the_socket_where_the_driver_looks() {
        let global = format!("window.{GLOBAL}");
        assert_eq!(SCRIPT.matches(&global).count(), 3, "{SCRIPT}");
    }
}
