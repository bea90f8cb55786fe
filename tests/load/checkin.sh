#!/usr/bin/env bash
# Benchmark of live-session check-ins (issue #19): 10,000 participants check in with the rotating
# code within 60 s of a session's start, against the release server on 127.0.0.1.
#
#   tests/load/checkin.sh [participants] [seconds]        # defaults: 10000 60, SQLite
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test tests/load/checkin.sh   # PostgreSQL
#
# Seeds a fresh database with tests/src/bin/seed_quiz_bench.rs (one cohort, N approved
# participants with signed session cookies; its quiz is not used), starts the release server,
# then `quiz_load checkins` adds a session starting now and has every participant POST
# /api/check_in once with the code shown at that moment, spread over the seconds; it prints the
# latency percentiles, the errors, and the attendance rows written (each participant present once).
# PostgreSQL uses the scratch database pamong_checkin_bench (dropped and created afresh, dropped at
# the end). The release build goes to target/bench; PAMONG_SKIP_BUILD=1 reuses it.
set -euo pipefail
cd "$(dirname "$0")/../.."
participants="${1:-10000}"
seconds="${2:-60}"
port="${PAMONG_LOAD_PORT:-3206}"
base="http://127.0.0.1:$port"
# PAMONG_BENCH_PROFILE=debug uses the debug build of the tests' target (what `cargo test` built).
if [ "${PAMONG_BENCH_PROFILE:-release}" = debug ]; then
  export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target/test}"
  bin="$CARGO_TARGET_DIR/debug"
  server_bin="$bin/pamong_server"
  [ -n "${PAMONG_SKIP_BUILD:-}" ] || cargo build -q -p pamong-tests \
    --bin pamong_server --bin seed_quiz_bench --bin quiz_load
else
  export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target/bench}"
  bin="$CARGO_TARGET_DIR/release"
  server_bin="$bin/server"
  [ -n "${PAMONG_SKIP_BUILD:-}" ] || cargo build --release -q -p server -p pamong-tests \
    --bin server --bin seed_quiz_bench --bin quiz_load
fi
ulimit -n 65536 2>/dev/null || true

data=$(mktemp -d)
pg_admin=""
if [[ "${DATABASE_URL:-}" == postgres* ]]; then
  pg_admin="${DATABASE_URL%/*}/postgres"
  url="${DATABASE_URL%/*}/pamong_checkin_bench"
  psql "$pg_admin" -qc "drop database if exists pamong_checkin_bench with (force)" -c "create database pamong_checkin_bench"
else
  url="sqlite://$data/pamong.db"
fi
server=""
cleanup() {
  [ -z "$server" ] || { kill -TERM "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; }
  [ -z "$pg_admin" ] || psql "$pg_admin" -qc "drop database if exists pamong_checkin_bench with (force)" || true
  rm -rf "$data"
}
trap cleanup EXIT

quiz=$("$bin/seed_quiz_bench" "$url" "$data" "$participants")
PAMONG_LISTEN="127.0.0.1:$port" PAMONG_DATA_DIR="$data" PAMONG_DATABASE_URL="$url" PAMONG_CONFIG=/nonexistent \
  LEPTOS_SITE_ROOT=target/site RUST_LOG="${PAMONG_LOAD_LOG:-warn}" "$server_bin" > "$data/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.1; done
echo "backend: ${url%%:*}; machine: $(nproc) cores; load generator and server share them"
"$bin/quiz_load" checkins --base "$base" --sessions "$data/quiz_sessions.tsv" --quiz "$quiz" \
  --db "$url" --seconds "$seconds"
echo "server peak RSS (VmHWM): $(awk '/VmHWM/ { print $2 " kB" }' /proc/$server/status)"
grep -ciE "error|panic" "$data/server.log" | sed 's/^/server log lines with error or panic: /' || true
