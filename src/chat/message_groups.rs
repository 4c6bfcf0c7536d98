//! How a timeline is laid out: a separator at each new day, and runs of messages from one
//! sender a few minutes apart shown as one group (the name and avatar once, tighter spacing,
//! corners that join). Pure, so the rules are unit-tested rather than eyeballed.

use super::clock::{civil_from_days, MONTHS};
use crate::protocol::MessageView;

/// Messages further apart than this start a new group even from the same sender.
const GROUP_GAP_MS: i64 = 5 * 60 * 1000;

/// Where a message sits in its group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Place {
    pub first: bool,
    pub last: bool,
}

// Nearly every row is a message, so boxing it (to make the rare day and divider rows smaller)
// would cost an allocation per message for nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    /// A day begins: "Today", "Yesterday", a weekday within the week, or a date.
    Day {
        label: String,
        day: i64,
    },
    /// "Unread messages": above the first message that was unread when the conversation opened.
    Unread,
    Message {
        message: MessageView,
        place: Place,
    },
}

/// What was unread when the conversation opened: the seqs after `read` up to `newest`. What
/// arrives while it is open is read as it comes, so it gets no divider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnreadAtOpen {
    pub read: i64,
    pub newest: i64,
    /// The reader: their own messages are never unread.
    pub me: i64,
}

/// Lays out `messages` (in seq order) for a reader whose clock is `offset_minutes` east of UTC
/// and reads at `now_ms`; the unread divider goes above the first message from someone else
/// that was unread at open.
pub fn rows(
    messages: &[&MessageView],
    offset_minutes: i32,
    now_ms: i64,
    unread: UnreadAtOpen,
) -> Vec<Row> {
    let day_of = |ms: i64| (ms.div_euclid(60_000) + i64::from(offset_minutes)).div_euclid(1440);
    let today = day_of(now_ms);
    let mut out = Vec::with_capacity(messages.len() + 4);
    let first_unread = messages
        .iter()
        .find(|m| m.seq > unread.read && m.seq <= unread.newest && m.sender.id != unread.me)
        .map(|m| m.seq);
    for (i, message) in messages.iter().enumerate() {
        let day = day_of(message.sent_at_ms);
        let previous = i.checked_sub(1).map(|p| messages[p]);
        let next = messages.get(i + 1).copied();
        if previous.is_none_or(|p| day_of(p.sent_at_ms) != day) {
            out.push(Row::Day {
                label: day_label(day, today),
                day,
            });
        }
        let unread_starts = |m: &MessageView| Some(m.seq) == first_unread;
        if unread_starts(message) {
            out.push(Row::Unread);
        }
        let joins = |a: &MessageView, b: &MessageView| {
            !unread_starts(b)
                && a.sender.id == b.sender.id
                // A group's event line stands alone, and does not join the bubbles around it.
                && a.event.is_none()
                && b.event.is_none()
                && (b.sent_at_ms - a.sent_at_ms).abs() <= GROUP_GAP_MS
                && day_of(a.sent_at_ms) == day_of(b.sent_at_ms)
        };
        let place = Place {
            first: previous.is_none_or(|p| !joins(p, message)),
            last: next.is_none_or(|n| !joins(message, n)),
        };
        out.push(Row::Message {
            message: (*message).clone(),
            place,
        });
    }
    out
}

const WEEKDAYS: [&str; 7] = [
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
];

