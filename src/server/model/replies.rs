//! Replies: a message names the seq of the earlier message of its conversation that it answers.
//! The quote is read from that message each time the reply is shown, so it always shows the
//! original as it is now (edited, or "Message deleted").

use super::{
    internal,
    messages::{find_by_seq, view},
};
use crate::{
    error::{AppError, Field},
    protocol::{ReplySnippet, UserView},
    server::entities::message,
};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::{BTreeMap, HashMap};

/// The messages the replies among `rows` answer, by (conversation, seq). One query.
pub async fn originals(
    db: &impl ConnectionTrait,
    rows: &[message::Model],
) -> Result<HashMap<(i64, i64), message::Model>, AppError> {
    let mut wanted: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for row in rows.iter().filter(|r| !r.deleted) {
        if let Some(seq) = row.reply_to_seq {
            wanted.entry(row.conversation_id).or_default().push(seq);
        }
    }
    if wanted.is_empty() {
        return Ok(HashMap::new());
    }
    let mut any = Condition::any();
    for (conversation_id, seqs) in wanted {
        any = any.add(
            Condition::all()
                .add(message::Column::ConversationId.eq(conversation_id))
                .add(message::Column::Seq.is_in(seqs)),
        );
    }
    let found = message::Entity::find()
        .filter(any)
        .all(db)
        .await
        .map_err(internal("read replied messages"))?;
    Ok(found
        .into_iter()
        .map(|m| ((m.conversation_id, m.seq), m))
        .collect())
}

/// Refuses a reply to a message that is not one of the same conversation (or is withheld from
/// the sender, or from before `sender_floor`, when they joined the group: they cannot know
/// it). One deleted since it was chosen is fine: the reply then quotes "Message deleted".
pub async fn require_original(
    db: &impl ConnectionTrait,
    conversation_id: i64,
    seq: i64,
    sender_id: i64,
    sender_floor: i64,
) -> Result<(), AppError> {
    let found = find_by_seq(db, conversation_id, seq).await?;
    found
        .filter(|original| original.withheld_from != Some(sender_id))
        .filter(|original| original.seq > sender_floor)
        .map(|_| ())
        .ok_or_else(|| {
            AppError::invalid(
                Field::Message,
                "The message you are replying to is not in this conversation.",
            )
        })
}

/// What a reply shows of `original`, written by `sender`: the same quote the browser makes
/// from a message it holds. A withheld original is quoted as deleted, for everyone: a reply
/// sent after an unblock must not carry what was withheld.
pub fn snippet(original: &message::Model, sender: UserView) -> ReplySnippet {
    let mut shown = original.clone();
    if shown.withheld_from.is_some() {
        shown.deleted = true;
    }
    ReplySnippet::of(&view(shown, sender))
}
