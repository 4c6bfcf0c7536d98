//! What a node asks every node (itself included) to do with its sockets.

use crate::server::{
    model::conversations::Audience,
    ws::{ConnectionId, Frame, Registry},
};

#[derive(Debug, Clone)]
pub enum Command {
    /// Queue `frame` for the connections of `audience`, except `skip` (the sender's own, which
    /// is answered directly).
    Deliver {
        audience: Audience,
        frame: Frame,
        skip: Option<ConnectionId>,
    },
    /// The user's sessions were all revoked.
    DisconnectUser { user_id: i64 },
    /// Some of the user's sessions ended.
    DisconnectSessions { user_id: i64, sessions: Vec<i64> },
}

impl Command {
    /// Carries the command out on this node's sockets.
    pub fn apply(&self, registry: &Registry) {
        match self {
            Self::Deliver {
                audience,
                frame,
                skip,
            } => registry.deliver(audience, frame, *skip),
            Self::DisconnectUser { user_id } => registry.disconnect_user(*user_id),
            Self::DisconnectSessions { user_id, sessions } => {
                registry.disconnect_sessions(*user_id, sessions)
            }
        }
    }
}
