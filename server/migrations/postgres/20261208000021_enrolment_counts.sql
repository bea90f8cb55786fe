-- The number of enrolments per cohort and status, kept with the data (issue #21 item 7): the roster
-- of a 62,000-participant cohort reads its total here instead of counting the cohort on every page.
--
-- The count of (cohort, status) is the sum of `n` over its rows. Triggers on `enrolment` add a row
-- per change (+1 for the new status, -1 for the old), so no write path can forget it, and on
-- PostgreSQL concurrent transactions only insert, never wait on a shared counter row (a counter
-- row per status, updated in place, would be locked in changing orders by decisions that also
-- promote the waitlist: a deadlock). The roster folds a cohort's rows into one per status when
-- they pile up (app/src/ssr/groups/counts.rs). No foreign key: a deleted cohort's rows sum to 0.
create table cohort_enrolment_count (
    id bigint generated always as identity primary key,
    cohort_id bigint not null,
    status text not null,
    n bigint not null
);
create index cohort_enrolment_count_cohort on cohort_enrolment_count (cohort_id, status, n);

-- The roster walks a cohort's enrolments of one status in id order and joins by user and group:
-- with those in the index it reads no enrolment row (the old index was this one's prefix).
drop index enrolment_cohort_status;
create index enrolment_roster on enrolment (cohort_id, status, id, user_id, group_id);

insert into cohort_enrolment_count (cohort_id, status, n)
select cohort_id, status, count(*) from enrolment group by cohort_id, status;

create function enrolment_count_change() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into cohort_enrolment_count (cohort_id, status, n) values (new.cohort_id, new.status, 1);
    elsif tg_op = 'DELETE' then
        insert into cohort_enrolment_count (cohort_id, status, n) values (old.cohort_id, old.status, -1);
    elsif old.cohort_id <> new.cohort_id or old.status <> new.status then
        -- `update enrolment set status = status` (a lock taken on purpose) changes no count.
        insert into cohort_enrolment_count (cohort_id, status, n)
        values (old.cohort_id, old.status, -1), (new.cohort_id, new.status, 1);
    end if;
    return null;
end;
$$;

create trigger enrolment_count_insert after insert on enrolment
for each row execute function enrolment_count_change();

create trigger enrolment_count_delete after delete on enrolment
for each row execute function enrolment_count_change();

create trigger enrolment_count_update after update of cohort_id, status on enrolment
for each row execute function enrolment_count_change();
