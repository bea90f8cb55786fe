#!/usr/bin/env bash
# Benchmark of quiz attempts (issue #4) against the release server on 127.0.0.1: a start storm,
# then sustained answer saves, then a burst of saves (one answer per request, then five).
#
#   tests/load/quiz.sh [participants] [start seconds] [save rate] [save seconds] [burst rate] [burst seconds]
#   defaults:           10000          60              2100        60             10000        5
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test tests/load/quiz.sh   # PostgreSQL
#   PAMONG_LOAD_PROCESSES=3 DATABASE_URL=postgres://… tests/load/quiz.sh      # 3 processes behind nginx
#
# Seeds a fresh database (tests/src/bin/seed_quiz_bench.rs: one cohort, N participants with signed
# session cookies, one open quiz of 20 questions); with a postgres:// DATABASE_URL it uses the
# scratch database pamong_quiz_bench on that server (dropped and created afresh, dropped at the
# end). Starts the release server on a fresh data directory, then runs quiz_load (tests/src/bin/
# quiz_load.rs): every participant starts an attempt, spread over the start seconds; then answers
# are saved at the save rate, then at the burst rate. Prints each report, the server's CPU time
# in each stage, the answers stored, and the server's peak resident memory (VmHWM). The release build goes to target/bench (or
# CARGO_TARGET_DIR) so that it never clashes with cargo-leptos's target/ or the tests' target/test;
# PAMONG_SKIP_BUILD=1 reuses it. PAMONG_LOAD_LOG sets the server's RUST_LOG (default warn), and
# PAMONG_LOAD_SERVER_LOG=FILE keeps its log there (e.g. `app::ssr::quizzes::writer=debug` logs
# every answer group's size and commit time). PAMONG_LOAD_PROCESSES=N (PostgreSQL only) runs N
# processes behind nginx (scripts/cluster) instead of one; the server CPU is then theirs summed.
# The burst stage checks afterwards that every acknowledged answer is in the database (`--verify`).
# PAMONG_LOAD_KILL_AFTER=S (with several processes) kills one process with SIGKILL S seconds into
# the burst; the load generator then sends a save that got no answer or a 502 again (`--retries`),
# as the quiz page does, and the check counts the acknowledged saves lost.
set -euo pipefail
cd "$(dirname "$0")/../.."
participants="${1:-10000}"
start_seconds="${2:-60}"
save_rate="${3:-2100}"
save_seconds="${4:-60}"
burst_rate="${5:-10000}"
burst_seconds="${6:-5}"
port="${PAMONG_LOAD_PORT:-3205}"
base="http://127.0.0.1:$port"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target/bench}"
bin="$CARGO_TARGET_DIR/release"

[ -n "${PAMONG_SKIP_BUILD:-}" ] || cargo build --release -q -p server -p pamong-tests \
  --bin server --bin seed_quiz_bench --bin quiz_load

# Thousands of connections between the load generator and the server.
ulimit -n 65536 2>/dev/null || true

data=$(mktemp -d)
pg_admin=""
if [[ "${DATABASE_URL:-}" == postgres* ]]; then
  pg_admin="${DATABASE_URL%/*}/postgres"
  url="${DATABASE_URL%/*}/pamong_quiz_bench"
  psql "$pg_admin" -qc "drop database if exists pamong_quiz_bench with (force)" -c "create database pamong_quiz_bench"
else
  url="sqlite://$data/pamong.db"
