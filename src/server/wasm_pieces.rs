//! The files each piece of the split wasm (`src/lazy_pages/`) is made of, read once at start
//! from the manifest `cargo leptos build --split` writes, so a page's `<head>` names them and
//! the browser fetches them alongside the main file instead of after it.
//!
//! Leptos names them itself, but only when the page's code ran after it began collecting the
//! names: on pages rendered with `SsrMode::Async`, about half of the loads measured here lacked
//! them, and the browser then asked for 400 KB only once the main wasm was running (1.8 s to a
//! composer that takes input on Fast 4G instead of 1.3 s).

use leptos::config::LeptosOptions;
use std::{collections::HashMap, path::Path};

#[derive(Debug, Default)]
pub struct WasmPieces {
    /// By piece (the `#[lazy]` function's name): its files' addresses, shared chunks first.
    files: HashMap<String, Vec<String>>,
    /// The script that loads pieces (`__wasm_split.<hash>.js`).
    loader: Option<String>,
}

impl WasmPieces {
    /// The build's pieces; none when the site was not built with `--split` (tests, a build
    /// not made yet), and pages then simply name no extra files.
    pub fn read(options: &LeptosOptions) -> Self {
        let hashes = if options.hash_files {
            read_hashes(&options.hash_file)
        } else {
            HashMap::new()
        };
        let named = |stem: &str, key: &str, ext: &str| match hashes.get(key) {
            Some(hash) => format!("{stem}.{hash}.{ext}"),
            None => format!("{stem}.{ext}"),
        };
        let pkg = Path::new(&*options.site_root).join(&*options.site_pkg_dir);
        let manifest = named("__wasm_split_manifest", "manifest", "json");
        let Ok(text) = std::fs::read_to_string(pkg.join(manifest)) else {
            return Self::default();
        };
        let prefix = format!("/{}", options.site_pkg_dir);
        match Self::parse(&text, &prefix) {
            Ok(mut pieces) => {
                let loader = named("__wasm_split", "split", "js");
                pieces.loader = Some(format!("{prefix}/{loader}"));
                pieces
            }
            Err(error) => {
                tracing::warn!("unreadable wasm split manifest, pages will not preload: {error}");
                Self::default()
            }
        }
    }

    /// The manifest maps each split function (`chat_page_1234…`, a hash of where it is
    /// declared) to the files it needs, without extension.
    fn parse(manifest: &str, prefix: &str) -> Result<Self, serde_json::Error> {
        let by_function: HashMap<String, Vec<String>> = serde_json::from_str(manifest)?;
        let files = by_function
            .into_iter()
            .map(|(function, stems)| {
                let piece = function
                    .rsplit_once('_')
                    .filter(|(_, hash)| hash.chars().all(|c| c.is_ascii_digit()))
                    .map_or(function.as_str(), |(name, _)| name)
                    .to_string();
                let urls = stems
                    .iter()
                    .map(|stem| format!("{prefix}/{stem}.wasm"))
                    .collect();
                (piece, urls)
            })
            .collect();
        Ok(Self {
            files,
            loader: None,
        })
    }

    /// The wasm files of `piece`.
    pub fn files(&self, piece: &str) -> &[String] {
        self.files.get(piece).map_or(&[], Vec::as_slice)
    }

    pub fn loader(&self) -> Option<&str> {
        self.loader.as_deref()
    }
}

/// The files of the pieces the page being rendered needs (each once, in the order the pieces
/// load), and the loader script.
pub fn for_this_page() -> (Vec<String>, Option<String>) {
    use leptos::prelude::use_context;
    let (Some(state), Some(request)) = (
        use_context::<crate::server::state::AppState>(),
        use_context::<axum::http::request::Parts>(),
    ) else {
        return (vec![], None);
    };
    let pieces = &state.wasm_pieces;
    let mut files: Vec<String> = vec![];
    for piece in crate::lazy_pages::Piece::for_path(request.uri.path()) {
        for file in pieces.files(piece.name()) {
            if !files.contains(file) {
                files.push(file.clone());
            }
        }
    }
    let loader = (!files.is_empty()).then(|| pieces.loader().map(str::to_string));
    (files, loader.flatten())
}

/// `hash.txt` beside the server's binary, where cargo-leptos writes it and Leptos reads it:
/// `name: hash` lines.
fn read_hashes(hash_file: &str) -> HashMap<String, String> {
    let path = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(hash_file)));
    let text = path
        .and_then(|path| std::fs::read_to_string(path).ok())
        .unwrap_or_default();
    text.lines()
        .filter_map(|line| line.split_once(':'))
        .map(|(name, hash)| (name.trim().to_string(), hash.trim().to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::WasmPieces;
    use crate::lazy_pages::ROUTE_PIECES;

    #[test]
    fn each_piece_is_known_by_its_function_name_without_the_hash() {
        let manifest = r#"{
            "chat_page_4783960463234927981": ["chunk_4.Mu", "split_chat_page_47.vu"],
            "settings_page_5404054971876185686": ["chunk_4.Mu", "split_settings_page_54.f9"]
        }"#;
        let pieces = WasmPieces::parse(manifest, "/pkg").unwrap();
        assert_eq!(
            pieces.files("chat_page"),
            ["/pkg/chunk_4.Mu.wasm", "/pkg/split_chat_page_47.vu.wasm"]
        );
        assert_eq!(pieces.files("settings_page").len(), 2);
        assert!(pieces.files("chat").is_empty());
    }

    /// A page's pieces are chosen by its address (`Piece::for_path`), from a list written
    /// beside the pieces; a route added to `app.rs` and not to that list would load the
    /// chat's piece instead of its own, and its page would not hydrate.
    #[test]
    fn every_route_of_the_app_has_its_pieces_listed() {
        let mut routes: Vec<String> = crate::server::startup::route_list()
            .iter()
            .map(|route| route.path().to_owned())
            .collect();
        let mut listed: Vec<String> = ROUTE_PIECES
            .iter()
            .map(|(route, _)| route.to_string())
            .collect();
        routes.sort();
        routes.dedup();
        listed.sort();
        assert_eq!(
            listed, routes,
            "the routes of app.rs (right) and of lazy_pages::ROUTE_PIECES (left) differ"
        );
    }

    #[test]
    fn a_manifest_that_is_not_json_is_an_error() {
        assert!(WasmPieces::parse("{", "/pkg").is_err());
    }
}
