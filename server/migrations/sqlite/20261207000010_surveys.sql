-- Surveys (issue #20 items 1-4): instruments an institution's admins build, surveys given per
-- cohort about the organiser, its mentors or its sessions' hosts, and the answers. Who answered
-- (survey_answered) is kept apart from what was answered (survey_response, survey_answer): a
-- response carries no user and a random id, so reports cannot put a name beside an answer.
-- Also the predicate bands of the mentor index per institution, and a new notification kind,
-- `survey` (follow-up invitations and reminders); SQLite cannot change a check constraint, so
-- both tables that name the kinds are rebuilt.
create table survey_instrument (
    id integer primary key,
    institution_id integer not null references institution (id),
    title text not null,
    created_by integer references app_user (id) on delete set null,
    created_at bigint not null,
    updated_at bigint not null
);
create index survey_instrument_institution on survey_instrument (institution_id);

create table survey_item (
    id integer primary key,
    instrument_id integer not null references survey_instrument (id) on delete cascade,
    position bigint not null,
    kind text not null check (kind in ('likert4', 'likert5', 'choice', 'text')),
    prompt text not null,
    -- The options of a single choice, one per line.
    options text not null default '',
    required bigint not null default 1,
    created_at bigint not null
);
create index survey_item_instrument on survey_item (instrument_id, position);

create table survey (
    id integer primary key,
    cohort_id integer not null references cohort (id) on delete cascade,
    instrument_id integer not null references survey_instrument (id),
    title text not null,
    kind text not null check (kind in ('reaction', 'follow_up')),
    target text not null check (target in ('organiser', 'mentor', 'host')),
    -- Whether completing the cohort asks for it.
    required bigint not null default 1,
    opens_at bigint not null,
    closes_at bigint not null,
    created_by integer references app_user (id) on delete set null,
    created_at bigint not null
);
create index survey_cohort on survey (cohort_id);
create index survey_opens on survey (kind, opens_at);

-- Who has answered, for whom (subject_id: the person evaluated; 0 for the organiser).
create table survey_answered (
    survey_id integer not null references survey (id) on delete cascade,
    user_id integer not null references app_user (id) on delete cascade,
    subject_id bigint not null,
    created_at bigint not null,
    primary key (survey_id, user_id, subject_id)
);

-- One response, without its author; the id is random and the time only the day.
create table survey_response (
    id bigint primary key,
    survey_id integer not null references survey (id) on delete cascade,
    subject_id bigint not null,
    created_at bigint not null
);
create index survey_response_subject on survey_response (survey_id, subject_id);

create table survey_answer (
    response_id bigint not null references survey_response (id) on delete cascade,
    item_id integer not null references survey_item (id) on delete cascade,
    value bigint,
    text text,
    created_at bigint not null,
    primary key (response_id, item_id)
);
create index survey_answer_item on survey_answer (item_id);

-- The lower bounds (0-100) of the predicates of the mentor index; below `poor_from` is
-- "sangat kurang". Absent: DOMAIN §6's 90 / 75 / 65 / 55.
create table survey_band (
    institution_id integer primary key references institution (id) on delete cascade,
    very_good_from bigint not null,
    good_from bigint not null,
    fair_from bigint not null,
    poor_from bigint not null,
    updated_by integer references app_user (id) on delete set null,
    created_at bigint not null
);

create table notification_next (
    id integer primary key,
    user_id integer not null references app_user (id) on delete cascade,
    kind text not null check (kind in ('registration', 'quiz_opened', 'quiz_closing', 'comment',
        'status', 'score', 'coaching', 'announcement', 'session_reminder', 'survey')),
    actor_id integer references app_user (id) on delete set null,
    subject text not null,
    detail text not null default '',
    link text not null,
    created_at bigint not null,
    read_at bigint,
    digest_pending bigint not null default 0,
    emailed_at bigint
);
insert into notification_next select id, user_id, kind, actor_id, subject, detail, link,
    created_at, read_at, digest_pending, emailed_at from notification;
drop table notification;
alter table notification_next rename to notification;
create index notification_unread on notification (user_id, read_at);
create index notification_user on notification (user_id, id);
create index notification_digest on notification (user_id) where digest_pending = 1;

create table notification_pref_next (
    user_id integer not null references app_user (id) on delete cascade,
    kind text not null check (kind in ('registration', 'quiz_opened', 'quiz_closing', 'comment',
        'status', 'score', 'coaching', 'announcement', 'session_reminder', 'survey')),
    channel text not null check (channel in ('app', 'email', 'digest')),
    updated_at bigint not null,
    primary key (user_id, kind)
);
insert into notification_pref_next select user_id, kind, channel, updated_at from notification_pref;
drop table notification_pref;
alter table notification_pref_next rename to notification_pref;
