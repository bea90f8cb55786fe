#!/usr/bin/env bash
# The daily notification digest at scale: participants each with notifications waiting, one
# digest run timed (tests/src/bin/digest_bench.rs).
#
#   tests/load/digest.sh [people] [per person]          # SQLite in a fresh directory
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/pamong_bench tests/load/digest.sh   # PostgreSQL
#
# For PostgreSQL the database is dropped and created afresh. PAMONG_BENCH_PROFILE=debug runs the
# debug build instead of the release build.
set -euo pipefail
cd "$(dirname "$0")/../.."
people="${1:-62000}"
per_person="${2:-3}"
source tests/load/bench-db.sh
binary=$(bench_binary digest_bench)
fresh_database
"$binary" "$url" "$people" "$per_person"
