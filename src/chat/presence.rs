//! Presence as people see it: a green dot on the avatar of someone online, and "online" or
//! "last seen …" under their name in the conversation header.

use super::{
    clock::{civil_from_days, now_ms, LocalClock, MONTHS},
    socket::{ChatSocket, LinkStatus},
};
use crate::protocol::PresenceView;
use leptos::prelude::*;

/// `presence` as it may be shown now. While this tab's own connection is down, "online" was
/// heard before it dropped and may no longer be true (the person may have left since), so
/// nobody shows online until the socket is back and the list has been read again. A "last
/// seen" stays: it was true, and the reload corrects it.
fn while_live(presence: Signal<Option<PresenceView>>) -> impl Fn() -> Option<PresenceView> {
    let link = use_context::<ChatSocket>().map(|socket| socket.status);
    move || {
        let offline = link.is_some_and(|l| l.get() == LinkStatus::Offline);
        presence.get().filter(|p| !(offline && p.online))
    }
}

/// The dot on an avatar while the person is online (nothing otherwise).
#[component]
pub fn PresenceDot(presence: Signal<Option<PresenceView>>) -> impl IntoView {
    let presence = while_live(presence);
    move || {
        presence().is_some_and(|p| p.online).then(|| {
            view! { <span class="presence-dot" role="img" aria-label="Online" title="Online"></span> }
        })
    }
}

/// "online" or "last seen 5 minutes ago" under a name; empty while presence is not shown.
#[component]
pub fn PresenceLine(presence: Signal<Option<PresenceView>>) -> impl IntoView {
    let offset = use_context::<LocalClock>().map(|c| c.0);
    let presence = while_live(presence);
    // "5 minutes ago" grows older while the page is open.
    let minute = RwSignal::new(0u32);
    #[cfg(feature = "hydrate")]
    if let Ok(handle) = set_interval_with_handle(
        move || minute.update(|m| *m += 1),
        std::time::Duration::from_secs(60),
    ) {
        on_cleanup(move || handle.clear());
    }
    let line = move || {
        minute.track();
        let minutes = offset.and_then(|o| o.get()).unwrap_or(0);
        presence()
            .map(|p| presence_text(p, minutes, now_ms()))
            .unwrap_or_default()
    };
    view! { <p class="presence-line" aria-live="polite">{line}</p> }
}

/// What the header says of someone, in the zone `offset_minutes` east of UTC.
pub fn presence_text(presence: PresenceView, offset_minutes: i32, now: i64) -> String {
    if presence.online {
        return "online".into();
    }
    let Some(seen) = presence.last_seen_ms else {
        return String::new();
    };
    let ago_minutes = (now - seen).max(0) / 60_000;
    if ago_minutes < 1 {
        return "last seen just now".into();
    }
    if ago_minutes < 60 {
        let unit = if ago_minutes == 1 {
            "minute"
        } else {
            "minutes"
        };
        return format!("last seen {ago_minutes} {unit} ago");
    }
    let local = |ms: i64| ms.div_euclid(60_000) + i64::from(offset_minutes);
    let (seen_minutes, today) = (local(seen), local(now).div_euclid(1440));
    let day = seen_minutes.div_euclid(1440);
    let of_day = seen_minutes.rem_euclid(1440);
    let time = format!("{:02}:{:02}", of_day / 60, of_day % 60);
    match today - day {
        0 => format!("last seen today at {time}"),
        1 => format!("last seen yesterday at {time}"),
        _ => {
            let (year, month, d) = civil_from_days(day);
            let (this_year, _, _) = civil_from_days(today);
            let month = MONTHS[(month - 1) as usize];
            if year == this_year {
                format!("last seen {d} {month} at {time}")
            } else {
                format!("last seen {d} {month} {year} at {time}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-11-22 14:02 UTC.
    const NOW: i64 = 1_795_356_120_000;
    const MINUTE: i64 = 60_000;

    fn seen(ms: i64) -> PresenceView {
        PresenceView::offline(Some(ms))
    }

    #[test]
    fn online_says_so_and_nothing_recorded_says_nothing() {
        assert_eq!(presence_text(PresenceView::ONLINE, 0, NOW), "online");
        assert_eq!(presence_text(PresenceView::offline(None), 0, NOW), "");
    }

    #[test]
    fn the_last_hour_counts_minutes() {
        assert_eq!(
            presence_text(seen(NOW - 20_000), 0, NOW),
            "last seen just now"
        );
        assert_eq!(
            presence_text(seen(NOW - MINUTE), 0, NOW),
            "last seen 1 minute ago"
        );
        assert_eq!(
            presence_text(seen(NOW - 5 * MINUTE), 0, NOW),
            "last seen 5 minutes ago"
        );
    }

    #[test]
    fn older_times_name_the_day_in_the_local_zone() {
        let two_hours = NOW - 120 * MINUTE;
        assert_eq!(
            presence_text(seen(two_hours), 0, NOW),
            "last seen today at 12:02"
        );
        assert_eq!(
            presence_text(seen(NOW - 24 * 60 * MINUTE), 0, NOW),
            "last seen yesterday at 14:02"
        );
        // 12:02 UTC is 01:02 the next day at UTC+13, while now is already 03:02 there.
        assert_eq!(
            presence_text(seen(two_hours), 13 * 60, NOW),
            "last seen today at 01:02"
        );
        assert_eq!(
            presence_text(seen(NOW - 3 * 24 * 60 * MINUTE), 0, NOW),
            "last seen 19 Nov at 14:02"
        );
        assert_eq!(
            presence_text(seen(NOW - 400 * 24 * 60 * MINUTE), 0, NOW),
            "last seen 18 Oct 2025 at 14:02"
        );
    }
}
