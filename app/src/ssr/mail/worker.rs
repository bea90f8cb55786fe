//! The outbox's background worker: it claims due messages in batches under a lease, sends them
//! through SMTP (lettre's async transport on Tokio, with a connection pool), and marks them sent;
//! a failed attempt is tried again after a pause that doubles each time, up to the configured
//! number of attempts, then the message is marked failed. Without SMTP configured (the default)
//! it marks queued messages `not_sent`, so admins see what would have gone out.
//!
//! Several server processes may share one database: a message is sent only by the worker that
//! claimed it (`lease_owner`, `lease_until`, one conditional update), and a worker starts no
//! send after its lease could have run out, so two workers never send one message twice while
//! both are alive. A worker that dies between sending and marking leaves the message to be sent
//! again once the lease has run out: with the same `Message-ID`, so the receiver sees a duplicate
//! it can recognise, and nothing is lost.

use super::store::{self, Claimed};
use super::WAKE;
use crate::ssr::clock::Clock;
use crate::ssr::db::{Backend, Db};
use futures_util::{stream, StreamExt};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::extension::ClientId;
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::{Duration, Instant};

/// How long a worker's claim on a batch lasts: after a crash, another worker (or the restarted
/// one) sends the messages it held this long after the claim at the latest.
pub const LEASE_SECS: i64 = 120;
/// The longest one send may take (connection, greeting, envelope, data) before it counts as failed.
const SEND_LIMIT: Duration = Duration::from_secs(25);
/// No send starts this long after the claim: with [`SEND_LIMIT`] and a margin for marking, every
/// send ends before the lease could run out. Messages not started by then are given back.
const SEND_CUTOFF: Duration = Duration::from_secs(80);
/// How often an idle worker looks for due messages (a queue in its own process wakes it at once).
const POLL_EVERY: Duration = Duration::from_secs(1);
/// The longest error text kept on a message.
const ERROR_CHARS: usize = 500;

/// How the SMTP connection is secured.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    /// Plain text (a relay on the same host or network only).
    None,
    /// Plain connection upgraded with STARTTLS, required (port 587).
    #[default]
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
}

impl SmtpTls {
    /// The usual port of this mode.
    pub fn default_port(self) -> u16 {
        match self {
            SmtpTls::None => 25,
            SmtpTls::Starttls => 587,
            SmtpTls::Tls => 465,
        }
    }
}

/// The SMTP server to send through.
#[derive(Clone, Debug)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    /// Empty: no authentication.
    pub username: String,
    pub password: String,
    pub tls: SmtpTls,
}

/// Everything the worker is configured with.
#[derive(Clone, Debug)]
pub struct MailSettings {
    /// `None`: SMTP is not configured and messages are marked not sent.
    pub smtp: Option<SmtpSettings>,
    pub from_address: String,
    pub from_name: String,
    /// Messages claimed at once.
    pub batch_size: i64,
    /// Messages of a batch sent at the same time (also the SMTP connections kept open).
    pub concurrency: usize,
    /// Attempts before a message is marked failed.
    pub max_attempts: i64,
    /// The pause after the first failed attempt; it doubles after each further one.
    pub retry_first_secs: i64,
    /// The longest pause between attempts.
    pub retry_max_secs: i64,
}

impl Default for MailSettings {
    fn default() -> Self {
        MailSettings {
            smtp: None,
            from_address: "pamong@localhost".to_string(),
            from_name: "Pamong".to_string(),
            batch_size: 200,
            concurrency: 16,
            max_attempts: 8,
            retry_first_secs: 60,
            retry_max_secs: 3600,
        }
    }
}

/// Starts this process's worker: it handles every due message, then waits for a queue in this
/// process ([`super::wake_worker`]) or the next look.
pub fn start_worker(db: Db, clock: Clock, settings: MailSettings) -> Result<(), String> {
    let worker = Worker::new(db, clock, settings)?;
    tokio::spawn(async move {
        // The pool closes when the server shuts down: the worker ends with it.
        while !worker.db.is_closed() {
            worker.run_due().await;
            tokio::select! {
                _ = WAKE.notified() => {}
                _ = tokio::time::sleep(POLL_EVERY) => {}
            }
        }
    });
    Ok(())
}

/// How one attempt ended.
enum Outcome {
    Sent,
    /// Failed; `permanent` when trying again cannot help (an address the server refuses).
    Failed {
        error: String,
        permanent: bool,
    },
    /// Not tried: the lease could run out before the send ends.
    NotStarted,
}

/// The SMTP side: the pooled transport and the sender's mailbox.
struct Sender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// The right-hand side of every `Message-ID`: the sender's domain.
    domain: String,
}

