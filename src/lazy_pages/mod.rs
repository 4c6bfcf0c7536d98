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
//!   a tap (a message's open menu with its deletion's confirmation, the form that edits it, an
//!   image over the page);
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

mod loading;
mod piece;
mod routes;

#[cfg(feature = "hydrate")]
pub use loading::hydrate_when_loaded;
pub use loading::PreloadOtherPieces;
pub use piece::{Piece, ROUTE_PIECES};
pub use routes::*;

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
