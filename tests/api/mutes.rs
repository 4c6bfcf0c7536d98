//! Muting a conversation: the member's own setting, in every tab of theirs, nobody else's.

use crate::helpers::TestApp;
use parley::protocol::{ServerMsg, GLOBAL_CONVERSATION_ID};
use reqwest::StatusCode;

async fn mute(
    client: &crate::helpers::Client,
    conversation_id: i64,
    muted: bool,
) -> reqwest::Response {
    let id = conversation_id.to_string();
    let muted = muted.to_string();
    client
        .post_form(
            "/api/chat/mute",
            &[("conversation_id", id.as_str()), ("muted", muted.as_str())],
        )
        .await
}

async fn muted_in_list(client: &crate::helpers::Client, conversation_id: i64) -> bool {
    client
        .inbox_line(conversation_id)
        .await
        .expect("in the list")
        .muted
}

on_both_databases!(
    muting_is_the_members_own_and_reaches_all_their_tabs,
    outsiders_cannot_mute_and_bad_input_is_refused
);

async fn muting_is_the_members_own_and_reaches_all_their_tabs(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let id = ann.open_direct_in_both_lists(&bob).await;
    let mut other_tab = ann.socket().await;

    let response = mute(&ann, id, true).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.json::<bool>().await.unwrap());
    assert_eq!(
        other_tab.recv().await,
        ServerMsg::Muted {
            conversation_id: id,
            muted: true
        }
    );
    assert!(muted_in_list(&ann, id).await);
    assert!(!muted_in_list(&bob, id).await, "Bob's side is his own");
    // Again: no change, no error.
    assert_eq!(mute(&ann, id, true).await.status(), StatusCode::OK);
    other_tab.recv().await;

    assert_eq!(mute(&ann, id, false).await.status(), StatusCode::OK);
    assert_eq!(
        other_tab.recv().await,
        ServerMsg::Muted {
            conversation_id: id,
            muted: false
        }
    );
    assert!(!muted_in_list(&ann, id).await);

    // The room everyone is in can be muted too.
    assert_eq!(
        mute(&bob, GLOBAL_CONVERSATION_ID, true).await.status(),
        StatusCode::OK
    );
    assert!(muted_in_list(&bob, GLOBAL_CONVERSATION_ID).await);
    assert!(!muted_in_list(&ann, GLOBAL_CONVERSATION_ID).await);
}

async fn outsiders_cannot_mute_and_bad_input_is_refused(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let cat = app.user("cat").await;
    let id = ann.open_direct_in_both_lists(&bob).await;
    let (status, _) = crate::helpers::error_of(mute(&cat, id, true).await).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = crate::helpers::error_of(mute(&ann, 999_999, true).await).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = crate::helpers::error_of(
        ann.post_form(
            "/api/chat/mute",
            &[("conversation_id", "x"), ("muted", "true")],
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = crate::helpers::error_of(
        app.client()
            .post_form(
                "/api/chat/mute",
                &[("conversation_id", "1"), ("muted", "true")],
            )
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(!muted_in_list(&ann, id).await);
    assert!(!muted_in_list(&bob, id).await);
}
