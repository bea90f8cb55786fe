//! The outbox's throughput: `outbox_load <database url> [messages] [batch] [concurrency]` queues
//! the messages (1,000 per transaction) on a migrated database, then one outbox worker (the
//! server's own, `app::ssr::mail::worker::Worker`) sends them to the loopback SMTP sink of the
//! tests. Prints the messages per second from the first claim to the last mark, and checks that
//! the sink received each message once.

use app::model::Lang;
use app::ssr::db::now_unix;
use app::ssr::mail::worker::{MailSettings, SmtpSettings, SmtpTls, Worker};
use app::ssr::mail::{queue, template, Outgoing};
use pamong_tests::smtp_sink::SmtpSink;
use std::collections::HashSet;
use std::time::Instant;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let url = args.get(1).ok_or_else(|| anyhow::anyhow!("database url"))?;
    let arg = |n: usize, default: usize| {
        args.get(n)
            .and_then(|a| a.parse::<usize>().ok())
            .unwrap_or(default)
    };
    let (messages, batch, concurrency) = (arg(2, 10_000), arg(3, 200), arg(4, 16));
    let db = server::db::connect(url).await?;
    let sink = SmtpSink::start();

    let queued = Instant::now();
    for chunk in (0..messages).collect::<Vec<_>>().chunks(1000) {
        let mut tx = db.begin().await?;
        for n in chunk {
            let name = format!("Guru Uji {n}");
            let (text, html) = template::layout(
                Lang::Id,
                &format!("Halo, {name}"),
                &[format!(
                    "Akun {name} sudah dibuat di Pamong. Buka tautan di bawah ini."
                )],
                Some((
                    "Aktifkan akun",
                    &template::link(&format!("/aktivasi?kode={n}")),
                )),
            );
            let mail = Outgoing {
                to_email: format!("guru{n}@sekolah.test"),
                to_name: name.clone(),
                to_user: None,
                kind: "load",
                lang: Lang::Id,
                subject: format!("Aktivasi akun Pamong untuk {name}"),
                text,
                html,
            };
            queue(&mut tx, &mail, now_unix()).await?;
        }
        tx.commit().await?;
    }
    println!(
        "queued {messages} in {:.1} s",
        queued.elapsed().as_secs_f64()
    );

    let settings = MailSettings {
        smtp: Some(SmtpSettings {
            host: "127.0.0.1".to_string(),
            port: sink.port(),
            username: String::new(),
            password: String::new(),
            tls: SmtpTls::None,
        }),
        from_address: "pamong@pamong.test".to_string(),
        batch_size: batch as i64,
        concurrency,
        ..MailSettings::default()
    };
    let worker = Worker::new(db.clone(), app::ssr::clock::Clock::default(), settings)
        .map_err(|err| anyhow::anyhow!(err))?;
    let started = Instant::now();
    let handled = worker.run_due().await;
    let secs = started.elapsed().as_secs_f64();
    let received = sink.messages();
    let ids: HashSet<String> = received.iter().map(|m| m.parsed().message_id).collect();
    println!(
        "sent {handled} in {secs:.1} s: {:.0} messages/s (batch {batch}, concurrency {concurrency}); sink received {}, {} distinct Message-IDs",
        handled as f64 / secs,
        received.len(),
        ids.len()
    );
    anyhow::ensure!(
        received.len() == messages && ids.len() == messages,
        "every message exactly once"
    );
    Ok(())
}
