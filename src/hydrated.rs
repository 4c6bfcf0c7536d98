//! Whether this page's wasm has taken it over. A button whose whole action is client code
//! (opening the file picker, say) does nothing in the page the server drew; it is drawn
//! disabled until then, so a tap on a slow phone is not silently lost, and end-to-end tests
//! wait for it to be enabled instead of racing the wasm.

use leptos::prelude::*;

/// False in the page the server drew and while hydrating; true from the first effect on,
/// which runs only in the browser, once the page is hydrated.
pub fn use_hydrated() -> ReadSignal<bool> {
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));
    hydrated
}
