//! A real SMTP server for the tests: Python's aiosmtpd on a loopback port, storing every
//! message it receives in a maildir. `scripts/setup --test` installs it into `PARLEY_VENV`.

use parley::server::config::{Settings, SmtpSettings, SmtpTls};
use std::{
    path::PathBuf,
    process::{Child, Command, Stdio},
    time::Duration,
};

pub struct MailServer {
    pub port: u16,
    maildir: tempfile::TempDir,
    child: Child,
}

impl MailServer {
    pub async fn start() -> Self {
        let venv = std::env::var("PARLEY_VENV")
            .map(PathBuf::from)
            .unwrap_or_else(|_| {
                PathBuf::from(std::env::var("HOME").unwrap()).join(".cache/parley/venv")
            });
        let python = venv.join("bin/python");
        let port = crate::local_ports::free_port();
        let maildir = tempfile::tempdir().unwrap();
        let child = Command::new(&python)
            .args(["-m", "aiosmtpd", "-n", "-c", "aiosmtpd.handlers.Mailbox"])
            .arg(maildir.path().join("mail"))
            .args(["-l", &format!("127.0.0.1:{port}")])
            .stdout(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot start aiosmtpd with {} ({e}); run scripts/setup --test",
                    python.display()
                )
            });
        // Owned by `server` from here on, so its Drop stops the process on every path.
        let server = Self {
            port,
            maildir,
            child,
        };
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return server;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("aiosmtpd did not start listening on port {port}");
    }

    /// Points the app's mail at this server (plain SMTP: it is on loopback).
    pub fn configure(&self, settings: &mut Settings) {
        settings.smtp = Some(SmtpSettings {
            host: "127.0.0.1".into(),
            port: self.port,
            tls: SmtpTls::None,
            login: None,
        });
        settings.mail_from = "Parley <parley@example.org>".into();
    }

    /// Every message received so far, raw.
    pub fn messages(&self) -> Vec<String> {
        let new = self.maildir.path().join("mail/new");
        let Ok(entries) = std::fs::read_dir(new) else {
            return Vec::new();
        };
        let mut files: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        files.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
        files
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect()
    }

    /// Waits up to 10 s for the `count`th message and returns it.
    pub async fn wait_for_message(&self, count: usize) -> String {
        for _ in 0..100 {
            if let Some(message) = self.messages().get(count - 1) {
                return message.clone();
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("message {count} did not arrive within 10 s");
    }
}

impl Drop for MailServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The reset token in an email's link (undoing quoted-printable soft breaks and `=3D`).
pub fn reset_token(message: &str) -> String {
    let text = message
        .replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "=");
    let start = text
        .find("/reset-password?token=")
        .unwrap_or_else(|| panic!("no reset link in: {message}"))
        + "/reset-password?token=".len();
    text[start..]
        .chars()
        .take_while(|c| c.is_ascii_hexdigit())
        .collect()
}
