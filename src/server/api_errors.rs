//! The one place that gives a failed server function its HTTP status.
//!
//! server_fn answers every error with 500 and a `serverfnerror` header. This layer reads the
//! `AppError` in the body and sets the status it deserves (400 for bad input, 401, 403, 409…),
//! including for arguments that could not even be parsed. Plain HTML form posts are answered
//! with a redirect back to the form instead, and pass through untouched.

use crate::error::AppError;
use axum::{
    body::{to_bytes, Body},
    http::StatusCode,
    response::Response,
};
use leptos::server_fn::error::SERVER_FN_ERROR_HEADER;

/// Error bodies are small JSON; anything larger is not ours to inspect.
const MAX_ERROR_BODY: usize = 64 * 1024;

pub fn status_of(error: &AppError) -> StatusCode {
    match error {
        AppError::Invalid { .. }
        | AppError::BadRequest { .. }
        | AppError::Unreachable { .. }
        | AppError::ResetLinkInvalid => StatusCode::BAD_REQUEST,
        AppError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
        AppError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
        AppError::UsernameTaken | AppError::EmailTaken => StatusCode::CONFLICT,
        AppError::WrongCredentials | AppError::NotSignedIn => StatusCode::UNAUTHORIZED,
        // The session is fine; the password typed to confirm a change is not.
        AppError::Forbidden | AppError::WrongPassword => StatusCode::FORBIDDEN,
        AppError::NotFound => StatusCode::NOT_FOUND,
        AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    }
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
    }
    Response::from_parts(parts, Body::from(bytes))
}
