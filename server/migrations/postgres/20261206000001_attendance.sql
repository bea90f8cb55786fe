-- Live sessions and their attendance (issue #19). A session gets a mode (online, in person or
-- both), a venue and city for rooms, a JP value, a host (a user, or the name of a speaker) and
-- a secret from which its rotating check-in codes are derived.
alter table live_session
    add column mode text not null default 'online' check (mode in ('online', 'in_person', 'hybrid')),
    add column venue text,
    add column city text,
    add column jp bigint not null default 0 check (jp >= 0 and jp <= 40),
    add column host_user_id bigint references app_user (id) on delete set null,
    add column host_name text,
    add column checkin_secret text;
alter table live_session alter column meeting_url drop not null;
update live_session set jp = greatest(1, duration_minutes / 45),
    checkin_secret = replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '');
alter table live_session alter column checkin_secret set not null;
alter table live_session
    add constraint live_session_url_by_mode check ((mode = 'in_person') = (meeting_url is null)),
    add constraint live_session_venue_by_mode check ((mode = 'online') = (venue is null));
create index live_session_start on live_session (starts_at);

-- A participant is present when their minutes reach this share of the session (reports).
alter table program add column attendance_threshold_percent bigint not null default 80
    check (attendance_threshold_percent between 1 and 100);
-- Minutes in one JP, set per agency (DOMAIN.md section 4: 45 is the common value).
alter table institution add column jp_minutes bigint not null default 45
    check (jp_minutes between 30 and 60);

-- One row per participant and session: the current state. `minutes` is known from a meeting
-- report; `source` says what set the row last.
create table attendance (
    session_id bigint not null references live_session (id) on delete cascade,
    user_id bigint not null references app_user (id) on delete cascade,
    status text not null check (status in ('present', 'late', 'excused', 'absent')),
    minutes bigint check (minutes is null or minutes >= 0),
    source text not null check (source in ('code', 'roster', 'report')),
    updated_by bigint references app_user (id) on delete set null,
    updated_at bigint not null,
    primary key (session_id, user_id)
);
create index attendance_user on attendance (user_id, session_id);

-- Every change to attendance, with who made it and when (the participant for a check-in).
create table attendance_change (
    id bigint generated always as identity primary key,
    session_id bigint not null references live_session (id) on delete cascade,
    user_id bigint not null references app_user (id) on delete cascade,
    status text not null,
    minutes bigint,
    source text not null,
    changed_by bigint references app_user (id) on delete set null,
    changed_at bigint not null
);
create index attendance_change_session on attendance_change (session_id, user_id, id);

-- Check-in tries per participant and session, counted before the code is looked at.
create table checkin_attempt (
    session_id bigint not null references live_session (id) on delete cascade,
    user_id bigint not null references app_user (id) on delete cascade,
    tries bigint not null,
    primary key (session_id, user_id)
);

-- Clicks on a session's join link (evidence of joining; not attendance by itself).
create table session_join (
    session_id bigint not null references live_session (id) on delete cascade,
    user_id bigint not null references app_user (id) on delete cascade,
    first_at bigint not null,
    last_at bigint not null,
    clicks bigint not null,
    primary key (session_id, user_id)
);

-- A meeting report (Zoom, Google Meet, BigBlueButton) parsed and waiting for the host to
-- confirm the matches: `people` is JSON (one entry per person, minutes summed over rejoins).
create table attendance_report (
    id bigint generated always as identity primary key,
    session_id bigint not null references live_session (id) on delete cascade,
    uploaded_by bigint references app_user (id) on delete set null,
    file_name text not null,
    people text not null,
    row_count bigint not null,
    created_at bigint not null,
    applied_at bigint
);
create index attendance_report_session on attendance_report (session_id, id);

-- Secret calendar (ICS) addresses: one per participant and one per cohort.
create table calendar_feed (
    owner_kind text not null check (owner_kind in ('user', 'cohort')),
    owner_id bigint not null,
    token text not null unique,
    created_at bigint not null,
    primary key (owner_kind, owner_id)
);
