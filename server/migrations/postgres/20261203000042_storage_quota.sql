-- Bytes of attachments per user and per cohort, for their storage quotas (issue #16).

-- Bytes of attachments kept, reserved before a file is written (see app/src/ssr/boards/bounds.rs).
create table user_storage (
    user_id bigint primary key references app_user (id) on delete cascade,
    bytes bigint not null check (bytes >= 0)
);
create table cohort_storage (
    cohort_id bigint primary key references cohort (id) on delete cascade,
    bytes bigint not null check (bytes >= 0)
);
insert into user_storage (user_id, bytes)
    select created_by, sum(size_bytes) from post_attachment group by created_by;
insert into cohort_storage (cohort_id, bytes)
    select b.cohort_id, sum(a.size_bytes) from post_attachment a
    join work_post w on w.id = a.post_id join board b on b.id = w.board_id
    group by b.cohort_id;
