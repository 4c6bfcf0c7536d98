//! Picture and image files. Keys are random and never reused (a new upload gets a new key), so
//! a response never goes stale and may be cached for a year.
//! - `GET /media/pictures/{key}/{size}.jpg`: profile pictures, for anyone with the address.
//! - `GET /media/images/{key}/{display|thumb}.jpg`: images in chat, for members of the
//!   conversation only (checked on every request); everyone else gets 404.

use crate::server::{
    chat_images::{self, Version},
    pictures,
    session::authenticate,
    state::AppState,
};
use axum::{
    extract::{Path, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};

pub async fn chat_image(
    State(state): State<AppState>,
    Path((key, file)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let Some(version) = Version::from_file_name(&file) else {
        return not_found();
    };
    let viewer = match authenticate(&state, &headers).await {
        Ok(viewer) => viewer,
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    match chat_images::read(&state, viewer.as_ref(), &key, version).await {
        // Private: shared caches must not keep a conversation's images.
        Ok(Some(bytes)) => jpeg(bytes, "private, max-age=31536000, immutable"),
        Ok(None) => not_found(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "Not found.").into_response()
}

pub async fn picture(
    State(state): State<AppState>,
    Path((key, file)): Path<(String, String)>,
) -> Response {
    let size = file
        .strip_suffix(".jpg")
        .and_then(|size| size.parse::<u32>().ok());
    let Some(bytes) = (match size {
        Some(size) => pictures::read(&state, &key, size).await,
        None => None,
    }) else {
        return not_found();
    };
    jpeg(bytes, "public, max-age=31536000, immutable")
}

/// A JPEG response that can only ever be shown as an image.
fn jpeg(bytes: Vec<u8>, cache_control: &'static str) -> Response {
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg"));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // Opened on its own, the response can run nothing and load nothing.
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    response
}
