# English — the second language.

nav.label = Main navigation
nav.skip = Skip to content
nav.home = Home
nav.account = Account
nav.accounts = Accounts
nav.sign_in = Sign in
nav.sign_up = Register
nav.sign_out = Sign out
footer.tagline = Pamong — teacher training by online mentoring.

role.admin = Organiser
role.mentor = Mentor
role.participant = Participant

institution.province_agency = Province agency
institution.district_office = District/city office
institution.school = School
institution.government_office = Other government office
institution.university = University

form.required = Required.
form.too_long = Too long: at most {max} characters.
form.email_invalid = Not a valid e-mail address. Example: name@school.sch.id
form.check_fields = Please check the marked fields.
form.busy = Working…
form.offline = Cannot reach the server. Check your internet connection and try again.
form.loading = Loading…

field.email = E-mail
field.password = Password
field.password_confirm = Repeat password
field.password_hint = At least 8 characters.
field.full_name = Full name
field.nip_optional = NIP (if you have one)
field.nip_hint = 18 digits, spaces allowed. Example: 19860926 201505 1 001
field.current_password = Current password
field.new_password = New password
field.initial_password = Initial password
field.role = Role
field.institution = Institution

password.too_short = Password too short: at least 8 characters.
password.too_long = Password too long.
password.mismatch = The two passwords differ.

nip.not_digits = A NIP contains only digits (spaces, dots or dashes may separate them).
nip.wrong_length = A NIP has 18 digits; this one has {count}.
nip.bad_birth_date = Digits 1–8 of a NIP must be a real birth date (YYYYMMDD).
nip.bad_appointment = Digits 9–14 of a NIP must be a real appointment year and month (YYYYMM).
nip.appointment_before_birth = The appointment date in a NIP must come after the birth date.
nip.bad_sex_digit = Digit 15 of a NIP must be 1 (male) or 2 (female).

auth.sign_in_required = Please sign in first.
auth.forbidden = You are not allowed to do this.
auth.wrong_credentials = Wrong e-mail, NIP/NUPTK or password.
auth.too_many_attempts = Too many failed sign-ins. Try again in {minutes} minutes.
auth.too_many_sign_ups = Too many attempts to create an account. Try again in {minutes} minutes.
auth.email_taken = This e-mail is already registered. Sign in, or use another e-mail.
auth.nip_taken = This NIP is already registered to another account.
auth.welcome_new = Your account has been created. Welcome to Pamong!
auth.signed_out = You have signed out.

error.internal = Something went wrong on the server. Please try again shortly.
error.too_large = The form is too large.
error.foreign_origin = Request refused: this form was not sent from a Pamong page. Reload the page and try again.
error.not_found.title = Page not found
error.not_found.body = The address you opened does not exist or has moved.
error.forbidden.title = Not allowed
error.forbidden.body = This page is not for your role.
error.go_home = Back to home

lang.unknown = Unknown language.

sign_in.title = Sign in
sign_in.lead = Sign in with the e-mail, NIP or NUPTK and the password of your Pamong account.
sign_in.submit = Sign in
sign_in.no_account = No account yet?
sign_in.register_link = Register as a participant

sign_up.title = Register as a participant
sign_up.lead = For teachers, principals and supervisor candidates who will take part in training.
sign_up.submit = Register
sign_up.have_account = Already registered?
sign_up.sign_in_link = Sign in

account.title = My account
account.no_institution = Not set yet
account.change_password = Change password
account.change_password_submit = Save new password
account.current_password_wrong = The current password is wrong.
account.too_many_password_attempts = Too many wrong passwords. Try again in {minutes} minutes.
account.password_changed = Password changed. Other devices that were signed in have been signed out.

home.greeting = Welcome, {name}
home.participant.title = Participant home
home.participant.lead = Here you take part in training, do pre-tests and post-tests, and upload work for your mentor.
home.participant.my_trainings = My trainings
home.participant.no_trainings = You are not enrolled in any training yet.
home.participant.next_steps = Next steps
home.participant.step_profile = Complete your profile: NIP, NUPTK, rank and school.
home.participant.step_catalog = Choose a training in the catalog and apply to an open cohort.
home.participant.step_pretest = Take the pre-test before the material starts.
home.mentor.title = Mentor home
home.mentor.lead = Here you coach groups of participants: read their work, comment and score it.
home.mentor.my_groups = My mentoring groups
home.mentor.no_groups = You have not been assigned to a group yet.
home.mentor.queue = Waiting for your feedback
home.admin.title = Organiser home
home.admin.lead = Manage accounts, training programs, cohorts and mentoring groups of your institution.
home.admin.count_admin = organisers
home.admin.count_mentor = mentors
home.admin.count_participant = participants
home.admin.manage_accounts = Manage accounts
home.admin.institutions = Institutions in your scope

accounts.title = Accounts
accounts.search = Search name or e-mail
accounts.all_roles = All roles
accounts.filter = Show
accounts.summary = {total} accounts
accounts.change_role = Change role
accounts.create_title = Create a mentor or organiser account
accounts.create_lead = Participants register themselves; mentor and organiser accounts are created here.
accounts.create_submit = Create account

admin.no_institution = Your organiser account is not linked to an institution.
admin.role_invalid = Choose one of the roles offered.
admin.institution_outside_scope = This institution is outside your scope.
admin.account_created = Account {email} has been created.
admin.role_changed = The role has been changed.
admin.cannot_change_own_role = You cannot change the role of your own account.
admin.account_not_found = Account not found.

# Identifiers other than the NIP (model/identifiers.rs)
identifier.nuptk_not_digits = An NUPTK may contain digits only.
identifier.nuptk_wrong_length = An NUPTK has 16 digits; this one has {count}.
identifier.npsn_invalid = An NPSN is 8 digits (school) or the letter K/P followed by 7 digits (non-formal institution).
identifier.region_invalid = A region code looks like 33 (province), 33.02 (regency/city) or 33.02.05 (district).
identifier.rank_unknown = Unknown rank; write it like III/a, III/b, … up to IV/e.
identifier.school_level_unknown = The school level must be one of SD, SMP, SMA, SMK or SLB.
identifier.phone_invalid = The phone must be an Indonesian mobile number, e.g. 0812 3456 7890 or +62 812 3456 7890.
identifier.birth_date_invalid = The date of birth must be a real date, for example 1986-09-26 or 26-09-1986.

# Navigation added for planning and organizing
nav.catalog = Catalog
nav.applications = Applications
nav.profile = Profile
nav.needs = Needs
nav.programs = Programs
nav.cohorts = Cohorts
nav.boards = Boards
nav.queue = Queue
nav.coaching = Coaching
nav.rubrics = Rubrics
nav.institutions = Institutions

# Admin scope (ssr/scope.rs)
scope.cohort_not_found = Cohort not found, or outside your authority.
scope.program_not_found = Program not found, or outside your authority.

pager.prev = ‹ Previous
pager.next = Next ›
pager.page_of = Page {page} of {pages}
pager.page = Page {page}
pager.label = List pages

# Links to the certificate pages (the pages' own texts are in certificates.ftl, server-only).
certificates.link_cohort = Certificates
certificates.link_template = Certificate template
certificates.link_mine = My certificates
core.scroll_table = Table: scroll sideways to see every column
