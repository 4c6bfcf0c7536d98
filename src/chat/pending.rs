//! The messages of ours on their way in one conversation: sent (or about to be) and not yet
//! acknowledged, or refused with why. Each is known by the client id it is sent with, which
//! also tells it apart from its stored copy once the server has one. Pure data, used by
//! `Timeline` and unit-tested through it.

use crate::protocol::{ClientMsg, ReplySnippet};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingMessage {
    pub client_id: String,
    pub body: String,
    /// The message it answers, quoted while it waits.
    pub reply_to: Option<ReplySnippet>,
    /// Why the server refused it; `None` while it is still on its way.
    pub failure: Option<String>,
}

impl PendingMessage {
    /// The frame that sends it (again: the same client id, so it is never stored twice).
    pub fn send_frame(&self, conversation_id: i64) -> ClientMsg {
        ClientMsg::Send {
            conversation_id,
            client_id: self.client_id.clone(),
            body: self.body.clone(),
            reply_to_seq: self.reply_to.as_ref().map(|r| r.seq),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PendingList {
    messages: Vec<PendingMessage>,
    /// The client ids of our messages the server said it stored (an Ack, or `MessageView`'s
    /// `client_id`): one of them is never pending beside its stored copy. A list: it is
    /// searched only when a kept message comes back, and a set's code cost the wasm more.
    stored_client_ids: Vec<String>,
}

impl PendingList {
    pub fn push(&mut self, pending: PendingMessage) {
        self.messages.push(pending);
    }

    /// A message a previous load of this tab had on its way (`kept_outbox`); not if it is
    /// stored already (sent before the reload, its Ack lost) or pending here.
    pub fn keep(&mut self, pending: PendingMessage) {
        let stored = self.stored_client_ids.contains(&pending.client_id);
        if !stored && !self.contains(&pending.client_id) {
            self.messages.push(pending);
        }
    }

    /// The server stored the message sent with `client_id`: it stops being pending.
    pub fn stored(&mut self, client_id: String) {
        self.messages.retain(|p| p.client_id != client_id);
        if !self.stored_client_ids.contains(&client_id) {
            self.stored_client_ids.push(client_id);
        }
    }

    pub fn contains(&self, client_id: &str) -> bool {
        self.messages.iter().any(|p| p.client_id == client_id)
    }

    pub fn reject(&mut self, client_id: &str, reason: String) {
        if let Some(p) = self.messages.iter_mut().find(|p| p.client_id == client_id) {
            p.failure = Some(reason);
        }
    }

    /// Puts a failed message back on its way (same client id, so it cannot be stored twice).
    pub fn retry(&mut self, client_id: &str) -> Option<PendingMessage> {
        let p = self
            .messages
            .iter_mut()
            .find(|p| p.client_id == client_id)?;
        p.failure = None;
        Some(p.clone())
    }

    pub fn discard(&mut self, client_id: &str) {
        self.messages.retain(|p| p.client_id != client_id);
    }

    /// Messages to (re)send after a (re)connect.
    pub fn unsent(&self) -> impl Iterator<Item = &PendingMessage> {
        self.messages.iter().filter(|p| p.failure.is_none())
    }

    pub fn all(&self) -> &[PendingMessage] {
        &self.messages
    }
}
