-- Comments a moderator hid (issue #16).

-- A hidden comment keeps its text (the board's history) but is shown as a placeholder.
alter table post_comment add column hidden_at bigint;
alter table post_comment add column hidden_by integer references app_user (id);

-- board_event gains the kind 'comment_hidden'. SQLite cannot change a check constraint, so the
-- table is made again with the same rows and ids (nothing references it).
create table board_event_next (
    id integer primary key,
    board_id integer not null references board (id) on delete cascade,
    kind text not null check (kind in ('post', 'revision', 'comment', 'status', 'score', 'comment_hidden')),
    post_id integer references work_post (id) on delete cascade,
    actor_id integer not null references app_user (id),
    -- JSON for the client: what changed, already rendered and sanitized.
    payload text not null,
    created_at bigint not null
);
insert into board_event_next (id, board_id, kind, post_id, actor_id, payload, created_at)
    select id, board_id, kind, post_id, actor_id, payload, created_at from board_event;
drop table board_event;
alter table board_event_next rename to board_event;
create index board_event_board on board_event (board_id, id);
