-- The import worker's lease: a worker claims a job by writing its id and an expiry, renews the
-- expiry while it works, and another worker may take the job only once the lease has run out.
-- `claims` counts how often a worker took the job up (1 for a job no crash interrupted).
alter table import_job add column lease_owner text;
alter table import_job add column lease_expires_at bigint;
alter table import_job add column claims bigint not null default 0;
