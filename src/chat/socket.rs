//! The chat socket as the page sees it: a connection status to show, and `send`. In the
//! browser a `SocketDriver` does the work; during server rendering there is no socket.

use super::{store::ChatStore, timeline::Timeline};
use crate::protocol::ClientMsg;
use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
// Only the browser's driver ever goes online; the server renders `Connecting`.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub enum LinkStatus {
    Connecting,
    Online,
    /// Lost; a reconnect is scheduled.
    Offline,
}

#[derive(Clone)]
pub struct ChatSocket {
    pub status: RwSignal<LinkStatus>,
    #[cfg(feature = "hydrate")]
    driver: send_wrapper::SendWrapper<std::rc::Rc<super::socket_driver::SocketDriver>>,
}

impl ChatSocket {
    /// Opens the tab's one socket (in the browser) for as long as the calling component
    /// lives. It carries every conversation of the user.
    pub fn start(store: ChatStore) -> Self {
        let status = RwSignal::new(LinkStatus::Connecting);
        #[cfg(feature = "hydrate")]
        {
            let driver = send_wrapper::SendWrapper::new(super::socket_driver::SocketDriver::start(
                store, status,
            ));
            let on_leave = driver.clone();
            on_cleanup(move || on_leave.stop());
            Self { status, driver }
        }
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = store;
            Self { status }
        }
    }

    /// Sends now if the socket is open. Messages that cannot go now stay pending in their
    /// timeline and are sent when the socket opens again.
    pub fn send(&self, msg: &ClientMsg) {
        #[cfg(feature = "hydrate")]
        self.driver.send(msg);
        #[cfg(not(feature = "hydrate"))]
        let _ = msg;
    }

    /// Asks for what `timeline` missed (and resends what it has unacknowledged), as on every
    /// (re)connect; nothing if the socket is not open, since its opening does the same.
    pub fn catch_up(&self, timeline: RwSignal<Timeline>) {
        #[cfg(feature = "hydrate")]
        self.driver.resume(timeline);
        #[cfg(not(feature = "hydrate"))]
        let _ = timeline;
    }
}

pub fn use_chat_socket() -> ChatSocket {
    expect_context::<ChatSocket>()
}
