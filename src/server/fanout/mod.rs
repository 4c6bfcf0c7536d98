//! How anything reaches sockets. Feature code publishes a `Command` here and never touches a
//! node's socket registry itself, so the same code serves one node (`LocalFanOut`, the default)
//! and several nodes sharing a Redis (`RedisFanOut`, with `PARLEY_REDIS_URL`).

mod command;
mod local;
mod presence_order;
mod redis_pubsub;
mod wire;

pub use command::Command;
pub use local::LocalFanOut;
pub use presence_order::PresenceOrder;
pub use redis_pubsub::RedisFanOut;

use crate::{
    protocol::{MessageView, ServerMsg},
    server::{
        model::conversations::{Audience, Delivery},
        ws::{ConnectionId, Frame},
    },
};

pub trait FanOut: Send + Sync {
    /// Carries out `command` on every node. Never waits and never fails: a frame that cannot
    /// reach another node is recovered by its readers' catch-up (see `RedisFanOut`).
    fn publish(&self, command: Command);
}

impl dyn FanOut {
    /// Sends `msg` to every connection of `audience` on every node, except `skip`.
    pub fn deliver(&self, audience: Audience, msg: &ServerMsg, skip: Option<ConnectionId>) {
        self.publish(Command::Deliver {
            audience,
            frame: Frame::encode(msg),
            skip,
        });
    }

    /// Sends `msg`, a frame about `person`'s presence, to every connection of `audience` on
    /// every node that has not delivered a newer one about them (`version`, see
    /// `PresenceOrder`).
    pub fn tell_presence(&self, audience: Audience, msg: &ServerMsg, person: i64, version: u64) {
        self.publish(Command::TellPresence {
            audience,
            frame: Frame::encode(msg),
            person,
            version,
        });
    }

    /// Sends a frame about `message` to the delivery's audience but `skip`; the member it is
    /// withheld from (they blocked its sender) gets the frame about its bare placeholder
    /// instead, and members who joined a group after the message it quotes get it unquoted.
    pub fn deliver_message(
        &self,
        delivery: Delivery,
        message: &MessageView,
        frame: impl Fn(MessageView) -> ServerMsg,
        skip: Option<ConnectionId>,
    ) {
        let Delivery {
            audience,
            withheld_from,
            quote_hidden_from,
        } = delivery;
        let Audience::Users(members) = audience else {
            return self.deliver(audience, &frame(message.clone()), skip);
        };
        let (unquoted, others): (Vec<i64>, Vec<i64>) = members
            .into_iter()
            .filter(|m| Some(*m) != withheld_from)
            .partition(|m| quote_hidden_from.contains(m));
        self.deliver(Audience::Users(others), &frame(message.clone()), skip);
        if !unquoted.is_empty() {
            let mut shown = message.clone();
            shown.reply_to = None;
            self.deliver(Audience::Users(unquoted), &frame(shown), skip);
        }
        if let Some(blocker) = withheld_from {
            let placeholder = crate::server::model::messages::placeholder(message.clone());
            self.deliver(Audience::Users(vec![blocker]), &frame(placeholder), None);
        }
    }

    /// Closes every socket of the user, on every node.
    pub fn disconnect_user(&self, user_id: i64) {
        self.publish(Command::DisconnectUser { user_id });
    }

    /// Closes the user's sockets opened with one of `sessions`, on every node.
    pub fn disconnect_sessions(&self, user_id: i64, sessions: &[i64]) {
        self.publish(Command::DisconnectSessions {
            user_id,
            sessions: sessions.to_vec(),
        });
    }
}
