//! Full-text search over the messages of the searcher's conversations, through each database's
//! own engine: SQLite's FTS5 table `messages_fts`, MariaDB's `FULLTEXT` index on the body (both
//! from migration `m20261122_000008_message_search`). Membership is part of the one query, so a
//! conversation the searcher is not in can never contribute a row. Newest first, a page at a
//! time, continuing below the last message id shown.

use super::{inbox, internal, users};
use crate::{
    error::AppError,
    search::api::{FoundMessage, MessageSearchPage, RESULTS_PER_PAGE},
    server::entities::conversation,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, FromQueryResult, QueryFilter, Statement,
};
use std::collections::HashMap;

const SQLITE: &str = "SELECT m.id, m.conversation_id, m.seq, m.sender_id, m.body, \
     m.image_key IS NOT NULL AS photo, m.created_at \
     FROM messages_fts \
     JOIN messages m ON m.id = messages_fts.rowid \
     JOIN members mb ON mb.conversation_id = m.conversation_id AND mb.user_id = ? \
     WHERE messages_fts MATCH ? AND m.deleted = 0 AND m.id < ? \
     AND (m.withheld_from IS NULL OR m.withheld_from <> mb.user_id) \
     AND m.seq > mb.visible_from_seq AND m.event IS NULL \
     ORDER BY m.id DESC LIMIT ?";

const MYSQL_SELECT: &str = "SELECT m.id, m.conversation_id, m.seq, m.sender_id, m.body, \
     m.image_key IS NOT NULL AS photo, m.created_at \
     FROM messages m \
     JOIN members mb ON mb.conversation_id = m.conversation_id AND mb.user_id = ? \
     WHERE m.deleted = false AND m.id < ? \
     AND (m.withheld_from IS NULL OR m.withheld_from <> mb.user_id) \
     AND m.seq > mb.visible_from_seq AND m.event IS NULL";

/// MariaDB's `FULLTEXT` index leaves out words shorter than this (`innodb_ft_min_token_size`),
/// so shorter query words are matched by a regular expression on the rows the index found.
const MYSQL_SHORTEST_INDEXED: usize = 3;

#[derive(Debug, FromQueryResult)]
struct Row {
    id: i64,
    conversation_id: i64,
    seq: i64,
    sender_id: i64,
    body: String,
    photo: bool,
    created_at: i64,
}

/// `words` as `search::terms::search_words` made them (letters and digits only, so nothing in
/// them is query syntax to either engine). No words, no results.
pub async fn search(
    db: &impl ConnectionTrait,
    searcher: i64,
    words: &[String],
    before: Option<i64>,
) -> Result<MessageSearchPage, AppError> {
    if words.is_empty() {
        return Ok(MessageSearchPage::default());
    }
    let backend = db.get_database_backend();
    // One more than a page says whether there is a next one.
    let want = RESULTS_PER_PAGE as i64 + 1;
    let before = before.unwrap_or(i64::MAX);
    let statement = match backend {
        DbBackend::Sqlite => Statement::from_sql_and_values(
            backend,
            SQLITE,
            [
                searcher.into(),
                fts5_query(words).into(),
                before.into(),
                want.into(),
            ],
        ),
        _ => mysql_statement(searcher, words, before, want),
    };
    let mut rows = Row::find_by_statement(statement)
        .all(db)
        .await
        .map_err(internal("search messages"))?;
    let next = (rows.len() as i64 > RESULTS_PER_PAGE as i64)
        .then(|| rows[RESULTS_PER_PAGE as usize - 1].id);
    rows.truncate(RESULTS_PER_PAGE as usize);
    let senders = users::views_by_id(db, rows.iter().map(|r| r.sender_id)).await?;
    let titles = titles(db, searcher, rows.iter().map(|r| r.conversation_id)).await?;
    let found = rows
        .into_iter()
        .filter_map(|row| {
            Some(FoundMessage {
                conversation_title: titles.get(&row.conversation_id)?.clone(),
                sender: senders.get(&row.sender_id)?.clone(),
                conversation_id: row.conversation_id,
                seq: row.seq,
                body: row.body,
                photo: row.photo,
                sent_at_ms: row.created_at,
                cursor: row.id,
            })
        })
        .collect();
    Ok(MessageSearchPage { found, next })
}

/// Every word required, each also as the start of a longer word: `"hik"* "trip"*`.
fn fts5_query(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("\"{w}\"*"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// MariaDB: the words its index holds through `MATCH ... AGAINST` in boolean mode (`+hik*
/// +trip*`), shorter ones as the start of a word by regular expression. With only short words
/// there is no index to use, and the searcher's own conversations are read newest first until
/// a page is found.
fn mysql_statement(searcher: i64, words: &[String], before: i64, want: i64) -> Statement {
    let (indexed, short): (Vec<&String>, Vec<&String>) = words
        .iter()
        .partition(|w| w.chars().count() >= MYSQL_SHORTEST_INDEXED);
    let mut sql = MYSQL_SELECT.to_owned();
    let mut values: Vec<sea_orm::Value> = vec![searcher.into(), before.into()];
    if !indexed.is_empty() {
        sql.push_str(" AND MATCH(m.body) AGAINST (? IN BOOLEAN MODE)");
        let query: Vec<String> = indexed.iter().map(|w| format!("+{w}*")).collect();
        values.push(query.join(" ").into());
    }
    for word in short {
        // Letters and digits only (see `search_words`): nothing in it is regex syntax.
        sql.push_str(" AND m.body REGEXP ?");
        values.push(format!("(?i)(^|[^[:alnum:]]){word}").into());
    }
    sql.push_str(" ORDER BY m.id DESC LIMIT ?");
    values.push(want.into());
    Statement::from_sql_and_values(DbBackend::MySql, sql, values)
}

/// Each conversation's name as the searcher's list shows it.
async fn titles(
    db: &impl ConnectionTrait,
    searcher: i64,
    ids: impl Iterator<Item = i64>,
) -> Result<HashMap<i64, String>, AppError> {
    let mut ids: Vec<i64> = ids.collect();
    ids.sort_unstable();
    ids.dedup();
    let conversations: HashMap<i64, conversation::Model> = conversation::Entity::find()
        .filter(conversation::Column::Id.is_in(ids))
        .all(db)
        .await
        .map_err(internal("name found conversations"))?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let peers = inbox::peers(db, searcher, &conversations).await?;
    Ok(conversations
        .values()
        .map(|c| {
            let title = match &c.name {
                Some(name) => name.clone(),
                None => c.kind_view().title(peers.get(&c.id)).to_owned(),
            };
            (c.id, title)
        })
        .collect())
}
