//! Message times in the reader's own time zone. The server draws them in the offset the
//! browser's cookie gave it (`time_zone_cookie`), or in UTC on a first visit; once the page is
//! live the browser's own offset is set and the labels update if it differs, so the hydrated
//! HTML still matches what the server sent.

use leptos::prelude::*;

/// Minutes east of UTC, known only in the browser.
#[derive(Clone, Copy)]
pub struct LocalClock(pub(super) RwSignal<Option<i32>>);

pub fn provide_local_clock() {
    let offset = RwSignal::new(super::time_zone_cookie::utc_offset_of_the_page());
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| offset.set(Some(-(js_sys::Date::new_0().get_timezone_offset() as i32))));
    provide_context(LocalClock(offset));
}

/// Minutes east of UTC for the reader: 0 (UTC) while neither the cookie nor the browser says.
pub fn local_offset_minutes() -> i32 {
    use_context::<LocalClock>()
        .and_then(|c| c.0.get())
        .unwrap_or(0)
}

/// A time, in the reader's zone once known. `time_only` for messages, whose day is shown by
/// the separator above them; the full date and time is in the tooltip either way.
#[component]
pub fn TimeLabel(sent_at_ms: i64, #[prop(optional)] time_only: bool) -> impl IntoView {
    let offset = use_context::<LocalClock>().map(|c| c.0);
    let suffix = move || match offset.and_then(|o| o.get()) {
        Some(_) => "",
        None => " UTC",
    };
    let label = move || {
        let minutes = offset.and_then(|o| o.get()).unwrap_or(0);
        let now = if time_only { sent_at_ms } else { now_ms() };
        format!("{}{}", format_time(sent_at_ms, minutes, now), suffix())
    };
    let full = move || {
        let minutes = offset.and_then(|o| o.get()).unwrap_or(0);
        format!("{}{}", format_full(sent_at_ms, minutes), suffix())
    };
    view! { <time datetime=iso_utc(sent_at_ms) title=full>{label}</time> }
}

/// "22 Nov 2026, 14:05" in the zone `offset_minutes` east of UTC.
pub fn format_full(ms: i64, offset_minutes: i32) -> String {
    let local_minutes = ms.div_euclid(60_000) + i64::from(offset_minutes);
    let (year, month, d) = civil_from_days(local_minutes.div_euclid(1440));
    let of_day = local_minutes.rem_euclid(1440);
    format!(
        "{d} {} {year}, {:02}:{:02}",
        MONTHS[(month - 1) as usize],
        of_day / 60,
        of_day % 60
    )
}

pub fn now_ms() -> i64 {
    #[cfg(feature = "hydrate")]
    return js_sys::Date::now() as i64;
    #[cfg(not(feature = "hydrate"))]
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

pub const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// "14:05" for today, "3 Mar, 14:05" for other days, in the zone `offset_minutes` east of UTC.
pub fn format_time(ms: i64, offset_minutes: i32, now: i64) -> String {
    let local_minutes = ms.div_euclid(60_000) + i64::from(offset_minutes);
    let day = local_minutes.div_euclid(1440);
    let today = (now.div_euclid(60_000) + i64::from(offset_minutes)).div_euclid(1440);
    let of_day = local_minutes.rem_euclid(1440);
    let time = format!("{:02}:{:02}", of_day / 60, of_day % 60);
    if day == today {
        time
    } else {
        let (_, month, d) = civil_from_days(day);
        format!("{d} {}, {time}", MONTHS[(month - 1) as usize])
    }
}

fn iso_utc(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        s / 3600,
        s % 3600 / 60,
        s % 60
    )
}

/// Days since 1970-01-01 to (year, month, day): Howard Hinnant's algorithm.
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOV_21_2026_1405_UTC: i64 = 1_795_269_900_000;

    #[test]
    fn times_of_today_show_hours_and_minutes_in_the_local_zone() {
        let now = NOV_21_2026_1405_UTC + 60_000;
        assert_eq!(format_time(NOV_21_2026_1405_UTC, 0, now), "14:05");
        assert_eq!(format_time(NOV_21_2026_1405_UTC, 60, now), "15:05");
    }

    #[test]
    fn times_of_other_days_show_the_date() {
        let now = NOV_21_2026_1405_UTC + 86_400_000;
        assert_eq!(format_time(NOV_21_2026_1405_UTC, 0, now), "21 Nov, 14:05");
    }

    #[test]
    fn the_full_form_has_the_year() {
        assert_eq!(format_full(NOV_21_2026_1405_UTC, 90), "21 Nov 2026, 15:35");
    }

    #[test]
    fn iso_timestamps_are_utc() {
        assert_eq!(iso_utc(NOV_21_2026_1405_UTC), "2026-11-21T14:05:00Z");
        assert_eq!(iso_utc(0), "1970-01-01T00:00:00Z");
    }
}
