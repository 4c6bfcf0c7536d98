//! What the socket's frames do to the chat store, and what the tab asks for on its own: the
//! catch-up after a (re)connect or a gap, and resending what was never acknowledged.

use super::{weakly, SocketDriver};
use crate::{
    chat::{clock::now_ms, inbox_reloads::InboxEdit, timeline::Timeline},
    error::AppError,
    protocol::{ClientMsg, MessageView, ServerMsg, TYPING_EXPIRES_MS},
};
use leptos::prelude::*;
use std::{rc::Rc, time::Duration};

impl SocketDriver {
    /// Resends the timeline's unacknowledged messages (same client ids: anything the server
    /// already stored is acknowledged, not duplicated) and asks for what it missed.
    pub(in crate::chat) fn resume(&self, timeline: RwSignal<Timeline>) {
        let Some((conversation_id, after_change, unsent)) = timeline.try_with_untracked(|t| {
            let unsent: Vec<_> = t
                .unsent()
                .map(|p| p.send_frame(t.conversation_id()))
                .collect();
            (t.conversation_id(), t.changes_through(), unsent)
        }) else {
            return;
        };
        // What is unsent goes first. The server answers a socket's frames in order, so a
        // message it had stored before the link dropped (its Ack lost) is acknowledged, and
        // stops being pending, before the catch-up brings it: asked the other way round, the
        // tab showed it twice until the Ack came.
        for frame in unsent {
            self.send(&frame);
        }
        self.send(&ClientMsg::CatchUp {
            conversation_id,
            after_change,
        });
    }

