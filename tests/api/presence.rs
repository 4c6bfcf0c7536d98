//! Presence: the people one shares a conversation with (not the whole room, and only one in
//! one's own list) see when one is online, and when one was last; a reload inside the grace
//! period shows nothing; hiding it works both ways; a block hides it. The grace period is short here (`GRACE`) to keep the
//! tests quick; its length is a setting.

use crate::helpers::{Client, Socket, TestApp};
use parley::{
    protocol::{PresenceView, ServerMsg},
    server::config::Settings,
};
use reqwest::StatusCode;
use std::time::Duration;

const GRACE: Duration = Duration::from_millis(300);

fn short_grace(settings: &mut Settings) {
    settings.presence_grace = GRACE;
}

async fn presence_frame(socket: &mut Socket) -> (i64, Option<PresenceView>) {
    match socket.recv().await {
        ServerMsg::Presence { user_id, presence } => (user_id, presence),
        other => panic!("expected presence, got {other:?}"),
    }
}

/// What `viewer`'s list says of the other person of `conversation_id`.
async fn listed_presence(viewer: &Client, conversation_id: i64) -> Option<PresenceView> {
    viewer
        .inbox_line(conversation_id)
        .await
        .expect("in the list")
        .peer_presence
}

pub(crate) async fn set_shown(client: &Client, shown: bool) {
    let response = client
        .post_form("/api/account/presence", &[("shown", &shown.to_string())])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
}

on_both_databases!(
    configure(short_grace),
    a_contact_sees_one_come_online_and_leave_with_a_last_seen_time,
    a_reload_inside_the_grace_period_shows_nothing,
    hidden_presence_is_hidden_both_ways,
    a_block_hides_presence_either_way,
    a_conversation_out_of_ones_list_shares_no_presence,
    the_setting_is_refused_without_a_login
);

async fn a_contact_sees_one_come_online_and_leave_with_a_last_seen_time(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let cat = app.user("cat").await;
    let ann_id = ann.id().await;
    let id = bob.open_direct_in_both_lists(&ann).await;
    let mut bob_tab = bob.socket().await.hearing_presence();
    let mut cat_tab = cat.socket().await.hearing_presence();
    assert_eq!(
        listed_presence(&bob, id).await,
        Some(PresenceView::offline(None))
    );

    let ann_tab = ann.socket().await;
    assert_eq!(
        presence_frame(&mut bob_tab).await,
        (ann_id, Some(PresenceView::ONLINE))
    );
    assert_eq!(listed_presence(&bob, id).await, Some(PresenceView::ONLINE));

    let before = parley::server::model::now_ms();
    ann_tab.close().await;
    let (who, presence) = presence_frame(&mut bob_tab).await;
    let seen = presence
        .and_then(|p| p.last_seen_ms)
        .expect("a last seen time");
    assert_eq!(who, ann_id);
    assert!(!presence.unwrap().online);
    assert!(
        seen >= before,
        "last seen {seen} is after the socket closed at {before}"
    );
    assert_eq!(
        listed_presence(&bob, id).await,
        Some(PresenceView::offline(Some(seen)))
    );
    // Cat shares only the room everyone is in with Ann: the room is not told.
    cat_tab.expect_silence().await;
}

async fn a_reload_inside_the_grace_period_shows_nothing(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let ann_id = ann.id().await;
    bob.open_direct_in_both_lists(&ann).await;
    let mut bob_tab = bob.socket().await.hearing_presence();
    let ann_tab = ann.socket().await;
    assert_eq!(
        presence_frame(&mut bob_tab).await,
        (ann_id, Some(PresenceView::ONLINE))
    );

    // The page reloads: its socket closes and the new one opens well inside the grace.
    ann_tab.close().await;
    let reloaded = ann.socket().await;
    tokio::time::sleep(GRACE * 3).await;
    bob_tab.expect_silence().await;
    // A second tab closing while the first stays open shows nothing either.
    ann.socket().await.close().await;
    tokio::time::sleep(GRACE * 3).await;
    bob_tab.expect_silence().await;
    reloaded.close().await;
    assert_eq!(presence_frame(&mut bob_tab).await.0, ann_id);
}

