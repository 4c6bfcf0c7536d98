//! Who is online: a person with at least one open socket on any node. This node counts its own
//! sockets per user; a user whose last socket here closes stays online for a grace period, so
//! a reload (or a reconnect after a blip) does not show them offline and back. When a user
//! comes online or goes offline for good, the people they share a conversation with are told
//! through the fan-out, like any frame (`model::presence::watchers` says who).

mod redis_presence;
mod shared;

pub use redis_presence::RedisPresence;
pub use shared::{Change, NodeOnly, SharedPresence, Version, UNORDERED};

use crate::{
    error::AppError,
    protocol::{ConversationSummary, PresenceView, ServerMsg},
    server::{
        fanout::FanOut,
        model::{conversations::Audience, now_ms, presence as stored},
    },
};
use sea_orm::DatabaseConnection;
use std::{
    collections::{HashMap, HashSet},
    sync::{Arc, Mutex, Weak},
    time::Duration,
};

/// How long a user whose last socket closed still counts as online.
pub const DEFAULT_GRACE: Duration = Duration::from_secs(5);
/// Locks for working out and sending what is told about someone, shared out by user id.
const TELLING_LOCKS: usize = 64;

pub struct Presence {
    db: DatabaseConnection,
    fanout: Arc<dyn FanOut>,
    shared: Arc<dyn SharedPresence>,
    grace: Duration,
    here: Mutex<HashMap<i64, Here>>,
    /// What is told about a person is read and sent under their lock, so on this node a value
    /// read before a change is never sent after the change's own: a retell that read
    /// "offline" just before a socket opened cannot land after that socket's "online". Frames
    /// about one person from two nodes are ordered by their versions instead
    /// (`fanout::PresenceOrder`).
    telling: Vec<tokio::sync::Mutex<()>>,
}

/// A user online on this node: their open sockets (0 during the grace period), and a number
/// that changes whenever a socket opens or closes, so a grace period that ended in a
/// reconnect knows it is stale.
#[derive(Default)]
struct Here {
    sockets: usize,
    generation: u64,
}

impl Presence {
    pub fn start(
        db: DatabaseConnection,
        fanout: Arc<dyn FanOut>,
        shared: Arc<dyn SharedPresence>,
        grace: Duration,
    ) -> Arc<Self> {
        let presence = Arc::new(Self {
            db,
            fanout,
            shared,
            grace,
            here: Mutex::new(HashMap::new()),
            telling: (0..TELLING_LOCKS)
                .map(|_| tokio::sync::Mutex::new(()))
                .collect(),
        });
        tokio::spawn(renew_marks(Arc::downgrade(&presence)));
        presence
    }

    /// A socket of the user opened on this node.
    pub fn connected(self: &Arc<Self>, user_id: i64) {
        let arrived = {
            let mut here = self.lock();
            let entry = here.entry(user_id).or_default();
            let arrived = entry.sockets == 0 && entry.generation == 0;
            entry.sockets += 1;
            entry.generation += 1;
            arrived
        };
        if arrived {
            let this = self.clone();
            tokio::spawn(async move {
                // Online on another node already: its watchers know.
                let change = this.shared.arrive(user_id).await;
                if !change.elsewhere {
                    this.announce(user_id, PresenceView::ONLINE, change.version)
                        .await;
                }
            });
        }
    }

