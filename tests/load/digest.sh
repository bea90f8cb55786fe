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
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target/test}"
profile="${PAMONG_BENCH_PROFILE:-release}"
if [ -z "${PAMONG_SKIP_BUILD:-}" ]; then
  if [ "$profile" = release ]; then
    cargo build --release -q -p pamong-tests --bin digest_bench
  else
    cargo build -q -p pamong-tests --bin digest_bench
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
"$CARGO_TARGET_DIR/$profile/digest_bench" "$url" "$people" "$per_person"
