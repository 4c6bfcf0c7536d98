//! What members do to a conversation, the same way from the socket and from HTTP: each change
//! is validated and stored first, and only then told to the connected members.

use crate::{
    error::AppError,
    protocol::{MessageView, ReaderView, ServerMsg, GLOBAL_CONVERSATION_ID},
    server::{
        chat_images, db,
        entities::conversation,
        limits,
        model::{
            conversations::{self, Audience, Delivery},
            direct,
            message_batch::NewMessage,
            message_change::Changed,
            message_deletion, message_edit,
            messages::Content,
            mutes, reactions, reads, receipts,
        },
        send_queue::Send,
        session::SessionUser,
        state::AppState,
        ws::ConnectionId,
    },
    validation::{ClientId, MessageBody},
};

/// Stores the message (a reply to message `reply_to_seq`, if given) and pushes it to every
/// connected member but `skip`, the sender's own connection, which gets an `Ack` from its
/// caller instead. Returns the stored message.
pub async fn send_message(
    state: &AppState,
    sender: &SessionUser,
    conversation_id: i64,
    client_id: &str,
    body: &str,
    reply_to_seq: Option<i64>,
    skip: Option<ConnectionId>,
) -> Result<MessageView, AppError> {
    let client_id = ClientId::parse(client_id)?;
    let body = MessageBody::parse(body)?;
    let content = Content {
        body,
        image: None,
        reply_to_seq,
    };
    let (message, _) = deliver(state, sender, conversation_id, &client_id, content, skip).await?;
    Ok(message)
}

/// Stores `content` (with other sends queued meanwhile: `send_queue`) and pushes it to every
/// connected member but `skip`. Returns the stored message and whether it is new (false: the
/// client id was used before, and that earlier message, already told to everyone, is returned).
pub async fn deliver(
    state: &AppState,
    sender: &SessionUser,
    conversation_id: i64,
    client_id: &ClientId,
    content: Content,
    skip: Option<ConnectionId>,
) -> Result<(MessageView, bool), AppError> {
    count_a_send(state, sender.id).await?;
    state
        .sends
        .store(Send {
            message: NewMessage {
                sender: sender.view(),
                conversation_id,
                client_id: client_id.clone(),
                content,
            },
            skip,
        })
        .await
}

/// Deletes the sender's own message and shows every connected member the placeholder,
/// including the connection that asked (its answer is the same frame).
pub async fn delete_message(
    state: &AppState,
    user: &SessionUser,
    conversation_id: i64,
    seq: i64,
) -> Result<MessageView, AppError> {
    let deleted = message_deletion::delete(&state.db, conversation_id, seq, user.id).await?;
    db::erase_freed_pages(&state.db);
    if let Some(key) = &deleted.image_key {
        chat_images::delete_files(state, key).await;
    }
    let Changed { message, delivery } = deleted.changed;
    state.fanout.deliver_message(
        delivery,
        &message,
        |message| ServerMsg::Deleted { message },
        None,
    );
    Ok(message)
}

/// Replaces the text of the user's own message and shows every connected member (the asking
/// connection too) the new version. Editing to the same text tells nobody.
pub async fn edit_message(
    state: &AppState,
    user: &SessionUser,
    conversation_id: i64,
    seq: i64,
    body: &str,
) -> Result<Option<MessageView>, AppError> {
    count_a_send(state, user.id).await?;
    let edited = message_edit::edit(&state.db, conversation_id, seq, user.id, body).await?;
    if edited.is_some() {
        // The old text is gone from the database only once it leaves SQLite's log too.
        db::erase_freed_pages(&state.db);
    }
    Ok(edited.map(|changed| tell_updated(state, changed)))
}

/// Adds the user's reaction to a message, or takes it back; every connected member sees the
/// message's reactions as they are now.
pub async fn react_to_message(
    state: &AppState,
    user: &SessionUser,
    conversation_id: i64,
    seq: i64,
    emoji: &str,
) -> Result<MessageView, AppError> {
    count_a_send(state, user.id).await?;
    let changed = reactions::toggle(&state.db, conversation_id, seq, user.id, emoji).await?;
    Ok(tell_updated(state, changed))
}