impl Sender {
    fn new(smtp: &SmtpSettings, settings: &MailSettings) -> Result<Sender, String> {
        let address: lettre::Address = settings
            .from_address
            .trim()
            .parse()
            .map_err(|err| format!("mail_from {:?}: {err}", settings.from_address))?;
        let domain = address.domain().to_string();
        let builder = match smtp.tls {
            SmtpTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&smtp.host),
            SmtpTls::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&smtp.host)
                .map_err(|err| format!("smtp_host {:?}: {err}", smtp.host))?,
            SmtpTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&smtp.host)
                .map_err(|err| format!("smtp_host {:?}: {err}", smtp.host))?,
        };
        let mut builder = builder
            .port(smtp.port)
            .timeout(Some(SEND_LIMIT))
            .hello_name(ClientId::Domain(domain.clone()))
            .pool_config(PoolConfig::new().max_size(settings.concurrency.max(1) as u32));
        if !smtp.username.is_empty() {
            builder = builder.credentials(Credentials::new(
                smtp.username.clone(),
                smtp.password.clone(),
            ));
        }
        Ok(Sender {
            transport: builder.build(),
            from: Mailbox::new(Some(settings.from_name.clone()), address),
            domain,
        })
    }

    /// The message of `mail`: its `Message-ID` is the same at every attempt.
    fn message(&self, mail: &Claimed) -> Result<Message, String> {
        let to: lettre::Address = mail
            .to_email
            .parse()
            .map_err(|err| format!("{err}: {}", mail.to_email))?;
        Message::builder()
            .message_id(Some(format!("<{}@{}>", mail.message_key, self.domain)))
            .from(self.from.clone())
            .to(Mailbox::new(Some(mail.to_name.clone()), to))
            .subject(mail.subject.clone())
            .date_now()
            .multipart(MultiPart::alternative_plain_html(
                mail.body_text.clone(),
                mail.body_html.clone(),
            ))
            .map_err(|err| err.to_string())
    }

    async fn send(&self, mail: &Claimed) -> Outcome {
        let message = match self.message(mail) {
            Ok(message) => message,
            Err(error) => {
                return Outcome::Failed {
                    error,
                    permanent: true,
                }
            }
        };
        match tokio::time::timeout(SEND_LIMIT, self.transport.send(message)).await {
            Ok(Ok(_)) => Outcome::Sent,
            Ok(Err(err)) => Outcome::Failed {
                permanent: err.is_permanent(),
                error: err.to_string(),
            },
            Err(_) => Outcome::Failed {
                error: format!("no answer within {} s", SEND_LIMIT.as_secs()),
                permanent: false,
            },
        }
    }
}

/// One process's outbox worker. Its `owner` id (random, per worker) marks the messages it holds.
pub struct Worker {
    db: Db,
    backend: Backend,
    clock: Clock,
    owner: String,
    sender: Option<Sender>,
    settings: MailSettings,
}

impl Worker {
    /// A worker on `db`; an error names the setting that is wrong.
    pub fn new(db: Db, clock: Clock, settings: MailSettings) -> Result<Worker, String> {
        let backend = Backend::from_url(db.connect_options().database_url.as_str());
        let sender = match &settings.smtp {
            Some(smtp) => Some(Sender::new(smtp, &settings)?),
            None => None,
        };
        Ok(Worker {
            db,
            backend,
            clock,
            owner: format!("{:016x}", rand::random::<u64>()),
            sender,
            settings,
        })
    }

    /// Handles batches until none is due (or the database cannot be asked). Returns how many
    /// messages were handled.
    pub async fn run_due(&self) -> usize {
        let mut handled = 0;
        loop {
            match self.run_batch().await {
                Ok(0) => return handled,
                Ok(n) => handled += n,
                Err(sqlx::Error::PoolClosed) => return handled,
                Err(err) => {
                    tracing::warn!(%err, "outbox worker: database error");
                    return handled;
                }
            }
        }
    }

    /// Claims one batch of due messages and sends it (or marks it not sent without SMTP).
    /// Returns how many messages it handled; 0 when none was due.
    pub async fn run_batch(&self) -> Result<usize, sqlx::Error> {
        let now = self.clock.now();
        let Some(sender) = &self.sender else {
            let marked = store::mark_not_sent(&self.db, now).await?;
            if marked > 0 {
                tracing::info!(
                    messages = marked,
                    "outbox: SMTP not configured, marked not sent"
                );
            }
            return Ok(marked as usize);
        };
        let batch = store::claim_batch(
            &self.db,
            self.backend,
            &self.owner,
            now,
            LEASE_SECS,
            self.settings.batch_size.max(1),
        )
        .await?;
        if batch.is_empty() {
            return Ok(0);
        }
        let claimed_at = Instant::now();
        let outcomes: Vec<(Claimed, Outcome)> = stream::iter(batch)
            .map(|mail| async move {
                if claimed_at.elapsed() > SEND_CUTOFF {
                    return (mail, Outcome::NotStarted);
                }
                let outcome = sender.send(&mail).await;
                (mail, outcome)
            })
            .buffer_unordered(self.settings.concurrency.max(1))
            .collect()
            .await;
        let handled = outcomes.len();
        let sent: Vec<i64> = outcomes
            .iter()
            .filter(|(_, outcome)| matches!(outcome, Outcome::Sent))
            .map(|(mail, _)| mail.id)
            .collect();
        let now = self.clock.now();
        store::mark_sent(&self.db, &sent, &self.owner, now).await?;
        for (mail, outcome) in outcomes {
            match outcome {
                Outcome::Sent => {}
                Outcome::NotStarted => store::release(&self.db, mail.id, &self.owner).await?,
                Outcome::Failed { error, permanent } => {
                    let retry_at = (!permanent && mail.attempts < self.settings.max_attempts)
                        .then(|| now + self.retry_pause(mail.attempts));
                    tracing::warn!(message = mail.id, attempts = mail.attempts, %error, retry_at, "outbox: send failed");
                    let error: String = error.chars().take(ERROR_CHARS).collect();
                    store::mark_failed_attempt(&self.db, mail.id, &self.owner, &error, retry_at)
                        .await?;
                }
            }
        }
        Ok(handled)
    }

    /// The pause after failed attempt number `attempts`: the first pause, doubled for each
    /// attempt after the first, at most the longest pause.
    fn retry_pause(&self, attempts: i64) -> i64 {
        let doublings = (attempts - 1).clamp(0, 30) as u32;
        self.settings
            .retry_first_secs
            .max(1)
            .saturating_mul(1_i64 << doublings)
            .min(self.settings.retry_max_secs.max(1))
    }
}
