-- Session reminders (issue #19 item 12): a new notification kind, `session_reminder`.
alter table notification drop constraint notification_kind_check;
alter table notification add constraint notification_kind_check check (kind in ('registration',
    'quiz_opened', 'quiz_closing', 'comment', 'status', 'score', 'coaching', 'announcement',
    'session_reminder'));
alter table notification_pref drop constraint notification_pref_kind_check;
alter table notification_pref add constraint notification_pref_kind_check check (kind in (
    'registration', 'quiz_opened', 'quiz_closing', 'comment', 'status', 'score', 'coaching',
    'announcement', 'session_reminder'));
