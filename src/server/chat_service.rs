//! Sending a message, the same way from the socket and from the no-JavaScript form: validate,
//! store (which assigns the seq), and only then tell anyone.

use crate::{
    error::AppError,
    protocol::{MessageView, ServerMsg},
    server::{
        model::messages::{self, Sender, Stored},
        session::SessionUser,
        state::AppState,
        ws::{ConnectionId, Frame},
    },
    validation::{ClientId, MessageBody},
};

/// Stores the message and pushes it to every connected member but `skip`, the sender's own
/// connection, which gets an `Ack` from its caller instead. Returns the stored message.
pub async fn send_message(
    state: &AppState,
    sender: &SessionUser,
    conversation_id: i64,
    client_id: &str,
    body: &str,
    skip: Option<ConnectionId>,
) -> Result<MessageView, AppError> {
    let client_id = ClientId::parse(client_id)?;
    let body = MessageBody::parse(body)?;
    let who = Sender {
        id: sender.id,
        username: &sender.username,
    };
    let stored = messages::store(&state.db, who, conversation_id, &client_id, body).await?;
    Ok(match stored {
        Stored::Fresh { message, audience } => {
            let frame = Frame::encode(&ServerMsg::Message {
                message: message.clone(),
            });
            state.hub.publish(&audience, frame, skip);
            message
        }
        // Already told to everyone the first time; the caller acknowledges it again.
        Stored::Duplicate { message } => message,
    })
}
