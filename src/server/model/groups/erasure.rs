//! What an account's deletion does to its groups, inside the deletion's transaction: a group
//! it leaves empty is deleted with its messages (the caller deletes the image files), and a
//! group it leaves without an admin gets the longest-standing member as admin, as leaving
//! does. No lines are written: the deleted person's lines go with their messages.

use super::leave::image_keys;
use crate::{
    error::AppError,
    server::{
        entities::{conversation, member},
        model::internal,
    },
};
use sea_orm::{
    sea_query::Expr, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait,
};

/// Settles the user's groups before their memberships are deleted; returns the storage keys
/// of the images of the groups deleted.
pub async fn settle_before_erasure(
    tx: &impl ConnectionTrait,
    user_id: i64,
) -> Result<Vec<String>, AppError> {
    let mine: Vec<member::Model> = member::Entity::find()
        .filter(member::Column::UserId.eq(user_id))
        .filter(
            member::Column::ConversationId.in_subquery(
                conversation::Entity::find()
                    .select_only()
                    .column(conversation::Column::Id)
                    .filter(conversation::Column::Kind.eq(conversation::KIND_GROUP))
                    .into_query(),
            ),
        )
        .all(tx)
        .await
        .map_err(internal("list the user's groups"))?;
    let mut image_keys_of_deleted = Vec::new();
    for membership in mine {
        let group = membership.conversation_id;
        let others = member::Entity::find()
            .filter(member::Column::ConversationId.eq(group))
            .filter(member::Column::UserId.ne(user_id))
            .order_by_asc(member::Column::JoinedAt)
            .order_by_asc(member::Column::UserId)
            .all(tx)
            .await
            .map_err(internal("read a group's other members"))?;
        let Some(heir) = others.first() else {
            image_keys_of_deleted.extend(image_keys(tx, group).await?);
            conversation::Entity::delete_by_id(group)
                .exec(tx)
                .await
                .map_err(internal("delete a group left empty"))?;
            continue;
        };
        if membership.admin && !others.iter().any(|m| m.admin) {
            member::Entity::update_many()
                .col_expr(member::Column::Admin, Expr::value(true))
                .filter(member::Column::ConversationId.eq(group))
                .filter(member::Column::UserId.eq(heir.user_id))
                .exec(tx)
                .await
                .map_err(internal("hand over admin"))?;
        }
    }
    Ok(image_keys_of_deleted)
}
