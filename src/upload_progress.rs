use leptos::prelude::*;

/// "Uploading… N%" over a progress bar, for an upload `fraction` (0 to 1) of the way.
#[component]
pub fn UploadProgress(fraction: f64) -> impl IntoView {
    let percent = (fraction * 100.0).round();
    view! {
        <label class="upload-progress">
            {format!("Uploading… {percent}%")}
            <progress max="100" value=percent></progress>
        </label>
    }
}
