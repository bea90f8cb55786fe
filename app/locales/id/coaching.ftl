# Coaching log (TIRTA).
# Validation and notices
coaching.goal_missing = Tujuan wajib diisi.
coaching.identification_missing = Identifikasi wajib diisi.
coaching.action_plan_missing = Rencana aksi wajib diisi.
coaching.commitment_missing = Tanggung jawab wajib diisi.
coaching.part_too_long = Terlalu panjang: paling banyak 4.000 karakter.
coaching.comment_missing = Komentar wajib diisi.
coaching.comment_too_long = Komentar paling panjang 4.000 karakter.
coaching.not_found = Catatan coaching ini tidak ditemukan.
coaching.not_owner = Hanya peserta pemilik siklus yang dapat mengubahnya.
coaching.busy = Banyak siklus sedang disimpan bersamaan. Coba kirim sekali lagi.
coaching.created = Siklus coaching Anda sudah disimpan.
coaching.saved = Perubahan siklus sudah disimpan. Komentar sebelumnya tetap ada.
coaching.commented = Komentar Anda sudah terkirim.
# The participant's log
coaching.title = Catatan Coaching
coaching.lead = Catat proses coaching Anda dengan model TIRTA: Tujuan yang ingin dicapai, Identifikasi keadaan saat ini, Rencana aksi, dan Tanggung jawab (komitmen) Anda. Mentor kelompok membaca catatan ini dan memberi tanggapan.
coaching.no_cohort = Catatan coaching bisa diisi setelah pendaftaran Anda di sebuah angkatan disetujui.
coaching.choose_cohort = Pilih angkatan
coaching.cycles_heading = Siklus coaching
coaching.no_cycles = Belum ada siklus coaching. Mulailah siklus pertama Anda dengan formulir di bawah.
coaching.cycle_n = Siklus {n}
coaching.started = Dimulai {when}
coaching.updated = diperbarui {when}
coaching.comment_count = {n} komentar
coaching.no_feedback_yet = Belum ditanggapi
coaching.new_cycle = Mulai siklus baru
coaching.new_cycle_lead = Ini akan menjadi siklus ke-{n}. Tulis dengan kata-kata Anda sendiri; isian masih bisa diubah nanti.
coaching.create_submit = Simpan siklus
# The four parts of a TIRTA cycle, with what each step asks
coaching.part.goal = Tujuan
coaching.part.identification = Identifikasi
coaching.part.action_plan = Rencana aksi
coaching.part.commitment = Tanggung jawab
coaching.hint.goal = Apa yang ingin Anda capai dalam siklus ini? Tulis hasil yang jelas dan bisa diamati, misalnya: siswa kelas 4 mampu membandingkan dua sumber informasi.
coaching.hint.identification = Bagaimana keadaan sekarang? Tulis kekuatan, tantangan, dan penyebab yang Anda lihat di kelas.
coaching.hint.action_plan = Langkah apa yang akan Anda lakukan, kapan, dan dengan dukungan siapa atau apa?
coaching.hint.commitment = Apa komitmen Anda? Kapan mulai dilaksanakan, dan bagaimana Anda tahu rencana itu berhasil?
# One cycle
coaching.cycle_title = Siklus Coaching
coaching.back_mine = ← Catatan coaching saya
coaching.back_participant = ← Catatan coaching {name}
coaching.edit = Ubah siklus ini
coaching.edit_lead = Perbarui isian bila rencana Anda berubah. Komentar yang sudah ada tetap tersimpan.
coaching.edit_submit = Simpan perubahan
coaching.comments = Komentar
coaching.no_comments = Belum ada komentar.
coaching.write_comment = Tulis komentar
coaching.comment = Komentar
coaching.comment_hint_staff = Beri umpan balik yang membantu: apa yang sudah kuat, pertanyaan yang mengajak berpikir, dan saran langkah berikutnya.
coaching.comment_hint_owner = Tanggapi komentar mentor, atau ceritakan perkembangan pelaksanaan rencana Anda.
coaching.comment_submit = Kirim komentar
# A participant's log for the mentor or an admin
coaching.participant_title = Catatan Coaching Peserta
coaching.participant_heading = Catatan coaching {name}
coaching.back_groups = ← Coaching peserta
coaching.participant_no_cycles = Peserta ini belum menulis siklus coaching di angkatan ini.
# The mentor's overview
coaching.mentor_title = Coaching Peserta
coaching.mentor_lead = Catatan coaching peserta di kelompok yang Anda dampingi. Buka catatan seorang peserta untuk membaca siklusnya dan memberi tanggapan.
coaching.no_groups = Anda belum mendampingi kelompok mana pun.
coaching.group_empty = Belum ada peserta di kelompok ini.
coaching.cycle_count = {n} siklus
coaching.last_update = terakhir diperbarui {when}
coaching.no_cycles_yet = Belum menulis siklus
coaching.awaiting = {n} menunggu tanggapan
