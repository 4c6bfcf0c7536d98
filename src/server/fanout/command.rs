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
    /// Queue `frame`, a frame about `person`'s presence, for the connections of `audience`,
    /// unless this node has delivered a frame about them of a newer `version` (see
    /// `PresenceOrder`).
    TellPresence {
        audience: Audience,
        frame: Frame,
        person: i64,
        version: u64,
    },
    /// The user's sessions were all revoked.
    DisconnectUser { user_id: i64 },
    /// Some of the user's sessions ended.
    DisconnectSessions { user_id: i64, sessions: Vec<i64> },
}

impl Command {
    /// Carries the command out on this node's sockets, whatever its order.
    pub fn apply(&self, registry: &Registry) {
        match self {
            Self::Deliver {
                audience,
                frame,
                skip,
            } => registry.deliver(audience, frame, *skip),
            Self::TellPresence {
                audience, frame, ..
            } => registry.deliver(audience, frame, None),
            Self::DisconnectUser { user_id } => registry.disconnect_user(*user_id),
            Self::DisconnectSessions { user_id, sessions } => {
                registry.disconnect_sessions(*user_id, sessions)
            }
        }
    }
}
