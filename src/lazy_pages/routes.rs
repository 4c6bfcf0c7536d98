//! The router's view of each lazily loaded page: its piece, then its view, or a note when the
//! piece cannot be had.

use super::{
    chat_page, load_chat_page, load_pane_page, load_settings_page, load_signed_out_page, pane_page,
    settings_page, signed_out_page, ChatPage, PanePage, PieceMissing, SignedOutPage,
};
use crate::erased_view::IntoErased;
use leptos::prelude::*;
use leptos_router::LazyRoute;

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
