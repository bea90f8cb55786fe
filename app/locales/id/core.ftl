# Bahasa Indonesia — the default language of every screen.

nav.label = Navigasi utama
nav.skip = Langsung ke isi
nav.home = Beranda
nav.account = Akun
nav.accounts = Pengguna
nav.sign_in = Masuk
nav.sign_up = Daftar
nav.sign_out = Keluar
footer.tagline = Pamong — pelatihan guru dengan pendampingan daring.

role.admin = Penyelenggara
role.mentor = Mentor
role.participant = Peserta

institution.province_agency = Badan provinsi
institution.district_office = Dinas kabupaten/kota
institution.school = Sekolah
institution.government_office = Instansi pemerintah lain
institution.university = Perguruan tinggi

form.required = Wajib diisi.
form.too_long = Terlalu panjang: paling banyak {max} karakter.
form.email_invalid = Alamat e-mail tidak valid. Contoh: nama@sekolah.sch.id
form.check_fields = Periksa isian yang ditandai.
form.busy = Memproses…
form.offline = Tidak tersambung ke server. Periksa koneksi internet lalu coba lagi.
form.loading = Memuat…

field.email = E-mail
field.password = Kata sandi
field.password_confirm = Ulangi kata sandi
field.password_hint = Paling sedikit 8 karakter.
field.full_name = Nama lengkap
field.nip_optional = NIP (jika ada)
field.nip_hint = 18 angka, boleh dengan spasi. Contoh: 19860926 201505 1 001
field.current_password = Kata sandi sekarang
field.new_password = Kata sandi baru
field.initial_password = Kata sandi awal
field.role = Peran
field.institution = Lembaga

password.too_short = Kata sandi terlalu pendek: paling sedikit 8 karakter.
password.too_long = Kata sandi terlalu panjang.
password.mismatch = Kedua kata sandi tidak sama.

nip.not_digits = NIP hanya boleh berisi angka (spasi, titik atau tanda hubung boleh sebagai pemisah).
nip.wrong_length = NIP harus 18 angka; yang diisi {count} angka.
nip.bad_birth_date = Angka 1–8 NIP harus tanggal lahir yang benar (TTTTBBHH).
nip.bad_appointment = Angka 9–14 NIP harus tahun dan bulan pengangkatan yang benar (TTTTBB).
nip.appointment_before_birth = Tanggal pengangkatan dalam NIP harus sesudah tanggal lahir.
nip.bad_sex_digit = Angka ke-15 NIP harus 1 (laki-laki) atau 2 (perempuan).

auth.sign_in_required = Silakan masuk terlebih dahulu.
auth.forbidden = Anda tidak berhak melakukan ini.
auth.wrong_credentials = E-mail, NIP/NUPTK atau kata sandi salah.
auth.too_many_attempts = Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {minutes} menit.
auth.too_many_sign_ups = Terlalu banyak percobaan membuat akun. Coba lagi dalam {minutes} menit.
auth.email_taken = E-mail ini sudah terdaftar. Silakan masuk, atau gunakan e-mail lain.
auth.nip_taken = NIP ini sudah terdaftar pada akun lain.
auth.welcome_new = Akun Anda sudah dibuat. Selamat datang di Pamong!
auth.signed_out = Anda sudah keluar.

error.internal = Terjadi gangguan di server. Coba lagi sebentar lagi.
error.too_large = Isian terlalu besar.
error.foreign_origin = Permintaan ditolak: formulir ini tidak dikirim dari halaman Pamong. Muat ulang halaman lalu coba lagi.
error.not_found.title = Halaman tidak ditemukan
error.not_found.body = Alamat yang Anda buka tidak ada atau sudah dipindahkan.
error.forbidden.title = Tidak diizinkan
error.forbidden.body = Halaman ini bukan untuk peran Anda.
error.go_home = Kembali ke beranda

lang.unknown = Bahasa tidak dikenal.

sign_in.title = Masuk
sign_in.lead = Masuk dengan e-mail, NIP atau NUPTK dan kata sandi akun Pamong Anda.
sign_in.submit = Masuk
sign_in.no_account = Belum punya akun?
sign_in.register_link = Daftar sebagai peserta

sign_up.title = Daftar sebagai peserta
sign_up.lead = Untuk guru, kepala sekolah dan calon pengawas yang akan mengikuti diklat.
sign_up.submit = Daftar
sign_up.have_account = Sudah punya akun?
sign_up.sign_in_link = Masuk

account.title = Akun saya
account.no_institution = Belum ditentukan
account.change_password = Ganti kata sandi
account.change_password_submit = Simpan kata sandi baru
account.current_password_wrong = Kata sandi sekarang salah.
account.too_many_password_attempts = Terlalu banyak kata sandi yang salah. Coba lagi dalam {minutes} menit.
account.password_changed = Kata sandi sudah diganti. Perangkat lain yang masih masuk sudah dikeluarkan.

