//! A command as it crosses Redis: one JSON header line naming the sending node and what to do,
//! then, for a delivery, the frame's own text unchanged (it is already JSON: wrapping it in
//! another JSON string would escape every quote of every message).

use super::Command;
use crate::server::{
    model::conversations::Audience,
    ws::{ConnectionId, Frame},
};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
#[serde(tag = "do", rename_all = "snake_case")]
enum Header {
    Deliver {
        audience: Audience,
        skip: Option<ConnectionId>,
    },
    TellPresence {
        audience: Audience,
        person: i64,
        version: u64,
    },
    DisconnectUser {
        user_id: i64,
    },
    DisconnectSessions {
        user_id: i64,
        sessions: Vec<i64>,
    },
}

#[derive(Serialize, Deserialize)]
struct Envelope {
    /// The node that published it, which has already carried it out.
    from: u64,
    #[serde(flatten)]
    header: Header,
}

pub fn encode(from: u64, command: &Command) -> Vec<u8> {
    let (header, frame) = match command {
        Command::Deliver {
            audience,
            frame,
            skip,
        } => (
            Header::Deliver {
                audience: audience.clone(),
                skip: *skip,
            },
            Some(frame.as_str()),
        ),
        Command::TellPresence {
            audience,
            frame,
            person,
            version,
        } => (
            Header::TellPresence {
                audience: audience.clone(),
                person: *person,
                version: *version,
            },
            Some(frame.as_str()),
        ),
        Command::DisconnectUser { user_id } => (Header::DisconnectUser { user_id: *user_id }, None),
        Command::DisconnectSessions { user_id, sessions } => (
            Header::DisconnectSessions {
                user_id: *user_id,
                sessions: sessions.clone(),
            },
            None,
        ),
    };
    // Serializing our own types cannot fail.
    let mut bytes = serde_json::to_vec(&Envelope { from, header }).unwrap_or_default();
    if let Some(frame) = frame {
        bytes.push(b'\n');
        bytes.extend_from_slice(frame.as_bytes());
    }
    bytes
}

/// The sending node and the command; `None` for anything unreadable (logged by the caller).
pub fn decode(bytes: &[u8]) -> Option<(u64, Command)> {
    let text = std::str::from_utf8(bytes).ok()?;
    let (header, frame) = match text.split_once('\n') {
        Some((header, frame)) => (header, Some(frame)),
        None => (text, None),
    };
    let envelope: Envelope = serde_json::from_str(header).ok()?;
    let command = match envelope.header {
        Header::Deliver { audience, skip } => Command::Deliver {
            audience,
            frame: Frame::from_text(frame?.to_owned()),
            skip,
        },
        Header::TellPresence {
            audience,
            person,
            version,
        } => Command::TellPresence {
            audience,
            frame: Frame::from_text(frame?.to_owned()),
            person,
            version,
        },
        Header::DisconnectUser { user_id } => Command::DisconnectUser { user_id },
        Header::DisconnectSessions { user_id, sessions } => {
            Command::DisconnectSessions { user_id, sessions }
        }
    };
    Some((envelope.from, command))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::ServerMsg;

    #[test]
    fn a_delivery_crosses_with_its_frame_unchanged() {
        let frame = Frame::encode(&ServerMsg::Hidden { conversation_id: 7 });
        let command = Command::Deliver {
            audience: Audience::Users(vec![1, 2]),
            frame: frame.clone(),
            skip: Some(42),
        };
        let (from, back) = decode(&encode(9, &command)).expect("decodes");
        assert_eq!(from, 9);
        let Command::Deliver {
            audience,
            frame: back_frame,
            skip,
        } = back
        else {
            panic!("a delivery comes back as a delivery");
        };
        assert_eq!(audience, Audience::Users(vec![1, 2]));
        assert_eq!(skip, Some(42));
        assert_eq!(back_frame.as_str(), frame.as_str());
    }

    #[test]
    fn presence_crosses_with_whom_it_is_about_and_its_version() {
        let frame = Frame::encode(&ServerMsg::Presence {
            user_id: 4,
            presence: None,
        });
        let command = Command::TellPresence {
            audience: Audience::Users(vec![5]),
            frame: frame.clone(),
            person: 4,
            version: 1_796_592_831_010,
        };
        let Some((
            3,
            Command::TellPresence {
                audience,
                frame: back_frame,
                person: 4,
                version: 1_796_592_831_010,
            },
        )) = decode(&encode(3, &command))
        else {
            panic!("presence comes back as presence, about the same person and version");
        };
        assert_eq!(audience, Audience::Users(vec![5]));
        assert_eq!(back_frame.as_str(), frame.as_str());
    }

    #[test]
    fn disconnects_cross_and_garbage_does_not_decode() {
        let command = Command::DisconnectSessions {
            user_id: 3,
            sessions: vec![5, 6],
        };
        assert!(matches!(
            decode(&encode(1, &command)),
            Some((1, Command::DisconnectSessions { user_id: 3, ref sessions })) if sessions == &[5, 6]
        ));
        assert!(decode(b"not json").is_none());
        assert!(
            decode(br#"{"from":1,"do":"deliver","audience":"everyone","skip":null}"#).is_none()
        );
    }
}
