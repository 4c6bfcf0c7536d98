//! What people do to groups, the same from every caller: the change is stored with its lines
//! in the timeline (`model::groups`), and only then are the lines told to everyone concerned,
//! on every node, through the same fan-out as messages.

use crate::{
    error::AppError,
    protocol::ServerMsg,
    server::{
        chat_images, limits,
        model::{
            conversations::Audience,
            groups::{self, GroupChange, Left},
        },
        session::SessionUser,
        state::AppState,
    },
};

pub async fn create(
    state: &AppState,
    user: &SessionUser,
    name: &str,
    members: &[i64],
) -> Result<i64, AppError> {
    count_a_change(state, user.id).await?;
    let change = groups::create(&state.db, user.id, name, members).await?;
    Ok(tell(state, change))
}

pub async fn rename(
    state: &AppState,
    user: &SessionUser,
    conversation_id: i64,
    name: &str,
) -> Result<(), AppError> {
    count_a_change(state, user.id).await?;
    tell(
        state,
        groups::rename(&state.db, user.id, conversation_id, name).await?,
    );
    Ok(())
}

pub async fn add(
    state: &AppState,
    user: &SessionUser,
    conversation_id: i64,
    members: &[i64],
) -> Result<(), AppError> {
    count_a_change(state, user.id).await?;
    tell(
        state,
        groups::add(&state.db, user.id, conversation_id, members).await?,
    );
    Ok(())
}

pub async fn remove(
    state: &AppState,
    user: &SessionUser,
    conversation_id: i64,
    member: i64,
) -> Result<(), AppError> {
    count_a_change(state, user.id).await?;
    tell(
        state,
        groups::remove(&state.db, user.id, conversation_id, member).await?,
    );
    Ok(())
}

pub async fn make_admin(
    state: &AppState,
    user: &SessionUser,
    conversation_id: i64,
    member: i64,
) -> Result<(), AppError> {
    count_a_change(state, user.id).await?;
    let change = groups::make_admin(&state.db, user.id, conversation_id, member).await?;
    tell(state, change);
    Ok(())
}

/// Leaves the group; the leaver's tabs drop it from their lists.
pub async fn leave(
    state: &AppState,
    user: &SessionUser,
    conversation_id: i64,
) -> Result<(), AppError> {
    match groups::leave(&state.db, user.id, conversation_id).await? {
        Left::Group(change) => {
            tell(state, change);
        }
        Left::Deleted { image_keys } => {
            for key in image_keys {
                chat_images::delete_files(state, &key).await;
            }
        }
    }
    forget_in_tabs(state, user.id, conversation_id);
    Ok(())
}

/// Takes a group one was removed from out of one's list, in every tab.
pub async fn forget_removed(
    state: &AppState,
    user: &SessionUser,
    conversation_id: i64,
) -> Result<(), AppError> {
    groups::forget_removed(&state.db, user.id, conversation_id).await?;
    forget_in_tabs(state, user.id, conversation_id);
    Ok(())
}

fn forget_in_tabs(state: &AppState, user_id: i64, conversation_id: i64) {
    let frame = ServerMsg::Hidden { conversation_id };
    state
        .fanout
        .deliver(Audience::Users(vec![user_id]), &frame, None);
}

/// Each line goes, in order, to everyone the change concerns. Returns the group's id.
fn tell(state: &AppState, change: GroupChange) -> i64 {
    let GroupChange {
        conversation_id,
        events,
        told,
    } = change;
    for message in events {
        let frame = ServerMsg::Message { message };
        state
            .fanout
            .deliver(Audience::Users(told.clone()), &frame, None);
    }
    conversation_id
}

/// Changes to groups count as sends: each is a write every member is told about.
async fn count_a_change(state: &AppState, user_id: i64) -> Result<(), AppError> {
    let bucket = &state.settings.limits.sends_per_user;
    limits::take(state.limits.as_ref(), bucket, &user_id.to_string()).await
}
