//! An error a browser navigated to is shown as a page with the error's sentence
//! (`server::error_pages`); programs that ask for JSON still get the `AppError`.

use crate::helpers::{error_of, error_page_of, TestApp};
use parley::error::AppError;
use reqwest::StatusCode;

on_both_databases!(
    a_form_posted_from_another_site_is_refused_with_a_page_that_says_why,
    a_browser_opening_a_missing_image_sees_a_page_and_an_image_request_gets_the_error,
    an_image_link_opened_while_signed_out_asks_to_log_in,
    an_address_asked_with_a_method_it_does_not_take_says_so
);

async fn a_form_posted_from_another_site_is_refused_with_a_page_that_says_why(app: &TestApp) {
    let ann = app.user("ann").await;
    let refused = ann
        .http
        .post(app.url("/api/account/username"))
        .header("accept", "text/html,application/xhtml+xml,*/*;q=0.8")
        .header("origin", "http://evil.example")
        .form(&[("username", "mallory")])
        .send()
        .await
        .unwrap();
    let (status, page) = error_page_of(refused).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(
        page.contains("This request came from another site, so it was refused."),
        "{page}"
    );
    // A link would send the refused post again as a read; the page offers the app instead.
    assert!(!page.contains("Try again"), "{page}");
    assert!(page.contains(r#"<a href="/">"#), "{page}");
    assert_eq!(ann.me().await.unwrap().username, "ann", "nothing changed");
}

async fn a_browser_opening_a_missing_image_sees_a_page_and_an_image_request_gets_the_error(
    app: &TestApp,
) {
    let ann = app.user("ann").await;
    let missing = "/media/images/0123456789abcdef0123456789abcdef/full.jpg";
    let opened = ann.page(missing).await;
    let (status, page) = error_page_of(opened).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(page.contains("That was not found."), "{page}");
    assert!(
        page.contains(&format!(r#"<a href="{missing}">Try again</a>"#)),
        "{page}"
    );
    let as_image = ann
        .http
        .get(app.url(missing))
        .header("accept", "image/avif,image/webp,*/*")
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_of(as_image).await,
        (StatusCode::NOT_FOUND, AppError::NotFound)
    );
}

async fn an_image_link_opened_while_signed_out_asks_to_log_in(app: &TestApp) {
    // Whether or not the image exists: the answer must say nothing about it.
    let link = "/media/images/0123456789abcdef0123456789abcdef/display.jpg";
    let (status, page) = error_page_of(app.client().page(link).await).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(page.contains("Please log in first."), "{page}");
    assert!(
        page.contains(r#"<a href="/login">Log in to Parley</a>"#),
        "{page}"
    );
}

async fn an_address_asked_with_a_method_it_does_not_take_says_so(app: &TestApp) {
    let ann = app.user("ann").await;
    // A server function's address, as a program would ask it.
    let read = ann.http.get(app.url("/api/login")).send().await.unwrap();
    assert_eq!(read.headers()["allow"], "POST");
    let (status, error) = error_of(read).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(
        error.to_string(),
        "The request was malformed: this address does not take GET requests."
    );
    // The same address opened in a tab, which used to stay blank.
    let (status, page) = error_page_of(ann.page("/api/login").await).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(
        page.contains("this address does not take GET requests."),
        "{page}"
    );
    // Asking again the same way would be refused again: the page leads on instead.
    assert!(!page.contains("Try again"), "{page}");
    assert!(
        page.contains(r#"<a href="/">Go to your chats</a>"#),
        "{page}"
    );
    // And a page's address posted to.
    let posted = ann.http.post(app.url("/settings")).send().await.unwrap();
    let (status, error) = error_of(posted).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(error.to_string().contains("does not take POST"), "{error}");
}
