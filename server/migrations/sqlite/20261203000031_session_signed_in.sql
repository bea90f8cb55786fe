-- When the session's user signed in, beside the session's data (copied from it like user_id): the
-- store caps a session's expiry at sign-in plus `session_max_age_secs`, however active it is.
-- Sessions signed in before this column existed count from now.
alter table session add column signed_in_at bigint;
update session set signed_in_at = cast(strftime('%s', 'now') as integer) where user_id is not null;