    /// A socket of the user closed on this node.
    pub fn disconnected(self: &Arc<Self>, user_id: i64) {
        let generation = {
            let mut here = self.lock();
            let Some(entry) = here.get_mut(&user_id) else {
                return;
            };
            entry.sockets = entry.sockets.saturating_sub(1);
            entry.generation += 1;
            if entry.sockets > 0 {
                return;
            }
            entry.generation
        };
        let this = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(this.grace).await;
            {
                let mut here = this.lock();
                if here
                    .get(&user_id)
                    .is_none_or(|e| e.generation != generation)
                {
                    return; // a socket opened meanwhile
                }
                here.remove(&user_id);
            }
            let change = this.shared.leave(user_id).await;
            if change.elsewhere {
                return; // still online on another node
            }
            let at = now_ms();
            if let Err(error) = stored::record_last_seen(&this.db, user_id, at).await {
                tracing::warn!(?error, user_id, "could not record last seen");
            }
            this.announce(user_id, PresenceView::offline(Some(at)), change.version)
                .await;
        });
    }

    /// Who among `people` is online, on this node or another.
    pub async fn online_among(&self, people: &[i64]) -> HashSet<i64> {
        let mut online: HashSet<i64> = {
            let here = self.lock();
            people
                .iter()
                .copied()
                .filter(|p| here.contains_key(p))
                .collect()
        };
        let elsewhere: Vec<i64> = people
            .iter()
            .copied()
            .filter(|p| !online.contains(p))
            .collect();
        online.extend(self.shared.online_among(&elsewhere).await);
        online
    }

    /// What `viewer` may see of each of `people`'s presence (a group's member list).
    pub async fn views(
        &self,
        viewer: i64,
        people: &[i64],
    ) -> Result<HashMap<i64, PresenceView>, AppError> {
        let online = self.online_among(people).await;
        stored::views_for(&self.db, viewer, people, &online).await
    }

    /// Fills in each direct conversation's `peer_presence`, as `viewer` may see it.
    pub async fn annotate(
        &self,
        viewer: i64,
        summaries: &mut [ConversationSummary],
    ) -> Result<(), AppError> {
        let peers: Vec<i64> = summaries
            .iter()
            .filter_map(|s| s.peer.as_ref().map(|p| p.id))
            .collect();
        if peers.is_empty() {
            return Ok(());
        }
        let online = self.online_among(&peers).await;
        let views = stored::views_for(&self.db, viewer, &peers, &online).await?;
        for summary in summaries {
            summary.peer_presence = summary
                .peer
                .as_ref()
                .and_then(|p| views.get(&p.id).copied());
        }
        Ok(())
    }

    /// Tells the user's watchers what they may now see of the user: after a change of the
    /// setting, `None` when hidden; otherwise online now (they are using the settings page).
    pub async fn setting_changed(&self, user_id: i64, shown: bool) -> Result<(), AppError> {
        let _telling = self.telling_about(user_id).await;
        let version = self.shared.next_version(user_id).await;
        // Once hidden, `watchers` is empty: those who saw it must still be told it is gone.
        let watchers = stored::watchers_whatever_the_setting(&self.db, user_id).await?;
        let presence = shown.then_some(PresenceView::ONLINE);
        self.tell(watchers, user_id, presence, version);
        Ok(())
    }

    /// Tells each of `viewers` what they may see of `person` now that a conversation between
    /// them came into or left someone's list (presence goes only through conversations in the
    /// person's own list): nothing (`None`) after the person took it out of theirs.
    pub async fn retell(&self, person: i64, viewers: Vec<i64>) {
        let _telling = self.telling_about(person).await;
        // Read first: what is read after it is at least as new as it says.
        let version = self.shared.version(person).await;
        let online = self.online_among(&[person]).await;
        for viewer in viewers {
            match stored::views_for(&self.db, viewer, &[person], &online).await {
                Ok(views) => {
                    let frame = ServerMsg::Presence {
                        user_id: person,
                        presence: views.get(&person).copied(),
                    };
                    self.fanout.tell_presence(
                        Audience::Users(vec![viewer]),
                        &frame,
                        person,
                        version,
                    );
                }
                Err(error) => tracing::warn!(?error, person, "could not retell presence"),
            }
        }
    }

    async fn announce(&self, user_id: i64, presence: PresenceView, version: Version) {
        let _telling = self.telling_about(user_id).await;
        match stored::watchers(&self.db, user_id).await {
            Ok(watchers) => self.tell(watchers, user_id, Some(presence), version),
            Err(error) => tracing::warn!(?error, user_id, "could not announce presence"),
        }
    }

    fn tell(
        &self,
        watchers: Vec<i64>,
        user_id: i64,
        presence: Option<PresenceView>,
        version: Version,
    ) {
        if watchers.is_empty() {
            return;
        }
        self.fanout.tell_presence(
            Audience::Users(watchers),
            &ServerMsg::Presence { user_id, presence },
            user_id,
            version,
        );
    }

    async fn telling_about(&self, person: i64) -> tokio::sync::MutexGuard<'_, ()> {
        let lock = person.unsigned_abs() as usize % TELLING_LOCKS;
        self.telling[lock].lock().await
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<i64, Here>> {
        self.here.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Renews this node's shared marks until the node stops.
async fn renew_marks(presence: Weak<Presence>) {
    let mut every = tokio::time::interval(redis_presence::RENEW_EVERY);
    every.tick().await;
    loop {
        every.tick().await;
        let Some(presence) = presence.upgrade() else {
            return;
        };
        let people: Vec<i64> = presence.lock().keys().copied().collect();
        presence.shared.renew(&people).await;
    }
}
