#!/usr/bin/env bash
# A meeting report of 1,000 rows read, matched and applied (issue #19), timed by
# tests/src/bin/report_bench.rs through the server's own functions.
#
#   tests/load/report.sh [rows]                                                  # SQLite
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/pamong_bench tests/load/report.sh
#
# PAMONG_BENCH_PROFILE=debug uses the debug build instead of building a release one.
set -euo pipefail
cd "$(dirname "$0")/../.."
rows="${1:-1000}"
source tests/load/bench-db.sh
binary=$(bench_binary report_bench)
fresh_database
"$binary" "$url" "$rows"
