-- Dashboards (issue #21): summary tables the application keeps, so that a dashboard reads a few
-- rows instead of recounting every answer. Triggers note which cohort changed; the refresher
-- (app/src/ssr/dashboards/refresher.rs) recounts those cohorts and rewrites their rows.

-- One row per change that can move a cohort's figures: appended by the triggers below (no
-- unique key, so simultaneous writers never wait on each other), deleted once recounted.
create table dashboard_change (
    id integer primary key,
    cohort_id bigint not null
);

-- A cohort's counts per regency (`PP.KK`, '' when the profile has none): what the agency
-- overview sums over programs, periods and regions.
create table dashboard_cohort_fact (
    cohort_id integer not null references cohort (id) on delete cascade,
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
    cohort_id integer primary key references cohort (id) on delete cascade,
    refreshed_at bigint not null,
    body text not null
);

create trigger dashboard_enrolment_insert after insert on enrolment begin
    insert into dashboard_change (cohort_id) values (new.cohort_id);
end;
create trigger dashboard_enrolment_update after update on enrolment begin
    insert into dashboard_change (cohort_id) values (new.cohort_id);
end;
create trigger dashboard_profile_insert after insert on participant_profile begin
    insert into dashboard_change (cohort_id)
        select cohort_id from enrolment where user_id = new.user_id;
end;
create trigger dashboard_profile_update after update on participant_profile begin
    insert into dashboard_change (cohort_id)
        select cohort_id from enrolment where user_id = new.user_id;
end;
create trigger dashboard_session_insert after insert on live_session begin
    insert into dashboard_change (cohort_id) values (new.cohort_id);
end;
create trigger dashboard_session_update after update of jp on live_session begin
    insert into dashboard_change (cohort_id) values (new.cohort_id);
end;
create trigger dashboard_attendance_insert after insert on attendance begin
    insert into dashboard_change (cohort_id)
        select cohort_id from live_session where id = new.session_id;
end;
create trigger dashboard_attendance_update after update of status on attendance begin
    insert into dashboard_change (cohort_id)
        select cohort_id from live_session where id = new.session_id;
end;
create trigger dashboard_attempt_finish after update of finished_at, score_milli on quiz_attempt begin
    insert into dashboard_change (cohort_id) select cohort_id from quiz where id = new.quiz_id;
end;
create trigger dashboard_attempt_insert after insert on quiz_attempt begin
    insert into dashboard_change (cohort_id) select cohort_id from quiz where id = new.quiz_id;
end;
create trigger dashboard_post_insert after insert on work_post begin
    insert into dashboard_change (cohort_id) select cohort_id from board where id = new.board_id;
end;
create trigger dashboard_post_update after update of status, first_response_at on work_post begin
    insert into dashboard_change (cohort_id) select cohort_id from board where id = new.board_id;
end;
create trigger dashboard_comment_insert after insert on post_comment begin
    insert into dashboard_change (cohort_id)
        select b.cohort_id from work_post w join board b on b.id = w.board_id where w.id = new.post_id;
end;
create trigger dashboard_decision_insert after insert on completion_decision begin
    insert into dashboard_change (cohort_id) values (new.cohort_id);
end;
create trigger dashboard_decision_update after update on completion_decision begin
    insert into dashboard_change (cohort_id) values (new.cohort_id);
end;
create trigger dashboard_decision_delete after delete on completion_decision begin
    insert into dashboard_change (cohort_id) values (old.cohort_id);
end;
create trigger dashboard_certificate_insert after insert on certificate begin
    insert into dashboard_change (cohort_id) values (new.cohort_id);
end;
create trigger dashboard_certificate_update after update of status on certificate begin
    insert into dashboard_change (cohort_id) values (new.cohort_id);
end;
create trigger dashboard_survey_response after insert on survey_response begin
    insert into dashboard_change (cohort_id) select cohort_id from survey where id = new.survey_id;
end;
create trigger dashboard_group_update after update of mentor_id on mentor_group begin
    insert into dashboard_change (cohort_id) values (new.cohort_id);
end;

create trigger dashboard_cohort_insert after insert on cohort begin
    insert into dashboard_change (cohort_id) values (new.id);
end;

-- Every existing cohort is counted once at the first start.
insert into dashboard_change (cohort_id) select id from cohort;
