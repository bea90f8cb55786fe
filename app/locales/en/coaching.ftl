# Coaching log (TIRTA).
# Validation and notices
coaching.goal_missing = The goal is required.
coaching.identification_missing = The identification is required.
coaching.action_plan_missing = The action plan is required.
coaching.commitment_missing = The commitment is required.
coaching.part_too_long = Too long: at most 4,000 characters.
coaching.comment_missing = The comment is required.
coaching.comment_too_long = A comment is at most 4,000 characters.
coaching.not_found = This coaching log was not found.
coaching.not_owner = Only the participant who wrote this cycle can change it.
coaching.busy = Many cycles are being saved at once. Please send it once more.
coaching.created = Your coaching cycle has been saved.
coaching.saved = Your changes have been saved. Earlier comments are kept.
coaching.commented = Your comment has been sent.
# The participant's log
coaching.title = Coaching Log
coaching.lead = Record your coaching with the TIRTA model: the Goal (Tujuan) you want to reach, Identification of where you stand, an Action plan (Rencana aksi), and your Commitment (Tanggung jawab). Your group's mentor reads this log and responds.
coaching.no_cohort = You can keep a coaching log once your registration in a cohort has been approved.
coaching.choose_cohort = Choose a cohort
coaching.cycles_heading = Coaching cycles
coaching.no_cycles = No coaching cycles yet. Start your first cycle with the form below.
coaching.cycle_n = Cycle {n}
coaching.started = Started {when}
coaching.updated = updated {when}
coaching.comment_count = {n} comments
coaching.no_feedback_yet = No feedback yet
coaching.new_cycle = Start a new cycle
coaching.new_cycle_lead = This will be cycle {n}. Write in your own words; you can still change it later.
coaching.create_submit = Save cycle
# The four parts of a TIRTA cycle, with what each step asks
coaching.part.goal = Goal (Tujuan)
coaching.part.identification = Identification (Identifikasi)
coaching.part.action_plan = Action plan (Rencana aksi)
coaching.part.commitment = Commitment (Tanggung jawab)
coaching.hint.goal = What do you want to achieve in this cycle? Write a clear, observable result, for example: grade 4 pupils can compare two sources of information.
coaching.hint.identification = Where do things stand now? Note the strengths, challenges and causes you see in class.
coaching.hint.action_plan = Which steps will you take, when, and with whose or what support?
coaching.hint.commitment = What do you commit to? When will you start, and how will you know the plan worked?
# One cycle
coaching.cycle_title = Coaching Cycle
coaching.back_mine = ← My coaching log
coaching.back_participant = ← Coaching log of {name}
coaching.edit = Change this cycle
coaching.edit_lead = Update the parts when your plan changes. Existing comments are kept.
coaching.edit_submit = Save changes
coaching.comments = Comments
coaching.no_comments = No comments yet.
coaching.write_comment = Write a comment
coaching.comment = Comment
coaching.comment_hint_staff = Give helpful feedback: what is already strong, questions that make them think, and a suggested next step.
coaching.comment_hint_owner = Answer your mentor's comments, or tell how carrying out your plan is going.
coaching.comment_submit = Send comment
# A participant's log for the mentor or an admin
coaching.participant_title = Participant's Coaching Log
coaching.participant_heading = Coaching log of {name}
coaching.back_groups = ← Participants' coaching
coaching.participant_no_cycles = This participant has not written a coaching cycle in this cohort yet.
# The mentor's overview
coaching.mentor_title = Participants' Coaching
coaching.mentor_lead = Coaching logs of the participants in the groups you mentor. Open a participant's log to read their cycles and respond.
coaching.no_groups = You do not mentor any group yet.
coaching.group_empty = No participants in this group yet.
coaching.cycle_count = {n} cycles
coaching.last_update = last updated {when}
coaching.no_cycles_yet = No cycle written yet
coaching.awaiting = {n} awaiting feedback
