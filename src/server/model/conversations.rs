use super::{blocks, internal};
use crate::{
    error::{AppError, Field},
    protocol::GLOBAL_CONVERSATION_ID,
    server::entities::{conversation, member, message},
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

/// Who receives a conversation's new messages. It crosses nodes with the frame (`fanout`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// The global room: every connected user.
    Everyone,
    Users(Vec<i64>),
}

/// The user's membership row, if they are a member.
pub async fn membership(
    db: &impl ConnectionTrait,
    conversation_id: i64,
    user_id: i64,
) -> Result<Option<member::Model>, AppError> {
    member::Entity::find_by_id((conversation_id, user_id))
        .one(db)
        .await
        .map_err(internal("check membership"))
}

/// Refuses with `NotFound` unless the user is a member: to an outsider a conversation they
/// are not in and one that does not exist look exactly the same.
pub async fn require_member(
    db: &impl ConnectionTrait,
    conversation_id: i64,
    user_id: i64,
) -> Result<member::Model, AppError> {
    membership(db, conversation_id, user_id)
        .await?
        .ok_or(AppError::NotFound)
}

/// The conversation, for one of its members only (`NotFound` for everyone else).
pub async fn find_for_member(
    db: &impl ConnectionTrait,
    conversation_id: i64,
    user_id: i64,
) -> Result<(conversation::Model, member::Model), AppError> {
    let member = require_member(db, conversation_id, user_id).await?;
    let conversation = conversation::Entity::find_by_id(conversation_id)
        .one(db)
        .await
        .map_err(internal("find conversation"))?
        .ok_or(AppError::NotFound)?;
    Ok((conversation, member))
}

/// The seq up to which `user_id` may not read the conversation: messages from before they
/// joined a group (0 elsewhere, and for non-members, whom callers have refused already).
pub async fn visible_from(
    db: &impl ConnectionTrait,
    conversation_id: i64,
    user_id: i64,
) -> Result<i64, AppError> {
    Ok(membership(db, conversation_id, user_id)
        .await?
        .map_or(0, |member| member.visible_from_seq))
}

/// One query for the whole audience, never one per recipient.
pub async fn audience(
    db: &impl ConnectionTrait,
    conversation: &conversation::Model,
) -> Result<Audience, AppError> {
    if conversation.kind == conversation::KIND_GLOBAL {
        return Ok(Audience::Everyone);
    }
    Ok(Audience::Users(member_ids(db, conversation.id).await?))
}

/// Who is told about a change to the message `row` (an edit, a reaction, a deletion): the
/// members who can see it, which in a group leaves out those who joined after it. One query.
pub async fn delivery_of_change(
    db: &impl ConnectionTrait,
    conversation: &conversation::Model,
    row: &message::Model,
) -> Result<Delivery, AppError> {
    if conversation.kind == conversation::KIND_GLOBAL {
        return Ok(Delivery::to(Audience::Everyone, row.withheld_from));
    }
    let floors = member_floors(db, conversation.id).await?;
    let seeing = floors
        .iter()
        .filter(|(_, floor)| *floor < row.seq)
        .map(|(user, _)| *user)
        .collect();
    Ok(Delivery {
        quote_hidden_from: joined_after(&floors, row.reply_to_seq),
        ..Delivery::to(Audience::Users(seeing), row.withheld_from)
    })
}

/// The members who joined after message `quoted_seq` (so may not see a reply's quote of it).
fn joined_after(floors: &[(i64, i64)], quoted_seq: Option<i64>) -> Vec<i64> {
    let Some(quoted) = quoted_seq else {
        return Vec::new();
    };
    floors
        .iter()
        .filter(|(_, floor)| *floor >= quoted)
        .map(|(user, _)| *user)
        .collect()
}

/// Who a new message from `sender_id` will reach, checked before it is stored: only members may
/// write (`NotFound` for anyone else), and nobody may write into a direct conversation whose
/// other member has deleted their account. One query either way.
pub async fn audience_for_sender(
    db: &impl ConnectionTrait,
    conversation_id: i64,
    sender_id: i64,
) -> Result<Audience, AppError> {
    Ok(writers(db, conversation_id, &[sender_id])
        .await?
        .check(sender_id)?
        .audience)
}

/// Who a message reaches: `audience`, except `withheld_from`, who blocked its sender and gets
/// only a bare placeholder, and `quote_hidden_from`, group members who joined after the message
/// it replies to and get it without the quote.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub audience: Audience,
    pub withheld_from: Option<i64>,
    pub quote_hidden_from: Vec<i64>,
}

impl Delivery {
    pub fn to(audience: Audience, withheld_from: Option<i64>) -> Self {
        Self {
            audience,
            withheld_from,
            quote_hidden_from: Vec::new(),
        }
    }
}

/// Who among `senders` may write into the conversation now, and who their messages reach:
/// `writers` answers for a whole batch of sends with one query.
pub struct Writers {
    audience: Audience,
    members: Vec<i64>,
    /// Each group member's `visible_from_seq` (empty for the other kinds, where it is 0).
    floors: Vec<(i64, i64)>,
    /// Why even members may not write (the other person of a direct conversation is gone).
    closed: Option<AppError>,
    /// (blocker, blocked) between the members of a direct conversation.
    blocks: Vec<(i64, i64)>,
    /// Members who took the conversation out of their list, or never had it there (the other
    /// person of a direct conversation nobody has written in yet).
    unlisted: Vec<i64>,
}

