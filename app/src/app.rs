//! The HTML shell and the route table.

use crate::i18n::use_i18n;
use crate::pages::account::AccountPage;
use crate::pages::activation::ActivationPage;
use crate::pages::admin::{AccountsPage, AuditLogPage, OutboxListPage};
use crate::pages::boards::{
    BoardViewPage, BoardsListPage, MentorQueuePage, PostViewPage, RubricPage, RubricsPage,
};
use crate::pages::coaching::{
    CoachingCyclePage, CoachingLogPage, MentorCoachingPage, ParticipantCoachingPage,
};
use crate::pages::cohorts::{
    CohortPage, CohortsPage, MyApplicationsPage, ParticipantCohortPage, ProfilePage,
    SchoolClaimsPage,
};
use crate::pages::completion::{CohortCompletionPage, MyCompletionPage};
use crate::pages::credentials::CredentialCheckPage;
use crate::pages::dashboards::{
    AgencyDashboardPage, CohortDashboardPage, MentorDashboardPage, MyProgressPage,
    ProgramDashboardPage,
};
use crate::pages::errors::NotFound;
use crate::pages::fees::{
    AdminBillPage, CohortBillsPage, FeeReportPage, MyBillPage, MyBillsPage, StatementPage,
};
use crate::pages::groups::{GroupsPage, MentorGroupPage, RosterPage};
use crate::pages::home::{AdminHome, MentorHome, ParticipantHome};
use crate::pages::imports::{ImportJobPage, ImportPage};
use crate::pages::materials::{
    CohortProgressPage, ProgramMaterialsPage, RevisionViewPage, UnitEditorPage, UnitViewPage,
};
use crate::pages::notifications::{NotificationSettingsPage, NotificationsPage};
use crate::pages::password_reset::{ForgotPasswordPage, NewPasswordPage};
use crate::pages::planning::{
    CatalogPage, CatalogProgramPage, InstitutionsPage, NeedsPage, ProgramPage, ProgramsPage,
};
use crate::pages::quizzes::{AttemptPage, AttemptResultPage, QuizIntroPage, SubmitAttemptPage};
use crate::pages::quizzes::{BankPage, QuestionPage, QuizPage, QuizzesPage};
use crate::pages::quizzes::{CohortGainPage, QuizResultsPage};
use crate::pages::record::DevelopmentRecordPage;
use crate::pages::sessions::{
    CohortAttendancePage, HostSessionPage, JpRecordPage, ParticipantSessionPage, ReportPage,
};
use crate::pages::sign_in::{Root, SignInPage};
use crate::pages::sign_up::SignUpPage;
use crate::pages::surveys::{
    AnswerPage, CohortSurveysPage, InstrumentPage, InstrumentsPage, MentorIndexPage,
    MentorResultsPage, MentorSurveysPage, MySurveysPage, SurveyResultsPage,
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags};
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::{path, SsrMode};

