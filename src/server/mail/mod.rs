//! Outgoing email. With SMTP configured it goes to that server; without, each message is
//! written as an `.eml` file into `outbox/` in the data directory (and the log says where), so
//! a default install can still hand out reset links.

use crate::server::config::{Settings, SmtpSettings, SmtpTls};
use lettre::{
    message::header::ContentType, transport::smtp::authentication::Credentials, AsyncSmtpTransport,
    AsyncTransport, Message, Tokio1Executor,
};
use std::path::PathBuf;

pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Outbox(PathBuf),
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("SMTP: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    #[error("outbox: {0}")]
    Outbox(#[from] std::io::Error),
}

/// A plain-text email; the error names the address that did not parse.
pub fn plain_text(from: &str, to: &str, subject: &str, body: String) -> Result<Message, String> {
    Message::builder()
        .from(from.parse().map_err(|e| format!("bad From address: {e}"))?)
        .to(to.parse().map_err(|e| format!("bad To address: {e}"))?)
        .subject(subject)
        .header(ContentType::TEXT_PLAIN)
        .body(body)
        .map_err(|e| e.to_string())
}

impl Mailer {
    pub fn from_settings(settings: &Settings) -> Result<Self, MailError> {
        Ok(match &settings.smtp {
            Some(smtp) => Self::Smtp(smtp_transport(smtp)?),
            None => Self::Outbox(settings.data_dir.join("outbox")),
        })
    }

    pub async fn send(&self, message: Message) -> Result<(), MailError> {
        match self {
            Self::Smtp(transport) => {
                transport.send(message).await?;
            }
            Self::Outbox(folder) => {
                tokio::fs::create_dir_all(folder).await?;
                let name = format!(
                    "{}-{}.eml",
                    crate::server::model::now_ms(),
                    crate::server::tokens::random_hex(4)
                );
                let path = folder.join(&name);
                // Written beside, then renamed: whoever reads the outbox never sees half a mail.
                let partial = folder.join(format!("{name}.part"));
                tokio::fs::write(&partial, message.formatted()).await?;
                tokio::fs::rename(&partial, &path).await?;
                tracing::info!(path = %path.display(), "no SMTP server configured; email written to the outbox");
            }
        }
        Ok(())
    }
}

fn smtp_transport(
    smtp: &SmtpSettings,
) -> Result<AsyncSmtpTransport<Tokio1Executor>, lettre::transport::smtp::Error> {
    let builder = match smtp.tls {
        SmtpTls::StartTls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&smtp.host)?,
        SmtpTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&smtp.host)?,
        SmtpTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&smtp.host),
    };
    let builder = builder.port(smtp.port);
    Ok(match &smtp.login {
        Some((user, password)) => builder
            .credentials(Credentials::new(user.clone(), password.expose().to_owned()))
            .build(),
        None => builder.build(),
    })
}
