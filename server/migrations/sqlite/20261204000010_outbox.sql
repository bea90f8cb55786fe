-- The durable e-mail outbox (issue #18): a message is queued in the transaction of the event that
-- causes it and sent later by a background worker (app/src/ssr/mail/worker.rs).
--
-- `message_key` is the message's `Message-ID` (with the sender's domain): a message sent again
-- after a crash between sending and marking it sent carries the same id, so the receiver can tell
-- the duplicate. A worker sends a message only under a lease (`lease_owner`, `lease_until`),
-- claimed by one conditional update, so two processes never send one message at once.
-- `status`: queued (waiting, or waiting for a retry at `next_attempt_at`), sent, failed (gave up
-- after the configured number of attempts), not_sent (SMTP was not configured).
create table outbox_message (
    id integer primary key,
    message_key text not null unique,
    to_email text not null,
    to_name text not null,
    to_user_id integer references app_user (id) on delete set null,
    kind text not null,
    lang text not null,
    subject text not null,
    body_text text not null,
    body_html text not null,
    status text not null default 'queued'
        check (status in ('queued', 'sent', 'failed', 'not_sent')),
    attempts bigint not null default 0,
    next_attempt_at bigint not null,
    lease_owner text,
    lease_until bigint,
    last_error text,
    created_at bigint not null,
    sent_at bigint
);
-- The worker's claim: queued messages that are due, oldest first.
create index outbox_message_due on outbox_message (status, next_attempt_at);
-- The admin list, newest first, and its scope by recipient.
create index outbox_message_created on outbox_message (created_at);
create index outbox_message_user on outbox_message (to_user_id);
