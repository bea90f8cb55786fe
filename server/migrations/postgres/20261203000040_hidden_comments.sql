-- Comments a moderator hid (issue #16).

-- A hidden comment keeps its text (the board's history) but is shown as a placeholder.
alter table post_comment
    add column hidden_at bigint,
    add column hidden_by bigint references app_user (id);

alter table board_event drop constraint board_event_kind_check;
alter table board_event add constraint board_event_kind_check
    check (kind in ('post', 'revision', 'comment', 'status', 'score', 'comment_hidden'));
