//! A page that has not begun its answer within the deadline is answered with an error, rather
//! than never. Leptos has had bugs in which a server render waits forever on a resource
//! (leptos-rs/leptos#4773, which this project met and works around in `startup::route_list`;
//! others reported as #4673 and #4851): the browser then showed a blank tab that kept
//! loading for as long as the person waited, and the server kept the render's task and its
//! memory. The chat's pages render with `SsrMode::Async`, which sends nothing until the whole
//! page is ready, so a deadline on the answer's start covers them. A streamed page (the
//! signed-out ones) that stops in the middle of its body is not covered.
//!
//! Only `GET` and `HEAD`: a server function called with `POST` may be reading an upload from a
//! phone on a slow connection for longer, and the upload limits already bound it.

use crate::error::AppError;
use axum::{
    extract::{Request, State},
    http::Method,
    middleware::Next,
    response::{IntoResponse, Response},
};
use std::time::Duration;

pub async fn answer_pages_in_time(
    State(deadline): State<Duration>,
    request: Request,
    next: Next,
) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return next.run(request).await;
    }
    let path = request.uri().path().to_owned();
    match tokio::time::timeout(deadline, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::error!(path, ?deadline, "a page was not rendered in time");
            AppError::Internal.into_response()
        }
    }
}
