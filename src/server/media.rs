//! `GET /media/pictures/{key}/{size}.jpg`: profile pictures. The key is random and changes
//! with every upload, so a response never goes stale and may be cached for a year.

use crate::server::{pictures, state::AppState};
use axum::{
    extract::{Path, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};

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
        return (StatusCode::NOT_FOUND, "Not found.").into_response();
    };
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg"));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
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
