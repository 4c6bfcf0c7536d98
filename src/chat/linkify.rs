//! Finds web addresses in a message's text, so they can be shown as links. Only `http` and
//! `https`: anything else (`javascript:`, `data:`) stays plain text.

/// A piece of a message's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Link(&'a str),
}

/// Punctuation that ends a sentence more often than an address: "see https://x.org." links
/// to `https://x.org`.
const TRAILING: &[char] = &['.', ',', ';', ':', '!', '?', ')', ']', '}', '\'', '"'];

/// The address without the punctuation after it. A closing bracket stays when the address
/// opened one (`https://en.wikipedia.org/wiki/Rust_(programming_language)`), and goes when
/// it closes the sentence's own bracket ("(see https://x.org)").
fn without_trailing_punctuation(mut link: &str) -> &str {
    const BRACKETS: [(char, char); 3] = [('(', ')'), ('[', ']'), ('{', '}')];
    while let Some(last) = link.chars().next_back() {
        let closes_its_own = BRACKETS.iter().any(|&(open, close)| {
            last == close && link.matches(open).count() >= link.matches(close).count()
        });
        if closes_its_own || !TRAILING.contains(&last) {
            break;
        }
        link = &link[..link.len() - last.len_utf8()];
    }
    link
}

pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let lower = text.to_ascii_lowercase();
    let mut out = Vec::new();
    let (mut text_start, mut search_from) = (0, 0);
    while let Some(found) = lower[search_from..].find("http") {
        let start = search_from + found;
        search_from = start + 4;
        let candidate = &lower[start..];
        let scheme = if candidate.starts_with("https://") {
            8
        } else if candidate.starts_with("http://") {
            7
        } else {
            continue;
        };
        let at_word_start = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || "([{<\"'".contains(c));
        let length = text[start..]
            .find(char::is_whitespace)
            .unwrap_or(text.len() - start);
        let link = without_trailing_punctuation(&text[start..start + length]);
        if !at_word_start || link.len() <= scheme {
            continue;
        }
        if start > text_start {
            out.push(Piece::Text(&text[text_start..start]));
        }
        out.push(Piece::Link(link));
        text_start = start + link.len();
        search_from = text_start;
    }
    if text_start < text.len() {
        out.push(Piece::Text(&text[text_start..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{pieces, Piece::*};

    #[test]
    fn addresses_become_links_and_the_rest_stays_text() {
        assert_eq!(
            pieces("see https://example.org/a?b=1 now"),
            vec![
                Text("see "),
                Link("https://example.org/a?b=1"),
                Text(" now")
            ]
        );
        assert_eq!(pieces("http://x.org"), vec![Link("http://x.org")]);
        assert_eq!(
            pieces("HTTPS://X.ORG/Path"),
            vec![Link("HTTPS://X.ORG/Path")]
        );
    }

    #[test]
    fn sentence_punctuation_after_an_address_is_not_part_of_it() {
        assert_eq!(
            pieces("(look: https://x.org/p.)"),
            vec![Text("(look: "), Link("https://x.org/p"), Text(".)")]
        );
    }

    #[test]
    fn a_bracket_the_address_opened_is_part_of_it() {
        assert_eq!(
            pieces("read https://en.wikipedia.org/wiki/Rust_(programming_language)."),
            vec![
                Text("read "),
                Link("https://en.wikipedia.org/wiki/Rust_(programming_language)"),
                Text(".")
            ]
        );
        assert_eq!(
            pieces("(https://x.org/a_(b))"),
            vec![Text("("), Link("https://x.org/a_(b)"), Text(")")]
        );
        assert_eq!(
            pieces("[https://x.org/?q=[1]]"),
            vec![Text("["), Link("https://x.org/?q=[1]"), Text("]")]
        );
    }

    #[test]
    fn other_schemes_and_bare_schemes_stay_text() {
        for text in [
            "javascript:alert(1)",
            "https://",
            "xhttps://x.org",
            "data:text/html,hi",
            "http",
        ] {
            assert_eq!(pieces(text), vec![Text(text)], "{text}");
        }
    }

    #[test]
    fn several_links_and_non_ascii_text_around_them() {
        assert_eq!(
            pieces("é https://a.io ü http://b.io"),
            vec![
                Text("é "),
                Link("https://a.io"),
                Text(" ü "),
                Link("http://b.io")
            ]
        );
    }
}