/// "Today", "Yesterday", the weekday for the days before within a week, then "3 Mar 2026".
pub fn day_label(day: i64, today: i64) -> String {
    match today - day {
        0 => "Today".into(),
        1 => "Yesterday".into(),
        // 1970-01-01, day 0, was a Thursday.
        2..=6 => WEEKDAYS[day.rem_euclid(7) as usize].into(),
        _ => {
            let (year, month, d) = civil_from_days(day);
            format!("{d} {} {year}", MONTHS[(month - 1) as usize])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chat::test_views;

    /// Sunday 22 November 2026, 12:00 UTC.
    const NOON: i64 = 1_795_348_800_000;
    const MINUTE: i64 = 60_000;
    const DAY: i64 = 1440 * MINUTE;

    fn message(seq: i64, sender: i64, sent_at_ms: i64) -> MessageView {
        test_views::message(1, seq, sender, sent_at_ms)
    }

    const NONE_UNREAD: UnreadAtOpen = UnreadAtOpen {
        read: i64::MAX,
        newest: i64::MAX,
        me: 0,
    };

    fn places(rows: &[Row]) -> Vec<(i64, bool, bool)> {
        rows.iter()
            .filter_map(|r| match r {
                Row::Message { message, place } => Some((message.seq, place.first, place.last)),
                Row::Day { .. } | Row::Unread => None,
            })
            .collect()
    }

    #[test]
    fn the_unread_divider_goes_above_the_first_message_from_others_after_the_read_mark() {
        let messages = [
            message(1, 7, NOON),
            message(2, 9, NOON + MINUTE),
            message(3, 7, NOON + 2 * MINUTE),
            message(4, 7, NOON + 3 * MINUTE),
        ];
        // Read up to 1; 2 is the reader's own (9), so the divider is above 3.
        let unread = UnreadAtOpen {
            read: 1,
            newest: 4,
            me: 9,
        };
        let laid_out = rows(&messages.each_ref(), 0, NOON, unread);
        let at = laid_out.iter().position(|r| *r == Row::Unread).unwrap();
        assert!(
            matches!(&laid_out[at + 1], Row::Message { message, place } if message.seq == 3 && place.first)
        );
        let dividers = |unread| {
            let laid_out = rows(&messages.each_ref(), 0, NOON, unread);
            laid_out.iter().filter(|r| **r == Row::Unread).count()
        };
        assert_eq!(
            dividers(UnreadAtOpen {
                read: 4,
                newest: 4,
                me: 9
            }),
            0,
            "all read"
        );
        // Opened with 2 the newest: 3 and 4 arrived while it was open, read as they came.
        assert_eq!(
            dividers(UnreadAtOpen {
                read: 1,
                newest: 2,
                me: 9
            }),
            0,
            "arrived while open"
        );
    }

    #[test]
    fn a_run_from_one_sender_is_one_group_until_someone_else_or_a_pause() {
        let messages = [
            message(1, 7, NOON),
            message(2, 7, NOON + MINUTE),
            message(3, 7, NOON + 2 * MINUTE),
            message(4, 8, NOON + 3 * MINUTE),
            message(5, 8, NOON + 20 * MINUTE),
        ];
        let rows = rows(&messages.each_ref(), 0, NOON + 30 * MINUTE, NONE_UNREAD);
        assert_eq!(
            places(&rows),
            vec![
                (1, true, false),
                (2, false, false),
                (3, false, true),
                (4, true, true),
                (5, true, true)
            ]
        );
    }

    #[test]
    fn each_day_starts_with_its_label_and_ends_a_group() {
        let messages = [
            message(1, 7, NOON - 8 * DAY),
            message(2, 7, NOON - 3 * DAY),
            message(3, 7, NOON - DAY),
            message(4, 7, NOON - DAY + MINUTE),
            message(5, 7, NOON),
        ];
        let rows = rows(&messages.each_ref(), 0, NOON, NONE_UNREAD);
        let labels: Vec<_> = rows
            .iter()
            .filter_map(|r| match r {
                Row::Day { label, .. } => Some(label.as_str()),
                Row::Message { .. } | Row::Unread => None,
            })
            .collect();
        assert_eq!(labels, ["14 Nov 2026", "Thursday", "Yesterday", "Today"]);
        assert!(matches!(rows[0], Row::Day { .. }));
        assert_eq!(places(&rows)[2..4], [(3, true, false), (4, false, true)]);
    }

    #[test]
    fn days_follow_the_readers_zone() {
        // 23:30 UTC on Saturday is already Sunday two hours east.
        let late = NOON - 12 * MINUTE * 60 - 30 * MINUTE;
        assert_eq!(day_label(rows_day(late, 0), rows_day(NOON, 0)), "Yesterday");
        assert_eq!(day_label(rows_day(late, 120), rows_day(NOON, 120)), "Today");
    }

    fn rows_day(ms: i64, offset: i32) -> i64 {
        match &rows(&[&message(1, 1, ms)], offset, ms, NONE_UNREAD)[0] {
            Row::Day { day, .. } => *day,
            _ => unreachable!(),
        }
    }
}
