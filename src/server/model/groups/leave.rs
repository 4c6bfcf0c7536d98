//! Leaving a group: anyone may. The last admin leaving hands admin to the longest-standing
//! member; the last member leaving deletes the group with its messages (the caller deletes
//! their image files).

use super::{
    events::{self, Event},
    find_for_member, member_ids, GroupChange,
};
use crate::{
    error::AppError,
    protocol::GroupEventKind,
    server::{
        entities::{conversation, group_removal, member, message},
        model::{changes::begin_writer, internal},
    },
};
use sea_orm::{
    sea_query::Expr, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

/// What leaving did.
pub enum Left {
    /// The group goes on without the leaver.
    Group(GroupChange),
    /// Nobody was left: the group is gone, and these image files with it.
    Deleted { image_keys: Vec<String> },
}

pub async fn leave(
    db: &DatabaseConnection,
    user_id: i64,
    conversation_id: i64,
) -> Result<Left, AppError> {
    let txn = begin_writer(db).await?;
    let (_, membership) = find_for_member(&txn, conversation_id, user_id).await?;
    member::Entity::delete_by_id((conversation_id, user_id))
        .exec(&txn)
        .await
        .map_err(internal("leave a group"))?;
    let remaining = member::Entity::find()
        .filter(member::Column::ConversationId.eq(conversation_id))
        .order_by_asc(member::Column::JoinedAt)
        .order_by_asc(member::Column::UserId)
        .all(&txn)
        .await
        .map_err(internal("read who is left"))?;
    if remaining.is_empty() {
        let image_keys = image_keys(&txn, conversation_id).await?;
        // Messages, members, reactions and removals go with it (foreign keys cascade).
        conversation::Entity::delete_by_id(conversation_id)
            .exec(&txn)
            .await
            .map_err(internal("delete an empty group"))?;
        txn.commit()
            .await
            .map_err(internal("commit an empty group"))?;
        return Ok(Left::Deleted { image_keys });
    }
    let mut lines = vec![Event {
        actor: user_id,
        kind: GroupEventKind::Left,
        user: None,
        name: "",
    }];
    let admin_left = membership.admin && !remaining.iter().any(|m| m.admin);
    if let (true, Some(heir)) = (admin_left, remaining.first()) {
        member::Entity::update_many()
            .col_expr(member::Column::Admin, Expr::value(true))
            .filter(member::Column::ConversationId.eq(conversation_id))
            .filter(member::Column::UserId.eq(heir.user_id))
            .exec(&txn)
            .await
            .map_err(internal("hand over admin"))?;
        lines.push(Event {
            actor: user_id,
            kind: GroupEventKind::MadeAdmin,
            user: Some(heir.user_id),
            name: "",
        });
    }
    let events = events::record(&txn, conversation_id, &lines).await?;
    let mut told = member_ids(&txn, conversation_id).await?;
    told.push(user_id);
    txn.commit().await.map_err(internal("commit leaving"))?;
    Ok(Left::Group(GroupChange {
        conversation_id,
        events,
        told,
    }))
}

/// Takes a group one was removed from out of one's list. `NotFound` if there is no such line.
pub async fn forget_removed(
    db: &DatabaseConnection,
    user_id: i64,
    conversation_id: i64,
) -> Result<(), AppError> {
    let done = group_removal::Entity::delete_by_id((conversation_id, user_id))
        .exec(db)
        .await
        .map_err(internal("forget a removal"))?;
    if done.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

pub(super) async fn image_keys(
    db: &impl sea_orm::ConnectionTrait,
    conversation_id: i64,
) -> Result<Vec<String>, AppError> {
    let keys: Vec<Option<String>> = message::Entity::find()
        .select_only()
        .column(message::Column::ImageKey)
        .filter(message::Column::ConversationId.eq(conversation_id))
        .filter(message::Column::ImageKey.is_not_null())
        .into_tuple()
        .all(db)
        .await
        .map_err(internal("list a group's images"))?;
    Ok(keys.into_iter().flatten().collect())
}
