//! Group commit for sends. Every new message goes through one queue, and one task stores what
//! has queued up meanwhile in a single transaction, then tells the members in seq order, then
//! answers each sender. A sender still hears "stored" only after the commit that stored its
//! message; what the batch saves is a commit (a sync to disk) per message and, on SQLite, the
//! writers queueing for the file's one write lock by sleeping and retrying.

use crate::{
    error::AppError,
    protocol::{MessageView, ServerMsg},
    server::{
        fanout::FanOut,
        model::{
            changes, internal,
            message_batch::{store_batch, NewMessage, StoredBatch},
            messages::Stored,
        },
        presence::Presence,
        ws::ConnectionId,
    },
};
use sea_orm::DatabaseConnection;
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot};

/// The most sends stored in one transaction. Enough to absorb a burst; few enough that the
/// first sender of a batch does not wait long for the last.
const MOST_PER_BATCH: usize = 32;
/// Sends waiting for their batch; beyond this, senders wait to join the queue.
const QUEUE_LENGTH: usize = 4096;

/// One message to store, and which connection not to tell (the sender's own, which gets an
/// `ack` from its caller instead).
pub struct Send {
    pub message: NewMessage,
    pub skip: Option<ConnectionId>,
}

/// The stored message, and whether it is new (false: the client id was used before, and that
/// earlier message, already told to everyone, is the answer).
pub type SendResult = Result<(MessageView, bool), AppError>;

struct Job {
    send: Send,
    answer: oneshot::Sender<SendResult>,
}

#[derive(Clone)]
pub struct SendQueue {
    jobs: mpsc::Sender<Job>,
}

impl SendQueue {
    /// Starts the task that stores the batches.
    pub fn start(db: DatabaseConnection, fanout: Arc<dyn FanOut>, presence: Arc<Presence>) -> Self {
        let (jobs, queue) = mpsc::channel(QUEUE_LENGTH);
        tokio::spawn(store_batches(db, fanout, presence, queue));
        Self { jobs }
    }

    /// Stores the message and tells the members; answers once it is committed.
    pub async fn store(&self, send: Send) -> SendResult {
        let (answer, answered) = oneshot::channel();
        self.jobs
            .send(Job { send, answer })
            .await
            .map_err(|_| AppError::Internal)?;
        answered.await.map_err(|_| AppError::Internal)?
    }
}

async fn store_batches(
    db: DatabaseConnection,
    fanout: Arc<dyn FanOut>,
    presence: Arc<Presence>,
    mut queue: mpsc::Receiver<Job>,
) {
    let mut batch = Vec::with_capacity(MOST_PER_BATCH);
    while queue.recv_many(&mut batch, MOST_PER_BATCH).await > 0 {
        commit_batch(&db, &fanout, &presence, std::mem::take(&mut batch)).await;
    }
}

async fn commit_batch(
    db: &DatabaseConnection,
    fanout: &Arc<dyn FanOut>,
    presence: &Arc<Presence>,
    batch: Vec<Job>,
) {
    let txn = match changes::begin_writer(db).await {
        Ok(txn) => txn,
        Err(error) => return refuse_all(batch.into_iter().map(|job| job.answer), error),
    };
    let (messages, replies): (Vec<_>, Vec<_>) = batch
        .into_iter()
        .map(|Job { send, answer }| (send.message, (send.skip, answer)))
        .unzip();
    let StoredBatch {
        outcomes: stored,
        listed_again,
    } = match store_batch(&txn, messages).await {
        Ok(stored) => stored,
        Err(e) => return refuse_all(replies.into_iter().map(|(_, answer)| answer), e),
    };
    if let Err(e) = txn.commit().await {
        let answers = replies.into_iter().map(|(_, answer)| answer);
        return refuse_all(answers, internal("commit sends")(e));
    }
    let outcomes = stored
        .into_iter()
        .zip(replies)
        .map(|(stored, (skip, answer))| (stored, skip, answer));
    // In the order of the batch, which is seq order within each conversation, so readers see
    // no gap that is only a frame overtaking another.
    for (stored, skip, answer) in outcomes {
        let result = stored.map(|stored| match stored {
            Stored::Fresh { message, delivery } => {
                fanout.deliver_message(
                    delivery,
                    &message,
                    |message| ServerMsg::Message { message },
                    skip,
                );
                (message, true)
            }
            Stored::Duplicate { message } => (message, false),
        });
        // A sender that stopped waiting still has its message stored and told.
        let _ = answer.send(result);
    }
    // Presence goes only through conversations in the person's own list: the others in a
    // conversation back in someone's list may see them now. Not waited for, so the next
    // batch is not held up by it.
    for listed in listed_again {
        let presence = presence.clone();
        tokio::spawn(async move {
            for person in &listed.members {
                let others = listed.everyone.iter().copied().filter(|m| m != person);
                presence.retell(*person, others.collect()).await;
            }
        });
    }
}

/// Nothing of the batch was committed: every sender hears so (and its client resends).
fn refuse_all(answers: impl Iterator<Item = oneshot::Sender<SendResult>>, error: AppError) {
    for answer in answers {
        let _ = answer.send(Err(error.clone()));
    }
}
