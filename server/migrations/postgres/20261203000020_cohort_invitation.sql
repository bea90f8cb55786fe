-- Scope (issue #16): an import row that matches an account outside the uploading admin's scope
-- does not enrol it; the account's owner gets an invitation to the cohort, which they accept
-- (and are enrolled) or decline. One per person and cohort; a declined one is never reopened.
create table cohort_invitation (
    id bigint generated always as identity primary key,
    cohort_id bigint not null references cohort (id) on delete cascade,
    user_id bigint not null references app_user (id) on delete cascade,
    status text not null check (status in ('pending', 'accepted', 'declined')),
    invited_by bigint references app_user (id),
    import_job_id bigint,
    created_at bigint not null,
    decided_at bigint,
    unique (cohort_id, user_id)
);
create index cohort_invitation_user on cohort_invitation (user_id, status);
