-- In-app notifications (issue #18 item 4): one row per recipient and event, written in the
-- transaction of the event (so a notification exists iff its event committed).
--
-- `kind` says what happened; `subject` is the title of what it is about (a post, a quiz, a
-- cohort), `detail` a code that completes it (a post's new status, a registration's decision),
-- `actor_id` who did it, `link` the path to open. The text is rendered when shown, in the
-- reader's language.
-- `digest_pending` is 1 while the notification waits for its recipient's daily digest e-mail (they
-- chose `digest` for its kind when it was made); `emailed_at` is when it went out by e-mail (at
-- once or in a digest).
create table notification (
    id integer primary key,
    user_id integer not null references app_user (id) on delete cascade,
    kind text not null check (kind in ('registration', 'quiz_opened', 'quiz_closing', 'comment',
        'status', 'score', 'coaching', 'announcement')),
    actor_id integer references app_user (id) on delete set null,
    subject text not null,
    detail text not null default '',
    link text not null,
    created_at bigint not null,
    read_at bigint,
    digest_pending bigint not null default 0,
    emailed_at bigint
);
-- The bell's unread count and the list, newest first.
create index notification_unread on notification (user_id, read_at);
create index notification_user on notification (user_id, id);
-- The digest run: the people with notifications waiting for it.
create index notification_digest on notification (user_id) where digest_pending = 1;

-- How each person wants each kind: `app` (in the app only), `email` (an e-mail at once) or
-- `digest` (one e-mail a day). No row: `digest` for participants, `app` for staff.
create table notification_pref (
    user_id integer not null references app_user (id) on delete cascade,
    kind text not null check (kind in ('registration', 'quiz_opened', 'quiz_closing', 'comment',
        'status', 'score', 'coaching', 'announcement')),
    channel text not null check (channel in ('app', 'email', 'digest')),
    updated_at bigint not null,
    primary key (user_id, kind)
);

-- Notifications sent once per subject by a background sweep (`quiz_closing` per quiz): the
-- sweep inserts the marker in the transaction that writes the notifications, so a second process
-- or a restart finds it and sends nothing.
create table notification_once (
    topic text not null,
    subject_id bigint not null,
    created_at bigint not null,
    primary key (topic, subject_id)
);
