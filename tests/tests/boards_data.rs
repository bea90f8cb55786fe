//! Mentoring boards' data layer (issue #5) on whichever database `PAMONG_TEST_DATABASE_URL`
//! names: who may use which board, the review cycle of a post, anchored comments, the first
//! mentor response, and the event log that live viewers resume from and unread counts use.

use app::model::{CurrentUser, InstitutionId, Role, UserId};
use app::ssr::boards::access::{self, BoardRight};
use app::ssr::boards::events;
use app::ssr::boards::markdown::BlockAnchor;
use app::ssr::boards::posts::{self, Invalid, NewComment, PostKind, PostStatus};
use app::ssr::db::{now_unix, Db};
use pamong_tests::harness::FreshDatabase;
use pamong_tests::{fixtures, quiz_results_support};

async fn fresh() -> (FreshDatabase, Db) {
    let database = FreshDatabase::create().await.expect("fresh database");
    let db = server::db::connect(&database.url)
        .await
        .expect("connect and migrate");
    (database, db)
}

async fn account(db: &Db, role: Role, email: &str, institution: InstitutionId) -> CurrentUser {
    let id = app::ssr::users::create(
        db,
        app::ssr::users::NewUser {
            name: email.split('@').next().unwrap_or(email),
            email,
            password_hash: "x",
            role,
            nip: None,
            institution_id: Some(institution),
        },
        now_unix(),
    )
    .await
    .expect("user");
    CurrentUser {
        id,
        name: email.to_string(),
        email: Some(email.to_string()),
        role,
        institution_id: Some(institution),
        institution_name: None,
    }
}

async fn group(db: &Db, cohort: i64, name: &str, mentor: UserId) -> i64 {
    quiz_results_support::group(db, cohort, name, Some(mentor)).await
}

async fn member(db: &Db, cohort: i64, group: i64, user: UserId) {
    let enrolment = fixtures::approved_enrolment(db, cohort, user).await;
    quiz_results_support::join_group(db, enrolment, group).await;
}

struct Setting {
    db: Db,
    database: FreshDatabase,
    cohort: i64,
    board_a: i64,
    board_b: i64,
    announcements: i64,
    admin: CurrentUser,
    mentor_a: CurrentUser,
    mentor_b: CurrentUser,
    teacher_a: CurrentUser,
    teacher_b: CurrentUser,
    outsider: CurrentUser,
    stranger_admin: CurrentUser,
}

async fn setting() -> Setting {
    let (database, db) = fresh().await;
    let (agency, admin_id) =
        fixtures::agency_with_admin(&db, "BPSDM Uji", "Admin", "admin@uji.go.id", "x".into()).await;
    let admin = CurrentUser {
        id: admin_id,
        name: "Admin".into(),
        email: Some("admin@uji.go.id".into()),
        role: Role::Admin,
        institution_id: Some(agency),
        institution_name: None,
    };
    let other_agency = app::ssr::institutions::insert(
        &db,
        "BPSDM Lain",
        "province_agency",
        None,
        None,
        Some("34"),
        now_unix(),
    )
    .await
    .expect("other agency");
    let program = fixtures::program(&db, agency, admin_id, "published").await;
    let cohort = fixtures::cohort(&db, program, "Angkatan 1", 100, admin_id).await;
    let mentor_a = account(&db, Role::Mentor, "mentor.a@uji.go.id", agency).await;
    let mentor_b = account(&db, Role::Mentor, "mentor.b@uji.go.id", agency).await;
    let teacher_a = account(&db, Role::Participant, "guru.a@uji.go.id", agency).await;
    let teacher_b = account(&db, Role::Participant, "guru.b@uji.go.id", agency).await;
    let outsider = account(&db, Role::Participant, "guru.luar@uji.go.id", agency).await;
    let stranger_admin = account(&db, Role::Admin, "admin@lain.go.id", other_agency).await;
    let group_a = group(&db, cohort, "Melati", mentor_a.id).await;
    let group_b = group(&db, cohort, "Mawar", mentor_b.id).await;
    member(&db, cohort, group_a, teacher_a.id).await;
    member(&db, cohort, group_b, teacher_b.id).await;
    let now = now_unix();
    let board_a = access::group_board(&db, group_a, now)
        .await
        .expect("board")
        .expect("group exists");
    // Made once: asking again gives the same board.
    assert_eq!(
        access::group_board(&db, group_a, now).await.expect("board"),
        Some(board_a)
    );
    let board_b = access::group_board(&db, group_b, now)
        .await
        .expect("board")
        .expect("group exists");
    let announcements = access::cohort_board(&db, cohort, now).await.expect("board");
    assert_eq!(
        access::cohort_board(&db, cohort, now).await.expect("board"),
        announcements
    );
    Setting {
        db,
        database,
        cohort,
        board_a,
        board_b,
        announcements,
        admin,
        mentor_a,
        mentor_b,
        teacher_a,
        teacher_b,
        outsider,
        stranger_admin,
    }
}

