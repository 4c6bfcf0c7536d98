//! Frames about one person's presence can be worked out on two nodes at once (one finds them
//! gone, the other sees them arrive) and reach a node in either order. Each carries the
//! version of the change it tells, taken in Redis in the order the changes happened, and a
//! node drops a frame older than one about the same person it has already delivered: what a
//! tab is left seeing is the newest change, whichever node told it last.

use super::Command;
use crate::server::{presence::UNORDERED, ws::Registry};
use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};

/// How long a person's latest version is remembered: far longer than two nodes' frames about
/// them can race, and a frame older than the last one forgotten is still older than what it
/// told (versions start from Redis's clock).
const REMEMBERED: Duration = Duration::from_secs(120);

#[derive(Default)]
pub struct PresenceOrder {
    latest: Mutex<Latest>,
}

#[derive(Default)]
struct Latest {
    versions: HashMap<i64, (u64, Instant)>,
    next_forgetting: Option<Instant>,
}

impl PresenceOrder {
    /// Carries `command` out on this node's sockets; a frame about someone's presence only if
    /// no newer one about them was delivered. The check and the delivery are one step, so two
    /// frames checked in one order are not queued in the other.
    pub fn apply(&self, command: &Command, registry: &Registry) {
        let Command::TellPresence {
            person, version, ..
        } = command
        else {
            return command.apply(registry);
        };
        if *version == UNORDERED {
            return command.apply(registry);
        }
        let mut latest = self.latest.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        if latest
            .versions
            .get(person)
            .is_some_and(|(newest, _)| newest > version)
        {
            return;
        }
        latest.versions.insert(*person, (*version, now));
        if latest.next_forgetting.is_none_or(|at| now >= at) {
            latest
                .versions
                .retain(|_, (_, seen)| now.duration_since(*seen) < REMEMBERED);
            latest.next_forgetting = Some(now + REMEMBERED);
        }
        command.apply(registry);
    }
}
