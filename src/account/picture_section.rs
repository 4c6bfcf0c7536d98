//! The profile picture part of the settings page: "Change picture" opens the file picker and
//! uploads with a progress bar; "Remove picture" goes back to the initials.

use super::picture_api::RemovePicture;
use crate::erased_view::sync_hydrated;
use crate::hydrated::use_hydrated;
use crate::{chat::Avatar, protocol::UserView, upload_progress::UploadProgress};
use leptos::{html, prelude::*};

#[component]
pub fn PictureSection(user: UserView) -> impl IntoView {
    let me = RwSignal::new(user);
    // Some(fraction sent) while an upload runs.
    let progress = RwSignal::new(None::<f64>);
    let error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let picker = NodeRef::<html::Input>::new();
    let remove = ServerAction::<RemovePicture>::new();
    Effect::new(move |_| match remove.value().get() {
        Some(Ok(user)) => {
            me.set(user);
            error.set(None);
        }
        Some(Err(e)) => error.set(Some(e.to_string())),
        None => {}
    });
    let on_pick = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let Some(input) = picker.get() else { return };
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            // Cleared, so choosing the same file again still fires `change`.
            input.set_value("");
            saved.set(false);
            // Checked here too, so a 40 MB photo is refused before it is sent.
            if file.size() > 10.0 * 1024.0 * 1024.0 {
                error.set(Some(
                    "That file is too big: a picture can be at most 10 MB.".into(),
                ));
                return;
            }
            let Some(form) = picture_form(&file) else {
                return;
            };
            error.set(None);
            crate::upload::post_with_progress(
                super::picture_api::UPLOAD_PICTURE_URL,
                &form,
                progress,
                move |answer: Result<UserView, _>| match answer {
                    Ok(user) => {
                        me.set(user);
                        saved.set(true);
                    }
                    Err(e) => error.set(Some(e.to_string())),
                },
            );
        }
    };
    let uploading = move || progress.get().is_some();
    let hydrated = use_hydrated();
    view! {
        <section class="auth-form picture-settings" aria-labelledby="picture-heading">
            <h2 id="picture-heading">"Profile picture"</h2>
            <div class="picture-row">
                {move || view! { <Avatar user=me.get() large=true/> }}
                <div class="picture-actions">
                    <input type="file" class="visually-hidden" tabindex="-1" aria-hidden="true"
                        accept="image/jpeg,image/png,image/webp,image/gif" node_ref=picker
                        on:change=on_pick/>
                    <button type="button" disabled=move || uploading() || !hydrated.get()
                        on:click=move |_| if let Some(input) = picker.get() { input.click() }>
                        "Change picture"
                    </button>
                    <Show when=move || me.with(|u| u.picture.is_some())>
                        <ActionForm action=remove>
                            {sync_hydrated(view! {
                                <button type="submit" class="secondary"
                                    disabled=move || remove.pending().get() || uploading()>
                                    "Remove picture"
                                </button>
                            })}
                        </ActionForm>
                    </Show>
                </div>
            </div>
            <p class="hint">"JPEG, PNG, WebP or GIF, up to 10 MB. It is cropped to a square."</p>
            {move || progress.get().map(|fraction| view! { <UploadProgress fraction/> })}
            {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            {move || saved.get().then(|| view! { <p class="saved" role="status">"Picture changed."</p> })}
        </section>
    }
}

#[cfg(feature = "hydrate")]
fn picture_form(file: &web_sys::File) -> Option<web_sys::FormData> {
    let form = web_sys::FormData::new().ok()?;
    form.append_with_blob_and_filename(super::picture_api::PICTURE_FIELD, file, &file.name())
        .ok()?;
    Some(form)
}