async fn right(s: &Setting, user: &CurrentUser, board: i64) -> Option<BoardRight> {
    let board = access::board(&s.db, board)
        .await
        .expect("board")
        .expect("exists");
    access::right(&s.db, user, &board).await.expect("right")
}

#[tokio::test]
async fn each_role_gets_exactly_its_boards() {
    let s = setting().await;
    assert_ne!(s.board_a, s.board_b);
    assert_eq!(
        right(&s, &s.teacher_a, s.board_a).await,
        Some(BoardRight::Post)
    );
    assert_eq!(right(&s, &s.teacher_a, s.board_b).await, None);
    assert_eq!(
        right(&s, &s.teacher_a, s.announcements).await,
        Some(BoardRight::Read)
    );
    assert_eq!(
        right(&s, &s.mentor_a, s.board_a).await,
        Some(BoardRight::Moderate)
    );
    assert_eq!(right(&s, &s.mentor_a, s.board_b).await, None);
    assert_eq!(
        right(&s, &s.mentor_b, s.announcements).await,
        Some(BoardRight::Moderate)
    );
    assert_eq!(
        right(&s, &s.admin, s.board_b).await,
        Some(BoardRight::Moderate)
    );
    assert_eq!(right(&s, &s.stranger_admin, s.board_a).await, None);
    assert_eq!(right(&s, &s.stranger_admin, s.announcements).await, None);
    // Not enrolled (or not approved): nothing, not even the announcements.
    assert_eq!(right(&s, &s.outsider, s.board_a).await, None);
    assert_eq!(right(&s, &s.outsider, s.announcements).await, None);
    let _ = s.cohort;
    s.db.close().await;
    s.database.drop_database().await;
}

