//! CSRF: state-changing requests from pages of other sites, including same-site ones (another
//! port on the same host), are refused before anything happens; reads and this site's own
//! pages (and programs that are not browsers) are not affected.

use crate::helpers::{error_of, Client, TestApp, PASSWORD};
use parley::error::AppError;
use reqwest::StatusCode;

async fn post_from(
    client: &Client,
    app: &TestApp,
    path: &str,
    fields: &[(&str, &str)],
    header: (&str, &str),
) -> reqwest::Response {
    client
        .http
        .post(app.url(path))
        .header("accept", "application/json")
        .header(header.0, header.1)
        .form(fields)
        .send()
        .await
        .unwrap()
}

on_both_databases!(state_changing_requests_from_other_sites_are_refused);

async fn state_changing_requests_from_other_sites_are_refused(app: &TestApp) {
    let ann = app.user("ann").await;
    let same_site_other_port = format!("http://127.0.0.1:{}", app.addr.port().wrapping_add(1));
    let foreign = [
        ("origin", "http://evil.example"),
        ("origin", same_site_other_port.as_str()),
        ("origin", "null"),
        ("sec-fetch-site", "cross-site"),
        ("sec-fetch-site", "same-site"),
    ];
    for header in foreign {
        let rename = post_from(
            &ann,
            app,
            "/api/account/username",
            &[("username", "mallory")],
            header,
        )
        .await;
        assert_eq!(
            error_of(rename).await,
            (StatusCode::FORBIDDEN, AppError::CrossSite),
            "{header:?}"
        );
        let logout = post_from(&ann, app, "/api/logout", &[], header).await;
        assert_eq!(logout.status(), StatusCode::FORBIDDEN, "{header:?}");
        // Login CSRF: signing a victim's browser into the attacker's account.
        let stranger = app.client();
        let login = post_from(
            &stranger,
            app,
            "/api/login",
            &[("username", "ann"), ("password", PASSWORD)],
            header,
        )
        .await;
        assert_eq!(login.status(), StatusCode::FORBIDDEN, "{header:?}");
        assert!(login.headers().get("set-cookie").is_none());
    }
    assert_eq!(ann.me().await.unwrap().username, "ann", "nothing changed");
    // Reads from anywhere still answer.
    let read = ann
        .http
        .get(app.url("/api/me"))
        .header("origin", "http://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), StatusCode::OK);
    // This site's own pages may change things, whether they send Origin or fetch metadata.
    let own = app.url("");
    let own = own.trim_end_matches('/');
    let renamed = post_from(
        &ann,
        app,
        "/api/account/username",
        &[("username", "anna")],
        ("origin", own),
    )
    .await;
    assert_eq!(renamed.status(), StatusCode::OK);
    let renamed = post_from(
        &ann,
        app,
        "/api/account/username",
        &[("username", "annie")],
        ("sec-fetch-site", "same-origin"),
    )
    .await;
    assert_eq!(renamed.status(), StatusCode::OK);
    assert_eq!(ann.me().await.unwrap().username, "annie");
    // A form on a page with `Referrer-Policy: no-referrer` (which a proxy in front may set) is
    // posted with `Origin: null`; fetch metadata still says it is this site's.
    let from_no_referrer_page = ann
        .http
        .post(app.url("/api/account/username"))
        .header("accept", "application/json")
        .header("origin", "null")
        .header("sec-fetch-site", "same-origin")
        .form(&[("username", "ann")])
        .send()
        .await
        .unwrap();
    assert_eq!(from_no_referrer_page.status(), StatusCode::OK);
}
