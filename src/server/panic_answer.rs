//! What a request whose handling panicked gets: a plain 500. Without it the panic ended the
//! connection's task mid-response and the browser waited on a page that never came. A panic
//! is a bug (the log shows it, from the panic hook); this only stops it reaching the person
//! as a hang.

use axum::{
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};
use std::any::Any;

pub fn answer_a_panic(_panic: Box<dyn Any + Send + 'static>) -> Response {
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Something went wrong on the server. Please try again.",
    )
        .into_response()
}
