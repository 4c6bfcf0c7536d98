//! Typing indicators: told to the conversation's other members only, never stored, never in
//! the room everyone is in, never to someone who blocked the typist.

use crate::helpers::TestApp;
use parley::{
    error::AppError,
    protocol::{ClientMsg, ServerMsg, GLOBAL_CONVERSATION_ID},
};

fn typing(conversation_id: i64, typing: bool) -> ClientMsg {
    ClientMsg::Typing {
        conversation_id,
        typing,
    }
}

on_both_databases!(
    typing_reaches_the_other_member_and_nobody_else,
    someone_who_blocked_the_typist_is_not_told
);

async fn typing_reaches_the_other_member_and_nobody_else(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let cat = app.user("cat").await;
    let id = ann.open_direct(bob.id().await).await;
    let mut ann_tab = ann.socket().await;
    let mut ann_other_tab = ann.socket().await;
    let mut bob_tab = bob.socket().await;
    let mut cat_tab = cat.socket().await;

    ann_tab.send(&typing(id, true)).await;
    match bob_tab.recv().await {
        ServerMsg::Typing {
            conversation_id,
            user,
            typing,
        } => {
            assert_eq!(
                (conversation_id, user.username.as_str(), typing),
                (id, "ann", true)
            );
        }
        other => panic!("expected typing, got {other:?}"),
    }
    ann_tab.send(&typing(id, false)).await;
    assert!(matches!(
        bob_tab.recv().await,
        ServerMsg::Typing { typing: false, .. }
    ));
    // Not echoed to the typist's own tabs, and nothing to outsiders.
    ann_tab.expect_silence().await;
    ann_other_tab.expect_silence().await;
    cat_tab.expect_silence().await;

    // An outsider is refused as for a conversation that does not exist.
    cat_tab.send(&typing(id, true)).await;
    match cat_tab.recv().await {
        ServerMsg::Rejected { error, .. } => assert_eq!(error, AppError::NotFound),
        other => panic!("expected a refusal, got {other:?}"),
    }
    // The room everyone is in shows no typing: refused, nobody told.
    bob_tab.send(&typing(GLOBAL_CONVERSATION_ID, true)).await;
    match bob_tab.recv().await {
        ServerMsg::Rejected { error, .. } => assert!(matches!(error, AppError::BadRequest { .. })),
        other => panic!("expected a refusal, got {other:?}"),
    }
    ann_tab.expect_silence().await;
    cat_tab.expect_silence().await;
}

async fn someone_who_blocked_the_typist_is_not_told(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let ann_id = ann.id().await;
    let id = ann.open_direct(bob.id().await).await;
    let blocked = bob
        .post_form(
            "/api/chat/block",
            &[("user_id", &ann_id.to_string()), ("blocked", "true")],
        )
        .await;
    assert!(blocked.status().is_success());
    let mut ann_tab = ann.socket().await;
    let mut bob_tab = bob.socket().await;
    // Ann is told nothing, and Bob hears nothing.
    ann_tab.send(&typing(id, true)).await;
    ann_tab.expect_silence().await;
    bob_tab.expect_silence().await;
    // Bob cannot write to Ann while he blocks her, so he cannot be typing to her either.
    bob_tab.send(&typing(id, true)).await;
    assert!(matches!(bob_tab.recv().await, ServerMsg::Rejected { .. }));
    ann_tab.expect_silence().await;
}
