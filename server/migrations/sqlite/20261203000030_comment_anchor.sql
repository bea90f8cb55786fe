-- Comment anchors in their one spelling (`b1`, `b2`, …), the id of the block on the page. Anchors
-- stored before the server parsed them (`b+1`, `b01`) named no block on the page, which showed
-- those comments under the whole post; they now say so. New rows are checked here too.
update post_comment set anchor = null
where anchor is not null
  and not (anchor glob 'b[1-9]*' and substr(anchor, 2) not glob '*[^0-9]*' and length(anchor) <= 6);

create trigger post_comment_anchor_insert before insert on post_comment
when new.anchor is not null
  and not (new.anchor glob 'b[1-9]*' and substr(new.anchor, 2) not glob '*[^0-9]*' and length(new.anchor) <= 6)
begin
    select raise(abort, 'post_comment.anchor must be b1, b2, …');
end;

create trigger post_comment_anchor_update before update of anchor on post_comment
when new.anchor is not null
  and not (new.anchor glob 'b[1-9]*' and substr(new.anchor, 2) not glob '*[^0-9]*' and length(new.anchor) <= 6)
begin
    select raise(abort, 'post_comment.anchor must be b1, b2, …');
end;
