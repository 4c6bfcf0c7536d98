//! What a search query means: its words, each matching any word that starts with it, all of
//! them required. The server builds each database's full-text query from these, and the
//! browser highlights the same words in the results, so both agree on what matched.

use crate::error::{AppError, Field};

/// Longer queries are refused: nobody types more, and each word costs the index a lookup.
pub const MAX_QUERY_CHARS: usize = 200;
/// Words past this many are ignored.
pub const MAX_WORDS: usize = 8;

/// The query's words: letters and digits (any script), lower-cased, without repeats, in the
/// order typed. Everything else separates words, so no character can reach a full-text
/// engine's own query syntax (quotes, `*`, `+`, `-`, `NEAR`...). An empty list finds nothing.
pub fn search_words(query: &str) -> Result<Vec<String>, AppError> {
    if query.chars().count() > MAX_QUERY_CHARS {
        return Err(AppError::Invalid {
            field: Field::Search,
            message: format!("Search for at most {MAX_QUERY_CHARS} characters."),
        });
    }
    let mut words: Vec<String> = Vec::new();
    for word in query.split(|c: char| !c.is_alphanumeric()) {
        let word = word.to_lowercase();
        if !word.is_empty() && !words.contains(&word) && words.len() < MAX_WORDS {
            words.push(word);
        }
    }
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_letters_and_digits_lower_cased_once_each() {
        assert_eq!(
            search_words("  Hiking, TRIP2026! hiking \"café\"").unwrap(),
            ["hiking", "trip2026", "café"]
        );
        assert_eq!(search_words("Привет мир").unwrap(), ["привет", "мир"]);
    }

    #[test]
    fn query_syntax_never_survives() {
        assert_eq!(
            search_words("+a* -b \"c\" NEAR(d) 'OR' 1=1--").unwrap(),
            ["a", "b", "c", "near", "d", "or", "1"]
        );
        assert!(search_words(" *+-\"' ").unwrap().is_empty());
    }

    #[test]
    fn long_queries_are_refused_and_many_words_cut() {
        assert!(search_words(&"a".repeat(MAX_QUERY_CHARS)).is_ok());
        assert!(matches!(
            search_words(&"a".repeat(MAX_QUERY_CHARS + 1)),
            Err(AppError::Invalid {
                field: Field::Search,
                ..
            })
        ));
        let many = (0..20)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(search_words(&many).unwrap().len(), MAX_WORDS);
    }
}
