//! The browser's end of `/ws`: connects, pings, reconnects with backoff after a drop, and on
//! every (re)connect asks for exactly what it missed and resends what was never acknowledged.
//! Frames of every conversation arrive here and are applied to the store (`frames`).

mod frames;
mod wake;

use super::{socket::LinkStatus, store::ChatStore};
use crate::protocol::{ClientMsg, ServerMsg, PING_INTERVAL_SECS};
use leptos::prelude::*;
use std::{
    cell::{Cell, RefCell},
    collections::HashSet,
    rc::Rc,
    time::Duration,
};
use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{CloseEvent, MessageEvent, WebSocket};

/// Longest wait between reconnect attempts.
const MAX_BACKOFF_MS: f64 = 30_000.0;

struct Handlers {
    _open: Closure<dyn FnMut()>,
    _message: Closure<dyn FnMut(MessageEvent)>,
    _close: Closure<dyn FnMut(CloseEvent)>,
}

pub struct SocketDriver {
    store: ChatStore,
    status: RwSignal<LinkStatus>,
    socket: RefCell<Option<WebSocket>>,
    handlers: RefCell<Option<Handlers>>,
    failures: Cell<u32>,
    stopped: Cell<bool>,
    last_heard_ms: Cell<f64>,
    heartbeat: Cell<Option<IntervalHandle>>,
    /// Whether the current attempt got as far as an open socket.
    opened: Cell<bool>,
    /// Conversations with a catch-up asked for a gap and not yet answered in full, so a burst
    /// of out-of-order frames asks once.
    filling_gaps: RefCell<HashSet<i64>>,
    /// The reconnect waiting out its backoff, if one is.
    reconnect_timer: Cell<Option<TimeoutHandle>>,
    /// `online` and `visibilitychange`, which cut that wait short.
    wake_listeners: RefCell<Vec<WindowListenerHandle>>,
    /// Whether a socket of this page was open before: the next one to open is a reconnect.
    was_connected: Cell<bool>,
}

impl SocketDriver {
    pub fn start(store: ChatStore, status: RwSignal<LinkStatus>) -> Rc<Self> {
        let driver = Rc::new(Self {
            store,
            status,
            socket: RefCell::new(None),
            handlers: RefCell::new(None),
            failures: Cell::new(0),
            stopped: Cell::new(false),
            last_heard_ms: Cell::new(js_sys::Date::now()),
            heartbeat: Cell::new(None),
            opened: Cell::new(false),
            filling_gaps: RefCell::new(HashSet::new()),
            reconnect_timer: Cell::new(None),
            wake_listeners: RefCell::new(Vec::new()),
            was_connected: Cell::new(false),
        });
        driver.listen_for_wake_ups();
        if super::early_socket::is_waiting() {
            driver.adopt_when_hydrated();
        } else {
            driver.connect();
        }
        let beat = weakly(&driver, |d, ()| d.beat());
        let beat =
            set_interval_with_handle(move || beat(()), Duration::from_secs(PING_INTERVAL_SECS));
        driver.heartbeat.set(beat.ok());
        driver
    }

    pub fn stop(&self) {
        self.stopped.set(true);
        if let Some(handle) = self.heartbeat.take() {
            handle.clear();
        }
        if let Some(timer) = self.reconnect_timer.take() {
            timer.clear();
        }
        for listener in self.wake_listeners.take() {
            listener.remove();
        }
        if let Some(socket) = self.socket.borrow_mut().take() {
            let _ = socket.close();
        }
    }

    pub fn send(&self, msg: &ClientMsg) -> bool {
        let socket = self.socket.borrow();
        let Some(socket) = socket
            .as_ref()
            .filter(|s| s.ready_state() == WebSocket::OPEN)
        else {
            return false;
        };
        match serde_json::to_string(msg) {
            Ok(text) => socket.send_with_str(&text).is_ok(),
            Err(_) => false,
        }
    }

    fn connect(self: &Rc<Self>) {
        if let Some(timer) = self.reconnect_timer.take() {
            timer.clear();
        }
        if self.stopped.get() {
            return;
        }
        self.status.set(LinkStatus::Connecting);
        self.opened.set(false);
        let Ok(socket) = WebSocket::new(&socket_url()) else {
            self.reconnect_later();
            return;
        };
        self.listen(socket);
    }

    /// Takes over the page's early socket once the page is hydrated, so the link bar and
    /// everything its frames change are drawn. Taken only then: until the driver listens, the
    /// page's script keeps what arrives, so a frame that comes while the page hydrates is not
    /// dropped.
    fn adopt_when_hydrated(self: &Rc<Self>) {
        let weak = Rc::downgrade(self);
        crate::after_hydration::after_hydration(move || {
            match (weak.upgrade(), super::early_socket::take()) {
                (Some(driver), Some((socket, frames))) => driver.adopt(socket, frames),
                // The page closed it meanwhile (15 s unused, or too many frames).
                (Some(driver), None) => driver.connect(),
                (None, Some((socket, _))) => {
                    let _ = socket.close();
                }
                (None, None) => {}
            }
        });
    }

