-- Comment anchors in their one spelling (`b1`, `b2`, …), the id of the block on the page. Anchors
-- stored before the server parsed them (`b+1`, `b01`) named no block on the page, which showed
-- those comments under the whole post; they now say so. New rows are checked here too.
update post_comment set anchor = null where anchor !~ '^b[1-9][0-9]{0,4}$';

alter table post_comment add constraint post_comment_anchor_canonical
    check (anchor ~ '^b[1-9][0-9]{0,4}$');
