//! Picture and image files. Keys are random and never reused (a new upload gets a new key), so
//! a response never goes stale and may be cached for a year.
//! - `GET /media/pictures/{key}/{size}.jpg`: profile pictures, for anyone with the address.
//! - `GET /media/images/{key}/{display|thumb}.jpg`: images in chat, for members of the
//!   conversation only (checked on every request). Someone signed out is asked to log in,
//!   whatever the key (so the answer says nothing about the image); anyone else who may not
//!   see it gets 404.

use crate::{
    error::AppError,
    server::{
        chat_images::{self, Version},
        pictures,
        session::authenticate,
        state::AppState,
    },
};
use axum::{
    extract::{Path, State},
    http::{header, HeaderMap, HeaderValue},
    response::{IntoResponse, Response},
};

pub async fn chat_image(
    State(state): State<AppState>,
    Path((key, file)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let version = Version::from_file_name(&file).ok_or(AppError::NotFound)?;
    // A link opened in a browser that is not signed in (a new device, an expired session) is
    // the usual way to get here without a session: "log in" says what to do, "not found" did not.
    let viewer = authenticate(&state, &headers)
        .await?
        .ok_or(AppError::NotSignedIn)?;
    let bytes = chat_images::read(&state, &viewer, &key, version)
        .await?
        .ok_or(AppError::NotFound)?;
    // Private: shared caches must not keep a conversation's images.
    Ok(jpeg(bytes, "private, max-age=31536000, immutable"))
}

pub async fn picture(
    State(state): State<AppState>,
    Path((key, file)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let size = file
        .strip_suffix(".jpg")
        .and_then(|size| size.parse::<u32>().ok())
        .ok_or(AppError::NotFound)?;
    let bytes = pictures::read(&state, &key, size)
        .await
        .ok_or(AppError::NotFound)?;
    Ok(jpeg(bytes, "public, max-age=31536000, immutable"))
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