fi
server=""
cleanup() {
  [ -z "$server" ] || { kill -TERM "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; }
  [ -z "${PAMONG_LOAD_SERVER_LOG:-}" ] || cp "$data/server.log" "$PAMONG_LOAD_SERVER_LOG" 2>/dev/null || true
  [ -z "$pg_admin" ] || psql "$pg_admin" -qc "drop database if exists pamong_quiz_bench with (force)" || true
  rm -rf "$data"
}
trap cleanup EXIT

seeding=$(date +%s.%N)
quiz=$("$bin/seed_quiz_bench" "$url" "$data" "$participants")
echo "seeded $participants participants and quiz $quiz in $(echo "$(date +%s.%N) - $seeding" | bc) s"

processes="${PAMONG_LOAD_PROCESSES:-1}"
if [ "$processes" -gt 1 ]; then
  [ -n "$pg_admin" ] || { echo "several processes need PostgreSQL (DATABASE_URL)"; exit 1; }
  PAMONG_CLUSTER_DATA="$data" PAMONG_SERVER_BIN="$bin/server" PAMONG_CONFIG=/nonexistent \
    LEPTOS_SITE_ROOT=target/site RUST_LOG="${PAMONG_LOAD_LOG:-warn}" \
    scripts/cluster "$processes" "$port" "$url" > "$data/server.log" 2>&1 &
  server=$!
  for _ in $(seq 600); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.1; done
  echo "$processes processes behind nginx at $base"
else
  PAMONG_LISTEN="127.0.0.1:$port" PAMONG_DATA_DIR="$data" PAMONG_DATABASE_URL="$url" PAMONG_CONFIG=/nonexistent \
    LEPTOS_SITE_ROOT=target/site RUST_LOG="${PAMONG_LOAD_LOG:-warn}" "$bin/server" > "$data/server.log" 2>&1 &
  server=$!
  for _ in $(seq 100); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.1; done
fi
# The Pamong processes: the server, or the cluster's servers (not nginx).
servers() {
  if [ "$processes" -gt 1 ]; then pgrep -P "$server" -x server; else echo "$server"; fi
}

sessions="$data/quiz_sessions.tsv"
# The server's CPU time (user + system, in ms) so far, to report what each stage cost it.
ticks_per_s=$(getconf CLK_TCK)
server_cpu_ms() {
  local total=0 pid
  for pid in $(servers); do
    total=$(( total + $(awk -v hz="$ticks_per_s" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$pid/stat") ))
  done
  echo "$total"
}
rss() { local pid; for pid in $(servers); do awk -v k="$1" '$1 == k":" { printf "%s kB ", $2 }' "/proc/$pid/status"; done; }
stage_start=0
# Connections the kernel dropped because the server's accept queue was full (system-wide; each
# one costs its client a retry a second later).
listen_overflows() {
  awk '/^TcpExt:/ { if (!h) { for (i = 1; i <= NF; i++) k[i] = $i; h = 1 }
    else { for (i = 1; i <= NF; i++) if (k[i] == "ListenOverflows") print $i } }' /proc/net/netstat
}
overflows_start=0
# The load generator's own CPU time, to show how much of the 2 cores it takes from the server.
TIMEFORMAT='load generator CPU during the stage: %U s user + %S s system'
load() { time "$@"; }
stage() { echo; echo "== $1"; stage_start=$(server_cpu_ms); overflows_start=$(listen_overflows); }
stage_cpu() {
  echo "server CPU during the stage: $(( $(server_cpu_ms) - stage_start )) ms (user + system)"
  echo "connections dropped by a full accept queue: $(( $(listen_overflows) - overflows_start ))"
}
echo "backend: ${url%%:*}; machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); load generator and server share them"
stage "start storm"
load "$bin/quiz_load" starts --base "$base" --sessions "$sessions" --quiz "$quiz" --seconds "$start_seconds"
stage_cpu
echo "server RSS after the starts: $(rss VmRSS)"
stage "sustained saves"
load "$bin/quiz_load" saves --base "$base" --sessions "$sessions" --quiz "$quiz" --db "$url" \
  --rate "$save_rate" --seconds "$save_seconds"
stage_cpu
stage "burst of saves"
retries=()
killer=""
if [ -n "${PAMONG_LOAD_KILL_AFTER:-}" ] && [ "$processes" -gt 1 ]; then
  victim=$(servers | tail -n 1)
  (sleep "$PAMONG_LOAD_KILL_AFTER"; kill -KILL "$victim"; echo "killed process $victim (SIGKILL) ${PAMONG_LOAD_KILL_AFTER} s into the burst") &
  killer=$!
  retries=(--retries 5)
fi
load "$bin/quiz_load" saves --base "$base" --sessions "$sessions" --quiz "$quiz" --db "$url" \
  --rate "$burst_rate" --seconds "$burst_seconds" --concurrency 1024 --verify "${retries[@]}"
[ -z "$killer" ] || wait "$killer"
stage_cpu
stage "burst of saves, 5 answers per request (devices sending what they queued offline)"
load "$bin/quiz_load" saves --base "$base" --sessions "$sessions" --quiz "$quiz" --db "$url" \
  --rate "$burst_rate" --seconds "$burst_seconds" --batch 5 --concurrency 1024
stage_cpu
echo
if [ -z "$pg_admin" ]; then
  stored=$(sqlite3 "$data/pamong.db" "select count(*) from attempt_item where seq > 0" 2>/dev/null || echo "?")
else
  stored=$(psql "$url" -Atc "select count(*) from attempt_item where seq > 0")
fi
echo "attempt items with an answer: $stored"
echo "server peak RSS (VmHWM): $(rss VmHWM)"
grep -ciE "error|panic" "$data/server.log" | sed 's/^/server log lines with error or panic: /' || true
