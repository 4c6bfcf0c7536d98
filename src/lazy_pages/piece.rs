//! The four pieces of the wasm, and which of them each route's page needs.

#[cfg(feature = "hydrate")]
use super::{load_chat_page, load_pane_page, load_settings_page, load_signed_out_page};
#[cfg(feature = "hydrate")]
use wasm_split_helpers::SplitLoaderError;

/// The four pieces, each named by its split function, as the splitter's manifest names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece {
    Chat,
    Pane,
    SignedOut,
    Settings,
}

impl Piece {
    pub const ALL: [Piece; 4] = [Piece::Chat, Piece::Pane, Piece::SignedOut, Piece::Settings];

    /// The pieces whose code the page at `path` needs, for the server to name their files in
    /// the page's `<head>` (`server::wasm_pieces`) and for the browser to load before
    /// hydrating. Any path that is not a route is the chat's (a 404 page needs none, and only
    /// costs fetching files the person is about to need).
    pub fn for_path(path: &str) -> &'static [Self] {
        ROUTE_PIECES
            .iter()
            .find(|(route, _)| route_matches(route, path))
            .map_or(&[Piece::Chat], |(_, pieces)| pieces)
    }

    /// Its split function's name, which the manifest uses.
    pub fn name(self) -> &'static str {
        match self {
            Piece::Chat => "chat_page",
            Piece::Pane => "pane_page",
            Piece::SignedOut => "signed_out_page",
            Piece::Settings => "settings_page",
        }
    }

    #[cfg(feature = "hydrate")]
    pub(super) async fn load(self) -> Result<(), SplitLoaderError> {
        match self {
            Piece::Chat => load_chat_page().await,
            Piece::Pane => load_pane_page().await,
            Piece::SignedOut => load_signed_out_page().await,
            Piece::Settings => load_settings_page().await,
        }
    }
}

/// Every route of `app.rs`, written as leptos_axum lists it, with the pieces its page needs.
/// A route missing here would be given the chat's piece and not its own, and its page would
/// not hydrate: `server::wasm_pieces`'s tests compare this list with the app's routes.
pub const ROUTE_PIECES: [(&str, &[Piece]); 10] = [
    ("/", &[Piece::Chat]),
    ("/c/{id}", &[Piece::Chat]),
    ("/c/{id}/info", &[Piece::Chat, Piece::Pane]),
    ("/new-group", &[Piece::Chat, Piece::Pane]),
    ("/search", &[Piece::Chat, Piece::Pane]),
    ("/login", &[Piece::SignedOut]),
    ("/signup", &[Piece::SignedOut]),
    ("/forgot-password", &[Piece::SignedOut]),
    ("/reset-password", &[Piece::SignedOut]),
    ("/settings", &[Piece::Settings]),
];

/// Whether `path` is an address of `route`, where a `{name}` segment stands for any one
/// non-empty segment. A trailing slash is ignored, as the router ignores it.
fn route_matches(route: &str, path: &str) -> bool {
    let mut route = route.trim_end_matches('/').split('/');
    let mut path = path.trim_end_matches('/').split('/');
    loop {
        match (route.next(), path.next()) {
            (None, None) => return true,
            (Some(expected), Some(given)) if expected.starts_with('{') && !given.is_empty() => {}
            (Some(expected), Some(given)) if expected == given => {}
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Piece;

    #[test]
    fn each_page_needs_the_pieces_of_its_routes() {
        assert_eq!(Piece::for_path("/"), [Piece::Chat]);
        assert_eq!(Piece::for_path("/c/12"), [Piece::Chat]);
        assert_eq!(Piece::for_path("/c/12/info"), [Piece::Chat, Piece::Pane]);
        assert_eq!(Piece::for_path("/c/12/info/"), [Piece::Chat, Piece::Pane]);
        assert_eq!(Piece::for_path("/search"), [Piece::Chat, Piece::Pane]);
        assert_eq!(Piece::for_path("/new-group"), [Piece::Chat, Piece::Pane]);
        assert_eq!(Piece::for_path("/login"), [Piece::SignedOut]);
        assert_eq!(Piece::for_path("/reset-password"), [Piece::SignedOut]);
        assert_eq!(Piece::for_path("/settings/"), [Piece::Settings]);
        // Not routes: the chat's 404.
        assert_eq!(Piece::for_path("/c//info"), [Piece::Chat]);
        assert_eq!(Piece::for_path("/c/12/info/more"), [Piece::Chat]);
        assert_eq!(Piece::for_path("/login/more"), [Piece::Chat]);
        assert_eq!(Piece::for_path("/settingsx"), [Piece::Chat]);
    }
}