/// The document around every page. Only the islands' wasm is loaded.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = use_i18n().0.code();
    view! {
        <!DOCTYPE html>
        <html lang=lang>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#0f5c4c"/>
                <link rel="stylesheet" href=format!("/{}/pamong.css", options.site_pkg_dir)/>
                <link rel="icon" href="/favicon.ico" sizes="32x32"/>
                <link rel="icon" href="/icon.svg" type="image/svg+xml"/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The routes. Every page renders completely on the server (`SsrMode::Async`), so it works with
/// JavaScript off and can set its status code.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <FlatRoutes fallback=NotFound>
                <Route path=path!("/") view=Root ssr=SsrMode::Async/>
                <Route path=path!("/masuk") view=SignInPage ssr=SsrMode::Async/>
                <Route path=path!("/daftar") view=SignUpPage ssr=SsrMode::Async/>
                <Route path=path!("/aktivasi") view=ActivationPage ssr=SsrMode::Async/>
                <Route path=path!("/lupa-sandi") view=ForgotPasswordPage ssr=SsrMode::Async/>
                <Route path=path!("/sandi-baru") view=NewPasswordPage ssr=SsrMode::Async/>
                // Before any `/sertifikat/:code` route: the router takes the first match.
                <Route path=path!("/sertifikat/periksa") view=CredentialCheckPage ssr=SsrMode::Async/>
                <Route path=path!("/peserta") view=ParticipantHome ssr=SsrMode::Async/>
                <Route path=path!("/mentor") view=MentorHome ssr=SsrMode::Async/>
                <Route path=path!("/admin") view=AdminHome ssr=SsrMode::Async/>
                <Route path=path!("/admin/dasbor") view=AgencyDashboardPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/program/:id/dasbor") view=ProgramDashboardPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/angkatan/:id/dasbor") view=CohortDashboardPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/pengguna") view=AccountsPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/surel") view=OutboxListPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/audit") view=AuditLogPage ssr=SsrMode::Async/>
                <Route path=path!("/akun") view=AccountPage ssr=SsrMode::Async/>
                <Route path=path!("/notifikasi") view=NotificationsPage ssr=SsrMode::Async/>
                <Route path=path!("/notifikasi/pengaturan") view=NotificationSettingsPage ssr=SsrMode::Async/>
                // Planning
                <Route path=path!("/admin/lembaga") view=InstitutionsPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/usulan") view=NeedsPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/program") view=ProgramsPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/program/:id") view=ProgramPage ssr=SsrMode::Async/>
                <Route path=path!("/katalog") view=CatalogPage ssr=SsrMode::Async/>
                <Route path=path!("/katalog/:id") view=CatalogProgramPage ssr=SsrMode::Async/>
                // Cohorts and registration
                <Route path=path!("/admin/angkatan") view=CohortsPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/angkatan/:id") view=CohortPage ssr=SsrMode::Async/>
                <Route path=path!("/peserta/profil") view=ProfilePage ssr=SsrMode::Async/>
                <Route path=path!("/admin/klaim-sekolah") view=SchoolClaimsPage ssr=SsrMode::Async/>
                <Route path=path!("/peserta/pendaftaran") view=MyApplicationsPage ssr=SsrMode::Async/>
                <Route path=path!("/peserta/angkatan/:id") view=ParticipantCohortPage ssr=SsrMode::Async/>
                // Fees
                <Route path=path!("/peserta/tagihan") view=MyBillsPage ssr=SsrMode::Async/>
                <Route path=path!("/peserta/tagihan/:id") view=MyBillPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/angkatan/:id/tagihan") view=CohortBillsPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/tagihan/:id") view=AdminBillPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/kontribusi") view=FeeReportPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/kontribusi/mutasi/:id") view=StatementPage ssr=SsrMode::Async/>
                // Bulk enrolment
                <Route path=path!("/admin/angkatan/:id/impor") view=ImportPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/impor/:id") view=ImportJobPage ssr=SsrMode::Async/>
                // Groups and rosters
                <Route path=path!("/admin/angkatan/:id/peserta") view=RosterPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/angkatan/:id/kelompok") view=GroupsPage ssr=SsrMode::Async/>
                <Route path=path!("/mentor/kelompok/:id") view=MentorGroupPage ssr=SsrMode::Async/>
                // Quiz authoring: question bank and quiz settings
                <Route path=path!("/admin/program/:id/soal") view=BankPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/soal/:id") view=QuestionPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/angkatan/:id/kuis") view=QuizzesPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/kuis/:id") view=QuizPage ssr=SsrMode::Async/>
                // Taking quizzes
                <Route path=path!("/peserta/kuis/:id") view=QuizIntroPage ssr=SsrMode::Async/>
                <Route path=path!("/peserta/upaya/:id") view=AttemptPage ssr=SsrMode::Async/>
                <Route path=path!("/peserta/upaya/:id/kumpulkan") view=SubmitAttemptPage ssr=SsrMode::Async/>
                <Route path=path!("/peserta/upaya/:id/hasil") view=AttemptResultPage ssr=SsrMode::Async/>
                // Quiz results and learning gain for staff
                <Route path=path!("/admin/kuis/:id/hasil") view=QuizResultsPage ssr=SsrMode::Async/>
                <Route path=path!("/mentor/kuis/:id/hasil") view=QuizResultsPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/angkatan/:id/capaian") view=CohortGainPage ssr=SsrMode::Async/>
                <Route path=path!("/mentor/angkatan/:id/capaian") view=CohortGainPage ssr=SsrMode::Async/>
                // Mentoring boards
                <Route path=path!("/papan") view=BoardsListPage ssr=SsrMode::Async/>
                <Route path=path!("/papan/:id") view=BoardViewPage ssr=SsrMode::Async/>
                <Route path=path!("/papan/pos/:id") view=PostViewPage ssr=SsrMode::Async/>
                <Route path=path!("/mentor/antrean") view=MentorQueuePage ssr=SsrMode::Async/>
                <Route path=path!("/rubrik") view=RubricsPage ssr=SsrMode::Async/>
                <Route path=path!("/rubrik/:id") view=RubricPage ssr=SsrMode::Async/>

                <Route path=path!("/sesi/:id") view=HostSessionPage ssr=SsrMode::Async/>
                <Route path=path!("/sesi/:id/laporan/:report") view=ReportPage ssr=SsrMode::Async/>
                <Route path=path!("/peserta/sesi/:id") view=ParticipantSessionPage ssr=SsrMode::Async/>
                <Route path=path!("/peserta/jp") view=JpRecordPage ssr=SsrMode::Async/>
                <Route path=path!("/peserta/rekam-jejak") view=DevelopmentRecordPage ssr=SsrMode::Async/>
                <Route path=path!("/peserta/angkatan/:id/kelulusan") view=MyCompletionPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/angkatan/:id/kelulusan") view=CohortCompletionPage ssr=SsrMode::Async/>
                <Route path=path!("/mentor/angkatan/:id/kelulusan") view=CohortCompletionPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/angkatan/:id/kehadiran") view=CohortAttendancePage ssr=SsrMode::Async/>
                <Route path=path!("/mentor/angkatan/:id/kehadiran") view=CohortAttendancePage ssr=SsrMode::Async/>
                <Route path=path!("/peserta/coaching") view=CoachingLogPage ssr=SsrMode::Async/>
                <Route path=path!("/coaching/:id") view=CoachingCyclePage ssr=SsrMode::Async/>
                <Route path=path!("/coaching/peserta/:id") view=ParticipantCoachingPage ssr=SsrMode::Async/>
                <Route path=path!("/mentor/coaching") view=MentorCoachingPage ssr=SsrMode::Async/>
                // Learning materials
                <Route path=path!("/peserta/materi/:id") view=UnitViewPage ssr=SsrMode::Async/>
                <Route path=path!("/materi/program/:id") view=ProgramMaterialsPage ssr=SsrMode::Async/>
                <Route path=path!("/materi/unit/:id/ubah") view=UnitEditorPage ssr=SsrMode::Async/>
                <Route path=path!("/materi/revisi/:id") view=RevisionViewPage ssr=SsrMode::Async/>
                <Route path=path!("/materi/angkatan/:id/kemajuan") view=CohortProgressPage ssr=SsrMode::Async/>
                // Surveys
                <Route path=path!("/admin/survei") view=InstrumentsPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/instrumen/:id") view=InstrumentPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/angkatan/:id/survei") view=CohortSurveysPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/survei/:id") view=SurveyResultsPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/indeks-mentor") view=MentorIndexPage ssr=SsrMode::Async/>
                <Route path=path!("/mentor/survei") view=MentorSurveysPage ssr=SsrMode::Async/>
                <Route path=path!("/mentor/survei/:id") view=MentorResultsPage ssr=SsrMode::Async/>
                <Route path=path!("/peserta/survei") view=MySurveysPage ssr=SsrMode::Async/>
                <Route path=path!("/peserta/survei/:id/:subject") view=AnswerPage ssr=SsrMode::Async/>
                // Dashboards of one person
                <Route path=path!("/mentor/dasbor") view=MentorDashboardPage ssr=SsrMode::Async/>
                <Route path=path!("/peserta/kemajuan") view=MyProgressPage ssr=SsrMode::Async/>
            </FlatRoutes>
        </Router>
    }
}
