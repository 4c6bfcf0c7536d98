//! An image in a message: the thumbnail inline, its box sized from the stored dimensions so the
//! conversation does not jump while it loads; a click or tap opens the display version over
//! the page, and Escape, a click or a tap closes it.

use crate::protocol::ImageView;
use leptos::prelude::*;

#[component]
pub fn MessageImage(image: ImageView, #[prop(into)] description: String) -> impl IntoView {
    let open = RwSignal::new(false);
    let display_url = image.display_url();
    let full_description = description.clone();
    view! {
        <button type="button" class="thumb" aria-label=format!("Open image: {description}")
            on:click=move |_| open.set(true)>
            <img src=image.thumb_url() alt=description.clone()
                width=image.thumb_width height=image.thumb_height loading="lazy" decoding="async"/>
        </button>
        <Show when=move || open.get()>
            <Lightbox src=display_url.clone() description=full_description.clone()
                on_close=Callback::new(move |_| open.set(false))/>
        </Show>
    }
}

#[component]
fn Lightbox(src: String, description: String, on_close: Callback<()>) -> impl IntoView {
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
