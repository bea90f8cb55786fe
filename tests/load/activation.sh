#!/usr/bin/env bash
# Activation codes and letters at scale (issue #18): codes for every imported participant, the
# cohort's letters (CSV) and one school's letters (PDF), timed by tests/src/bin/activation_bench.rs.
#
#   tests/load/activation.sh [participants] [per school]          # SQLite in a fresh directory
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/pamong_bench tests/load/activation.sh
#
# PAMONG_BENCH_PROFILE=debug uses the debug build (what `cargo test` already built) instead of
# building a release one. For PostgreSQL the database is dropped and created afresh.
set -euo pipefail
cd "$(dirname "$0")/../.."
participants="${1:-62000}"
per_school="${2:-200}"
source tests/load/bench-db.sh
binary=$(bench_binary activation_bench)
fresh_database
"$binary" "$url" "$participants" "$per_school"
