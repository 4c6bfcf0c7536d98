//! What browsers may keep. Pages and API answers hold people's conversations: never stored
//! (`no-store`). The build's own files whose names carry their content hash (the wasm, its
//! script, the style sheet: `parley.<hash>.wasm`) never change under that name, so browsers
//! keep them for a year without asking (`immutable`); a release brings new names. Other app
//! files (icons, the service worker, an unhashed development build) are stored but checked
//! again on every use (`no-cache`, answered by a 304 while unchanged): without a header
//! browsers guess a lifetime and could pair a new page with an old file. Routes that chose
//! their own (media) keep theirs.

use axum::{
    extract::Request,
    http::{header, HeaderValue},
    middleware::Next,
    response::Response,
};

use super::static_files::PUBLIC_TEXT_FILES;

pub async fn set_cache_control(request: Request, next: Next) -> Response {
    let value = cache_control_for(request.uri().path());
    let mut response = next.run(request).await;
    response
        .headers_mut()
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static(value));
    response
}

const FOR_A_YEAR: &str = "public, max-age=31536000, immutable";

/// `immutable` for hashed build files, `no-cache` for the app's other files, `no-store` for
/// everything else.
fn cache_control_for(path: &str) -> &'static str {
    if path.strip_prefix("/pkg/").is_some_and(is_hashed_name) {
        return FOR_A_YEAR;
    }
    let app_file = path.starts_with("/pkg/")
        || path.starts_with("/icons/")
        || path == "/favicon.png"
        || PUBLIC_TEXT_FILES.contains(&path);
    if app_file {
        "no-cache"
    } else {
        "no-store"
    }
}

/// `name.<hash>.ext` as cargo-leptos names files with hash-files: a middle part of at least 8
/// letters, digits, `-` or `_`.
fn is_hashed_name(file: &str) -> bool {
    let parts: Vec<&str> = file.split('.').collect();
    matches!(parts[..], [stem, hash, ext]
        if !stem.is_empty() && !ext.is_empty() && !file.contains('/')
            && hash.len() >= 8
            && hash.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
}

#[cfg(test)]
mod tests {
    use super::{cache_control_for, FOR_A_YEAR};

    #[test]
    fn hashed_build_files_are_kept_for_a_year() {
        assert_eq!(cache_control_for("/pkg/parley.Ab3_x-9Qz1.wasm"), FOR_A_YEAR);
        assert_eq!(
            cache_control_for("/pkg/parley.0123456789abcdef.css"),
            FOR_A_YEAR
        );
        // Unhashed, too short a middle, or another folder: checked again on every use.
        assert_eq!(cache_control_for("/pkg/parley.wasm"), "no-cache");
        assert_eq!(cache_control_for("/pkg/parley_bg.wasm"), "no-cache");
        assert_eq!(cache_control_for("/pkg/parley.abc.wasm"), "no-cache");
        assert_eq!(
            cache_control_for("/pkg/a/parley.0123456789.wasm"),
            "no-cache"
        );
        assert_eq!(cache_control_for("/icons/icon.0123456789.png"), "no-cache");
    }

    #[test]
    fn pages_and_answers_are_never_stored_and_files_are_checked_again() {
        assert_eq!(cache_control_for("/"), "no-store");
        assert_eq!(cache_control_for("/c/5"), "no-store");
        assert_eq!(cache_control_for("/api/chat/conversations"), "no-store");
        assert_eq!(cache_control_for("/pkg/parley.wasm"), "no-cache");
        assert_eq!(cache_control_for("/icons/icon-192.png"), "no-cache");
        assert_eq!(cache_control_for("/sw.js"), "no-cache");
        assert_eq!(cache_control_for("/pkgx"), "no-store");
    }
}
