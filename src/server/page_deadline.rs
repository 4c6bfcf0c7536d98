//! A page that has not begun its answer within the deadline is answered with an error, rather
//! than never. Leptos has had bugs in which a server render waits forever on a resource
//! (leptos-rs/leptos#4773, which this project met and works around in `startup::route_list`;
//! others reported as #4673 and #4851): the browser then showed a blank tab that kept
//! loading for as long as the person waited, and the server kept the render's task and its
//! memory. The chat's pages render with `SsrMode::Async`, which sends nothing until the whole
//! page is ready, so a deadline on the answer's start covers them. A streamed page (the
//! signed-out ones) that stops in the middle of its body is cut off when no part of it came
//! for as long: the browser stops loading and shows what it has, and the render is dropped.
//!
//! Both deadlines are for `GET` and `HEAD` only: a server function called with `POST` may be
//! reading an upload from a phone on a slow connection for longer, and the upload limits
//! already bound it; its answer is made in memory. (The body's deadline used to cover every
//! method: with the tests' deadline of zero, an upload's answer was cut off now and then, when
//! the timer's tick came before its first part was asked for.) The one on the body counts only
//! the time the server takes to make the next part, not a slow phone's time to read it (the
//! body is not asked for the next part until the connection can take it).

use crate::error::AppError;
use axum::{
    body::Body,
    extract::{Request, State},
    http::Method,
    middleware::{from_fn_with_state, Next},
    response::{IntoResponse, Response},
    Router,
};
use std::time::Duration;
use tower_http::timeout::TimeoutBody;

/// `pages` with both deadlines: on the start of a page's answer, and between the parts of its
/// body.
pub fn within<S: Clone + Send + Sync + 'static>(pages: Router<S>, deadline: Duration) -> Router<S> {
    pages.layer(from_fn_with_state(deadline, answer_pages_in_time))
}

async fn answer_pages_in_time(
    State(deadline): State<Duration>,
    request: Request,
    next: Next,
) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return next.run(request).await;
    }
    let path = request.uri().path().to_owned();
    match tokio::time::timeout(deadline, next.run(request)).await {
        Ok(response) => response.map(|body| Body::new(TimeoutBody::new(deadline, body))),
        Err(_) => {
            tracing::error!(path, ?deadline, "a page was not rendered in time");
            AppError::Internal.into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::routing::{get, post};
    use futures_util::{stream, StreamExt};
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    const DEADLINE: Duration = Duration::from_millis(200);

    /// A page that sends its first part and then waits forever for the rest, as a streamed
    /// render whose resource never resolves does.
    fn stalling_page() -> Router {
        let page = get(|| async {
            let first_part =
                stream::once(async { Ok::<_, std::io::Error>("<!DOCTYPE html><p>Hel") });
            Body::from_stream(first_part.chain(stream::pending()))
        });
        within(Router::new().route("/", page), DEADLINE)
    }

    /// An answer to a `POST` whose body takes longer than the deadline between its parts.
    fn slow_answer_to_a_post() -> Router {
        let answer = post(|| async {
            let first_part = stream::once(async { Ok::<_, std::io::Error>("{\"ok\":") });
            let last_part = stream::once(async {
                tokio::time::sleep(DEADLINE * 3).await;
                Ok("true}")
            });
            Body::from_stream(first_part.chain(last_part))
        });
        within(Router::new().route("/", answer), DEADLINE)
    }

    #[tokio::test]
    async fn the_answer_to_a_post_is_not_cut_off() {
        let request = Request::post("/").body(Body::empty()).unwrap();
        let response = slow_answer_to_a_post().oneshot(request).await.unwrap();
        let body = response
            .into_body()
            .collect()
            .await
            .expect("the whole body");
        assert_eq!(body.to_bytes(), r#"{"ok":true}"#);
    }

    #[tokio::test]
    async fn a_page_that_stops_in_the_middle_of_its_body_is_cut_off() {
        let request = Request::get("/").body(Body::empty()).unwrap();
        let response = stalling_page().oneshot(request).await.unwrap();
        assert_eq!(
            response.status(),
            axum::http::StatusCode::OK,
            "began in time"
        );
        let body = tokio::time::timeout(DEADLINE * 20, response.into_body().collect()).await;
        let outcome = body.expect("the body was still waiting long after the deadline");
        assert!(outcome.is_err(), "the stalled body ended as an error");
    }
}
