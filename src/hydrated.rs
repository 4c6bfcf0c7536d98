//! Whether this page's wasm has taken it over. A button whose whole action is client code
//! does nothing in the page the server drew. Most have a tap made then held and carried out
//! later (`taps_before_hydration`), but one that opens the file picker cannot: the browser
//! opens a picker only within a person's own tap. Such a button is drawn disabled until then,
//! so a tap on a slow phone is not silently lost, and end-to-end tests wait for it to be
//! enabled instead of racing the wasm.

use leptos::prelude::*;

/// False in the page the server drew and while hydrating; true from the first effect on,
/// which runs only in the browser, once the page is hydrated.
pub fn use_hydrated() -> ReadSignal<bool> {
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));
    hydrated
}
