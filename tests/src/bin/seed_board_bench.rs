//! Fills a fresh database for the live mentoring board fan-out benchmark (issue #5,
//! `board_fanout` and `tests/bench/board_fanout.sh`): an agency with its admin, a published
//! program, one cohort, one mentor group with its mentor and max(min(subscribers, 200),
//! subscribers / 4) approved participants in it (an account holds at most 4 open streams), the group's board, and one work post (a reflection by participant 1) that
//! the benchmark's comments go to.
//!
//!   seed_board_bench <database url> <data dir> <subscribers> [posts comments]
//!
//! With `posts` and `comments` (the page benchmark: 200 and 2000), the board also gets that many
//! more posts by its participants in turn, and the comments spread evenly over them (the mentor and
//! the author alternating), so that `/papan/{board}` and a post's page can be measured busy.
//!
//! The database is normally migrated already by a server started once with the same data
//! directory and database (as `tests/bench/board_fanout.sh` does); connecting through
//! `server::db::connect` runs the server's own migrations anyway, so an unmigrated database works
//! too. The server must then run with the same data directory (and no `session_secret`), because
//! it signs cookies with the key in `<data dir>/session.key`; this program creates that key the way
//! the server does if it is missing, and uses it if it is there.
//!
//! Writes `<data dir>/board_sessions.tsv`, tab-separated, one session per line:
//!
//!   mentor<TAB>user id<TAB>cookie value     (first line: the group's mentor)
//!   user id<TAB>cookie value                (then one line per participant, participant 1 first)
//!
//! where the cookie value is what the browser would send as `pamong_session=<value>`. Prints
//! `board=<id> post=<id>` on stdout (and a summary on stderr).
//!
//! Why fewer participants than subscribers: the benchmark opens N streams, and stream i uses
//! participant (i mod P)'s session. Who watches does not change what a fan-out costs — every
//! viewer of the board is sent the same events — so one identity per 4 streams (the most the
//! server keeps open for one account) is enough, and seeding stays quick.
//!
//! Why sessions are made here instead of signing in through `/masuk`: see
//! `tests/src/bin/seed_quiz_bench.rs`, the reference for this approach (argon2 per sign-in would
//! dominate). The sessions written here are what a sign-in leaves behind: a row in `session`
//! holding tower-sessions' `Record` data as JSON (`uid` and `epoch`, the keys `app::ssr::auth`
//! reads) with the server's 14-day expiry, and a cookie whose value is the session id signed with
//! the server's key as tower-sessions' signed cookie controller signs it. The mentor and the
//! participants have no password and cannot sign in otherwise.

use app::model::{Role, UserId};
use app::ssr::auth::{SESSION_EPOCH, SESSION_USER};
use app::ssr::boards::markdown::BlockAnchor;
use app::ssr::boards::{access, posts};
use app::ssr::db::{now_unix, Db};
use pamong_tests::bench_sessions::{session_key, signed_cookie_value, SESSION_SECS};
use pamong_tests::{fixtures, quiz_results_support};
use std::collections::HashMap;
use std::fmt::Write as _;
use tower_sessions::cookie::Key;
use tower_sessions::session::Id;

/// Participants made for small runs; subscribers share them, each account holding at most
/// [`app::ssr::boards::streams::MAX_STREAMS_PER_USER`] streams (the server closes an account's
/// oldest stream beyond that), so big runs get one account per that many subscribers.
const MAX_PARTICIPANTS: usize = 200;

