//! The browser side of `upload_picture`: a multipart POST through XMLHttpRequest, because
//! `fetch` cannot report upload progress.

use super::picture_api::{PICTURE_FIELD, UPLOAD_PICTURE_URL};
use crate::{error::AppError, protocol::UserView};
use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{File, FormData, ProgressEvent, XmlHttpRequest};

/// Starts the upload. `on_progress` gets the fraction sent (0 to 1); `on_done` the server's
/// answer. The two callbacks live as long as the request, then are dropped with it.
pub fn upload_picture_with_progress(
    file: &File,
    on_progress: impl Fn(f64) + 'static,
    on_done: impl FnOnce(Result<UserView, AppError>) + 'static,
) {
    if let Err(error) = start(file, on_progress, on_done) {
        leptos::logging::error!("could not start the upload: {error:?}");
    }
}

fn start(
    file: &File,
    on_progress: impl Fn(f64) + 'static,
    on_done: impl FnOnce(Result<UserView, AppError>) + 'static,
) -> Result<(), wasm_bindgen::JsValue> {
    let form = FormData::new()?;
    form.append_with_blob_and_filename(PICTURE_FIELD, file, &file.name())?;
    let request = XmlHttpRequest::new()?;
    request.open("POST", UPLOAD_PICTURE_URL)?;
    request.set_request_header("Accept", "application/json")?;

    let progress = Closure::<dyn Fn(ProgressEvent)>::new(move |event: ProgressEvent| {
        if event.length_computable() && event.total() > 0.0 {
            on_progress(event.loaded() / event.total());
        }
    });
    request
        .upload()?
        .set_onprogress(Some(progress.as_ref().unchecked_ref()));

    // `loadend` fires once whatever happened (done, network error, abort). The closures are
    // moved into it and dropped after it runs, so nothing outlives the request.
    let finished = request.clone();
    let mut on_done = Some(on_done);
    let mut progress = Some(progress);
    let loadend = Closure::<dyn FnMut()>::new(move || {
        let answer = answer_of(&finished);
        finished.set_onloadend(None);
        if let Some(done) = on_done.take() {
            done(answer);
        }
        progress.take();
    });
    request.set_onloadend(Some(loadend.as_ref().unchecked_ref()));
    // The loadend closure must outlive this function; it frees its captures when it runs.
    loadend.forget();
    request.send_with_opt_form_data(Some(&form))
}

fn answer_of(request: &XmlHttpRequest) -> Result<UserView, AppError> {
    let status = request.status().unwrap_or(0);
    let body = request.response_text().ok().flatten().unwrap_or_default();
    if status == 0 {
        return Err(AppError::Unreachable {
            detail: "the upload did not reach the server".into(),
        });
    }
    if (200..300).contains(&status) {
        return serde_json::from_str(&body).map_err(|e| AppError::Unreachable {
            detail: e.to_string(),
        });
    }
    Err(
        serde_json::from_str(&body).unwrap_or(AppError::Unreachable {
            detail: format!("the server answered {status}"),
        }),
    )
}
