//! The words for a group's event lines ("Ann added Bob"), from the reader's side: they are
//! "You" when they did it or it happened to them.

use crate::protocol::{GroupEventKind, MessageView, UserView};

/// The line for `message` if it is a group event, as `me` reads it.
pub fn event_text(message: &MessageView, me: i64) -> Option<String> {
    let event = message.event.as_ref()?;
    let actor = name(&message.sender, me, true);
    let subject = |capital| {
        event
            .user
            .as_ref()
            .map_or_else(|| "someone".to_owned(), |user| name(user, me, capital))
    };
    let group_name = &message.body;
    Some(match event.kind {
        GroupEventKind::Created => format!("{actor} created the group “{group_name}”"),
        GroupEventKind::Added => format!("{actor} added {}", subject(false)),
        GroupEventKind::Removed => format!("{actor} removed {}", subject(false)),
        GroupEventKind::Left => format!("{actor} left"),
        GroupEventKind::Renamed => format!("{actor} renamed the group to “{group_name}”"),
        GroupEventKind::MadeAdmin => {
            let who = subject(true);
            let verb = if who == "You" { "are" } else { "is" };
            format!("{who} {verb} now an admin")
        }
    })
}

/// Whether the newest line about `me` among `messages` (oldest first) says they were removed
/// (not added back since): the group is then read-only for them.
pub fn removed_in<'a>(messages: impl Iterator<Item = &'a MessageView>, me: i64) -> bool {
    let mut removed = false;
    for message in messages {
        let Some(event) = &message.event else {
            continue;
        };
        if event.user.as_ref().is_some_and(|user| user.id == me) {
            match event.kind {
                GroupEventKind::Removed => removed = true,
                GroupEventKind::Added => removed = false,
                _ => {}
            }
        }
    }
    removed
}

fn name(user: &UserView, me: i64, capital: bool) -> String {
    match (user.id == me, capital) {
        (true, true) => "You".into(),
        (true, false) => "you".into(),
        (false, _) if user.username.is_empty() => "Deleted user".into(),
        (false, _) => user.username.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::GroupEvent;

    fn person(id: i64, name: &str) -> UserView {
        UserView {
            id,
            username: name.into(),
            picture: None,
        }
    }

    fn event(kind: GroupEventKind, user: Option<UserView>, body: &str) -> MessageView {
        MessageView {
            id: 1,
            conversation_id: 2,
            seq: 1,
            sender: person(1, "ann"),
            body: body.into(),
            sent_at_ms: 0,
            deleted: false,
            image: None,
            change: 1,
            edited: false,
            reactions: Vec::new(),
            reply_to: None,
            withheld: false,
            event: Some(Box::new(GroupEvent { kind, user })),
            client_id: None,
        }
    }

    #[test]
    fn lines_name_people_and_say_you() {
        let added = event(GroupEventKind::Added, Some(person(2, "bob")), "");
        assert_eq!(event_text(&added, 3).unwrap(), "ann added bob");
        assert_eq!(event_text(&added, 2).unwrap(), "ann added you");
        assert_eq!(event_text(&added, 1).unwrap(), "You added bob");
        let created = event(GroupEventKind::Created, None, "Hikers");
        assert_eq!(
            event_text(&created, 2).unwrap(),
            "ann created the group “Hikers”"
        );
        let admin = event(GroupEventKind::MadeAdmin, Some(person(2, "bob")), "");
        assert_eq!(event_text(&admin, 2).unwrap(), "You are now an admin");
        assert_eq!(event_text(&admin, 3).unwrap(), "bob is now an admin");
        assert!(!removed_in([&added].into_iter(), 2));
        let removed = event(GroupEventKind::Removed, Some(person(2, "bob")), "");
        assert!(removed_in([&added, &removed].into_iter(), 2));
        assert!(!removed_in([&added, &removed].into_iter(), 3));
        assert!(!removed_in([&removed, &added].into_iter(), 2));
        let mut plain = added.clone();
        plain.event = None;
        assert_eq!(event_text(&plain, 3), None);
    }
}
