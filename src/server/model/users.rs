use super::{internal, now_ms};
use crate::{
    error::AppError,
    protocol::{UserView, GLOBAL_CONVERSATION_ID},
    server::entities::{conversation, member, user},
    validation::{Email, Username},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QuerySelect, Set, SqlErr, TransactionTrait,
};
use std::collections::HashMap;

pub struct NewUser {
    pub username: Username,
    pub email: Email,
    pub password_hash: String,
}

pub async fn find_by_id(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<user::Model>, AppError> {
    user::Entity::find_by_id(id)
        .one(db)
        .await
        .map_err(internal("find user by id"))
}

pub async fn find_by_username(
    db: &impl ConnectionTrait,
    username: &Username,
) -> Result<Option<user::Model>, AppError> {
    user::Entity::find()
        .filter(user::Column::Username.eq(username.as_str()))
        .one(db)
        .await
        .map_err(internal("find user by name"))
}

/// Names and pictures by id, in one query for any number of ids.
pub async fn views_by_id(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, UserView>, AppError> {
    Ok(user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::Username)
        .column(user::Column::PictureKey)
        .filter(user::Column::Id.is_in(ids))
        .into_tuple::<(i64, String, Option<String>)>()
        .all(db)
        .await
        .map_err(internal("load users"))?
        .into_iter()
        .map(|(id, username, picture)| {
            let view = UserView {
                id,
                username,
                picture,
            };
            (id, view)
        })
        .collect())
}

pub async fn find_by_email(
    db: &impl ConnectionTrait,
    email: &Email,
) -> Result<Option<user::Model>, AppError> {
    user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(db)
        .await
        .map_err(internal("find user by email"))
}

async fn email_in_use(db: &impl ConnectionTrait, email: &Email) -> Result<bool, AppError> {
    Ok(find_by_email(db, email).await?.is_some())
}

/// Creates the account and its membership of the global room in one transaction.
pub async fn create(db: &DatabaseConnection, new: NewUser) -> Result<user::Model, AppError> {
    // Checked first for a clear message; the unique indexes still decide a race.
    if find_by_username(db, &new.username).await?.is_some() {
        return Err(AppError::UsernameTaken);
    }
    if email_in_use(db, &new.email).await? {
        return Err(AppError::EmailTaken);
    }
    let now = now_ms();
    let txn = db.begin().await.map_err(internal("begin sign-up"))?;
    let inserted = user::ActiveModel {
        username: Set(new.username.as_str().to_owned()),
        email: Set(new.email.as_str().to_owned()),
        password_hash: Set(new.password_hash),
        token_version: Set(0),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let created = match inserted {
        Ok(created) => created,
        Err(error) if matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            drop(txn);
            return Err(if email_in_use(db, &new.email).await? {
                AppError::EmailTaken
            } else {
                AppError::UsernameTaken
            });
        }
        Err(error) => return Err(internal("insert user")(error)),
    };
    // A newcomer has missed nothing: the room's earlier messages are history, not unread.
    let room_seq = conversation::Entity::find_by_id(GLOBAL_CONVERSATION_ID)
        .one(&txn)
        .await
        .map_err(internal("read room seq"))?
        .map_or(0, |room| room.last_seq);
    member::ActiveModel {
        conversation_id: Set(GLOBAL_CONVERSATION_ID),
        user_id: Set(created.id),
        last_read_seq: Set(room_seq),
        joined_at: Set(now),
        hidden: Set(false),
        muted: Set(false),
        admin: Set(false),
        visible_from_seq: Set(0),
    }
    .insert(&txn)
    .await
    .map_err(internal("join global room"))?;
    txn.commit().await.map_err(internal("commit sign-up"))?;
    Ok(created)
}
