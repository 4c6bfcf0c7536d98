//! Which piece of the wasm each page's code is in, so a first visit downloads the pages it
//! shows and not the whole app.
//!
//! Built with `cargo leptos build --split`, the code behind each `#[wasm_split]` function
//! below goes into files of its own, loaded when a route needs it; the rest (Leptos, the
//! router, what every page shares) stays in `parley.<hash>.wasm`. The server names the files a
//! page needs in its `<head>` (`server::wasm_pieces`), so they download alongside the main
//! file, and the page hydrates once they are in. After that, the other pieces are fetched in
//! the background ([`PreloadOtherPieces`]), so moving to another page later does not wait.
//!
//! Four pieces rather than one per route: each split point multiplies the small files the
//! splitter makes for code that two pieces share (one piece per route made 115 files, 82 of
//! them for a conversation), and Parley is served over HTTP/1.1, six requests at a time.
//! - the signed-in pages: the chat layout with its list and socket, and a conversation;
//! - the panes opened less often beside the list: a group's details, a new group, searching
//!   messages (a page of the chat's, so its address needs both pieces), what the list's
//!   "Search users" finds (drawn only once someone types), and what the chat draws only after
//!   a tap (a message's open menu, the form that edits it, an image over the page);
//! - the pages of someone signed out (what a new visitor's first page needs);
//! - settings.
//!
//! A piece that cannot be fetched (no network, or a release replaced it) must not stop the
//! app, so every load can fail (`fallible`; Leptos's own `#[lazy]` panics, and a panic ends the
//! wasm): a page whose piece is missing says so, a background fetch that fails is tried again
//! when needed, and a page whose own piece is missing stays as the server sent it (forms still
//! work without the wasm) until the piece can be had.
//!
//! Every build of the wasm must be made with `--split` (`scripts/lib.sh` does): in the
//! browser, a split function is an import that only the splitter provides. On the server they
//! are ordinary functions, and the pages render as before.

use crate::{
    account::SettingsPage,
    auth::{ForgotPasswordPage, LoginPage, ResetPasswordPage, SignupPage},
    chat::{
        ChatShell, ConversationPage, EditForm, GroupInfoPage, Lightbox, MessageHandlers,
        MessageMenu, NewGroupPage, NoConversationOpen, OpenMenu,
    },
    erased_view::IntoErased,
    people::UserSearchResults,
    search::SearchMessagesPage,
};
use leptos::prelude::*;
use leptos_router::LazyRoute;
use wasm_split_helpers::{wasm_split, SplitLoaderError};
// The function names below are the pieces' names (`Piece::name`): keep them in step.

/// A piece of the wasm could not be fetched.
#[derive(Debug)]
pub struct PieceMissing;

impl From<SplitLoaderError> for PieceMissing {
    fn from(_: SplitLoaderError) -> Self {
        Self
    }
}

/// The pages of a signed-in person: the layout and a conversation in its pane.
#[derive(Clone, Copy)]
enum ChatPage {
    Layout,
    NoConversationOpen,
    Conversation,
}

#[wasm_split(chat_page, fallible, preload(load_chat_page))]
fn chat_page(page: ChatPage) -> Result<AnyView, PieceMissing> {
    Ok(match page {
        ChatPage::Layout => ChatShell().erase(),
        ChatPage::NoConversationOpen => NoConversationOpen().erase(),
        ChatPage::Conversation => ConversationPage().erase(),
    })
}

/// What else opens in the chat's pane, and what the chat draws only after a person reaches for
/// it, so not part of a conversation's first load: what "Search users" finds (once someone
/// types), a message's menu (once "…" is tapped), the form that edits a message (chosen in that
/// menu) and an image over the page (once its thumbnail is tapped).
enum PanePage {
    GroupInfo,
    NewGroup,
    SearchMessages,
    UserSearchResults(RwSignal<String>),
    MessageMenu(Box<OpenMenu>),
    EditForm(i64, MessageHandlers),
    Lightbox {
        src: String,
        description: String,
        on_close: Callback<()>,
    },
}

#[wasm_split(pane_page, fallible, preload(load_pane_page))]
fn pane_page(page: PanePage) -> Result<AnyView, PieceMissing> {
    Ok(match page {
        PanePage::GroupInfo => GroupInfoPage().erase(),
        PanePage::NewGroup => NewGroupPage().erase(),
        PanePage::SearchMessages => SearchMessagesPage().erase(),
        PanePage::UserSearchResults(query) => view! { <UserSearchResults query/> }.erase(),
        PanePage::MessageMenu(open_menu) => view! { <MessageMenu open_menu=*open_menu/> }.erase(),
        PanePage::EditForm(seq, handlers) => view! { <EditForm seq handlers/> }.erase(),
        PanePage::Lightbox {
            src,
            description,
            on_close,
        } => view! { <Lightbox src description on_close/> }.erase(),
    })
}

/// A message's open menu (`chat::MessageMenu`), once the panes' piece is in: fetched in the
/// background 2 s after the page comes alive, so a tap on "…" rarely waits for it.
pub async fn message_menu(open_menu: OpenMenu) -> Result<AnyView, PieceMissing> {
    pane_page(PanePage::MessageMenu(Box::new(open_menu))).await
}

/// The form that changes one's own message `seq` (`chat::EditForm`), chosen in its menu.
pub async fn edit_form(seq: i64, handlers: MessageHandlers) -> Result<AnyView, PieceMissing> {
    pane_page(PanePage::EditForm(seq, handlers)).await
}

