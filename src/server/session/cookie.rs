use axum::http::{header, HeaderMap, HeaderValue};
use std::time::Duration;

pub const COOKIE_NAME: &str = "parley_session";

/// HttpOnly so scripts cannot read it; SameSite=Lax so other sites cannot post with it.
pub fn session_cookie(token: &str, ttl: Duration, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let value = format!(
        "{COOKIE_NAME}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
        ttl.as_secs()
    );
    HeaderValue::from_str(&value).unwrap_or_else(|_| clearing_cookie(false))
}

pub fn clearing_cookie(secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{COOKIE_NAME}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"
    ))
    .unwrap_or(HeaderValue::from_static(
        "parley_session=; Path=/; Max-Age=0",
    ))
}

/// Marks a browser that has logged into an account, so guesses from elsewhere cannot lock
/// it out (`LimitRules::login_failures_per_account`). Sent to the login endpoint only.
pub const DEVICE_COOKIE_NAME: &str = "parley_device";

pub fn device_cookie(token: &str, ttl: Duration, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let value = format!(
        "{DEVICE_COOKIE_NAME}={token}; Path=/api/login; HttpOnly; SameSite=Strict; Max-Age={}{secure}",
        ttl.as_secs()
    );
    HeaderValue::from_str(&value).unwrap_or(HeaderValue::from_static(""))
}

pub fn read_session_cookie(headers: &HeaderMap) -> Option<&str> {
    read_cookie(headers, COOKIE_NAME)
}

pub fn read_cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(found, _)| *found == name)
        .map(|(_, value)| value)
        .filter(|value| !value.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_is_http_only_and_same_site_lax() {
        let c = session_cookie("abc", Duration::from_secs(60), false);
        let c = c.to_str().unwrap();
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && c.contains("Max-Age=60"));
        assert!(!c.contains("Secure"));
        assert!(session_cookie("abc", Duration::from_secs(60), true)
            .to_str()
            .unwrap()
            .contains("; Secure"));
    }

    #[test]
    fn the_session_is_found_among_other_cookies() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; parley_session=tok; b=2"),
        );
        assert_eq!(read_session_cookie(&headers), Some("tok"));
        headers.insert(header::COOKIE, HeaderValue::from_static("parley_session="));
        assert_eq!(read_session_cookie(&headers), None);
    }
}
