//! An error a browser navigated to is shown as a page with the error's sentence
//! (`server::error_pages`); programs that ask for JSON still get the `AppError`.

use crate::helpers::{error_of, error_page_of, TestApp};
use parley::error::AppError;
use reqwest::StatusCode;

on_both_databases!(
    a_form_posted_from_another_site_is_refused_with_a_page_that_says_why,
    a_browser_opening_a_missing_image_sees_a_page_and_an_image_request_gets_the_error
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
