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

/// Pages and API answers are never stored by the browser; the app's files are stored but
/// checked again on every use (a 304 while unchanged), so a release is never paired with an
/// old wasm. Media keep their own rules (tested with them).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_are_never_stored_and_the_apps_files_are_revalidated() {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site.path().join("pkg")).unwrap();
    std::fs::write(site.path().join("pkg/parley.css"), "body { margin: 0 }").unwrap();
    let root = site.path().to_str().unwrap().to_owned();
    let app = TestApp::spawn_with(Backend::Sqlite, move |s| {
        s.leptos_options.site_root = root.into();
    })
    .await;
    let client = app.user("ann").await;
    for path in [
        "/",
        "/login",
        "/settings",
        "/api/me",
        "/api/chat/conversations",
    ] {
        let response = client.get(path).await;
        assert_eq!(response.headers()["cache-control"], "no-store", "{path}");
    }
    let file = client.get("/pkg/parley.css").await;
    assert_eq!(file.status(), reqwest::StatusCode::OK);
    assert_eq!(file.headers()["cache-control"], "no-cache");
    let modified = file.headers()["last-modified"].clone();
    let again = reqwest::Client::new()
        .get(app.url("/pkg/parley.css"))
        .header("if-modified-since", modified)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), reqwest::StatusCode::NOT_MODIFIED);
    app.teardown().await;
}

/// The build's hashed files go compressed to browsers that accept it (Brotli first, then gzip,
/// from the copies made at build time) and are kept for a year; without `Accept-Encoding` the
/// file itself is sent. Every answer says it depends on `Accept-Encoding`, so a shared cache
/// in between never hands Brotli to a browser that did not ask for it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hashed_app_files_are_sent_compressed_and_kept_for_a_year() {
    let site = tempfile::tempdir().unwrap();
    let pkg = site.path().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    let name = "parley.Xy12ab34Cd56.wasm";
    std::fs::write(pkg.join(name), b"\0asm plain").unwrap();
    std::fs::write(pkg.join(format!("{name}.br")), b"brotli bytes").unwrap();
    std::fs::write(pkg.join(format!("{name}.gz")), b"gzip bytes").unwrap();
    let root = site.path().to_str().unwrap().to_owned();
    let app = TestApp::spawn_with(Backend::Sqlite, move |s| {
        s.leptos_options.site_root = root.into();
    })
    .await;
    // The tests' reqwest has no decompression built in: it sees the bytes as sent.
    let raw = reqwest::Client::new();
    let url = app.url(&format!("/pkg/{name}"));
    for (accept, encoding, body) in [
        ("br, gzip", Some("br"), "brotli bytes"),
        ("gzip", Some("gzip"), "gzip bytes"),
        ("identity", None, "\0asm plain"),
    ] {
        let response = raw
            .get(&url)
            .header("accept-encoding", accept)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), reqwest::StatusCode::OK, "{accept}");
        let headers = response.headers().clone();
        assert_eq!(
            headers.get("content-encoding").map(|v| v.to_str().unwrap()),
            encoding,
            "{accept}"
        );
        assert_eq!(headers["content-type"], "application/wasm");
        assert_eq!(
            headers["cache-control"],
            "public, max-age=31536000, immutable"
        );
        assert_eq!(headers["vary"], "accept-encoding", "{accept}");
        assert_eq!(response.text().await.unwrap(), body);
    }
    // The page that loads it is never stored.
    let page = raw.get(app.url("/login")).send().await.unwrap();
    assert_eq!(page.headers()["cache-control"], "no-store");
    app.teardown().await;
}

/// The app's text files outside the build folder (the service worker, the manifest) go
/// compressed too, and are checked again on every use: their names do not change.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_service_worker_and_the_manifest_are_sent_compressed() {
    let site = tempfile::tempdir().unwrap();
    for name in ["sw.js", "manifest.webmanifest"] {
        let path = site.path().join(name);
        std::fs::write(&path, format!("plain {name}")).unwrap();
        std::fs::write(site.path().join(format!("{name}.br")), "brotli bytes").unwrap();
        std::fs::write(site.path().join(format!("{name}.gz")), "gzip bytes").unwrap();
    }
    let root = site.path().to_str().unwrap().to_owned();
    let app = TestApp::spawn_with(Backend::Sqlite, move |s| {
        s.leptos_options.site_root = root.into();
    })
    .await;
    let raw = reqwest::Client::new();
    for (name, content_type) in [
        ("sw.js", "text/javascript"),
        ("manifest.webmanifest", "application/manifest+json"),
    ] {
        for (accept, encoding, body) in [
            ("br, gzip", Some("br"), "brotli bytes".to_owned()),
            ("gzip", Some("gzip"), "gzip bytes".to_owned()),
            ("identity", None, format!("plain {name}")),
        ] {
            let response = raw
                .get(app.url(&format!("/{name}")))
                .header("accept-encoding", accept)
                .send()
                .await
                .unwrap();
            assert_eq!(
                response.status(),
                reqwest::StatusCode::OK,
                "{name} {accept}"
            );
            let headers = response.headers().clone();
            assert_eq!(
                headers.get("content-encoding").map(|v| v.to_str().unwrap()),
                encoding,
                "{name} {accept}"
            );
            assert_eq!(headers["content-type"], content_type, "{name}");
            assert_eq!(headers["cache-control"], "no-cache", "{name}");
            assert_eq!(headers["vary"], "accept-encoding", "{name} {accept}");
            assert_eq!(response.text().await.unwrap(), body);
        }
    }
    app.teardown().await;
}
