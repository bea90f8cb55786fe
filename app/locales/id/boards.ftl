# Mentoring boards (issue #5)
board.title_missing = Judul wajib diisi.
board.title_too_long = Judul paling panjang 200 karakter.
board.body_missing = Isi karya wajib diisi.
board.body_too_long = Isi karya paling panjang 100.000 karakter.
board.comment_missing = Komentar wajib diisi.
board.comment_too_long = Komentar paling panjang 10.000 karakter.
board.no_such_block = Bagian yang dikomentari tidak ada pada versi karya ini.
board.no_such_comment = Komentar yang dibalas tidak ada pada karya ini.
board.no_such_post = Karya tidak ditemukan.