home.greeting = Selamat datang, {name}
home.participant.title = Beranda peserta
home.participant.lead = Di sini Anda mengikuti diklat, mengerjakan pre-test dan post-test, dan mengunggah hasil kerja untuk mentor.
home.participant.my_trainings = Diklat saya
home.participant.no_trainings = Anda belum terdaftar di diklat mana pun.
home.participant.next_steps = Langkah berikutnya
home.participant.step_profile = Lengkapi profil: NIP, NUPTK, pangkat dan sekolah.
home.participant.step_catalog = Pilih diklat di katalog dan daftar ke angkatan yang dibuka.
home.participant.step_pretest = Kerjakan pre-test sebelum materi dimulai.
home.mentor.title = Beranda mentor
home.mentor.lead = Di sini Anda mendampingi kelompok peserta: membaca hasil kerja, memberi komentar dan menilai.
home.mentor.my_groups = Kelompok bimbingan saya
home.mentor.no_groups = Anda belum ditugaskan ke kelompok mana pun.
home.mentor.queue = Menunggu tanggapan Anda
home.admin.title = Beranda penyelenggara
home.admin.lead = Kelola akun, program diklat, angkatan dan kelompok bimbingan lembaga Anda.
home.admin.count_admin = penyelenggara
home.admin.count_mentor = mentor
home.admin.count_participant = peserta
home.admin.manage_accounts = Kelola pengguna
home.admin.institutions = Lembaga dalam cakupan Anda

accounts.title = Pengguna
accounts.search = Cari nama atau e-mail
accounts.all_roles = Semua peran
accounts.filter = Tampilkan
accounts.summary = {total} akun
accounts.change_role = Ubah peran
accounts.create_title = Buat akun mentor atau penyelenggara
accounts.create_lead = Peserta mendaftar sendiri; akun mentor dan penyelenggara dibuat di sini.
accounts.create_submit = Buat akun

admin.no_institution = Akun penyelenggara Anda belum terhubung ke lembaga.
admin.role_invalid = Pilih peran yang tersedia.
admin.institution_outside_scope = Lembaga ini di luar cakupan Anda.
admin.account_created = Akun {email} sudah dibuat.
admin.role_changed = Peran sudah diubah.
admin.cannot_change_own_role = Anda tidak dapat mengubah peran akun Anda sendiri.
admin.account_not_found = Akun tidak ditemukan.

# Identifiers other than the NIP (model/identifiers.rs)
identifier.nuptk_not_digits = NUPTK hanya boleh berisi angka.
identifier.nuptk_wrong_length = NUPTK harus 16 angka; yang diisi {count} angka.
identifier.npsn_invalid = NPSN harus 8 angka (sekolah) atau huruf K/P diikuti 7 angka (lembaga nonformal).
identifier.region_invalid = Kode wilayah harus seperti 33 (provinsi), 33.02 (kabupaten/kota) atau 33.02.05 (kecamatan).
identifier.rank_unknown = Golongan tidak dikenal; tulis seperti III/a, III/b, … sampai IV/e.
identifier.school_level_unknown = Jenjang sekolah harus salah satu dari SD, SMP, SMA, SMK atau SLB.
identifier.phone_invalid = Nomor HP harus nomor seluler Indonesia, misalnya 0812 3456 7890 atau +62 812 3456 7890.
identifier.birth_date_invalid = Tanggal lahir harus tanggal yang benar, misalnya 1986-09-26 atau 26-09-1986.

# Navigation added for planning and organizing
nav.catalog = Katalog
nav.applications = Pendaftaran
nav.profile = Profil
nav.needs = Usulan
nav.programs = Program
nav.cohorts = Angkatan
nav.boards = Papan
nav.queue = Antrean
nav.coaching = Coaching
nav.rubrics = Rubrik
nav.institutions = Lembaga

# Admin scope (ssr/scope.rs)
scope.cohort_not_found = Angkatan tidak ditemukan atau di luar wewenang Anda.
scope.program_not_found = Program tidak ditemukan atau di luar wewenang Anda.

pager.prev = ‹ Sebelumnya
pager.next = Berikutnya ›
pager.page_of = Halaman {page} dari {pages}
pager.page = Halaman {page}
pager.label = Halaman daftar

# Links to the certificate pages (the pages' own texts are in certificates.ftl, server-only).
certificates.link_cohort = Sertifikat
certificates.link_template = Templat sertifikat
certificates.link_mine = Sertifikat saya
core.scroll_table = Tabel: geser ke samping untuk melihat semua kolom
