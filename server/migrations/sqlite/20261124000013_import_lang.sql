-- Bulk enrolment (issue #3): the language of the admin who uploaded a file, so that row errors
-- written by the background worker read in that admin's language.
alter table import_job add column lang text not null default 'id';
