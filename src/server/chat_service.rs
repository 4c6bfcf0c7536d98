//! Sending a message, the same way from the socket and from the no-JavaScript form: validate,
//! store (which assigns the seq), and only then tell anyone.

use crate::{
    error::AppError,
    protocol::{MessageView, ServerMsg},
    server::{
        model::messages::{self, Sender},
        session::SessionUser,
        state::AppState,
        ws::{ConnectionId, Frame},
    },
    validation::{ClientId, MessageBody},
};

pub struct Sent {
    pub message: MessageView,
    /// False when this client id had been stored before: nobody was told again.
    pub fresh: bool,
}

/// Stores the message and pushes it to every connected member but `skip`, the sender's own
/// connection, which gets an `Ack` from its caller instead.
pub async fn send_message(
    state: &AppState,
    sender: &SessionUser,
    conversation_id: i64,
    client_id: &str,
    body: &str,
    skip: Option<ConnectionId>,
) -> Result<Sent, AppError> {
    let client_id = ClientId::parse(client_id)?;
    let body = MessageBody::parse(body)?;
    let who = Sender {
        id: sender.id,
        username: &sender.username,
    };
    let stored = messages::store(&state.db, who, conversation_id, &client_id, body).await?;
    if stored.fresh {
        let frame = Frame::encode(&ServerMsg::Message {
            message: stored.message.clone(),
        });
        state.hub.publish(&stored.audience, frame, skip);
    }
    Ok(Sent {
        message: stored.message,
        fresh: stored.fresh,
    })
}
