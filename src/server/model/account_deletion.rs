//! Erasing an account: one transaction deletes the user's messages, memberships, reset links,
//! sessions and the user row itself. Conversations stay for the people left in them; a direct
//! conversation then has one member, whose list shows "Deleted user"; a group left empty is
//! deleted, and one left without an admin gets one (`groups::settle_before_erasure`).

use super::{changes, groups, internal, messages};
use crate::{
    error::AppError,
    server::entities::{conversation, member, message, password_reset, reaction, session, user},
};
use sea_orm::{
    sea_query::Expr, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QuerySelect, QueryTrait,
};

/// The storage keys whose files the caller deletes once the rows are gone.
pub struct Erased {
    pub picture_key: Option<String>,
    pub image_keys: Vec<String>,
}

/// Deletes everything the database holds about the user. The deletes are explicit rather than
/// left to the foreign keys' cascades, so nothing depends on SQLite's foreign-key switch.
pub async fn erase(db: &DatabaseConnection, user_id: i64) -> Result<Erased, AppError> {
    // It reads before it writes: as a writer from the start, so that on SQLite it waits for
    // other writers instead of failing when one commits between its reads and its writes.
    let tx = changes::begin_writer(db).await?;
    let user = user::Entity::find_by_id(user_id)
        .one(&tx)
        .await
        .map_err(internal("find user to delete"))?
        .ok_or(AppError::NotSignedIn)?;
    let mut image_keys = messages::image_keys_of_sender(&tx, user_id).await?;
    image_keys.extend(groups::settle_before_erasure(&tx, user_id).await?);
    image_keys.sort();
    image_keys.dedup();
    settle_unread_with(&tx, user_id).await?;
    // Their reactions, and everyone's reactions to their messages, before those messages.
    reaction::Entity::delete_many()
        .filter(reaction::Column::UserId.eq(user_id))
        .exec(&tx)
        .await
        .map_err(internal("delete the user's reactions"))?;
    reaction::Entity::delete_many()
        .filter(
            reaction::Column::MessageId.in_subquery(
                message::Entity::find()
                    .select_only()
                    .column(message::Column::Id)
                    .filter(message::Column::SenderId.eq(user_id))
                    .into_query(),
            ),
        )
        .exec(&tx)
        .await
        .map_err(internal("delete reactions to the user's messages"))?;
    message::Entity::delete_many()
        .filter(message::Column::SenderId.eq(user_id))
        .exec(&tx)
        .await
        .map_err(internal("delete the user's messages"))?;
    member::Entity::delete_many()
        .filter(member::Column::UserId.eq(user_id))
        .exec(&tx)
        .await
        .map_err(internal("delete the user's memberships"))?;
    password_reset::Entity::delete_many()
        .filter(password_reset::Column::UserId.eq(user_id))
        .exec(&tx)
        .await
        .map_err(internal("delete the user's reset links"))?;
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .exec(&tx)
        .await
        .map_err(internal("delete the user's sessions"))?;
    user::Entity::delete_by_id(user_id)
        .exec(&tx)
        .await
        .map_err(internal("delete the user"))?;
    tx.commit()
        .await
        .map_err(internal("commit account deletion"))?;
    Ok(Erased {
        picture_key: user.picture_key,
        image_keys,
    })
}

/// The other person in each of the user's direct conversations has now read everything in it:
/// what they had not read was the user's, and it is about to go. Without this their list would
/// show unread messages that no longer exist.
async fn settle_unread_with(tx: &impl ConnectionTrait, user_id: i64) -> Result<(), AppError> {
    let memberships: Vec<i64> = member::Entity::find()
        .select_only()
        .column(member::Column::ConversationId)
        .filter(member::Column::UserId.eq(user_id))
        .into_tuple()
        .all(tx)
        .await
        .map_err(internal("list the user's conversations"))?;
    let direct: Vec<(i64, i64)> = conversation::Entity::find()
        .select_only()
        .column(conversation::Column::Id)
        .column(conversation::Column::LastSeq)
        .filter(conversation::Column::Id.is_in(memberships))
        .filter(conversation::Column::Kind.eq(conversation::KIND_DIRECT))
        .into_tuple()
        .all(tx)
        .await
        .map_err(internal("list the user's direct conversations"))?;
    for (conversation_id, last_seq) in direct {
        member::Entity::update_many()
            .col_expr(member::Column::LastReadSeq, Expr::value(last_seq))
            .filter(member::Column::ConversationId.eq(conversation_id))
            .exec(tx)
            .await
            .map_err(internal("settle unread counts"))?;
    }
    Ok(())
}
