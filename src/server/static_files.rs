//! The app's own files, sent as they were compressed at build time (`compress_site` in
//! scripts/lib.sh writes `name.br` and `name.gz` beside each text file): Brotli or gzip to
//! browsers that accept them, the file itself to the others. Straight from the folder rather
//! than through the page fallback, so `If-Modified-Since` gets a 304 and `no-cache` costs a
//! round trip rather than the whole file (`cache_policy`).
//!
//! tower-http's `ServeDir` and `ServeFile` do not say that such an answer depends on
//! `Accept-Encoding`; without `Vary`, a shared cache in between could keep the Brotli copy of a
//! file stored for a year and give it to a browser that cannot read it.

use axum::{
    http::{header, HeaderValue},
    Router,
};
use leptos::config::LeptosOptions;
use std::path::Path;
use tower::Layer;
use tower_http::{
    services::{ServeDir, ServeFile},
    set_header::{SetResponseHeader, SetResponseHeaderLayer},
};

/// The files of `public/` that are text (the pictures are compressed already), by address.
/// `compress_site` (scripts/lib.sh) compresses the same files; a unit test below checks that
/// the two lists, and `public/` itself, agree.
pub const PUBLIC_TEXT_FILES: [&str; 2] = ["/sw.js", "/manifest.webmanifest"];

/// `router` with the build's folder (`/pkg`: the wasm, its script, the style sheet) and the
/// app's other text files, compressed where the browser accepts it.
pub fn serve<S: Clone + Send + Sync + 'static>(
    router: Router<S>,
    options: &LeptosOptions,
) -> Router<S> {
    let root = Path::new(&*options.site_root);
    let pkg = &*options.site_pkg_dir;
    let router = router.nest_service(
        &format!("/{pkg}"),
        varying(
            ServeDir::new(root.join(pkg))
                .precompressed_br()
                .precompressed_gzip(),
        ),
    );
    PUBLIC_TEXT_FILES.into_iter().fold(router, |router, path| {
        let file = ServeFile::new(root.join(path.trim_start_matches('/')))
            .precompressed_br()
            .precompressed_gzip();
        router.route_service(path, varying(file))
    })
}

fn varying<S>(service: S) -> SetResponseHeader<S, HeaderValue> {
    SetResponseHeaderLayer::appending(header::VARY, HeaderValue::from_static("accept-encoding"))
        .layer(service)
}

#[cfg(test)]
mod tests {
    use super::PUBLIC_TEXT_FILES;
    use std::path::Path;

    /// Compressed already, or not text: sent as they are.
    const NOT_TEXT: [&str; 5] = ["png", "jpg", "webp", "ico", "woff2"];

    #[test]
    fn every_text_file_of_public_is_served_compressed() {
        let public = Path::new(env!("CARGO_MANIFEST_DIR")).join("public");
        for entry in std::fs::read_dir(&public).expect("public/ is readable") {
            let path = entry.unwrap().path();
            let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if path.is_dir() || NOT_TEXT.contains(&extension) {
                continue;
            }
            let address = format!("/{}", path.file_name().unwrap().to_string_lossy());
            assert!(
                PUBLIC_TEXT_FILES.contains(&address.as_str()),
                "public{address} is text: add it to PUBLIC_TEXT_FILES and to compress_site"
            );
        }
    }

    #[test]
    fn compress_site_compresses_the_same_public_files() {
        let lib = include_str!("../../scripts/lib.sh");
        let names: Vec<_> = PUBLIC_TEXT_FILES
            .iter()
            .map(|address| address.trim_start_matches('/'))
            .collect();
        let in_the_script = format!("\"$LEPTOS_SITE_ROOT\"/{{{}}}", names.join(","));
        assert!(
            lib.contains(&in_the_script),
            "compress_site in scripts/lib.sh should compress {in_the_script}"
        );
    }
}
