-- Certificates (issue #20): the check page of a corrected certificate links to its newer version,
-- found by `replaces_id`; without an index that look-up read the whole table on every check.
create index certificate_replaces on certificate (replaces_id);
