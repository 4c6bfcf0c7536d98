//! An image in a message: the thumbnail inline, its box sized from the stored dimensions so the
//! conversation does not jump while it loads; a click or tap opens the display version over
//! the page (`lightbox`, drawn by the panes' piece of the wasm: only a tap needs it), and
//! Escape, a click or a tap closes it. Without that piece it offers the image in a tab of its
//! own; a second tap on the thumbnail takes the offer away, and a third tries again.

use crate::{erased_view::IntoErased, protocol::ImageView};
use leptos::prelude::*;

#[component]
pub fn MessageImage(image: ImageView, #[prop(into)] description: String) -> impl IntoView {
    let open = RwSignal::new(false);
    let display_url = image.display_url();
    let full_description = description.clone();
    view! {
        <button type="button" class="thumb" aria-label=format!("Open image: {description}")
            on:click=move |_| open.update(|o| *o = !*o)>
            <img src=image.thumb_url() alt=description.clone()
                width=image.thumb_width height=image.thumb_height loading="lazy" decoding="async"/>
        </button>
        <Show when=move || open.get()>
            {
                let (src, description) = (display_url.clone(), full_description.clone());
                let src_for_tab = src.clone();
                let on_close = Callback::new(move |_| open.set(false));
                Suspend::new(async move {
                    crate::lazy_pages::lightbox(src, description, on_close).await.unwrap_or_else(|_| {
                        // The browser can still show it, in a tab of its own.
                        view! {
                            <p class="viewer-missing" role="alert">
                                "The viewer could not be loaded: "
                                <a href=src_for_tab target="_blank" rel="noopener noreferrer">"open the image"</a>
                            </p>
                        }.erase()
                    })
                })
            }
        </Show>
    }
}
