-- Dashboards (issue #21): summary tables the application keeps, so that a dashboard reads a few
-- rows instead of recounting every answer. Triggers note which cohort changed; the refresher
-- (app/src/ssr/dashboards/refresher.rs) recounts those cohorts and rewrites their rows.

-- One row per change that can move a cohort's figures: appended by the triggers below (no
-- unique key, so simultaneous writers never wait on each other), deleted once recounted.
create table dashboard_change (
    id bigserial primary key,
    cohort_id bigint not null
);

-- A cohort's counts per regency (`PP.KK`, '' when the profile has none): what the agency
-- overview sums over programs, periods and regions.
create table dashboard_cohort_fact (
    cohort_id bigint not null references cohort (id) on delete cascade,
    region_code text not null,
    registered bigint not null,
    approved bigint not null,
    active bigint not null,
    active_week bigint not null,
    post_test_done bigint not null,
    completed bigint not null,
    certified bigint not null,
    jp_delivered bigint not null,
    primary key (cohort_id, region_code)
);

-- A cohort's dashboard figures (model::dashboards::CohortFigures as JSON), as of refreshed_at.
create table dashboard_cohort_snapshot (
    cohort_id bigint primary key references cohort (id) on delete cascade,
    refreshed_at bigint not null,
    body text not null
);

-- The row's own cohort_id.
create function dashboard_mark_cohort() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        insert into dashboard_change (cohort_id) values (old.cohort_id);
    else
        insert into dashboard_change (cohort_id) values (new.cohort_id);
    end if;
    return null;
end $$;

create function dashboard_mark_profile() returns trigger language plpgsql as $$
begin
    insert into dashboard_change (cohort_id)
        select cohort_id from enrolment where user_id = new.user_id;
    return null;
end $$;

create function dashboard_mark_attendance() returns trigger language plpgsql as $$
begin
    insert into dashboard_change (cohort_id)
        select cohort_id from live_session where id = new.session_id;
    return null;
end $$;

create function dashboard_mark_attempt() returns trigger language plpgsql as $$
begin
    insert into dashboard_change (cohort_id) select cohort_id from quiz where id = new.quiz_id;
    return null;
end $$;

create function dashboard_mark_post() returns trigger language plpgsql as $$
begin
    insert into dashboard_change (cohort_id) select cohort_id from board where id = new.board_id;
    return null;
end $$;

create function dashboard_mark_comment() returns trigger language plpgsql as $$
begin
    insert into dashboard_change (cohort_id)
        select b.cohort_id from work_post w join board b on b.id = w.board_id where w.id = new.post_id;
    return null;
end $$;

create function dashboard_mark_survey() returns trigger language plpgsql as $$
begin
    insert into dashboard_change (cohort_id) select cohort_id from survey where id = new.survey_id;
    return null;
end $$;

create trigger dashboard_enrolment after insert or update on enrolment
    for each row execute function dashboard_mark_cohort();
create trigger dashboard_profile after insert or update on participant_profile
    for each row execute function dashboard_mark_profile();
create trigger dashboard_session_insert after insert on live_session
    for each row execute function dashboard_mark_cohort();
create trigger dashboard_session_update after update of jp on live_session
    for each row execute function dashboard_mark_cohort();
create trigger dashboard_attendance_insert after insert on attendance
    for each row execute function dashboard_mark_attendance();
create trigger dashboard_attendance_update after update of status on attendance
    for each row execute function dashboard_mark_attendance();
create trigger dashboard_attempt_insert after insert on quiz_attempt
    for each row execute function dashboard_mark_attempt();
create trigger dashboard_attempt_finish after update of finished_at, score_milli on quiz_attempt
    for each row execute function dashboard_mark_attempt();
create trigger dashboard_post_insert after insert on work_post
    for each row execute function dashboard_mark_post();
create trigger dashboard_post_update after update of status, first_response_at on work_post
    for each row execute function dashboard_mark_post();
create trigger dashboard_comment_insert after insert on post_comment
    for each row execute function dashboard_mark_comment();
create trigger dashboard_decision after insert or update or delete on completion_decision
    for each row execute function dashboard_mark_cohort();
create trigger dashboard_certificate_insert after insert on certificate
    for each row execute function dashboard_mark_cohort();
create trigger dashboard_certificate_update after update of status on certificate
    for each row execute function dashboard_mark_cohort();
create trigger dashboard_survey_response after insert on survey_response
    for each row execute function dashboard_mark_survey();
create trigger dashboard_group_update after update of mentor_id on mentor_group
    for each row execute function dashboard_mark_cohort();

create function dashboard_mark_new_cohort() returns trigger language plpgsql as $$
begin
    insert into dashboard_change (cohort_id) values (new.id);
    return null;
end $$;
create trigger dashboard_cohort_insert after insert on cohort
    for each row execute function dashboard_mark_new_cohort();

-- Every existing cohort is counted once at the first start.
insert into dashboard_change (cohort_id) select id from cohort;
