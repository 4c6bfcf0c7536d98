//! Uploads from the browser: a multipart POST to a server function through XMLHttpRequest,
//! because `fetch` cannot report upload progress. Used for profile pictures and chat images.

use crate::error::AppError;
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{FormData, ProgressEvent, XmlHttpRequest};

/// Posts `form` to `url`. `progress` holds the fraction sent (0 to 1) while the upload runs
/// and `None` once it is over, before `on_done` gets the server's answer. The callbacks live
/// as long as the request, then are dropped with it.
pub fn post_with_progress<T: DeserializeOwned + 'static>(
    url: &str,
    form: &FormData,
    progress: RwSignal<Option<f64>>,
    on_done: impl FnOnce(Result<T, AppError>) + 'static,
) {
    progress.set(Some(0.0));
    let on_progress = move |fraction| progress.set(Some(fraction));
    let on_done = move |answer| {
        progress.set(None);
        on_done(answer);
    };
    if let Err(error) = start(url, form, on_progress, on_done) {
        progress.set(None);
        leptos::logging::error!("could not start the upload: {error:?}");
    }
}

fn start<T: DeserializeOwned + 'static>(
    url: &str,
    form: &FormData,
    on_progress: impl Fn(f64) + 'static,
    on_done: impl FnOnce(Result<T, AppError>) + 'static,
) -> Result<(), wasm_bindgen::JsValue> {
    let request = XmlHttpRequest::new()?;
    request.open("POST", url)?;
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
    request.send_with_opt_form_data(Some(form))
}

fn answer_of<T: DeserializeOwned>(request: &XmlHttpRequest) -> Result<T, AppError> {
    let status = request.status().unwrap_or(0);
    let body = request.response_text().ok().flatten().unwrap_or_default();
    if status == 0 {
        return Err(AppError::Unreachable {
            detail: "the upload did not reach the server".into(),
        });
    }
    if (200..300).contains(&status) {
        return crate::json::from_text(&body).map_err(|e| AppError::Unreachable {
            detail: e.to_string(),
        });
    }
    Err(
        crate::json::from_text(&body).unwrap_or(AppError::Unreachable {
            detail: format!("the server answered {status}"),
        }),
    )
}
