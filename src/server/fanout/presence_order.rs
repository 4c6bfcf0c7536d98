//! Frames about one person's presence can be worked out on two nodes at once (one finds them
//! gone, the other sees them arrive) and reach a node in either order. Each carries the
//! version of the change it tells, taken in Redis in the order the changes happened, and a
//! node drops a frame for a viewer it has already given a newer one about the same person:
//! what a tab is left seeing is the newest change it was told, whichever node told it last.
//! Kept per viewer, since frames about one person go to different people (a retell to one
//! viewer, an announcement to all the person's watchers).

use super::Command;
use crate::server::{model::conversations::Audience, presence::UNORDERED, ws::Registry};
use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};

/// How long the version a viewer was told about a person is remembered: far longer than two
/// nodes' frames about them can race (versions start from Redis's clock, so a frame older
/// than a forgotten one is still older than what it told).
const REMEMBERED: Duration = Duration::from_secs(120);

#[derive(Default)]
pub struct PresenceOrder {
    told: Mutex<Told>,
}

/// For each (viewer, person) that this node told: the version, and when.
#[derive(Default)]
struct Told {
    versions: HashMap<(i64, i64), (u64, Instant)>,
    next_forgetting: Option<Instant>,
}

impl PresenceOrder {
    /// Carries `command` out on this node's sockets; a frame about someone's presence only to
    /// the viewers it does not take back to an older change. The check and the delivery are
    /// one step, so two frames checked in one order are not queued in the other.
    pub fn apply(&self, command: &Command, registry: &Registry) {
        let Command::TellPresence {
            audience: Audience::Users(viewers),
            frame,
            person,
            version,
        } = command
        else {
            return command.apply(registry);
        };
        if *version == UNORDERED {
            return command.apply(registry);
        }
        let mut told = self.told.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        // Only viewers with a socket here: the others are told nothing by this node.
        let newer: Vec<i64> = viewers
            .iter()
            .copied()
            .filter(|viewer| registry.connections_of(*viewer) > 0)
            .filter(|viewer| {
                told.versions
                    .get(&(*viewer, *person))
                    .is_none_or(|(last, _)| last <= version)
            })
            .collect();
        for viewer in &newer {
            told.versions.insert((*viewer, *person), (*version, now));
        }
        if told.next_forgetting.is_none_or(|at| now >= at) {
            told.versions
                .retain(|_, (_, at)| now.duration_since(*at) < REMEMBERED);
            told.next_forgetting = Some(now + REMEMBERED);
        }
        registry.deliver(&Audience::Users(newer), frame, None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        protocol::{PresenceView, ServerMsg},
        server::ws::Frame,
    };

    const ANN: i64 = 1;

    fn tell(viewers: &[i64], presence: PresenceView, version: u64) -> Command {
        Command::TellPresence {
            audience: Audience::Users(viewers.to_vec()),
            frame: Frame::encode(&ServerMsg::Presence {
                user_id: ANN,
                presence: Some(presence),
            }),
            person: ANN,
            version,
        }
    }

    fn said(frames: &mut tokio::sync::mpsc::Receiver<Frame>) -> Vec<bool> {
        std::iter::from_fn(|| frames.try_recv().ok())
            .map(|frame| frame.as_str().contains(r#""online":true"#))
            .collect()
    }

    #[test]
    fn an_older_change_is_dropped_only_for_viewers_told_a_newer_one() {
        let registry = Registry::new(16);
        let (_, mut bob) = registry.register(2, 1);
        let (_, mut carol) = registry.register(3, 1);
        let order = PresenceOrder::default();
        // Ann online (version 6) told to Bob; then her offline (5) to both, arriving late.
        order.apply(&tell(&[2], PresenceView::ONLINE, 6), &registry);
        order.apply(&tell(&[2, 3], PresenceView::offline(None), 5), &registry);
        assert_eq!(said(&mut bob), [true], "Bob keeps the newer");
        assert_eq!(said(&mut carol), [false], "Carol was told nothing newer");
        // The same version again, and no version at all, still go through.
        order.apply(&tell(&[2], PresenceView::ONLINE, 6), &registry);
        order.apply(
            &tell(&[2], PresenceView::offline(None), UNORDERED),
            &registry,
        );
        assert_eq!(said(&mut bob), [true, false]);
    }
}
