//! An image of a message over the whole page, at its display size. Drawn only once its
//! thumbnail is tapped, so by the panes' piece of the wasm (`lazy_pages::lightbox`), not by a
//! conversation's first load.

use leptos::prelude::*;

#[component]
pub fn Lightbox(src: String, description: String, on_close: Callback<()>) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        let listener = window_event_listener(leptos::ev::keydown, move |ev| {
            if ev.key() == "Escape" {
                on_close.run(());
            }
        });
        on_cleanup(move || listener.remove());
    }
    view! {
        <div class="lightbox" role="dialog" aria-modal="true" aria-label="Image"
            on:click=move |_| on_close.run(())>
            <img src=src alt=description/>
            <button type="button" class="lightbox-close" aria-label="Close image">"×"</button>
        </div>
    }
}
