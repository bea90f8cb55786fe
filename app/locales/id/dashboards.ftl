dashboard.no_data = Belum ada data untuk gambar ini.
dashboard.show_table = Tampilkan tabel
dashboard.export_csv = Unduh CSV
dashboard.export_xlsx = Unduh XLSX
