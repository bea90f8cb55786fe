dashboard.no_data = No data for this plot yet.
dashboard.show_table = Show the table
dashboard.export_csv = Download CSV
dashboard.export_xlsx = Download XLSX
