//! The daily digest at scale: `digest_bench <database url> [people] [per person]` seeds a migrated
//! database with `people` participants (62,000 by default), each with `per person` (3) comments
//! waiting for their digest, then times one digest run (`app::ssr::notifications::digest::run`):
//! the claim, the rendering and the queueing of one e-mail per person. Checks that a second run
//! queues nothing and that the outbox holds exactly one message per person.

use app::model::Lang;
use app::ssr::db::now_unix;
use app::ssr::notifications::digest;
use std::fmt::Write as _;
use std::time::Instant;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let url = args.get(1).ok_or_else(|| anyhow::anyhow!("database url"))?;
    let arg = |n: usize, default: i64| {
        args.get(n)
            .and_then(|a| a.parse::<i64>().ok())
            .unwrap_or(default)
    };
    let (people, per_person) = (arg(2, 62_000), arg(3, 3));
    let db = server::db::connect(url).await?;
    let now = now_unix();

    let seeded = Instant::now();
    let mut tx = db.begin().await?;
    let (mentor,): (i64,) = sqlx::query_as(
        "insert into app_user (name, email, password_hash, role, created_at, updated_at) \
         values ('Bu Mentor <Uji>', 'mentor@bench.test', 'x', 'mentor', $1, $1) returning id",
    )
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    for start in (0..people).step_by(500) {
        let mut sql = String::from(
            "insert into app_user (name, email, password_hash, role, created_at, updated_at) values ",
        );
        for n in start..(start + 500).min(people) {
            if n > start {
                sql.push(',');
            }
            let _ = write!(
                sql,
                "('Guru Uji {n}', 'guru{n}@bench.test', 'x', 'participant', {now}, {now})"
            );
        }
        sqlx::query(&sql).execute(&mut *tx).await?;
    }
    for k in 0..per_person {
        sqlx::query(
            "insert into notification (user_id, kind, actor_id, subject, detail, link, \
             created_at, digest_pending) select id, 'comment', $1, $2, '', '/papan/pos/1', $3, 1 \
             from app_user where role = 'participant'",
        )
        .bind(mentor)
        .bind(format!("Modul ajar <{k}> & refleksi"))
        .bind(now - 3_600 + k)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    println!(
        "seeded {people} participants × {per_person} notifications in {:.1} s",
        seeded.elapsed().as_secs_f64()
    );

    let started = Instant::now();
    let run = digest::run(&db, Lang::Id, now).await?;
    let secs = started.elapsed().as_secs_f64();
    println!(
        "digest: {} e-mails, {} notifications in {secs:.2} s ({:.0} people/s)",
        run.emails,
        run.notifications,
        run.emails as f64 / secs
    );
    let again = digest::run(&db, Lang::Id, now + 86_400).await?;
    let (queued,): (i64,) =
        sqlx::query_as("select count(*) from outbox_message where kind = 'notification_digest'")
            .fetch_one(&db)
            .await?;
    anyhow::ensure!(again.emails == 0, "a second run queued {}", again.emails);
    anyhow::ensure!(
        queued == people && run.emails as i64 == people,
        "queued {queued} digests for {people} people"
    );
    println!("second run: 0 e-mails; outbox: {queued} digests, one per person");
    Ok(())
}
