//! Words a person typed into a field before the page came alive.
//!
//! On a phone the server's page shows for a second or more before the wasm hydrates it, and its
//! fields already take typing. Hydration then sets every `prop:value` field to its signal, which
//! starts empty, and the words are gone (seen in the composer: typed, then erased). A field that
//! should keep them names itself here, by its element id, while the page hydrates.

/// Hands `keep` what was typed into the textarea or input `id` before hydration, once
/// hydration is over: then the attributes the server drew for an empty field (a disabled Send
/// button) follow too, where during hydration they would keep the server's values. Does
/// nothing on a page drawn in the browser (its fields are new), or when nothing was typed.
pub fn keep_typed_before_hydration(id: &'static str, keep: impl FnOnce(String) + 'static) {
    #[cfg(feature = "hydrate")]
    {
        if crate::after_hydration::hydration_in_progress().is_none() {
            return;
        }
        let typed = typed_into(id);
        if !typed.is_empty() {
            crate::after_hydration::after_hydration(move || keep(typed));
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (id, keep);
}

#[cfg(feature = "hydrate")]
fn typed_into(id: &str) -> String {
    use leptos::prelude::document;
    use wasm_bindgen::JsCast;
    let Some(element) = document().get_element_by_id(id) else {
        return String::new();
    };
    if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        return area.value();
    }
    element
        .dyn_ref::<web_sys::HtmlInputElement>()
        .map(web_sys::HtmlInputElement::value)
        .unwrap_or_default()
}