/// Stores a signed-in session of `user` (as `seed_quiz_bench` does, one row at a time since there
/// are at most 201) and returns its cookie value.
async fn session(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    key: &Key,
    user: UserId,
    now: i64,
) -> anyhow::Result<String> {
    let id = Id::default();
    let data: HashMap<String, serde_json::Value> = HashMap::from([
        (SESSION_USER.to_string(), serde_json::Value::from(user.0)),
        (SESSION_EPOCH.to_string(), serde_json::Value::from(0_i64)),
    ]);
    sqlx::query(
        "insert into session (id, data, expires_at, user_id, user_epoch) values ($1, $2, $3, $4, 0)",
    )
    .bind(id.to_string())
    .bind(serde_json::to_string(&data)?)
    .bind(now + SESSION_SECS)
    .bind(user.0)
        .execute(&mut **tx)
        .await?;
    signed_cookie_value(key, id)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: seed_board_bench <database url> <data dir> <subscribers>";
    let url = args.get(1).ok_or_else(|| anyhow::anyhow!(usage))?;
    let data_dir = std::path::PathBuf::from(args.get(2).ok_or_else(|| anyhow::anyhow!(usage))?);
    let subscribers: usize = args.get(3).ok_or_else(|| anyhow::anyhow!(usage))?.parse()?;
    anyhow::ensure!(subscribers > 0, "subscribers must be at least 1");
    let participants = subscribers
        .min(MAX_PARTICIPANTS)
        .max(subscribers.div_ceil(app::ssr::boards::streams::MAX_STREAMS_PER_USER));
    let extra_posts: usize = args.get(4).map(|s| s.parse()).transpose()?.unwrap_or(0);
    let extra_comments: usize = args.get(5).map(|s| s.parse()).transpose()?.unwrap_or(0);
    let key = session_key(&data_dir)?;
    let db: Db = server::db::connect(url).await?;
    let now = now_unix();

    let (agency, admin) = fixtures::agency_with_admin(
        &db,
        "BPSDM Provinsi Uji Papan",
        "Admin Papan",
        "board-admin@pamong.test",
        "board-bench-pass-2026".to_string(),
    )
    .await;
    let program = fixtures::program(&db, agency, admin, "published").await;
    let cohort = fixtures::cohort(
        &db,
        program,
        "Angkatan Uji Papan",
        participants as i64 + 10,
        admin,
    )
    .await;
    // A mentor account like the tests' (`harness::TestServer::user`, `boards_data.rs`), without a
    // password: it only ever uses the session written below.
    let mentor = app::ssr::users::create(
        &db,
        app::ssr::users::NewUser {
            name: "Mentor Papan",
            email: "board-mentor@pamong.test",
            password_hash: "",
            role: Role::Mentor,
            nip: None,
            institution_id: Some(agency),
        },
        now,
    )
    .await
    .map_err(|e| anyhow::anyhow!("creating the mentor: {e:?}"))?;
    let group = quiz_results_support::group(&db, cohort, "Kelompok Uji Papan", Some(mentor)).await;
    // `group` makes room for 100; a benchmark group may be fuller than a real one.
    sqlx::query("update mentor_group set capacity = $1 where id = $2")
        .bind(participants.max(100) as i64)
        .bind(group)
        .execute(&db)
        .await?;
    let mut members = Vec::with_capacity(participants);
    for n in 1..=participants {
        let user = quiz_results_support::participant(
            &db,
            &format!("Guru Papan {n:03}"),
            &format!("papan{n:03}@sekolah.sch.id"),
        )
        .await;
        let enrolment = fixtures::approved_enrolment(&db, cohort, user).await;
        quiz_results_support::join_group(&db, enrolment, group).await;
        members.push(user);
    }
    let board = access::group_board(&db, group, now)
        .await?
        .ok_or_else(|| anyhow::anyhow!("group {group} has no board"))?;
    let post = posts::create(
        &db,
        board,
        members[0].0,
        posts::PostKind::Refleksi,
        "Refleksi Modul 1: asesmen diagnostik",
        "Minggu ini saya mencoba asesmen diagnostik nonkognitif di kelas 7B.\n\n\
         Hasilnya membantu saya mengelompokkan murid sesuai gaya belajar.",
        now,
    )
    .await?
    .map_err(|invalid| anyhow::anyhow!("the post was refused: {invalid:?}"))?;

    let busy_post = fill_board(
        &db,
        board,
        mentor,
        &members,
        extra_posts,
        extra_comments,
        now,
    )
    .await?;

    let mut sessions = String::new();
    let mut tx = db.begin().await?;
    let cookie = session(&mut tx, &key, mentor, now).await?;
    writeln!(sessions, "mentor\t{}\t{cookie}", mentor.0)?;
    for user in &members {
        let cookie = session(&mut tx, &key, *user, now).await?;
        writeln!(sessions, "{}\t{cookie}", user.0)?;
    }
    tx.commit().await?;
    let path = data_dir.join("board_sessions.tsv");
    std::fs::write(&path, sessions)?;
    if url.starts_with("postgres") {
        // Fresh statistics, as autovacuum would soon give them.
        sqlx::query("vacuum analyze").execute(&db).await?;
    } else {
        sqlx::query("analyze").execute(&db).await?;
    }
    db.close().await;
    eprintln!(
        "seeded board {board} (group {group}, cohort {cohort}) with post {post}: mentor {} and \
         {participants} participants for {subscribers} subscribers; sessions in {}",
        mentor.0,
        path.display()
    );
    println!(
        "board={board} post={post} busy_post={}",
        busy_post.unwrap_or(post)
    );
    Ok(())
}

/// `posts` more posts on `board` by the members in turn, and `comments` comments spread over them
/// (mentor and author alternating, every third one anchored to the first block); returns the
/// newest post, the one a busy board shows first.
async fn fill_board(
    db: &Db,
    board: i64,
    mentor: UserId,
    members: &[UserId],
    posts_wanted: usize,
    comments: usize,
    now: i64,
) -> anyhow::Result<Option<i64>> {
    let body = "Tujuan pembelajaran: murid mampu membandingkan dua sumber informasi.\n\n\
                Langkah kegiatan:\n\n- membaca dua artikel pendek\n- mengisi tabel perbandingan\n\
                - berdiskusi dalam kelompok\n\n\
                Asesmen: rubrik sederhana dengan tiga kriteria, dinilai oleh guru dan teman sejawat.";
    let mut made = Vec::with_capacity(posts_wanted);
    for n in 0..posts_wanted {
        let author = members[n % members.len()];
        let id = posts::create(
            db,
            board,
            author.0,
            posts::PostKind::ModulAjar,
            &format!("Modul ajar literasi digital, bagian {}", n + 1),
            body,
            now - (posts_wanted - n) as i64 * 60,
        )
        .await?
        .map_err(|invalid| anyhow::anyhow!("post refused: {invalid:?}"))?;
        made.push((id, author));
    }
    for n in 0..comments {
        let Some(&(post, author)) = made.get(n % made.len().max(1)) else {
            break;
        };
        let by_mentor = n % 2 == 0;
        let comment = posts::NewComment {
            post,
            author: if by_mentor { mentor.0 } else { author.0 },
            by_moderator: by_mentor,
            parent: None,
            anchor: (n % 3 == 0).then(|| BlockAnchor::new(1)).flatten(),
            body: "Sudah baik. Tambahkan contoh **lembar kerja** dan cara menilai diskusinya.",
        };
        posts::comment(db, &comment, now)
            .await?
            .map_err(|invalid| anyhow::anyhow!("comment refused: {invalid:?}"))?;
    }
    Ok(made.last().map(|(id, _)| *id))
}
