-- Attempt limits as one counter row per (kind, subject), e.g. ('password:account', e-mail):
-- a request reserves an attempt by writing its rows before the work they limit, so limits hold
-- under simultaneous requests (app/src/ssr/throttle.rs). Replaces the per-failure rows.
create table attempt_limit (
    kind text not null,
    subject text not null,
    attempts bigint not null,
    last_at bigint not null,
    blocked_until bigint not null,
    created_at bigint not null,
    primary key (kind, subject)
);
create index attempt_limit_last_at on attempt_limit (last_at);

drop table sign_in_failure;
