//! Typing, read receipts and presence in groups: members are told who is typing, members who
//! both have receipts on are told how far the other has read ("Seen by 3"), and the member
//! list shows who is online as far as each viewer may see it. Outsiders, and members once
//! removed, are told nothing.

use crate::helpers::TestApp;
use crate::{
    groups::{conversation, create, members, on_member},
    helpers::Socket,
    presence::set_shown,
    read_receipts::{read_up_to, set_receipts},
};
use parley::{
    error::AppError,
    protocol::{ClientMsg, PresenceView, ReaderView, ServerMsg},
};
use reqwest::StatusCode;

async fn member_read(socket: &mut Socket) -> (i64, i64, i64) {
    match socket.recv().await {
        ServerMsg::MemberRead {
            conversation_id,
            reader: ReaderView { user, seq },
        } => (conversation_id, user.id, seq),
        other => panic!("expected member_read, got {other:?}"),
    }
}

async fn message_seq(socket: &mut Socket) -> i64 {
    match socket.recv().await {
        ServerMsg::Message { message } => message.seq,
        other => panic!("expected a message, got {other:?}"),
    }
}

fn typing(conversation_id: i64, typing: bool) -> ClientMsg {
    ClientMsg::Typing {
        conversation_id,
        typing,
    }
}

on_both_databases!(
    the_other_members_see_who_is_typing_and_a_removed_member_cannot_type,
    members_with_receipts_on_are_told_how_far_the_others_have_read,
    the_member_list_shows_who_is_online_as_the_viewer_may_see_it
);

async fn the_other_members_see_who_is_typing_and_a_removed_member_cannot_type(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let carol = app.user("carol").await;
    let dan = app.user("dan").await;
    let (bob_id, carol_id) = (bob.id().await, carol.id().await);
    let id = create(&ann, "Typists", &[bob_id, carol_id]).await;
    let mut ann_tab = ann.socket().await;
    let mut bob_tab = bob.socket().await;
    let mut carol_tab = carol.socket().await;
    let mut dan_tab = dan.socket().await;

    bob_tab.send(&typing(id, true)).await;
    for tab in [&mut ann_tab, &mut carol_tab] {
        match tab.recv().await {
            ServerMsg::Typing {
                conversation_id,
                user,
                typing,
            } => {
                assert_eq!((conversation_id, user.id, typing), (id, bob_id, true));
            }
            other => panic!("expected typing, got {other:?}"),
        }
    }
    bob_tab.expect_silence().await;
    dan_tab.expect_silence().await;

    let response = on_member(&ann, "remove", id, bob_id).await;
    assert_eq!(response.status(), StatusCode::OK);
    for tab in [&mut ann_tab, &mut bob_tab, &mut carol_tab] {
        message_seq(tab).await; // "ann removed bob"
    }
    bob_tab.send(&typing(id, true)).await;
    match bob_tab.recv().await {
        ServerMsg::Rejected { error, .. } => assert_eq!(error, AppError::NotFound),
        other => panic!("expected a refusal, got {other:?}"),
    }
    ann_tab.expect_silence().await;
    carol_tab.expect_silence().await;
}

async fn members_with_receipts_on_are_told_how_far_the_others_have_read(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let carol = app.user("carol").await;
    let dan = app.user("dan").await;
    let (bob_id, carol_id) = (bob.id().await, carol.id().await);
    let id = create(&ann, "Hikers", &[bob_id, carol_id]).await;
    let mut ann_tab = ann.socket().await;
    let mut bob_tab = bob.socket().await;
    let mut carol_tab = carol.socket().await;
    let mut dan_tab = dan.socket().await;

    let hello = ann_tab.say_in(id, "group-receipt-1", "hello group").await;
    message_seq(&mut bob_tab).await;
    message_seq(&mut carol_tab).await;
    read_up_to(&mut bob_tab, id, hello.seq).await;
    assert_eq!(member_read(&mut ann_tab).await, (id, bob_id, hello.seq));
    assert_eq!(member_read(&mut carol_tab).await, (id, bob_id, hello.seq));
    dan_tab.expect_silence().await;
    let readers = conversation(&ann, id).await.readers;
    let seen: Vec<(i64, i64)> = readers.iter().map(|r| (r.user.id, r.seq)).collect();
    assert_eq!(
        seen,
        vec![(bob_id, hello.seq)],
        "Carol has read nothing yet"
    );
    assert_eq!(readers[0].user.username, "bob");

    // Carol turns receipts off: her reading tells nobody, and she sees nobody's.
    set_receipts(&carol, false).await;
    read_up_to(&mut carol_tab, id, hello.seq).await;
    ann_tab.expect_silence().await;
    bob_tab.expect_silence().await;
    let seen: Vec<i64> = conversation(&ann, id)
        .await
        .readers
        .iter()
        .map(|r| r.user.id)
        .collect();
    assert_eq!(seen, vec![bob_id]);
    assert!(conversation(&carol, id).await.readers.is_empty());

    // Ann turns hers off: Bob's reading no longer reaches her; it still reaches no one
    // with receipts off.
    set_receipts(&ann, false).await;
    let again = bob_tab.say_in(id, "group-receipt-2", "hi all").await;
    message_seq(&mut ann_tab).await;
    message_seq(&mut carol_tab).await;
    let more = ann_tab.say_in(id, "group-receipt-3", "one more").await;
    message_seq(&mut bob_tab).await;
    message_seq(&mut carol_tab).await;
    assert!(more.seq > again.seq);
    read_up_to(&mut bob_tab, id, more.seq).await;
    ann_tab.expect_silence().await;
    carol_tab.expect_silence().await;
    assert!(conversation(&ann, id).await.readers.is_empty());
}

async fn the_member_list_shows_who_is_online_as_the_viewer_may_see_it(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let carol = app.user("carol").await;
    let (ann_id, bob_id, carol_id) = (ann.id().await, bob.id().await, carol.id().await);
    let id = create(&ann, "Climbers", &[bob_id, carol_id]).await;
    let _bob_tab = bob.socket().await;
    let presence_of = |list: &[parley::protocol::GroupMemberView], who: i64| {
        list.iter()
            .find(|m| m.user.id == who)
            .expect("a member")
            .presence
    };
    let list = members(&ann, id).await;
    assert_eq!(presence_of(&list, bob_id), Some(PresenceView::ONLINE));
    assert_eq!(
        presence_of(&list, carol_id),
        Some(PresenceView::offline(None))
    );
    assert_eq!(
        presence_of(&list, ann_id),
        None,
        "one's own presence is not listed"
    );

    // Carol hides hers: nobody sees it. Ann hides hers: she sees nobody's.
    set_shown(&carol, false).await;
    let list = members(&bob, id).await;
    assert_eq!(presence_of(&list, carol_id), None);
    set_shown(&ann, false).await;
    let list = members(&ann, id).await;
    assert!(list.iter().all(|m| m.presence.is_none()));
}
