//! Waking: the network back, or the tab looked at again. A reconnect waiting out its backoff
//! starts at once, and an open socket is checked, since it may have died meanwhile.

use super::{weakly, SocketDriver};
use crate::protocol::ClientMsg;
use leptos::prelude::*;
use std::{rc::Rc, time::Duration};

/// How long a socket checked on waking (`probe`) has to answer its ping before it is given up.
/// Generous for a slow phone network: giving up on a live socket costs only a reconnect.
const PROBE_TIMEOUT: Duration = Duration::from_secs(5);

impl SocketDriver {
    /// A phone back from a tunnel, or a tab looked at again, reconnects at once: a backoff
    /// grown during a long outage would otherwise leave the chat "Reconnecting" for up to 30 s
    /// after the network is back. Each device wakes on its own, so a restarted server is still
    /// not met by everyone at once.
    pub(super) fn listen_for_wake_ups(self: &Rc<Self>) {
        let online = weakly(self, |d, ()| d.wake());
        let shown = weakly(self, |d, ()| {
            if document().visibility_state() == web_sys::VisibilityState::Visible {
                d.wake();
            }
        });
        *self.wake_listeners.borrow_mut() = vec![
            window_event_listener(leptos::ev::online, move |_| online(())),
            window_event_listener(leptos::ev::visibilitychange, move |_| shown(())),
        ];
    }

    fn wake(self: &Rc<Self>) {
        self.reconnect_now();
        self.probe();
    }

    /// An open socket may have died while the phone slept or changed networks, and the
    /// browser still calls it open (half-open): nothing would say so until the heartbeat finds
    /// it silent, a minute or more later, while the chat shows "online" and receives nothing.
    /// Pings it now, and gives it up if nothing is heard within `PROBE_TIMEOUT`.
    fn probe(self: &Rc<Self>) {
        let asked_at = js_sys::Date::now();
        if !self.send(&ClientMsg::Ping) {
            return;
        }
        let check = weakly(self, move |d, ()| {
            if d.last_heard_ms.get() < asked_at {
                d.abandon();
            }
        });
        set_timeout(move || check(()), PROBE_TIMEOUT);
    }

    /// Connects now if a reconnect is waiting out its backoff; a socket open or opening is
    /// left alone.
    fn reconnect_now(self: &Rc<Self>) {
        if let Some(timer) = self.reconnect_timer.take() {
            timer.clear();
            self.connect();
        }
    }
}
