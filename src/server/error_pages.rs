//! An error a person's browser navigated to is shown as a page, not as JSON text.
//!
//! Errors leave the server as `AppError` JSON (`api_errors`), which the wasm and API clients
//! read. A browser that asked for a page instead (its `Accept` names `text/html`: a navigation,
//! a form posted before the wasm loaded) would show that JSON as the whole tab: a page that
//! missed its deadline, a panic, a cross-site post, an upload refused for its size, an image
//! link whose message was deleted. Those answers get a small page with the same status and
//! headers, the error's own sentence, and a way on. The wasm's requests and the server
//! functions' clients never name `text/html`, so they still get the JSON.

use super::{
    api_errors::MAX_ERROR_BODY,
    session::{read_cookie, COOKIE_NAME},
};
use crate::error::AppError;
use axum::{
    body::{to_bytes, Body},
    extract::Request,
    http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri},
    middleware::Next,
    response::Response,
};

/// The page has no script and nothing from other sites; its one style is inline.
const PAGE_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; \
                           form-action 'none'; frame-ancestors 'none'";

pub async fn show_errors_as_pages(request: Request, next: Next) -> Response {
    if !asks_for_html(request.headers()) {
        return next.run(request).await;
    }
    // Asking again makes sense for a read; a refused post is not sent again by a link.
    let again = (request.method() == Method::GET)
        .then(|| same_site_address(request.uri()))
        .flatten();
    let way_on = WayOn::for_request(request.headers());
    let response = next.run(request).await;
    // Asked again the same way, an address that does not take this method refuses it again.
    let again = again.filter(|_| response.status() != StatusCode::METHOD_NOT_ALLOWED);
    let is_error = response.status().is_client_error() || response.status().is_server_error();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(b"application/json"));
    if !is_error || !is_json {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let Ok(error) = serde_json::from_slice::<AppError>(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    let headers = &mut parts.headers;
    headers.remove(header::CONTENT_LENGTH);
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(PAGE_POLICY),
    );
    Response::from_parts(
        parts,
        Body::from(page_for(&error, again.as_deref(), way_on)),
    )
}

/// A browser's navigation names `text/html` in `Accept`; `*/*` alone (curl, the API's clients)
/// does not.
fn asks_for_html(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|kind| {
            let kind = kind.split(';').next().unwrap_or_default().trim();
            kind.eq_ignore_ascii_case("text/html")
        })
}

/// The request's own path and query, to ask again; `None` for one a browser would read as
/// another site's address (`//host/...`, `/\host/...`), which a crafted link could use to
/// send people from Parley's error page to a page of its choosing.
fn same_site_address(uri: &Uri) -> Option<String> {
    let address = uri.path_and_query()?.as_str();
    let other_site = address.starts_with("//") || address.starts_with("/\\");
    (address.starts_with('/') && !other_site).then(|| address.to_owned())
}

/// Where the page's second link leads. Only whether a session cookie was sent is looked at,
/// not whether it is valid: a stale one leads to the chats, which send the person to log in.
#[derive(Clone, Copy)]
enum WayOn {
    Chats,
    LogIn,
}

impl WayOn {
    fn for_request(headers: &HeaderMap) -> Self {
        match read_cookie(headers, COOKIE_NAME) {
            Some(_) => WayOn::Chats,
            None => WayOn::LogIn,
        }
    }

    fn link(self) -> &'static str {
        match self {
            WayOn::Chats => r#"<a href="/">Go to your chats</a>"#,
            WayOn::LogIn => r#"<a href="/login">Log in to Parley</a>"#,
        }
    }
}

fn page_for(error: &AppError, again: Option<&str>, way_on: WayOn) -> String {
    let message = html_escape::encode_text(&error.to_string()).into_owned();
    let again = again
        .map(|address| {
            let address = html_escape::encode_double_quoted_attribute(address);
            format!(r#"<a href="{address}">Try again</a> · "#)
        })
        .unwrap_or_default();
    let way_on = way_on.link();
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Parley</title>
<style>body{{font:1.05rem/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1.25rem}}</style>
</head>
<body>
<h1>Parley</h1>
<p>{message}</p>
<p>{again}{way_on}</p>
</body>
</html>
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepting(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT, HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn a_browser_navigation_asks_for_a_page_and_an_api_client_does_not() {
        let navigation = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        assert!(asks_for_html(&accepting(navigation)));
        assert!(asks_for_html(&accepting("TEXT/HTML; q=0.5")));
        assert!(!asks_for_html(&accepting("*/*")));
        assert!(!asks_for_html(&accepting("application/json")));
        assert!(!asks_for_html(&HeaderMap::new()));
    }

    #[test]
    fn what_the_request_carried_is_written_as_text_not_markup() {
        let error = AppError::bad_request("<script>alert(1)</script>");
        let page = page_for(&error, Some("/c/1?q=\"><b>"), WayOn::Chats);
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!page.contains("<script>"));
        assert!(page.contains(r#"href="/c/1?q=&quot;"#), "{page}");
        assert!(!page.contains("<b>"), "{page}");
    }

    #[test]
    fn the_link_to_ask_again_stays_on_this_site() {
        let address = |text: &str| same_site_address(&text.parse::<Uri>().unwrap());
        assert_eq!(address("/c/7?x=1").as_deref(), Some("/c/7?x=1"));
        assert_eq!(address("//evil.example/x"), None);
        assert_eq!(address("http://evil.example/x").as_deref(), Some("/x"));
    }

    #[test]
    fn a_refused_post_offers_no_link_that_would_send_it_again() {
        let page = page_for(&AppError::CrossSite, None, WayOn::Chats);
        assert!(page.contains("This request came from another site"));
        assert!(!page.contains("Try again"));
        assert!(page.contains(r#"<a href="/">"#));
    }

    #[test]
    fn someone_signed_in_is_led_to_their_chats_and_anyone_else_to_log_in() {
        let mut headers = HeaderMap::new();
        let page =
            |headers: &HeaderMap| page_for(&AppError::NotFound, None, WayOn::for_request(headers));
        assert!(page(&headers).contains(r#"<a href="/login">Log in to Parley</a>"#));
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("parley_theme=dark"),
        );
        assert!(page(&headers).contains("Log in to Parley"));
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("parley_theme=dark; parley_session=abc"),
        );
        assert!(page(&headers).contains(r#"<a href="/">Go to your chats</a>"#));
    }
}
