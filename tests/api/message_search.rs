//! Search in messages: each database's own full-text engine, only over the searcher's own
//! conversations, following edits and deletions at once.

use crate::helpers::TestApp;
use parley::{
    error::{AppError, Field},
    protocol::{ClientMsg, MessageView},
    search::api::MessageSearchPage,
};
use reqwest::StatusCode;

async fn search_page(
    client: &crate::helpers::Client,
    query: &str,
    before: Option<i64>,
) -> MessageSearchPage {
    let response = client.get(&search_path(query, before)).await;
    assert_eq!(response.status(), StatusCode::OK, "{query:?}");
    response.json().await.unwrap()
}

fn search_path(query: &str, before: Option<i64>) -> String {
    let mut url = reqwest::Url::parse("http://x/api/chat/search").unwrap();
    url.query_pairs_mut().append_pair("query", query);
    if let Some(before) = before {
        url.query_pairs_mut()
            .append_pair("before", &before.to_string());
    }
    format!("{}?{}", url.path(), url.query().unwrap())
}

/// What was found, as "conversation/sender: text", newest first.
async fn found(client: &crate::helpers::Client, query: &str) -> Vec<String> {
    search_page(client, query, None)
        .await
        .found
        .into_iter()
        .map(|f| format!("{}/{}: {}", f.conversation_title, f.sender.username, f.body))
        .collect()
}

on_both_databases!(
    only_the_searchers_own_conversations_are_searched,
    edits_and_deletions_change_what_is_found_at_once,
    results_come_a_page_at_a_time_and_bad_queries_get_clear_answers
);

async fn only_the_searchers_own_conversations_are_searched(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let cat = app.user("cat").await;
    let ann_bob = ann.open_direct(bob.id().await).await;
    let bob_cat = bob.open_direct(cat.id().await).await;
    let mut ann_socket = ann.socket().await;
    let mut bob_socket = bob.socket().await;
    let mut cat_socket = cat.socket().await;
    ann_socket
        .say_in(ann_bob, "search-msg-001", "Hiking trip on Saturday?")
        .await;
    bob_socket.recv().await;
    bob_socket
        .say_in(
            bob_cat,
            "search-msg-002",
            "secret hiking plans for ann's birthday",
        )
        .await;
    cat_socket.recv().await;
    cat_socket
        .say("search-msg-003", "The hiking club meets at noon")
        .await;

    // Newest first; each word also finds longer words it starts; case does not matter.
    assert_eq!(
        found(&ann, "HIK").await,
        [
            "Everyone/cat: The hiking club meets at noon",
            "bob/ann: Hiking trip on Saturday?",
        ]
    );
    // Short words too (MariaDB indexes words of three letters or more, but finds shorter
    // beginnings of them).
    assert_eq!(
        found(&ann, "sa").await,
        ["bob/ann: Hiking trip on Saturday?"]
    );
    // And short words on their own ("noon" does not start with "on").
    assert_eq!(
        found(&ann, "ON").await,
        ["bob/ann: Hiking trip on Saturday?"]
    );
    assert_eq!(
        found(&ann, "on hik").await,
        ["bob/ann: Hiking trip on Saturday?"]
    );
    // Every word is required.
    assert_eq!(
        found(&ann, "hiking saturday").await,
        ["bob/ann: Hiking trip on Saturday?"]
    );
    // Bob and Cat's conversation is theirs alone: not by its words, not by a word in it.
    assert!(found(&ann, "secret").await.is_empty());
    assert!(found(&ann, "birthday plans").await.is_empty());
    assert_eq!(
        found(&cat, "secret").await,
        ["bob/bob: secret hiking plans for ann's birthday"]
    );
    assert_eq!(found(&bob, "hiking").await.len(), 3);

    // Each result says where it is, so the browser can open the conversation there.
    let page = search_page(&ann, "saturday", None).await;
    let hit = &page.found[0];
    assert_eq!(
        (hit.conversation_id, hit.seq, hit.photo),
        (ann_bob, 1, false)
    );
    assert!(hit.sent_at_ms > 0);
    assert_eq!(page.next, None);
}

async fn edits_and_deletions_change_what_is_found_at_once(app: &TestApp) {
    let ann = app.user("ann").await;
    let mut socket = ann.socket().await;
    let pizza = socket
        .say("search-del-001", "pineapple pizza tonight")
        .await;
    socket
        .send(&ClientMsg::Delete {
            conversation_id: pizza.conversation_id,
            seq: pizza.seq,
        })
        .await;
    socket.recv().await;
    assert!(
        found(&ann, "pineapple").await.is_empty(),
        "a deleted message leaves the index"
    );

    let bread = socket.say("search-edit-01", "banana bread recipe").await;
    socket
        .send(&ClientMsg::Edit {
            conversation_id: bread.conversation_id,
            seq: bread.seq,
            body: "carrot cake recipe".into(),
        })
        .await;
    socket.recv().await;
    assert!(
        found(&ann, "banana").await.is_empty(),
        "the old words are gone"
    );
    assert_eq!(
        found(&ann, "carrot").await,
        ["Everyone/ann: carrot cake recipe"]
    );

    // A photo is found by its caption.
    let response = ann
        .send_image(
            bread.conversation_id,
            "search-img-001",
            "sunset at the beach",
            crate::helpers::small_png(),
        )
        .await;
    let photo: MessageView = response.json().await.unwrap();
    let page = search_page(&ann, "sunset", None).await;
    assert_eq!(page.found.len(), 1);
    assert!(page.found[0].photo);
    assert_eq!(page.found[0].seq, photo.seq);
}

async fn results_come_a_page_at_a_time_and_bad_queries_get_clear_answers(app: &TestApp) {
    let ann = app.user("ann").await;
    let mut socket = ann.socket().await;
    for i in 0..25 {
        socket
            .say(
                &format!("search-page-{i:03}"),
                &format!("orchard visit number {i}"),
            )
            .await;
    }
    let first = search_page(&ann, "orchard", None).await;
    assert_eq!(first.found.len(), 20);
    assert_eq!(first.found[0].body, "orchard visit number 24");
    let second = search_page(&ann, "orchard", first.next).await;
    assert_eq!(second.found.len(), 5);
    assert_eq!(second.found[4].body, "orchard visit number 0");
    assert_eq!(second.next, None);
    // A short word (two digits: MariaDB's index holds none) with a long one.
    assert_eq!(search_page(&ann, "orchard 24", None).await.found.len(), 1);

    // Query syntax of either engine is only punctuation to us.
    for query in [
        "\"orchard",
        "+orchard* -visit",
        "orchard OR",
        "orchard:visit",
        "(orchard visit)",
    ] {
        assert!(
            !search_page(&ann, query, None).await.found.is_empty(),
            "{query:?}"
        );
    }
    for query in ["", "   ", "*", "\"\"", "' OR 1=1 --x"] {
        assert!(
            search_page(&ann, query, None).await.found.is_empty(),
            "{query:?}"
        );
    }
    let (status, error) =
        crate::helpers::error_of(ann.get(&search_path(&"orchard ".repeat(40), None)).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        error,
        AppError::Invalid {
            field: Field::Search,
            message: "Search for at most 200 characters.".into()
        }
    );
    let (status, _) =
        crate::helpers::error_of(app.client().get(&search_path("orchard", None)).await).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}