/// Edits and reactions count as sends: each is a write every member is told about.
async fn count_a_send(state: &AppState, user_id: i64) -> Result<(), AppError> {
    let bucket = &state.settings.limits.sends_per_user;
    limits::take(state.limits.as_ref(), bucket, &user_id.to_string()).await
}

fn tell_updated(state: &AppState, changed: Changed) -> MessageView {
    let Changed { message, delivery } = changed;
    state.fanout.deliver_message(
        delivery,
        &message,
        |message| ServerMsg::Updated { message },
        None,
    );
    message
}

/// Stores the user's read position and tells their other connections, so every open tab
/// shows the same unread count.
pub async fn mark_read(
    state: &AppState,
    user: &SessionUser,
    conversation_id: i64,
    seq: i64,
    skip: Option<ConnectionId>,
) -> Result<i64, AppError> {
    let read = reads::mark_read(&state.db, conversation_id, user.id, seq).await?;
    let seq = read.seq;
    let frame = ServerMsg::Read {
        conversation_id,
        seq,
    };
    state
        .fanout
        .deliver(Audience::Users(vec![user.id]), &frame, skip);
    // The read receipt, when it moved and receipts go between the reader and others.
    if read.moved {
        tell_receipt(state, user, &read.conversation, seq).await?;
    }
    Ok(seq)
}

async fn tell_receipt(
    state: &AppState,
    user: &SessionUser,
    conversation: &conversation::Model,
    seq: i64,
) -> Result<(), AppError> {
    let told = receipts::recipients(&state.db, conversation, user.id).await?;
    if told.is_empty() {
        return Ok(());
    }
    let conversation_id = conversation.id;
    let frame = if conversation.kind == conversation::KIND_GROUP {
        let reader = ReaderView {
            user: user.view(),
            seq,
        };
        ServerMsg::MemberRead {
            conversation_id,
            reader,
        }
    } else {
        ServerMsg::Seen {
            conversation_id,
            seq,
        }
    };
    state.fanout.deliver(Audience::Users(told), &frame, None);
    Ok(())
}

/// Hides a direct conversation from the user's list, in every tab they have open.
pub async fn hide_conversation(
    state: &AppState,
    user: &SessionUser,
    conversation_id: i64,
) -> Result<(), AppError> {
    let others = direct::hide(&state.db, conversation_id, user.id).await?;
    state.presence.retell(user.id, others).await;
    let frame = ServerMsg::Hidden { conversation_id };
    state
        .fanout
        .deliver(Audience::Users(vec![user.id]), &frame, None);
    Ok(())
}

/// Mutes or unmutes a conversation for the user, in every tab they have open.
pub async fn mute_conversation(
    state: &AppState,
    user: &SessionUser,
    conversation_id: i64,
    muted: bool,
) -> Result<(), AppError> {
    mutes::set_muted(&state.db, conversation_id, user.id, muted).await?;
    let frame = ServerMsg::Muted {
        conversation_id,
        muted,
    };
    state
        .fanout
        .deliver(Audience::Users(vec![user.id]), &frame, None);
    Ok(())
}

/// Tells the conversation's other members that the user is typing, or stopped. Nothing is
/// stored. Refused for the room everyone is in (too many people to tell), for non-members
/// (`NotFound`) and where a message would be refused; someone who blocked the user is not told.
pub async fn tell_typing(
    state: &AppState,
    user: &SessionUser,
    conversation_id: i64,
    typing: bool,
) -> Result<(), AppError> {
    if conversation_id == GLOBAL_CONVERSATION_ID {
        return Err(AppError::bad_request(
            "typing is not shown in the room everyone is in",
        ));
    }
    let writers = conversations::writers(&state.db, conversation_id, &[user.id]).await?;
    let Delivery {
        audience,
        withheld_from,
        ..
    } = writers.check(user.id)?;
    let Audience::Users(members) = audience else {
        return Ok(());
    };
    let others = members
        .into_iter()
        .filter(|m| *m != user.id && Some(*m) != withheld_from)
        .collect();
    let frame = ServerMsg::Typing {
        conversation_id,
        user: user.view(),
        typing,
    };
    state.fanout.deliver(Audience::Users(others), &frame, None);
    Ok(())
}
