//! The tab's title counts what is unread in every conversation ("(3) Parley"), so a person
//! sees from another tab, or the task bar, that something arrived.

use super::{inbox::Inbox, store::use_chat_store};
use leptos::prelude::*;
use leptos_meta::Title;

/// The title, with the page's own name first if it has one ("(2) Ann · Parley").
#[component]
pub fn UnreadTitle(#[prop(optional, into)] page: Option<String>) -> impl IntoView {
    let store = use_chat_store();
    let unread_at_start = store.with_inbox_untracked(Inbox::total_unread);
    // The server writes the title once, with the count the page was drawn with. It must not
    // read a signal there: the head is written after the body has begun, when the view that
    // made the title may be disposed (a Suspense runs its children more than once) and, with
    // the routes' code in pieces, outside the request's reactive arena; either read panicked
    // and ended the whole response (one page in six under 20 concurrent loads, then one in
    // sixty).
    #[cfg(feature = "ssr")]
    let text = tab_title(unread_at_start, page.as_deref());
    #[cfg(not(feature = "ssr"))]
    let text = move || {
        let unread = store.try_with_inbox(Inbox::total_unread);
        tab_title(unread.unwrap_or(unread_at_start), page.as_deref())
    };
    view! { <Title text/> }
}

fn tab_title(unread: i64, page: Option<&str>) -> String {
    let name = match page {
        Some(page) => format!("{page} · Parley"),
        None => "Parley".to_owned(),
    };
    if unread > 0 {
        format!("({unread}) {name}")
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::tab_title;

    #[test]
    fn the_title_counts_unread_messages_only_when_there_are_some() {
        assert_eq!(tab_title(0, None), "Parley");
        assert_eq!(tab_title(3, None), "(3) Parley");
        assert_eq!(tab_title(2, Some("ann")), "(2) ann · Parley");
    }
}
