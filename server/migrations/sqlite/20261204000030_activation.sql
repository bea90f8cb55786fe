-- Activation codes (issue #18): every imported or admin-created account gets a one-time code, kept
-- as a SHA-256 digest (hex). One row per account: issuing a new code replaces the row, so the old
-- code stops working. `used_at` is set by the activation that consumed it.
create table activation_code (
    user_id integer primary key references app_user (id) on delete cascade,
    code_hash text not null,
    expires_at bigint not null,
    created_at bigint not null,
    used_at bigint
);