async fn hidden_presence_is_hidden_both_ways(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let dan = app.user("dan").await;
    let ann_id = ann.id().await;
    let id = bob.open_direct_in_both_lists(&ann).await;
    dan.open_direct(ann_id).await;
    let mut bob_tab = bob.socket().await.hearing_presence();
    let ann_tab = ann.socket().await;
    assert_eq!(
        presence_frame(&mut bob_tab).await,
        (ann_id, Some(PresenceView::ONLINE))
    );

    // Ann hides hers: Bob is told at once that there is nothing to show.
    set_shown(&ann, false).await;
    assert_eq!(presence_frame(&mut bob_tab).await, (ann_id, None));
    assert_eq!(listed_presence(&bob, id).await, None);
    // And Ann sees no one's: not Bob's in her list, no frame when Dan comes and goes.
    assert_eq!(listed_presence(&ann, id).await, None);
    let mut ann_listening = ann.socket().await.hearing_presence();
    dan.socket().await.close().await;
    tokio::time::sleep(GRACE * 3).await;
    ann_listening.expect_silence().await;
    // Her own leaving is not told.
    ann_tab.close().await;
    ann_listening.close().await;
    tokio::time::sleep(GRACE * 3).await;
    bob_tab.expect_silence().await;

    // Shown again from a new tab: Bob sees her online.
    let _ann_back = ann.socket().await;
    bob_tab.expect_silence().await;
    set_shown(&ann, true).await;
    assert_eq!(
        presence_frame(&mut bob_tab).await,
        (ann_id, Some(PresenceView::ONLINE))
    );
    assert_eq!(listed_presence(&bob, id).await, Some(PresenceView::ONLINE));
}

async fn a_block_hides_presence_either_way(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let id = bob.open_direct_in_both_lists(&ann).await;
    let blocked = ann
        .post_form(
            "/api/chat/block",
            &[
                ("user_id", &bob.id().await.to_string()),
                ("blocked", "true"),
            ],
        )
        .await;
    assert!(blocked.status().is_success());
    let mut bob_tab = bob.socket().await.hearing_presence();
    let mut ann_tab = ann.socket().await.hearing_presence();
    bob_tab.expect_silence().await;
    ann_tab.expect_silence().await;
    assert_eq!(listed_presence(&bob, id).await, None);
    assert_eq!(listed_presence(&ann, id).await, None);
}

/// Looking someone up and opening a conversation with them, which they are not told of until
/// it has a message, does not show whether they are online; nor does a conversation they took
/// out of their list.
async fn a_conversation_out_of_ones_list_shares_no_presence(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let ann_id = ann.id().await;
    let ann_tab = ann.socket().await;
    let mut bob_tab = bob.socket().await.hearing_presence();
    let id = bob.open_direct(ann_id).await;
    assert_eq!(listed_presence(&bob, id).await, None);
    // Ann goes and comes back: Bob is told nothing.
    ann_tab.close().await;
    tokio::time::sleep(GRACE * 3).await;
    bob_tab.expect_silence().await;
    let ann_tab = ann.socket().await;
    bob_tab.expect_silence().await;

    // His first message puts the conversation in her list: now he sees her online.
    bob_tab
        .send_message(id, "hello-ann-1", "hello ann", None)
        .await;
    let mut heard = [bob_tab.recv().await, bob_tab.recv().await];
    heard.sort_by_key(|frame| !matches!(frame, ServerMsg::Ack { .. }));
    assert!(matches!(heard[0], ServerMsg::Ack { .. }), "{heard:?}");
    assert_eq!(
        heard[1],
        ServerMsg::Presence {
            user_id: ann_id,
            presence: Some(PresenceView::ONLINE)
        }
    );
    assert_eq!(listed_presence(&bob, id).await, Some(PresenceView::ONLINE));

    // She takes it out of her list: nothing to show again, at once and in his list.
    let hidden = ann.hide(id).await;
    assert!(hidden.status().is_success());
    assert_eq!(presence_frame(&mut bob_tab).await, (ann_id, None));
    assert_eq!(listed_presence(&bob, id).await, None);
    ann_tab.close().await;
    tokio::time::sleep(GRACE * 3).await;
    bob_tab.expect_silence().await;

    // She opens it again: he sees her again, gone since her tab closed.
    assert_eq!(ann.open_direct(bob.id().await).await, id);
    let (who, presence) = presence_frame(&mut bob_tab).await;
    assert_eq!(who, ann_id);
    let presence = presence.expect("her presence shown again");
    assert!(!presence.online && presence.last_seen_ms.is_some());
}

async fn the_setting_is_refused_without_a_login(app: &TestApp) {
    let response = app
        .client()
        .post_form("/api/account/presence", &[("shown", "false")])
        .await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}