impl Writers {
    /// Who a message from `sender` reaches, or why it is refused (`NotFound` for anyone who
    /// is not a member, as for a conversation that does not exist). Someone who blocked the
    /// other member cannot write to them; a message to someone who blocked the sender is
    /// stored but withheld from them.
    pub fn check(&self, sender: i64) -> Result<Delivery, AppError> {
        if !self.members.contains(&sender) {
            return Err(AppError::NotFound);
        }
        if let Some(refusal) = &self.closed {
            return Err(refusal.clone());
        }
        if self.blocks.iter().any(|(blocker, _)| *blocker == sender) {
            return Err(AppError::invalid(
                Field::Message,
                "You blocked this person. Unblock them to write here.",
            ));
        }
        let withheld_from = self
            .blocks
            .iter()
            .find(|(_, blocked)| *blocked == sender)
            .map(|(blocker, _)| *blocker);
        Ok(Delivery::to(self.audience.clone(), withheld_from))
    }

    /// The seq up to which `member` may not read (they joined the group after it).
    pub fn floor_of(&self, member: i64) -> i64 {
        self.floors
            .iter()
            .find(|(user, _)| *user == member)
            .map_or(0, |(_, floor)| *floor)
    }

    /// The members who may not see a quote of message `quoted_seq`.
    pub fn joined_after(&self, quoted_seq: Option<i64>) -> Vec<i64> {
        joined_after(&self.floors, quoted_seq)
    }

    /// Only direct conversations can be hidden (the room is everyone's, always listed).
    pub fn can_be_hidden(&self) -> bool {
        matches!(self.audience, Audience::Users(_))
    }

    /// The members who do not have the conversation in their list now.
    pub fn unlisted(&self) -> &[i64] {
        &self.unlisted
    }

    /// Every member now (in the room, only those of the batch's senders who are members).
    pub fn members(&self) -> &[i64] {
        &self.members
    }
}

/// Checks several senders at once (a batch of sends), with one query (two in a direct
/// conversation: its members, and the blocks between them).
pub async fn writers(
    db: &impl ConnectionTrait,
    conversation_id: i64,
    senders: &[i64],
) -> Result<Writers, AppError> {
    if conversation_id == GLOBAL_CONVERSATION_ID {
        let members = member::Entity::find()
            .select_only()
            .column(member::Column::UserId)
            .filter(member::Column::ConversationId.eq(conversation_id))
            .filter(member::Column::UserId.is_in(senders.iter().copied()))
            .into_tuple()
            .all(db)
            .await
            .map_err(internal("check writers"))?;
        // Blocking is for direct conversations: the room is everyone's.
        return Ok(Writers {
            audience: Audience::Everyone,
            members,
            floors: Vec::new(),
            closed: None,
            blocks: Vec::new(),
            unlisted: Vec::new(),
        });
    }
    let rows = member_rows(db, conversation_id).await?;
    let members: Vec<i64> = rows.iter().map(|(user, _, _)| *user).collect();
    let unlisted: Vec<i64> = rows
        .iter()
        .filter(|(_, _, hidden)| *hidden)
        .map(|(user, _, _)| *user)
        .collect();
    let floors: Vec<(i64, i64)> = rows
        .iter()
        .map(|(user, floor, _)| (*user, *floor))
        .collect();
    if is_group(db, conversation_id).await? {
        // Anyone in a group may write, however few are left; a block is between two people
        // (as in WhatsApp and Signal), not a veto over a group.
        return Ok(Writers {
            audience: Audience::Users(members.clone()),
            members,
            floors,
            closed: None,
            blocks: Vec::new(),
            unlisted,
        });
    }
    let closed = (members.len() < 2).then(|| {
        AppError::invalid(
            Field::Message,
            "This person has deleted their account, so new messages would reach nobody.",
        )
    });
    let blocks = blocks::among(db, &members).await?;
    Ok(Writers {
        audience: Audience::Users(members.clone()),
        members,
        floors: Vec::new(),
        closed,
        blocks,
        unlisted,
    })
}

async fn is_group(db: &impl ConnectionTrait, conversation_id: i64) -> Result<bool, AppError> {
    let kind: Option<String> = conversation::Entity::find_by_id(conversation_id)
        .select_only()
        .column(conversation::Column::Kind)
        .into_tuple()
        .one(db)
        .await
        .map_err(internal("read the conversation's kind"))?;
    Ok(kind.as_deref() == Some(conversation::KIND_GROUP))
}

/// Each member and the seq up to which they may not read.
async fn member_floors(
    db: &impl ConnectionTrait,
    conversation_id: i64,
) -> Result<Vec<(i64, i64)>, AppError> {
    let rows = member_rows(db, conversation_id).await?;
    Ok(rows
        .into_iter()
        .map(|(user, floor, _)| (user, floor))
        .collect())
}

/// Each member, the seq up to which they may not read, and whether the conversation is out of
/// their list.
async fn member_rows(
    db: &impl ConnectionTrait,
    conversation_id: i64,
) -> Result<Vec<(i64, i64, bool)>, AppError> {
    member::Entity::find()
        .select_only()
        .column(member::Column::UserId)
        .column(member::Column::VisibleFromSeq)
        .column(member::Column::Hidden)
        .filter(member::Column::ConversationId.eq(conversation_id))
        .into_tuple()
        .all(db)
        .await
        .map_err(internal("load members"))
}

/// The user ids of the conversation's members now.
pub(super) async fn member_ids(
    db: &impl ConnectionTrait,
    conversation_id: i64,
) -> Result<Vec<i64>, AppError> {
    member::Entity::find()
        .select_only()
        .column(member::Column::UserId)
        .filter(member::Column::ConversationId.eq(conversation_id))
        .into_tuple()
        .all(db)
        .await
        .map_err(internal("load audience"))
}
