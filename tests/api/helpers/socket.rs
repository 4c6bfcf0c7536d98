//! A person's chat socket: frames sent and awaited, with the noise other tests skip.

use futures_util::{SinkExt, StreamExt};
use parley::protocol::{ClientMsg, ServerMsg};
use reqwest::StatusCode;
use std::time::Duration;
use tokio_tungstenite::{tungstenite::Message, MaybeTlsStream, WebSocketStream};

pub struct Socket {
    pub(crate) ws: WebSocketStream<MaybeTlsStream<tokio::net::TcpStream>>,
    /// Whether `presence` frames are kept. They come whenever someone one shares a
    /// conversation with connects or leaves, so other tests skip them (`hearing_presence`).
    presence: bool,
}

impl Socket {
    /// A socket the server accepted, once it says `ready`. A session that ended while the
    /// socket opened is closed before `ready`: refused, as an upgrade without a session is.
    pub(super) async fn opened(
        ws: WebSocketStream<MaybeTlsStream<tokio::net::TcpStream>>,
    ) -> Result<Self, StatusCode> {
        let mut socket = Socket {
            ws,
            presence: false,
        };
        match socket.first_frame().await {
            Some(ServerMsg::Ready { .. }) => Ok(socket),
            Some(other) => panic!("expected ready, got {other:?}"),
            None => Err(StatusCode::UNAUTHORIZED),
        }
    }

    pub async fn send(&mut self, msg: &ClientMsg) {
        self.send_text(&serde_json::to_string(msg).unwrap()).await;
    }

    pub async fn send_text(&mut self, text: &str) {
        self.ws.send(Message::text(text)).await.expect("send");
    }

    /// Sends a message to the global room and waits for its acknowledgement.
    pub async fn say(&mut self, client_id: &str, body: &str) -> parley::protocol::MessageView {
        self.say_in(parley::protocol::GLOBAL_CONVERSATION_ID, client_id, body)
            .await
    }

    /// Sends a message (a reply to `reply_to_seq`, if given) without waiting for an answer:
    /// for a test that expects a refusal, or reads the answer among other frames.
    pub async fn send_message(
        &mut self,
        conversation_id: i64,
        client_id: &str,
        body: &str,
        reply_to_seq: Option<i64>,
    ) {
        self.send(&ClientMsg::Send {
            conversation_id,
            client_id: client_id.into(),
            body: body.into(),
            reply_to_seq,
        })
        .await;
    }

    /// Sends a message to a conversation and waits for its acknowledgement.
    pub async fn say_in(
        &mut self,
        conversation_id: i64,
        client_id: &str,
        body: &str,
    ) -> parley::protocol::MessageView {
        self.send_message(conversation_id, client_id, body, None)
            .await;
        match self.recv().await {
            ServerMsg::Ack {
                client_id: acked,
                message,
            } if acked == client_id => message,
            other => panic!("expected the ack of {client_id}, got {other:?}"),
        }
    }

    /// The first text frame, or `None` when the server closes the socket first.
    async fn first_frame(&mut self) -> Option<ServerMsg> {
        loop {
            let frame = tokio::time::timeout(Duration::from_secs(5), self.ws.next())
                .await
                .expect("a frame within 5 s");
            match frame {
                Some(Ok(Message::Text(text))) => {
                    match serde_json::from_str(&text).expect("a ServerMsg") {
                        // Someone else's presence may be queued before `ready`.
                        ServerMsg::Presence { .. } => continue,
                        msg => return Some(msg),
                    }
                }
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => return None,
                Some(Ok(_)) => {}
            }
        }
    }

    /// A WebSocket ping, as a browser tab sends every `PING_INTERVAL_SECS`: the server drops
    /// a socket that has sent nothing for three intervals, which the reader of a long test
    /// reaches on a busy machine. Its pong is skipped like every frame that is not text.
    pub async fn keep_alive(&mut self) {
        self.ws
            .send(Message::Ping(Default::default()))
            .await
            .expect("ping");
    }

    /// The next frame; fails the test after 5 seconds of silence.
    pub async fn recv(&mut self) -> ServerMsg {
        loop {
            let frame = tokio::time::timeout(Duration::from_secs(5), self.ws.next())
                .await
                .expect("a frame within 5 s")
                .expect("the socket is open")
                .expect("a readable frame");
            if self.is_skipped(&frame) {
                continue;
            }
            if let Message::Text(text) = frame {
                return serde_json::from_str(&text).expect("a ServerMsg");
            }
        }
    }

    /// Asserts that nothing arrives for a moment (`presence` frames aside, unless heard).
    pub async fn expect_silence(&mut self) {
        let until = tokio::time::Instant::now() + Duration::from_millis(400);
        while let Ok(Some(Ok(frame))) = tokio::time::timeout_at(until, self.ws.next()).await {
            if !self.is_skipped(&frame) {
                panic!("expected silence, got {frame:?}");
            }
        }
    }

    /// From now on `recv` and `expect_silence` include `presence` frames.
    pub fn hearing_presence(mut self) -> Self {
        self.presence = true;
        self
    }

    fn is_skipped(&self, frame: &Message) -> bool {
        !self.presence
            && matches!(frame, Message::Text(text)
                if matches!(serde_json::from_str(text), Ok(ServerMsg::Presence { .. })))
    }

    /// True when the server closes the socket within 5 seconds (frames before that are skipped).
    pub async fn is_closed_soon(&mut self) -> bool {
        self.is_closed_within(Duration::from_secs(5)).await
    }

    /// True when the server closes the socket within `wait` (frames before that are skipped).
    pub async fn is_closed_within(&mut self, wait: Duration) -> bool {
        let closed = async {
            loop {
                match self.ws.next().await {
                    None | Some(Err(_)) | Some(Ok(Message::Close(_))) => return,
                    Some(Ok(_)) => {}
                }
            }
        };
        tokio::time::timeout(wait, closed).await.is_ok()
    }

    pub async fn close(mut self) {
        let _ = self.ws.close(None).await;
    }
}