#[tokio::test]
async fn a_post_goes_round_the_review_cycle_with_its_history_and_events() {
    let s = setting().await;
    let db = &s.db;
    let now = now_unix();
    let body = "Tujuan pembelajaran.\n\nLangkah kegiatan: diskusi.\n\nAsesmen <script>x</script>";
    let post = posts::create(
        db,
        s.board_a,
        s.teacher_a.id.0,
        PostKind::ModulAjar,
        "Modul ajar pecahan",
        body,
        now,
    )
    .await
    .expect("post")
    .expect("valid");
    let head = posts::head(db, post).await.expect("head").expect("post");
    assert_eq!(
        (head.status.as_str(), head.revision, head.first_response_at),
        ("submitted", 1, None)
    );
    // Bad input is refused by the data layer itself, and nothing is stored.
    assert_eq!(
        posts::create(
            db,
            s.board_a,
            s.teacher_a.id.0,
            PostKind::Other,
            " ",
            "x",
            now
        )
        .await
        .expect("create"),
        Err(Invalid::TitleMissing)
    );
    assert_eq!(
        posts::revise(db, post, s.teacher_a.id.0, "t", "  ", now)
            .await
            .expect("revise"),
        Err(Invalid::BodyMissing)
    );
    let empty = NewComment {
        post,
        author: s.teacher_a.id.0,
        by_moderator: false,
        parent: None,
        anchor: None,
        body: " \n ",
    };
    assert_eq!(
        posts::comment(db, &empty, now).await.expect("comment"),
        Err(Invalid::CommentMissing)
    );
    let (stored,): (i64,) = sqlx::query_as(
        "select (select count(*) from work_post) + (select count(*) from post_revision) \
         + (select count(*) from post_comment)",
    )
    .fetch_one(db)
    .await
    .expect("count");
    assert_eq!(stored, 2, "one post and its first revision");
    let (html,): (String,) =
        sqlx::query_as("select body_html from post_revision where post_id = $1 and number = 1")
            .bind(post)
            .fetch_one(db)
            .await
            .expect("revision");
    assert!(html.contains("id=\"b3\""), "{html}");
    assert!(!html.contains("<script"), "{html}");

    // Only the author revises; a mentor's status move is checked against the cycle.
    assert_eq!(
        posts::revise(db, post, s.teacher_b.id.0, "x", "y", now)
            .await
            .expect("revise"),
        Ok(None)
    );
    assert!(
        !posts::set_status(db, post, s.mentor_a.id.0, PostStatus::Revised, now)
            .await
            .expect("status")
    );

    // The mentor comments on block 2: the first response is recorded; block 9 does not exist.
    let anchored = NewComment {
        post,
        author: s.mentor_a.id.0,
        by_moderator: true,
        parent: None,
        anchor: BlockAnchor::new(2),
        body: "Langkahnya **terlalu singkat**.",
    };
    let comment = posts::comment(db, &anchored, now + 60)
        .await
        .expect("comment")
        .expect("saved");
    // The database holds anchors in their one spelling only, whoever writes them.
    for (anchor, accepted) in [("b2", true), ("b+1", false), ("b01", false), ("x", false)] {
        let written = sqlx::query(
            "insert into post_comment (post_id, author_id, revision, anchor, body_markdown, \
             body_html, created_at) values ($1, $2, 1, $3, 'x', '<p>x</p>', $4)",
        )
        .bind(post)
        .bind(s.mentor_a.id.0)
        .bind(anchor)
        .bind(now)
        .execute(db)
        .await;
        assert_eq!(written.is_ok(), accepted, "{anchor}: {written:?}");
    }
    sqlx::query("delete from post_comment where body_markdown = 'x'")
        .execute(db)
        .await
        .expect("tidy");
    let missing = NewComment {
        anchor: BlockAnchor::new(9),
        ..anchored.clone()
    };
    assert_eq!(
        posts::comment(db, &missing, now + 61)
            .await
            .expect("comment"),
        Err(Invalid::NoSuchBlock)
    );
    let reply = NewComment {
        author: s.teacher_a.id.0,
        by_moderator: false,
        parent: Some(comment),
        anchor: None,
        body: "Baik, saya perbaiki.",
        ..anchored.clone()
    };
    posts::comment(db, &reply, now + 90)
        .await
        .expect("reply")
        .expect("saved");
    // A reply must answer a comment of the same post.
    let other_post = posts::create(
        db,
        s.board_a,
        s.teacher_a.id.0,
        PostKind::Refleksi,
        "Refleksi minggu 1",
        "Isi.",
        now,
    )
    .await
    .expect("post")
    .expect("valid");
    let astray = NewComment {
        post: other_post,
        ..reply.clone()
    };
    assert_eq!(
        posts::comment(db, &astray, now + 91)
            .await
            .expect("comment"),
        Err(Invalid::NoSuchComment)
    );
    assert!(posts::set_status(
        db,
        post,
        s.mentor_a.id.0,
        PostStatus::NeedsRevision,
        now + 120
    )
    .await
    .expect("status"));
    let head = posts::head(db, post).await.expect("head").expect("post");
    assert_eq!(head.first_response_at, Some(now + 60));

    assert_eq!(
        posts::revise(
            db,
            post,
            s.teacher_a.id.0,
            "Modul ajar pecahan (revisi)",
            "Baru.",
            now + 300
        )
        .await
        .expect("revise"),
        Ok(Some(2))
    );
    let head = posts::head(db, post).await.expect("head").expect("post");
    assert_eq!((head.status.as_str(), head.revision), ("revised", 2));
    let (kept,): (i64,) = sqlx::query_as("select count(*) from post_revision where post_id = $1")
        .bind(post)
        .fetch_one(db)
        .await
        .expect("revisions");
    assert_eq!(kept, 2, "the first revision stays readable");
    assert!(
        posts::set_status(db, post, s.mentor_a.id.0, PostStatus::Approved, now + 400)
            .await
            .expect("status")
    );
    assert_eq!(
        posts::revise(db, post, s.teacher_a.id.0, "t", "b", now + 500)
            .await
            .expect("revise"),
        Ok(None),
        "an approved post is not changed under its score"
    );

    // The log, in order; a viewer that saw the first two events gets the rest.
    let all = events::since(db, s.board_a, 0, 100).await.expect("events");
    let kinds: Vec<&str> = all.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(
        kinds,
        ["post", "comment", "comment", "post", "status", "revision", "status"]
    );
    let rest = events::since(db, s.board_a, all[1].id, 100)
        .await
        .expect("events");
    assert_eq!(rest.len(), 5);
    assert_eq!(rest[0].id, all[2].id);
    assert!(events::since(db, s.board_b, 0, 100)
        .await
        .expect("events")
        .is_empty());

    // Unread: the teacher has not read the mentor's three events; reading clears them, and an
    // older mark never moves the pointer back.
    assert_eq!(
        events::unread(db, s.board_a, s.teacher_a.id.0)
            .await
            .expect("unread"),
        3
    );
    events::mark_read(db, s.board_a, s.teacher_a.id.0, all[6].id)
        .await
        .expect("read");
    events::mark_read(db, s.board_a, s.teacher_a.id.0, all[0].id)
        .await
        .expect("read");
    assert_eq!(
        events::unread(db, s.board_a, s.teacher_a.id.0)
            .await
            .expect("unread"),
        0
    );
    s.db.close().await;
    s.database.drop_database().await;
}
