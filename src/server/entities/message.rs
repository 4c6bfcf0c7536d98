use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "messages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub conversation_id: i64,
    /// Unique within the conversation; history pages are ranges of it.
    pub seq: i64,
    pub sender_id: i64,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    /// Unique per sender, so a resend is recognised across restarts.
    pub client_id: String,
    pub created_at: i64,
    pub deleted: bool,
    /// Storage key of the message's image; `None` for text (and once deleted).
    pub image_key: Option<String>,
    /// Size of the display version and the thumbnail, in pixels.
    pub image_width: Option<i32>,
    pub image_height: Option<i32>,
    pub thumb_width: Option<i32>,
    pub thumb_height: Option<i32>,
    /// The number of the conversation's change that left this message as it is: its sending,
    /// or its latest deletion, edit or reaction.
    pub change_seq: i64,
    pub edited: bool,
    /// The seq of the message of the same conversation this one answers.
    pub reply_to_seq: Option<i64>,
    /// The member who had blocked the sender when it was sent: they never receive it (their
    /// reads show a bare placeholder that keeps the seqs without gaps).
    pub withheld_from: Option<i64>,
    /// A change to a group shown as a line in the timeline (`protocol::GroupEventKind`, in
    /// snake case): `sender_id` made it, `event_user_id` is the member it concerns, and a
    /// new name is in `body`. `None` for messages people wrote.
    pub event: Option<String>,
    pub event_user_id: Option<i64>,
}

impl ActiveModelBehavior for ActiveModel {}
