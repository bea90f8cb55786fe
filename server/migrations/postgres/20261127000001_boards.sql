-- Mentoring boards (issue #5, PostgreSQL): one board per mentor group and one announcement board per cohort;
-- work posts with revisions, threaded comments (optionally anchored to one block of a revision),
-- a status a mentor moves, rubric scores, and an append-only event log that live viewers follow
-- (the event id is the stream's resume point) and that unread counts are measured against.

create table board (
    id bigint generated always as identity primary key,
    cohort_id bigint not null references cohort (id) on delete cascade,
    -- null: the cohort's announcement board.
    group_id bigint references mentor_group (id) on delete cascade,
    created_at bigint not null
);
create unique index board_of_group on board (group_id) where group_id is not null;
create unique index board_of_cohort on board (cohort_id) where group_id is null;

create table work_post (
    id bigint generated always as identity primary key,
    board_id bigint not null references board (id) on delete cascade,
    author_id bigint not null references app_user (id),
    kind text not null check (kind in ('modul_ajar', 'media_ajar', 'refleksi', 'aksi_nyata', 'ptk', 'other', 'announcement')),
    -- Announcements have no review cycle: their status stays 'announcement'.
    status text not null check (status in ('submitted', 'needs_revision', 'revised', 'approved', 'announcement')),
    title text not null,
    revision bigint not null default 1,
    created_at bigint not null,
    updated_at bigint not null,
    -- The first mentor comment or status change: the response time the dashboards report.
    first_response_at bigint,
    first_response_by bigint references app_user (id)
);
create index work_post_board on work_post (board_id, id);
create index work_post_waiting on work_post (status, created_at);

-- Every version of a post's text. `body_html` is rendered from Markdown and sanitized when saved,
-- with an `id` on each top-level block (`b1`, `b2`, …) that comments anchor to.
create table post_revision (
    id bigint generated always as identity primary key,
    post_id bigint not null references work_post (id) on delete cascade,
    number bigint not null,
    title text not null,
    body_markdown text not null,
    body_html text not null,
    created_by bigint not null references app_user (id),
    created_at bigint not null,
    unique (post_id, number)
);

create table post_comment (
    id bigint generated always as identity primary key,
    post_id bigint not null references work_post (id) on delete cascade,
    parent_id bigint references post_comment (id) on delete cascade,
    author_id bigint not null references app_user (id),
    -- The revision the comment was written on, and the block it is anchored to (null: the whole post).
    revision bigint not null,
    anchor text,
    body_markdown text not null,
    body_html text not null,
    created_at bigint not null
);
create index post_comment_post on post_comment (post_id, id);

-- Files attached to a revision, stored under `stored_name` (random) in the data directory.
create table post_attachment (
    id bigint generated always as identity primary key,
    post_id bigint not null references work_post (id) on delete cascade,
    revision bigint not null,
    file_name text not null,
    stored_name text not null unique,
    content_type text not null,
    size_bytes bigint not null,
    sha256 text not null,
    created_by bigint not null references app_user (id),
    created_at bigint not null
);
create index post_attachment_post on post_attachment (post_id, revision);

-- A rubric of a program: criteria, each with levels worth points.
create table rubric (
    id bigint generated always as identity primary key,
    program_id bigint not null references program (id),
    title text not null,
    created_by bigint not null references app_user (id),
    created_at bigint not null,
    updated_at bigint not null
);
create table rubric_criterion (
    id bigint generated always as identity primary key,
    rubric_id bigint not null references rubric (id) on delete cascade,
    position bigint not null,
    title text not null,
    description text not null default '',
    unique (rubric_id, position)
);
create table rubric_level (
    id bigint generated always as identity primary key,
    criterion_id bigint not null references rubric_criterion (id) on delete cascade,
    position bigint not null,
    label text not null,
    points bigint not null check (points >= 0),
    unique (criterion_id, position)
);

-- A mentor's rubric score of one revision of a post; the latest one counts.
create table post_score (
    id bigint generated always as identity primary key,
    post_id bigint not null references work_post (id) on delete cascade,
    revision bigint not null,
    rubric_id bigint not null references rubric (id),
    scored_by bigint not null references app_user (id),
    total_points bigint not null,
    max_points bigint not null,
    note text not null default '',
    created_at bigint not null
);
create index post_score_post on post_score (post_id, id);
create table post_score_item (
    score_id bigint not null references post_score (id) on delete cascade,
    criterion_id bigint not null references rubric_criterion (id),
    level_id bigint not null references rubric_level (id),
    points bigint not null,
    primary key (score_id, criterion_id)
);

-- What happened on a board, in order. Live viewers resume from the last id they saw.
create table board_event (
    id bigint generated always as identity primary key,
    board_id bigint not null references board (id) on delete cascade,
    kind text not null check (kind in ('post', 'revision', 'comment', 'status', 'score')),
    post_id bigint references work_post (id) on delete cascade,
    actor_id bigint not null references app_user (id),
    -- JSON for the client: what changed, already rendered and sanitized.
    payload text not null,
    created_at bigint not null
);
create index board_event_board on board_event (board_id, id);

-- The last event of a board each user has seen: unread = events after it by others.
create table board_read (
    board_id bigint not null references board (id) on delete cascade,
    user_id bigint not null references app_user (id),
    last_event_id bigint not null,
    primary key (board_id, user_id)
);

-- Coaching cycles in the TIRTA model, per participant and cohort.
create table coaching_cycle (
    id bigint generated always as identity primary key,
    cohort_id bigint not null references cohort (id) on delete cascade,
    participant_id bigint not null references app_user (id),
    number bigint not null,
    goal text not null,
    identification text not null,
    action_plan text not null,
    commitment text not null,
    created_at bigint not null,
    updated_at bigint not null,
    unique (cohort_id, participant_id, number)
);
create table coaching_comment (
    id bigint generated always as identity primary key,
    cycle_id bigint not null references coaching_cycle (id) on delete cascade,
    author_id bigint not null references app_user (id),
    body text not null,
    created_at bigint not null
);
create index coaching_comment_cycle on coaching_comment (cycle_id, id);
