-- Per-user rate limits on posting, commenting and uploading on boards (issue #16).

-- One row per user and limited action, written first by every counted use: it serializes one
-- user's simultaneous uses of the action (see app/src/ssr/rate.rs).
create table rate_gate (
    user_id integer not null references app_user (id) on delete cascade,
    action text not null,
    touched_at bigint not null,
    primary key (user_id, action)
);
-- The uses of the last hour (older ones are deleted as new ones come).
create table rate_hit (
    user_id integer not null references app_user (id) on delete cascade,
    action text not null,
    created_at bigint not null
);
create index rate_hit_user on rate_hit (user_id, action, created_at);
