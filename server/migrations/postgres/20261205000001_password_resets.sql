-- Password resets (issue #18): a link valid for an hour, kept as a SHA-256 digest (hex) of its
-- token. One row per account: asking again replaces the row, so only the newest link works.
-- `used_at` is set by the reset that consumed it.
create table password_reset (
    user_id bigint primary key references app_user (id) on delete cascade,
    token_hash text not null unique,
    expires_at bigint not null,
    created_at bigint not null,
    used_at bigint
);
