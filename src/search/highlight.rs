//! A found message as the results show it: the part of its text around the first match, with
//! every word that matched marked, as the search engines matched them (a word matches when it
//! starts with one of the query's words, ignoring case).

/// Texts longer than this are cut to a window around the first match.
const SNIPPET_CHARS: usize = 160;
/// How much of the text before the first match the window keeps.
const CONTEXT_BEFORE: usize = 40;

/// A run of the text, marked when it is a matched word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub matched: bool,
}

/// `body` split into runs, matched words marked, cut to a snippet when long ("…" where cut).
pub fn highlight(body: &str, words: &[String]) -> Vec<Segment> {
    let chars: Vec<char> = body.chars().collect();
    let spans = word_spans(&chars);
    let is_match = |&(start, end): &(usize, usize)| {
        let word: String = chars[start..end].iter().collect::<String>().to_lowercase();
        words.iter().any(|w| word.starts_with(w.as_str()))
    };
    let matches: Vec<(usize, usize)> = spans.into_iter().filter(is_match).collect();
    let (from, to) = window(chars.len(), matches.first().map(|m| m.0));
    let mut segments = Vec::new();
    let mut push = |text: String, matched: bool| {
        if !text.is_empty() {
            segments.push(Segment { text, matched });
        }
    };
    if from > 0 {
        push("…".into(), false);
    }
    let mut at = from;
    for (start, end) in matches {
        if end <= from || start >= to {
            continue;
        }
        let (start, end) = (start.max(from), end.min(to));
        push(chars[at..start].iter().collect(), false);
        push(chars[start..end].iter().collect(), true);
        at = end;
    }
    push(chars[at..to].iter().collect(), false);
    if to < chars.len() {
        push("…".into(), false);
    }
    segments
}

/// Where each word (a run of letters and digits) starts and ends, in chars.
fn word_spans(chars: &[char]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in chars.iter().enumerate() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, chars.len()));
    }
    spans
}

/// The chars shown: all of a short text; of a long one, a window that starts a little before
/// the first match.
fn window(len: usize, first_match: Option<usize>) -> (usize, usize) {
    if len <= SNIPPET_CHARS {
        return (0, len);
    }
    let from = first_match.map_or(0, |m| m.saturating_sub(CONTEXT_BEFORE));
    let from = from.min(len - SNIPPET_CHARS);
    (from, from + SNIPPET_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(segments: &[Segment]) -> String {
        segments
            .iter()
            .map(|s| {
                if s.matched {
                    format!("[{}]", s.text)
                } else {
                    s.text.clone()
                }
            })
            .collect()
    }

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn every_word_starting_with_a_query_word_is_marked() {
        let found = highlight("Hiking trip? We hike on Hike-day.", &words(&["hik", "day"]));
        assert_eq!(marked(&found), "[Hiking] trip? We [hike] on [Hike]-[day].");
        // Inside a word is not a match, as for the engines.
        assert_eq!(marked(&highlight("unhike", &words(&["hike"]))), "unhike");
    }

    #[test]
    fn a_long_text_is_cut_around_its_first_match() {
        let body = format!("{} needle {}", "hay ".repeat(100), "straw ".repeat(100));
        let found = marked(&highlight(&body, &words(&["needle"])));
        assert!(found.starts_with('…') && found.ends_with('…'), "{found}");
        assert!(found.contains("[needle]"));
        assert_eq!(found.chars().count(), SNIPPET_CHARS + 2 + 2);
        // No match in the text (an image caption matched elsewhere): its start.
        let start = marked(&highlight(&body, &words(&["zzz"])));
        assert!(start.starts_with("hay hay") && start.ends_with('…'));
    }

    #[test]
    fn other_scripts_and_emoji_are_kept_whole() {
        let found = highlight("Привет 👋 мир", &words(&["мир"]));
        assert_eq!(marked(&found), "Привет 👋 [мир]");
    }
}