    /// Takes over the socket the page opened before its wasm came (`early_socket`), with the
    /// frames it kept, as if this driver had opened it: they are read after the opening, in the
    /// order they came. One that closed already is replaced.
    fn adopt(self: &Rc<Self>, socket: WebSocket, frames: Vec<String>) {
        if self.stopped.get() {
            let _ = socket.close();
            return;
        }
        match socket.ready_state() {
            WebSocket::OPEN => {
                self.listen(socket);
                self.on_open();
                for frame in frames {
                    self.on_text(&frame);
                }
            }
            WebSocket::CONNECTING => self.listen(socket),
            _ => self.connect(),
        }
    }

    fn listen(self: &Rc<Self>, socket: WebSocket) {
        let open = weakly(self, |d, ()| d.on_open());
        let open = Closure::<dyn FnMut()>::new(move || open(()));
        let message =
            Closure::<dyn FnMut(MessageEvent)>::new(weakly(self, |d, event| d.on_message(event)));
        let close =
            Closure::<dyn FnMut(CloseEvent)>::new(weakly(self, |d, _: CloseEvent| d.on_close()));
        socket.set_onopen(Some(open.as_ref().unchecked_ref()));
        socket.set_onmessage(Some(message.as_ref().unchecked_ref()));
        socket.set_onclose(Some(close.as_ref().unchecked_ref()));
        *self.handlers.borrow_mut() = Some(Handlers {
            _open: open,
            _message: message,
            _close: close,
        });
        *self.socket.borrow_mut() = Some(socket);
    }

    fn on_open(&self) {
        // A server restarted by a release may now serve another build than this page's.
        if self.was_connected.replace(true) {
            crate::main_wasm_retry::say_if_released();
        }
        self.opened.set(true);
        self.failures.set(0);
        self.last_heard_ms.set(js_sys::Date::now());
        self.status.set(LinkStatus::Online);
        self.filling_gaps.borrow_mut().clear();
        for timeline in self.store.timelines() {
            self.resume(timeline);
        }
        let carried = self.store.carried.try_with_value(|c| c.send_frames(None));
        for frame in carried.unwrap_or_default() {
            self.send(&frame);
        }
    }

    fn on_message(self: &Rc<Self>, event: MessageEvent) {
        self.last_heard_ms.set(js_sys::Date::now());
        if let Some(text) = event.data().as_string() {
            self.on_text(&text);
        }
    }

    fn on_text(self: &Rc<Self>, text: &str) {
        match crate::json::from_text::<ServerMsg>(text) {
            Ok(msg) => self.apply(msg),
            Err(error) => leptos::logging::warn!("ignored an unreadable frame: {error}"),
        }
    }

    fn on_close(self: &Rc<Self>) {
        self.socket.borrow_mut().take();
        if !self.opened.get() {
            leave_if_signed_out();
        }
        if !self.stopped.get() {
            self.status.set(LinkStatus::Offline);
            self.reconnect_later();
        }
    }

    /// Exponential backoff with jitter, so a restarted server is not hit by everyone at once.
    fn reconnect_later(self: &Rc<Self>) {
        let failures = self.failures.get().saturating_add(1);
        self.failures.set(failures);
        let base = (500.0 * 2f64.powi(failures.min(8) as i32)).min(MAX_BACKOFF_MS);
        let delay = base * (0.5 + js_sys::Math::random() / 2.0);
        let reconnect = weakly(self, |d, ()| d.connect());
        let timer =
            set_timeout_with_handle(move || reconnect(()), Duration::from_millis(delay as u64));
        self.reconnect_timer.set(timer.ok());
    }

    /// Gives up on a socket that stopped answering and reconnects. Its close event is not
    /// waited for: the browser's closing handshake with a peer that is gone can take long.
    fn abandon(self: &Rc<Self>) {
        let Some(socket) = self.socket.borrow_mut().take() else {
            return;
        };
        socket.set_onopen(None);
        socket.set_onmessage(None);
        socket.set_onclose(None);
        let _ = socket.close();
        self.handlers.borrow_mut().take();
        self.on_close();
    }

    /// Pings an open socket; one silent for too long is half-open (a phone that slept, a
    /// dropped Wi-Fi) and is given up, which schedules a reconnect.
    fn beat(self: &Rc<Self>) {
        let silent_ms = js_sys::Date::now() - self.last_heard_ms.get();
        if silent_ms > (PING_INTERVAL_SECS * 2500) as f64 {
            self.abandon();
            return;
        }
        self.send(&ClientMsg::Ping);
    }
}

/// Calls `f` with the driver while it is alive. Browser callbacks hold only a weak reference,
/// so a page that has gone away lets its driver drop instead of being kept alive by them.
fn weakly<A>(
    driver: &Rc<SocketDriver>,
    f: impl Fn(&Rc<SocketDriver>, A) + 'static,
) -> impl Fn(A) + 'static {
    let weak = Rc::downgrade(driver);
    move |arg| {
        if let Some(d) = weak.upgrade() {
            f(&d, arg);
        }
    }
}

/// A refused upgrade looks like any failed connection to the browser. The session may have
/// been revoked (a password change elsewhere): then the page goes to the login form instead of
/// retrying forever.
fn leave_if_signed_out() {
    leptos::task::spawn_local(async {
        if let Ok(None) = crate::auth::api::current_user().await {
            let _ = window().location().set_href("/login");
        }
    });
}

fn socket_url() -> String {
    let location = window().location();
    let scheme = match location.protocol().as_deref() {
        Ok("https:") => "wss",
        _ => "ws",
    };
    let host = location.host().unwrap_or_default();
    format!("{scheme}://{host}{}", crate::protocol::SOCKET_PATH)
}
