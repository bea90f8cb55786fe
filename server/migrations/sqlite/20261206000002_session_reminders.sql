-- Session reminders (issue #19 item 12): a new notification kind, `session_reminder`. SQLite
-- cannot change a check constraint, so both tables that name the kinds are rebuilt.
create table notification_next (
    id integer primary key,
    user_id integer not null references app_user (id) on delete cascade,
    kind text not null check (kind in ('registration', 'quiz_opened', 'quiz_closing', 'comment',
        'status', 'score', 'coaching', 'announcement', 'session_reminder')),
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
        'status', 'score', 'coaching', 'announcement', 'session_reminder')),
    channel text not null check (channel in ('app', 'email', 'digest')),
    updated_at bigint not null,
    primary key (user_id, kind)
);
insert into notification_pref_next select user_id, kind, channel, updated_at from notification_pref;
drop table notification_pref;
alter table notification_pref_next rename to notification_pref;
