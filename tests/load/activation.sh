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
profile="${PAMONG_BENCH_PROFILE:-release}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target/test}"
if [ -z "${PAMONG_SKIP_BUILD:-}" ]; then
  if [ "$profile" = release ]; then
    cargo build --release -q -p pamong-tests --bin activation_bench
  else
    cargo build -q -p pamong-tests --bin activation_bench
  fi
fi
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
if [[ "${DATABASE_URL:-}" == postgres* ]]; then
  url="$DATABASE_URL"
  name="${url##*/}"
  psql "${url%/*}/postgres" -qc "drop database if exists $name with (force)" -c "create database $name"
else
  url="sqlite://$data/pamong.db?mode=rwc"
fi
"$CARGO_TARGET_DIR/$profile/activation_bench" "$url" "$participants" "$per_school"
