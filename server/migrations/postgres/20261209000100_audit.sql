-- The audit log (issue #22 item 5): every admin action that changes people or results, with who
-- did it (id, and name and role at the time), when (unix seconds, UTC), what (an action code such
-- as `role.change`), the subject (kind, id, a short summary written at the time, and the value
-- it had and got: codes such as `mentor` → `admin`, which the page shows in the reader's
-- language), the institution whose admins may read it (the subject's scope; null only for what
-- belongs to no institution) and the client address it came from.
--
-- An entry is written in the transaction of its action (app/src/ssr/audit) and never changed:
-- the triggers below raise an exception on any update, delete or truncate, whoever asks.
create table audit_entry (
    id bigserial primary key,
    created_at bigint not null,
    actor_id bigint not null,
    actor_name text not null,
    actor_role text not null,
    action text not null,
    subject_kind text not null,
    subject_id bigint not null,
    summary text not null,
    old_value text,
    new_value text,
    institution_id bigint,
    address text not null
);
-- The list is newest first (by id, which grows with time), within the reader's scope, and may
-- be filtered by action, actor or date: each filter has an index that ends in the id, so a page
-- is read in order and stops at 51 rows.
create index audit_entry_scope on audit_entry (institution_id, id);
create index audit_entry_action on audit_entry (action, id);
create index audit_entry_actor on audit_entry (actor_id, id);
create index audit_entry_created on audit_entry (created_at, id);
-- The subject's history (an import's start, read when the worker records its end).
create index audit_entry_subject on audit_entry (subject_kind, subject_id, id);

create function audit_entry_unchangeable() returns trigger language plpgsql as $$
begin
    raise exception 'audit entries cannot be changed or deleted (%)', tg_op
        using errcode = 'P0001';
end $$;

create trigger audit_entry_no_change before update or delete on audit_entry
    for each row execute function audit_entry_unchangeable();
create trigger audit_entry_no_truncate before truncate on audit_entry
    for each statement execute function audit_entry_unchangeable();
