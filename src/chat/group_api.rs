//! Groups over HTTP: creating one, its member list, and what admins and members do to it. The
//! lines these changes leave in the timeline reach open tabs over the socket.

use crate::{error::AppError, protocol::GroupMemberView};
use leptos::{prelude::*, server_fn::codec::GetUrl};

/// Creates a group of the user (its admin) and `members`; returns its id.
#[server(prefix = "/api", endpoint = "chat/group/create")]
pub async fn create_group(name: String, members: Vec<i64>) -> Result<i64, AppError> {
    use crate::server::{group_service, request};
    let (state, user) = request::require_user().await?;
    group_service::create(&state, &user, &name, &members).await
}

/// The group's members, admins first. Members only (`NotFound` for everyone else).
#[server(prefix = "/api", endpoint = "chat/group/members", input = GetUrl)]
pub async fn group_members(conversation_id: i64) -> Result<Vec<GroupMemberView>, AppError> {
    use crate::server::{model::groups, request};
    let (state, user) = request::require_user().await?;
    let mut members = groups::members(&state.db, conversation_id, user.id).await?;
    let others: Vec<i64> = members
        .iter()
        .map(|m| m.user.id)
        .filter(|&id| id != user.id)
        .collect();
    let presence = state.presence.views(user.id, &others).await?;
    for member in &mut members {
        member.presence = presence.get(&member.user.id).copied();
    }
    Ok(members)
}

/// Admins only.
#[server(prefix = "/api", endpoint = "chat/group/rename")]
pub async fn rename_group(conversation_id: i64, name: String) -> Result<(), AppError> {
    use crate::server::{group_service, request};
    let (state, user) = request::require_user().await?;
    group_service::rename(&state, &user, conversation_id, &name).await
}

/// Admins only. The people added see the group from then on, nothing earlier.
#[server(prefix = "/api", endpoint = "chat/group/add")]
pub async fn add_to_group(conversation_id: i64, members: Vec<i64>) -> Result<(), AppError> {
    use crate::server::{group_service, request};
    let (state, user) = request::require_user().await?;
    group_service::add(&state, &user, conversation_id, &members).await
}

/// Admins only. The member loses access at once.
#[server(prefix = "/api", endpoint = "chat/group/remove")]
pub async fn remove_from_group(conversation_id: i64, user_id: i64) -> Result<(), AppError> {
    use crate::server::{group_service, request};
    let (state, user) = request::require_user().await?;
    group_service::remove(&state, &user, conversation_id, user_id).await
}

/// Admins only.
#[server(prefix = "/api", endpoint = "chat/group/admin")]
pub async fn make_group_admin(conversation_id: i64, user_id: i64) -> Result<(), AppError> {
    use crate::server::{group_service, request};
    let (state, user) = request::require_user().await?;
    group_service::make_admin(&state, &user, conversation_id, user_id).await
}

/// Any member may leave; the group is deleted when nobody is left.
#[server(prefix = "/api", endpoint = "chat/group/leave")]
pub async fn leave_group(conversation_id: i64) -> Result<(), AppError> {
    use crate::server::{group_service, request};
    let (state, user) = request::require_user().await?;
    group_service::leave(&state, &user, conversation_id).await
}

/// Takes a group one was removed from out of one's list.
#[server(prefix = "/api", endpoint = "chat/group/forget")]
pub async fn forget_group(conversation_id: i64) -> Result<(), AppError> {
    use crate::server::{group_service, request};
    let (state, user) = request::require_user().await?;
    group_service::forget_removed(&state, &user, conversation_id).await
}
