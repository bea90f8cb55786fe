-- The roster keeps where its pages start and a filter's first matches for a few seconds
-- (app/src/ssr/groups/page_cache.rs); the newest change noted for the cohort tells it when they
-- may have moved (an enrolment's status or group, a participant's profile).
create index dashboard_change_cohort on dashboard_change (cohort_id, id);
