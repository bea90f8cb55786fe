-- Periodic background tasks (dashboard refresh, overdue attempts, notification sweeps, stale
-- counters, expired sessions) run in one process at a time: the process whose lease on the task's
-- row has not run out (`lease_until`, unix seconds). Renewed every pass; taken over when it lapses.
create table task_lease (
    name text primary key,
    owner text not null,
    lease_until integer not null
);
