//! Response headers that make the browser refuse what Parley's pages never do: run a script
//! Parley did not serve, be framed by another site, leak the address to other sites, use the
//! camera or share a window with another site's pages.

use axum::http::{header, HeaderName, HeaderValue};
use leptos::prelude::use_context;
use tower_http::set_header::SetResponseHeaderLayer;

/// The page's Content-Security-Policy. Scripts: only files from this origin and the inline
/// hydration script carrying this response's nonce; the wasm is compiled by the browser
/// ('wasm-unsafe-eval' allows exactly that, not `eval`). Style attributes are allowed (the
/// initials avatars colour themselves with one); style elements need the nonce.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; \
         script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'nonce-{nonce}'; style-src-attr 'unsafe-inline'; \
         img-src 'self' blob:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Sets the page's policy with the nonce Leptos put on this response's inline scripts. Called
/// while the page's shell renders on the server.
pub fn apply_to_page() {
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    if let Ok(value) = HeaderValue::from_str(&content_security_policy(&nonce)) {
        response.insert_header(header::CONTENT_SECURITY_POLICY, value);
    }
}

/// Headers for every response, set unless a route chose its own (media set a stricter CSP).
/// `https`: Parley knows it is reached over HTTPS, so browsers are told to keep to it (HSTS).
pub fn every_response(https: bool) -> Vec<SetResponseHeaderLayer<HeaderValue>> {
    let mut headers = vec![
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
        (
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static(
                "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
            ),
        ),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ),
        // Outside pages may not load Parley's files (images in chat above all) into theirs.
        (
            HeaderName::from_static("cross-origin-resource-policy"),
            HeaderValue::from_static("same-origin"),
        ),
    ];
    if https {
        headers.push((
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        ));
    }
    headers
        .into_iter()
        .map(|(name, value)| SetResponseHeaderLayer::if_not_present(name, value))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_policy_allows_no_inline_script_without_the_nonce() {
        let policy = content_security_policy("abc");
        assert!(policy.contains("script-src 'self' 'nonce-abc' 'wasm-unsafe-eval';"));
        assert!(policy.contains("frame-ancestors 'none'"));
        let scripts = policy
            .split(';')
            .find(|directive| directive.trim().starts_with("script-src "))
            .unwrap();
        assert!(!scripts.contains("unsafe-inline"));
    }
}
