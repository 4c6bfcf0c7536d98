//! Finding people by username: names that start with the query first, then names that contain
//! it elsewhere, each group in name order, 20 to a page. Pages continue from a cursor (the
//! group and the last name shown), so a page never repeats or skips a name when people sign up
//! in between.

use super::internal;
use crate::{
    error::AppError,
    people::api::UserSearchPage,
    protocol::UserView,
    server::entities::{block, user},
    validation::Username,
};
use sea_orm::{
    sea_query::LikeExpr, ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Select,
};

pub const PAGE_SIZE: u64 = 20;

/// Which part of the results a page (or cursor) is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    Prefix,
    Substring,
}

/// The query as it can match a username: trimmed and lower-cased, like names are stored.
/// `None` when nothing could match (empty, too long, or a character no username has).
pub fn normalize(raw: &str) -> Option<String> {
    let term = raw.trim().to_ascii_lowercase();
    let possible = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "_.-".contains(c);
    (!term.is_empty() && term.len() <= Username::MAX_LEN && term.chars().all(possible))
        .then_some(term)
}

pub async fn search(
    db: &impl ConnectionTrait,
    searcher: i64,
    raw: &str,
    after: Option<&str>,
) -> Result<UserSearchPage, AppError> {
    let Some(term) = normalize(raw) else {
        return Ok(UserSearchPage::default());
    };
    let (group, after_name) = match after {
        None => (Group::Prefix, None),
        Some(cursor) => parse_cursor(cursor)?,
    };
    let backend = db.get_database_backend();
    // One extra row says whether there is a next page.
    let want = PAGE_SIZE + 1;
    let mut found: Vec<(Group, UserView)> = Vec::new();
    if group == Group::Prefix {
        let rows = group_query(backend, Group::Prefix, &term, searcher, after_name, want)
            .into_tuple::<(i64, String, Option<String>)>()
            .all(db)
            .await
            .map_err(internal("search by prefix"))?;
        found.extend(rows.into_iter().map(|r| (Group::Prefix, view(r))));
    }
    if (found.len() as u64) < want {
        let after_name = if group == Group::Substring {
            after_name
        } else {
            None
        };
        let rows = group_query(
            backend,
            Group::Substring,
            &term,
            searcher,
            after_name,
            want - found.len() as u64,
        )
        .into_tuple::<(i64, String, Option<String>)>()
        .all(db)
        .await
        .map_err(internal("search by substring"))?;
        found.extend(rows.into_iter().map(|r| (Group::Substring, view(r))));
    }
    let more = found.len() as u64 > PAGE_SIZE;
    found.truncate(PAGE_SIZE as usize);
    let next = more
        .then(|| found.last().map(|(g, u)| cursor(*g, &u.username)))
        .flatten();
    Ok(UserSearchPage {
        users: found.into_iter().map(|(_, u)| u).collect(),
        next,
    })
}

/// One group's page, in name order, without the searcher.
pub fn prefix_query(backend: DbBackend, term: &str, searcher: i64) -> Select<user::Entity> {
    group_query(backend, Group::Prefix, term, searcher, None, PAGE_SIZE + 1)
}

fn group_query(
    backend: DbBackend,
    group: Group,
    term: &str,
    searcher: i64,
    after_name: Option<&str>,
    limit: u64,
) -> Select<user::Entity> {
    let matches = match group {
        Group::Prefix => starts_with(backend, term),
        Group::Substring => Condition::all()
            .add(user::Column::Username.like(like_pattern(&format!("%{}%", escape(term)))))
            .add(starts_with(backend, term).not()),
    };
    let mut query = user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::Username)
        .column(user::Column::PictureKey)
        .filter(matches)
        .filter(user::Column::Id.ne(searcher))
        // People the searcher blocked do not come up: unblocking is in settings.
        .filter(
            user::Column::Id.not_in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(block::Column::BlockedId)
                    .from(block::Entity)
                    .and_where(block::Column::BlockerId.eq(searcher))
                    .to_owned(),
            ),
        );
    if let Some(name) = after_name {
        query = query.filter(user::Column::Username.gt(name));
    }
    query.order_by_asc(user::Column::Username).limit(limit)
}

/// A prefix match that an index on `username` can answer. SQLite compares names as bytes, so
/// a range is exact (its `LIKE` ignores case and so cannot use a plain index); MySQL turns a
/// `LIKE 'term%'` into an index range under the column's own collation.
fn starts_with(backend: DbBackend, term: &str) -> Condition {
    match backend {
        DbBackend::Sqlite => Condition::all()
            .add(user::Column::Username.gte(term))
            .add(user::Column::Username.lt(successor(term))),
        _ => Condition::all()
            .add(user::Column::Username.like(like_pattern(&format!("{}%", escape(term))))),
    }
}

/// The smallest string above every string that starts with `term` (its last byte plus one;
/// search terms are ASCII, see `normalize`).
fn successor(term: &str) -> String {
    let mut bytes = term.as_bytes().to_vec();
    if let Some(last) = bytes.last_mut() {
        *last += 1;
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// `_` is a wildcard in LIKE; usernames may contain it.
fn escape(term: &str) -> String {
    term.replace('!', "!!")
        .replace('_', "!_")
        .replace('%', "!%")
}

fn like_pattern(pattern: &str) -> LikeExpr {
    LikeExpr::new(pattern).escape('!')
}

fn view((id, username, picture): (i64, String, Option<String>)) -> UserView {
    UserView {
        id,
        username,
        picture,
    }
}

fn cursor(group: Group, name: &str) -> String {
    let tag = match group {
        Group::Prefix => "p",
        Group::Substring => "s",
    };
    format!("{tag}:{name}")
}

fn parse_cursor(cursor: &str) -> Result<(Group, Option<&str>), AppError> {
    match cursor.split_once(':') {
        Some(("p", name)) => Ok((Group::Prefix, Some(name))),
        Some(("s", name)) => Ok((Group::Substring, Some(name))),
        _ => Err(AppError::bad_request("unknown search cursor")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_matched_the_way_names_are_stored() {
        assert_eq!(normalize("  Ann "), Some("ann".into()));
        assert_eq!(normalize(""), None);
        assert_eq!(normalize("   "), None);
        assert_eq!(normalize("a b"), None);
        assert_eq!(normalize("ann%"), None);
        assert_eq!(normalize(&"a".repeat(33)), None);
    }

    #[test]
    fn the_successor_bounds_every_name_with_the_prefix() {
        assert_eq!(successor("ann"), "ano");
        assert_eq!(successor("a_"), "a`");
        assert!("ann.zzz" < successor("ann").as_str());
    }

    #[test]
    fn cursors_round_trip_and_bad_ones_are_refused() {
        assert_eq!(
            parse_cursor(&cursor(Group::Substring, "bob")).unwrap(),
            (Group::Substring, Some("bob"))
        );
        assert!(parse_cursor("x:bob").is_err());
        assert!(parse_cursor("bob").is_err());
    }

    #[test]
    fn underscores_are_literal_in_patterns() {
        assert_eq!(escape("a_b"), "a!_b");
    }
}
