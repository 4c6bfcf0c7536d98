//! The theme chosen on a device: a cookie, and the server draws the page in it from the first
//! byte. Nothing is stored in the database, so one database is enough here.

use crate::helpers::{Backend, TestApp};
use reqwest::StatusCode;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_chosen_theme_is_drawn_by_the_server_and_system_follows_the_device() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let browser = app.client();
    let page = browser.get("/login").await.text().await.unwrap();
    assert!(
        !page.contains("data-theme"),
        "no choice: the device decides"
    );
    assert!(
        page.contains(r#"media="(prefers-color-scheme: dark)""#),
        "a bar colour per scheme"
    );

    let chosen = browser
        .post_form("/api/appearance/theme", &[("theme", "dark")])
        .await;
    assert_eq!(chosen.status(), StatusCode::OK);
    let cookie = chosen.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(
        cookie.starts_with("parley_theme=dark;") && cookie.contains("Max-Age=31536000"),
        "{cookie}"
    );
    let page = browser.get("/login").await.text().await.unwrap();
    assert!(
        page.contains(r#"<html lang="en" data-theme="dark""#),
        "drawn dark at once"
    );
    assert!(
        !page.contains("prefers-color-scheme"),
        "one bar colour, the dark one"
    );

    let system = browser
        .post_form("/api/appearance/theme", &[("theme", "system")])
        .await;
    assert!(system.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    let page = browser.get("/login").await.text().await.unwrap();
    assert!(!page.contains("data-theme"));

    let refused = browser
        .post_form("/api/appearance/theme", &[("theme", "purple")])
        .await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    app.teardown().await;
}
