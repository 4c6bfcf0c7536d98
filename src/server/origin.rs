//! Which requests come from Parley's own pages. One rule for the socket upgrade and for every
//! state-changing HTTP request (CSRF): a browser names the page's origin in `Origin` (on every
//! POST and every WebSocket upgrade), or at least says in `Sec-Fetch-Site` whether the page was
//! of the same origin. A request with neither comes from a program that is not a browser, which
//! cannot be tricked into sending someone else's cookie.

use crate::{error::AppError, server::state::AppState};
use axum::{
    extract::{Request, State},
    http::{header, HeaderMap, Method},
    middleware::Next,
    response::{IntoResponse, Response},
};

/// True when the request came from a page of this site: `Origin` names the host the request
/// was sent to (or `public_url`, when a proxy in front changes the host), or, without
/// `Origin`, `Sec-Fetch-Site` does not say another site sent it. A sibling subdomain or another
/// port on the same host is another origin, and is refused.
///
/// `Origin: null` is what a browser sends for a form posted from a page whose referrer policy is
/// `no-referrer` (a policy a proxy in front may set), and also from sandboxed frames; only
/// `Sec-Fetch-Site: same-origin` tells the first from the second.
pub fn is_same_origin(headers: &HeaderMap, public_url: Option<&str>) -> bool {
    let fetch_site = headers.get("sec-fetch-site").map(|site| site.as_bytes());
    let Some(origin) = headers.get(header::ORIGIN) else {
        return fetch_site.is_none_or(|site| matches!(site, b"same-origin" | b"none"));
    };
    if origin.as_bytes() == b"null" {
        return fetch_site == Some(b"same-origin");
    }
    let Ok(origin) = origin.to_str() else {
        return false;
    };
    if public_url.is_some_and(|public| origin.eq_ignore_ascii_case(public)) {
        return true;
    }
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let origin_host = origin
        .split_once("://")
        .map(|(_, rest)| rest.trim_end_matches('/'));
    matches!((origin_host, host), (Some(o), Some(h)) if o.eq_ignore_ascii_case(h))
}

/// Middleware: every request that can change something (anything but GET, HEAD and OPTIONS)
/// must come from this site's pages, or it is refused with 403 before any handler runs.
pub async fn refuse_cross_site(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let reads_only = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if reads_only || is_same_origin(request.headers(), state.settings.public_url.as_deref()) {
        return next.run(request).await;
    }
    tracing::warn!(path = %request.uri().path(), "refused a cross-site request");
    AppError::CrossSite.into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("127.0.0.1:3000"));
        for (name, value) in pairs {
            h.insert(*name, HeaderValue::from_static(value));
        }
        h
    }

    #[test]
    fn only_this_sites_origin_is_accepted() {
        let same = |pairs| is_same_origin(&headers(pairs), None);
        assert!(same(&[("origin", "http://127.0.0.1:3000")]));
        assert!(same(&[]));
        assert!(!same(&[("origin", "http://evil.example")]));
        assert!(!same(&[("origin", "http://127.0.0.1:3001")]));
        assert!(!same(&[("origin", "null")]));
    }

    #[test]
    fn without_origin_fetch_metadata_decides() {
        let same = |pairs| is_same_origin(&headers(pairs), None);
        assert!(same(&[("sec-fetch-site", "same-origin")]));
        assert!(same(&[("sec-fetch-site", "none")]));
        assert!(!same(&[("sec-fetch-site", "same-site")]));
        assert!(!same(&[("sec-fetch-site", "cross-site")]));
    }

    #[test]
    fn a_null_origin_is_this_site_only_when_fetch_metadata_says_so() {
        let same = |pairs| is_same_origin(&headers(pairs), None);
        assert!(same(&[
            ("origin", "null"),
            ("sec-fetch-site", "same-origin")
        ]));
        assert!(!same(&[
            ("origin", "null"),
            ("sec-fetch-site", "cross-site")
        ]));
        assert!(!same(&[("origin", "null"), ("sec-fetch-site", "none")]));
        assert!(!same(&[("origin", "null")]));
    }

    #[test]
    fn the_public_address_counts_as_this_site_behind_a_proxy() {
        let h = headers(&[("origin", "https://chat.example.org")]);
        assert!(is_same_origin(&h, Some("https://chat.example.org")));
        assert!(!is_same_origin(&h, Some("https://other.example.org")));
    }
}
