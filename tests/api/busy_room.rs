//! A room kept busy by people sending to it one message after another, so a test can check
//! what must hold while other writers commit at the same moment.

use crate::helpers::{say, TestApp};
use parley::protocol::ServerMsg;
use std::sync::{
    atomic::{AtomicBool, Ordering},
    Arc,
};
use tokio::task::JoinHandle;

pub struct BusyRoom {
    stop: Arc<AtomicBool>,
    writers: Vec<JoinHandle<usize>>,
}

impl BusyRoom {
    /// Signs up `writers` people, each sending to the room until `stop`.
    pub async fn start(app: &TestApp, writers: usize) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let mut handles = Vec::new();
        for w in 0..writers {
            let mut socket = app.user(&format!("writer{w}")).await.socket().await;
            let stop = stop.clone();
            handles.push(tokio::spawn(async move {
                let mut sent = 0;
                while !stop.load(Ordering::Relaxed) {
                    let client_id = format!("writer{w}-{sent:06}");
                    socket.send(&say(&client_id, "keeping the room busy")).await;
                    // Everyone's messages reach every writer: read up to this one's ack.
                    loop {
                        match socket.recv().await {
                            ServerMsg::Ack {
                                client_id: acked, ..
                            } if acked == client_id => break,
                            ServerMsg::Rejected { error, .. } => {
                                panic!("a busy writer was refused: {error}")
                            }
                            _ => {}
                        }
                    }
                    sent += 1;
                }
                sent
            }));
        }
        Self {
            stop,
            writers: handles,
        }
    }

    /// Stops the writers and asserts that each one wrote while the room was busy.
    pub async fn stop(self) {
        self.stop.store(true, Ordering::Relaxed);
        for writer in self.writers {
            assert!(writer.await.unwrap() > 0, "every writer wrote");
        }
    }
}
