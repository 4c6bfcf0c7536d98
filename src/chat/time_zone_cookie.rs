//! The reader's offset from UTC for the server's page, so message times are drawn in the
//! reader's zone from the first paint. Before, the server drew "16:00 UTC" and the wasm, a
//! second later on a phone, "11:00": every message's bubble changed width as the page came
//! alive, and a day's separator could move.
//!
//! A script in every page's `<head>` keeps the browser's offset, in minutes, in a cookie. The
//! server draws times in the offset the request carries, and writes the one it used on
//! `<html data-utc-offset>`. The wasm starts from that, so the page it hydrates matches what the
//! server drew, and then takes the browser's own (which differs only if the clock changed zone
//! since, as on a flight or at a change to summer time).
//!
//! Only the offset is sent, not the zone's name. It is read to draw the page and never kept.
//! A first visit has no cookie yet, and its page is drawn in UTC as before (with "UTC" after
//! each time until the wasm runs).

use crate::inline_script::InlineScript;
use leptos::prelude::*;

pub const UTC_OFFSET_COOKIE: &str = "parley_utc_offset";

/// The attribute of `<html>` that says which offset the server drew the page in.
pub const UTC_OFFSET_ATTRIBUTE: &str = "data-utc-offset";

/// Plain ES5, written into the page as it is (`inline_script`). A year, renewed on each page.
const SCRIPT: &str = "try { document.cookie = 'parley_utc_offset=' + -new Date().getTimezoneOffset() + '; path=/; max-age=31536000; samesite=lax'; } catch (ignored) {}";

/// The script, for the shell's `<head>`.
#[component]
pub fn KeepUtcOffset() -> impl IntoView {
    view! { <InlineScript script=SCRIPT/> }
}

/// Minutes east of UTC, as the cookie or the attribute writes them; `None` for anything that is
/// not a whole number of minutes within the zones that exist (UTC−12 to UTC+14).
pub fn parse_utc_offset(value: &str) -> Option<i32> {
    value
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|minutes| (-12 * 60..=14 * 60).contains(minutes))
}

/// The offset this page is drawn in: the request's cookie on the server, and in the browser
/// the one the server wrote on `<html>`. `None` is UTC.
pub fn utc_offset_of_the_page() -> Option<i32> {
    crate::page_setting::page_setting(UTC_OFFSET_COOKIE, UTC_OFFSET_ATTRIBUTE)
        .and_then(|value| parse_utc_offset(&value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_offset_is_whole_minutes_within_the_zones_that_exist() {
        assert_eq!(parse_utc_offset("0"), Some(0));
        assert_eq!(parse_utc_offset("-300"), Some(-300));
        assert_eq!(parse_utc_offset("330"), Some(330));
        assert_eq!(parse_utc_offset("-720"), Some(-720));
        assert_eq!(parse_utc_offset("840"), Some(840));
        for hostile in [
            "",
            "-721",
            "841",
            "5.5",
            "abc",
            "99999999999999999999",
            "-0x10",
            "1e3",
        ] {
            assert_eq!(parse_utc_offset(hostile), None, "{hostile:?}");
        }
    }

    #[test]
    fn the_script_is_written_as_is_and_sets_the_cookie_it_names() {
        assert!(crate::inline_script::is_written_as_is(SCRIPT));
        assert!(SCRIPT.contains(&format!("'{UTC_OFFSET_COOKIE}=' +")));
    }
}