    pub(super) fn apply(self: &Rc<Self>, msg: ServerMsg) {
        let store = self.store;
        if let ServerMsg::Message { message } = &msg {
            crate::notifications::on_new_message(store, message);
            // A change to a group (its name, its members, one's own place in it): the list
            // shows it as the server has it now.
            if message.event.is_some() {
                store.refresh_inbox();
            }
            // Their message is what they were typing.
            store
                .typing
                .maybe_update(|b| b.clear(message.conversation_id, message.sender.id));
        }
        match msg {
            // The list was read before this socket was registered (rendered with the page,
            // or before a reconnect): what changed in between reached neither. Read after
            // `ready`, it misses nothing the socket does not bring.
            ServerMsg::Ready { .. } => store.refresh_inbox(),
            ServerMsg::Pong => {}
            ServerMsg::Ack { client_id, message } => {
                self.note(&message);
                store.carried.update_value(|c| c.acknowledged(&client_id));
                if let Some(timeline) = store.timeline(message.conversation_id) {
                    timeline.update(|t| t.acknowledge(&client_id, message));
                }
            }
            ServerMsg::Message { message }
            | ServerMsg::Deleted { message }
            | ServerMsg::Updated { message } => {
                self.note(&message);
                if let Some(timeline) = store.timeline(message.conversation_id) {
                    timeline.update(|t| {
                        t.observe_change(message.change);
                        t.insert(message);
                    });
                    self.fill_gap(timeline);
                }
            }
            ServerMsg::CaughtUp {
                conversation_id,
                messages,
                complete,
            } => {
                // In change order: the newest message is not always the last one.
                if let Some(newest) = messages.iter().max_by_key(|m| m.seq) {
                    self.note(newest);
                }
                let Some(timeline) = store.timeline(conversation_id) else {
                    return;
                };
                // Nothing new (the usual answer when a conversation opens) changes nothing:
                // the list does not react to a catch-up that brought no message.
                if let Some(last) = messages.last() {
                    let through = last.change;
                    timeline.update(|t| {
                        t.caught_up_through(through);
                        messages.into_iter().for_each(|m| {
                            t.insert(m);
                        })
                    });
                }
                if complete {
                    // Not asked again at once if a hole remains: the next frame asks.
                    self.filling_gaps.borrow_mut().remove(&conversation_id);
                } else {
                    let after_change = timeline.with_untracked(Timeline::changes_through);
                    self.send(&ClientMsg::CatchUp {
                        conversation_id,
                        after_change,
                    });
                }
            }
            ServerMsg::Read {
                conversation_id,
                seq,
            } => {
                store.edit_inbox(InboxEdit::Read {
                    conversation_id,
                    seq,
                });
            }
            ServerMsg::Seen {
                conversation_id,
                seq,
            } => {
                store.edit_inbox(InboxEdit::Seen {
                    conversation_id,
                    seq,
                });
            }
            ServerMsg::MemberRead {
                conversation_id,
                reader,
            } => store.readers.update(|r| r.note(conversation_id, reader)),
            ServerMsg::Presence { user_id, presence } => {
                store.presence.update(|p| {
                    p.insert(user_id, presence);
                });
                store.edit_inbox(InboxEdit::Presence { user_id, presence });
            }
            ServerMsg::Hidden { conversation_id } => {
                store.edit_inbox(InboxEdit::Hidden { conversation_id });
            }
            ServerMsg::Muted {
                conversation_id,
                muted,
            } => {
                store.edit_inbox(InboxEdit::Muted {
                    conversation_id,
                    muted,
                });
            }
            ServerMsg::Typing {
                conversation_id,
                user,
                typing,
            } => {
                let typing_board = store.typing;
                typing_board.update(|b| b.note(conversation_id, user, typing, now_ms()));
                // Forgotten if nothing more is heard: a tab that closed says nothing.
                set_timeout(
                    move || {
                        typing_board.maybe_update(|b| b.expire(now_ms()));
                    },
                    Duration::from_millis(TYPING_EXPIRES_MS as u64 + 50),
                );
            }
            // Sent faster than the server takes: the message stays pending and goes again when
            // the server said it may.
            ServerMsg::Rejected {
                client_id: Some(client_id),
                error: AppError::RateLimited { retry_after_s },
            } => {
                let resend = weakly(self, |d, client_id: String| d.resend(&client_id));
                set_timeout(
                    move || resend(client_id),
                    Duration::from_secs(retry_after_s),
                );
            }
            ServerMsg::Rejected {
                client_id: Some(client_id),
                error,
            } => {
                let holder = store
                    .timelines()
                    .into_iter()
                    .find(|t| t.with_untracked(|t| t.is_pending(&client_id)));
                if let Some(timeline) = holder {
                    timeline.update(|t| t.reject(&client_id, error.to_string()));
                } else {
                    store.carried.update_value(|c| {
                        c.rejected(&client_id, &error.to_string());
                    });
                }
            }
            // A catch-up or read mark refused for its rate: ask again for everything the tab
            // holds once the server allows it (resending is idempotent).
            ServerMsg::Rejected {
                client_id: None,
                error: AppError::RateLimited { retry_after_s },
            } => {
                let resume = weakly(self, |d, ()| {
                    for timeline in d.store.timelines() {
                        d.resume(timeline);
                    }
                });
                set_timeout(move || resume(()), Duration::from_secs(retry_after_s));
            }
            ServerMsg::Rejected {
                client_id: None,
                error,
            } => {
                leptos::logging::warn!("the server refused a frame: {error}");
            }
        }
    }

    /// Asks for the changes missed before the newest one seen, unless already asking.
    fn fill_gap(&self, timeline: RwSignal<Timeline>) {
        let gap = timeline
            .try_with_untracked(|t| {
                t.has_gap()
                    .then(|| (t.conversation_id(), t.changes_through()))
            })
            .flatten();
        let Some((conversation_id, after_change)) = gap else {
            return;
        };
        if self.filling_gaps.borrow_mut().insert(conversation_id) {
            self.send(&ClientMsg::CatchUp {
                conversation_id,
                after_change,
            });
        }
    }

    /// Sends a pending message again, if it is still waiting for its acknowledgement.
    fn resend(&self, client_id: &str) {
        let waiting = self.store.timelines().into_iter().find_map(|timeline| {
            timeline.with_untracked(|t| {
                t.unsent()
                    .find(|p| p.client_id == client_id)
                    .map(|p| p.send_frame(t.conversation_id()))
            })
        });
        let waiting = waiting.or_else(|| {
            let carried = self
                .store
                .carried
                .try_with_value(|c| c.send_frames(Some(client_id)));
            carried.unwrap_or_default().into_iter().next()
        });
        if let Some(frame) = waiting {
            self.send(&frame);
        }
    }

    /// Updates the conversation list; a conversation it does not hold yet (new, or hidden
    /// until now) makes it reload.
    fn note(&self, message: &MessageView) {
        if !self.store.note_message(message) {
            self.store.refresh_inbox();
        }
    }
}
