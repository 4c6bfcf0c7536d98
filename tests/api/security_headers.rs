//! Headers on every response, and the page's Content-Security-Policy with a fresh nonce.

use crate::helpers::{Backend, TestApp};
use reqwest::StatusCode;

fn nonce_in_policy(policy: &str) -> String {
    let start = policy.find("'nonce-").expect("the policy names a nonce") + "'nonce-".len();
    policy[start..].split('\'').next().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_allow_only_their_own_scripts_and_cannot_be_framed() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let client = app.client();
    let mut nonces = Vec::new();
    for _ in 0..2 {
        let page = client.get("/login").await;
        assert_eq!(page.status(), StatusCode::OK);
        let headers = page.headers().clone();
        let policy = headers["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        for directive in [
            "default-src 'self'",
            "frame-ancestors 'none'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
        ] {
            assert!(policy.contains(directive), "{policy} lacks {directive}");
        }
        let scripts = policy
            .split(';')
            .find(|d| d.trim().starts_with("script-src"))
            .unwrap();
        assert!(!scripts.contains("'unsafe-inline'") && !scripts.contains("'unsafe-eval'"));
        let nonce = nonce_in_policy(&policy);
        let html = page.text().await.unwrap();
        assert!(
            html.contains(&format!("nonce=\"{nonce}\"")),
            "the hydration script carries the response's nonce"
        );
        for (name, value) in [
            ("x-content-type-options", "nosniff"),
            ("referrer-policy", "same-origin"),
            ("x-frame-options", "DENY"),
            ("cross-origin-opener-policy", "same-origin"),
        ] {
            assert_eq!(headers[name], value, "{name}");
        }
        assert!(headers["permissions-policy"]
            .to_str()
            .unwrap()
            .contains("camera=()"));
        assert!(
            headers.get("strict-transport-security").is_none(),
            "plain http"
        );
        nonces.push(nonce);
    }
    assert_ne!(nonces[0], nonces[1], "every response gets its own nonce");
    // API answers get the general headers too.
    let api = client.get("/api/me").await;
    assert_eq!(api.headers()["x-content-type-options"], "nosniff");
    app.teardown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_https_browsers_are_told_to_keep_to_it() {
    let app = TestApp::spawn_with(Backend::Sqlite, |s| {
        s.public_url = Some("https://chat.example.org".into());
    })
    .await;
    let page = app.client().get("/login").await;
    assert_eq!(
        page.headers()["strict-transport-security"],
        "max-age=31536000"
    );
    app.teardown().await;
}