/// An image of a message over the page (`chat::Lightbox`), once its thumbnail is tapped.
pub async fn lightbox(
    src: String,
    description: String,
    on_close: Callback<()>,
) -> Result<AnyView, PieceMissing> {
    pane_page(PanePage::Lightbox {
        src,
        description,
        on_close,
    })
    .await
}

/// What "Search users" finds for the words in `query` (`people::UserSearch`), once the panes'
/// piece is in.
pub async fn user_search_results(query: RwSignal<String>) -> Result<AnyView, PieceMissing> {
    pane_page(PanePage::UserSearchResults(query)).await
}

/// Starts fetching what "Search users" finds (the panes' piece) when someone reaches for the
/// box, so that a search made soon after the page came alive, before [`PreloadOtherPieces`]
/// fetches it, does not wait for it after the first keystroke. A fetch that fails is tried
/// again at the keystroke.
pub fn start_loading_user_search_results() {
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async {
        let _ = Piece::Pane.load().await;
    });
}

/// The pages of someone not signed in.
#[derive(Clone, Copy)]
enum SignedOutPage {
    LogIn,
    SignUp,
    ForgotPassword,
    ResetPassword,
}

#[wasm_split(signed_out_page, fallible, preload(load_signed_out_page))]
fn signed_out_page(page: SignedOutPage) -> Result<AnyView, PieceMissing> {
    Ok(match page {
        SignedOutPage::LogIn => LoginPage().erase(),
        SignedOutPage::SignUp => SignupPage().erase(),
        SignedOutPage::ForgotPassword => ForgotPasswordPage().erase(),
        SignedOutPage::ResetPassword => ResetPasswordPage().erase(),
    })
}

#[wasm_split(settings_page, fallible, preload(load_settings_page))]
fn settings_page() -> Result<AnyView, PieceMissing> {
    Ok(SettingsPage().erase())
}

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
    async fn load(self) -> Result<(), SplitLoaderError> {
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

/// A route's view, for `view={Lazy::<Route>::new()}`. The router asks `data` first (nothing
/// to start here: each page starts its own loading), then `preload`, which fetches the
/// page's piece, then awaits the view; a piece that could not be fetched shows
/// [`PieceMissingNote`] instead.
macro_rules! lazy_route {
    ($(#[$doc:meta])* $route:ident => $page:ident ( $($arg:expr)? ), $load:ident) => {
        $(#[$doc])*
        pub struct $route;

        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            async fn view(_: Self) -> AnyView {
                match $page($($arg)?).await {
                    Ok(view) => view,
                    Err(PieceMissing) => {
                        // Gone for good if a release replaced the build: the page says so.
                        #[cfg(feature = "hydrate")]
                        crate::main_wasm_retry::say_if_released();
                        PieceMissingNote().erase()
                    }
                }
            }

            async fn preload() {
                // A failure shows when the view is asked for.
                let _ = $load().await;
            }
        }
    };
}

lazy_route!(
    /// `/` and its children: the list beside the open pane.
    ChatLayoutRoute => chat_page(ChatPage::Layout), load_chat_page
);
lazy_route!(NoConversationOpenRoute => chat_page(ChatPage::NoConversationOpen), load_chat_page);
lazy_route!(ConversationRoute => chat_page(ChatPage::Conversation), load_chat_page);
lazy_route!(GroupInfoRoute => pane_page(PanePage::GroupInfo), load_pane_page);
lazy_route!(NewGroupRoute => pane_page(PanePage::NewGroup), load_pane_page);
lazy_route!(SearchMessagesRoute => pane_page(PanePage::SearchMessages), load_pane_page);
lazy_route!(LogInRoute => signed_out_page(SignedOutPage::LogIn), load_signed_out_page);
lazy_route!(SignUpRoute => signed_out_page(SignedOutPage::SignUp), load_signed_out_page);
lazy_route!(ForgotPasswordRoute => signed_out_page(SignedOutPage::ForgotPassword), load_signed_out_page);
lazy_route!(ResetPasswordRoute => signed_out_page(SignedOutPage::ResetPassword), load_signed_out_page);
lazy_route!(SettingsRoute => settings_page(), load_settings_page);

/// In place of a page whose code could not be fetched: moving between pages needs the network
/// the first time each kind of page is opened. The page's script loads the address afresh by
/// itself when the network is back or the page is looked at again, once the server answers
/// (`main_wasm_retry`, which finds this note by `data-piece-missing`): a phone out of a tunnel
/// should not need a tap to get the page it asked for. "Try again" does the same at once (the
/// router would not move to the page it is on; `rel="external"` has the browser load it, and
/// an empty address is the page's own); what is typed in the chat and messages on their way
/// are kept across a load (`kept_drafts`, `kept_outbox`). A link, not a button: a click
/// handler here brought the click's event code into the main file, 3.7 KB gzipped that every
/// page downloads.
#[component]
fn PieceMissingNote() -> impl IntoView {
    view! {
        <div class="pane-message" role="alert" data-piece-missing="">
            <h1>"This page could not be loaded"</h1>
            <p>
                "Parley could not download what this page needs. It loads by itself once your connection is back, or try again now."
            </p>
            <p>
                <a class="button" href="" rel="external">
                    "Try again"
                </a>
            </p>
            <p><a href="/">"Back to your conversations"</a></p>
        </div>
    }
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
