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
const PUBLIC_TEXT_FILES: [&str; 2] = ["/sw.js", "/manifest.webmanifest"];

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
