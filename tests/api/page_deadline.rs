//! A page that takes longer than its deadline is answered with an error rather than never
//! (`server::page_deadline`). With a deadline of zero (in effect the timer's next tick, under a
//! millisecond) a whole page rendered in the debug build misses it, as a render that hangs
//! would; what is not a page must still work.

use crate::helpers::{error_of, error_page_of, small_png, TestApp};
use parley::error::AppError;
use reqwest::StatusCode;
use std::time::Duration;

on_both_databases!(
    configure(|s| s.page_deadline = Duration::ZERO),
    a_page_past_its_deadline_is_an_error_and_sockets_and_uploads_still_work
);

async fn a_page_past_its_deadline_is_an_error_and_sockets_and_uploads_still_work(app: &TestApp) {
    // Sign-up is a POST: outside the deadline.
    let ann = app.user("ann").await;
    for path in ["/", "/settings"] {
        // A browser is shown a page that says so, with a way to ask again.
        let (status, page) = error_page_of(ann.page(path).await).await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{path}");
        assert!(
            page.contains(&AppError::Internal.to_string()),
            "{path}: {page}"
        );
        assert!(
            page.contains(&format!(r#"<a href="{path}">Try again</a>"#)),
            "{path}: {page}"
        );
        // A program gets the error it can read.
        let response = ann.http.get(app.url(path)).send().await.unwrap();
        let (status, error) = error_of(response).await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{path}");
        assert_eq!(error, AppError::Internal, "{path}");
    }
    // The socket is not a page: it opens, and stays usable past the deadline.
    let mut socket = ann.socket().await;
    let message = socket.say("deadline-0001", "still here").await;
    assert_eq!(message.body, "still here");
    // An upload is a POST, however long it takes, as sign-up was (which failed when the
    // deadline was tried on every method).
    let response = ann.upload_picture(small_png(), "me.png", "image/png").await;
    assert_eq!(response.status(), StatusCode::OK);
}
