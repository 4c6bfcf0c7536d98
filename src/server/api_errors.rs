//! The one place that gives an `AppError` its HTTP status and headers, for every route.
//!
//! Plain axum routes (the socket upgrade, media) return `AppError` through `IntoResponse`.
//! server_fn answers every error with 500 and a `serverfnerror` header; the layer
//! `set_error_status` reads the `AppError` in that body and sets the status it deserves,
//! including for arguments that could not even be parsed. Plain HTML form posts are answered
//! with a redirect back to the form instead, and pass through untouched.

use crate::error::AppError;
use axum::{
    body::{to_bytes, Body},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    response::{IntoResponse, Response},
};
use leptos::server_fn::error::SERVER_FN_ERROR_HEADER;

/// Error bodies are small JSON; anything larger is not ours to inspect.
pub const MAX_ERROR_BODY: usize = 64 * 1024;

pub fn status_of(error: &AppError) -> StatusCode {
    match error {
        AppError::Invalid { .. }
        | AppError::BadRequest { .. }
        | AppError::Unreachable { .. }
        | AppError::ResetLinkInvalid => StatusCode::BAD_REQUEST,
        AppError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
        AppError::RateLimited { .. } | AppError::TooManyConnections => {
            StatusCode::TOO_MANY_REQUESTS
        }
        AppError::Busy => StatusCode::SERVICE_UNAVAILABLE,
        AppError::UsernameTaken | AppError::EmailTaken => StatusCode::CONFLICT,
        AppError::WrongCredentials | AppError::NotSignedIn => StatusCode::UNAUTHORIZED,
        // The session is fine; the password typed to confirm a change is not.
        AppError::Forbidden | AppError::WrongPassword | AppError::CrossSite => {
            StatusCode::FORBIDDEN
        }
        AppError::NotFound => StatusCode::NOT_FOUND,
        AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// `Retry-After` for errors that say when to come back.
fn add_retry_after(error: &AppError, headers: &mut HeaderMap) {
    let seconds = match error {
        AppError::RateLimited { retry_after_s } => *retry_after_s,
        AppError::Busy => 1,
        _ => return,
    };
    headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let body = serde_json::to_string(&self).unwrap_or_default();
        let mut response = (status_of(&self), body).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        add_retry_after(&self, headers);
        response
    }
}

/// A route asked with a method it does not take (a server function's address opened in a
/// tab): 405 with a readable error, where axum's own answer has an empty body (and a person's
/// tab stayed blank). axum adds the `Allow` header.
pub async fn method_not_allowed(method: Method) -> Response {
    let error = AppError::BadRequest {
        detail: format!("this address does not take {method} requests."),
    };
    let mut response = error.into_response();
    *response.status_mut() = StatusCode::METHOD_NOT_ALLOWED;
    response
}

pub async fn set_error_status(response: Response) -> Response {
    let is_server_fn_error = response.status() == StatusCode::INTERNAL_SERVER_ERROR
        && response.headers().contains_key(SERVER_FN_ERROR_HEADER);
    if !is_server_fn_error {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = status_of(&error);
        add_retry_after(&error, &mut parts.headers);
    }
    Response::from_parts(parts, Body::from(bytes))
}
