//! Loading the pieces: those a page needs before it hydrates, and the others in the background
//! once it is running.

#[cfg(feature = "hydrate")]
use super::Piece;
use leptos::prelude::*;
#[cfg(feature = "hydrate")]
use wasm_split_helpers::SplitLoaderError;

/// Hydrates the page once its pieces of the wasm are in (hydrating without them would meet
/// the server's page with nothing to match it). Until they are, the page stays as the server
/// sent it (readable, and its forms work), and the pieces are asked for again when
/// `main_wasm_retry` says (less often each time, and at once when the network is back): a
/// phone whose network dropped during the first load comes alive once it is back, without a
/// reload that would lose its place, and a tap held meanwhile is carried out then.
#[cfg(feature = "hydrate")]
pub fn hydrate_when_loaded() {
    wasm_bindgen_futures::spawn_local(async {
        let path = window().location().pathname().unwrap_or_default();
        let mut failures = 0;
        while let Err(error) = load_pieces_for(&path).await {
            leptos::logging::warn!("not hydrating {path} yet: {error}");
            crate::main_wasm_retry::wait_to_retry(failures).await;
            failures += 1;
        }
        leptos::mount::hydrate_lazy(crate::app::App);
    });
}

#[cfg(feature = "hydrate")]
async fn load_pieces_for(path: &str) -> Result<(), SplitLoaderError> {
    for piece in Piece::for_path(path) {
        piece.load().await?;
    }
    Ok(())
}

/// How long after the page came alive the other pieces start downloading: past the socket's
/// first exchange and the list's refresh, which a person is waiting on.
#[cfg(feature = "hydrate")]
const PRELOAD_AFTER: std::time::Duration = std::time::Duration::from_secs(2);

/// Fetches every piece of the wasm in the background once this page is running, so a later
/// move to another page does not wait for it. A fetch that fails is tried again when its page
/// is opened. Renders nothing.
#[component]
pub fn PreloadOtherPieces() -> impl IntoView {
    // Effects run only in the browser, after hydration.
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        set_timeout(
            || {
                leptos::task::spawn_local(async {
                    for piece in Piece::ALL {
                        let _ = piece.load().await;
                    }
                })
            },
            PRELOAD_AFTER,
        );
    });
}
