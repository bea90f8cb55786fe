#!/usr/bin/env bash
# Fan-out benchmark of the live mentoring board (issue #5): N viewers follow one group board's
# event stream (`GET /papan/{board}/aliran`, SSE) while the group's mentor posts comments; reports
# streams opened, connect errors, deliveries and misses, the latency from POST to each viewer
# (p50/p90/p99/max), and the server's resident memory per idle viewer.
#
#   tests/bench/board_fanout.sh [N ...]          # default: 1000 5000 10000
#   PAMONG_SKIP_BUILD=1 tests/bench/board_fanout.sh 200      # reuse the last release build
#   BOARD_FANOUT_ARGS="--comments 5 --interval-ms 1000" tests/bench/board_fanout.sh
#   PAMONG_SKIP_BUILD=1 PAMONG_BENCH_BIN=target/test/debug tests/bench/board_fanout.sh 100 300
#                                                # smoke test of the tools with debug binaries
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test PAMONG_BENCH_PROCESSES=3 \
#     tests/bench/board_fanout.sh 10000          # 3 processes on PostgreSQL behind nginx
#   … PAMONG_BENCH_PROCESSES=3 PAMONG_BENCH_KILL_AFTER=20 tests/bench/board_fanout.sh 10000
#                                                # one of them killed (SIGKILL) 20 s in, while the
#                                                # comments are posted; its viewers reopen their
#                                                # streams with Last-Event-ID (--resume 3)
#
# Builds the release `pamong_server` (tests/src/bin/pamong_server.rs, the server as a binary of the
# test crate), `seed_board_bench` and `board_fanout` into target/test (or CARGO_TARGET_DIR). Makes a
# temporary data directory with a SQLite database, starts the server once so that it migrates the
# database and writes its session key, stops it, seeds one mentor group (its mentor, min(N, 200)
# participants, the group's board and one work post; signed session cookies in
# board_sessions.tsv), then for each N starts the server afresh on 127.0.0.1:3917
# (PAMONG_BENCH_PORT) and runs board_fanout against it with --server-pid. A fresh server per N
# keeps the "before" memory of one run free of the streams and allocator high-water mark of the
# previous one; the database is the same (comments accumulate on the post). The server is stopped
# at the end, even on failure (trap).
#
# Open files: every stream is a file descriptor in board_fanout and another in the server, so
# 10,000 viewers need 10,000+ in each process. The script raises its soft limit (`ulimit -n`, at
# most to the hard limit, 20,000 on the benchmark machine) before starting either; board_fanout
# also raises its own soft limit if needed and stops with advice when the hard limit is too low.
# Ephemeral ports: 10,000 connections to one port of 127.0.0.1 fit in Linux's default range
# (32768–60999) together with the previous runs' TIME_WAIT sockets.
#
# The client and the server share the machine's cores; board_fanout uses one worker thread by
# default (--threads), so latencies include the client's time to wake every reader. Not for CI.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ "$#" -gt 0 ]; then
  sizes=("$@")
else
  sizes=(1000 5000 10000)
fi
largest=0
for n in "${sizes[@]}"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "not a number of subscribers: $n" >&2; exit 2; }
  [ "$n" -gt "$largest" ] && largest="$n"
done
port="${PAMONG_BENCH_PORT:-3917}"
base="http://127.0.0.1:$port"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target/test}"
bin="${PAMONG_BENCH_BIN:-$CARGO_TARGET_DIR/release}"
read -r -a extra <<< "${BOARD_FANOUT_ARGS:-}"

[ -n "${PAMONG_SKIP_BUILD:-}" ] || cargo build --release -p pamong-tests \
  --bin pamong_server --bin seed_board_bench --bin board_fanout

# One descriptor per stream in this client and in the server (both inherit this limit).
needed=$((largest + 256))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$needed" ]; then
  ulimit -n "$needed" 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
fi
echo "open-file limit: $(ulimit -n) (needed: $needed)"

# shellcheck source=tests/bench/server.sh
source tests/bench/server.sh

# A first start migrates the database and writes the session key.
start_server
stop_server

seeding=$(date +%s.%N)
seeded=$("$bin/seed_board_bench" "$url" "$data" "$largest")
board=$(sed -n 's/.*board=\([0-9]*\).*/\1/p' <<< "$seeded")
post=$(sed -n 's/.*post=\([0-9]*\).*/\1/p' <<< "$seeded")
[ -n "$board" ] && [ -n "$post" ] || { echo "seed_board_bench printed: $seeded" >&2; exit 1; }
echo "seeded board $board, post $post in $(echo "$(date +%s.%N) - $seeding" | bc) s"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); client and server share them"

rows=()
results=()
for n in "${sizes[@]}"; do
  echo
  echo "== $n subscribers"
  start_server
  resume=()
  killer=""
  if [ -n "${PAMONG_BENCH_KILL_AFTER:-}" ] && [ "$processes" != 1 ]; then
    victim=$(pgrep -P "$server" -x pamong_server | tail -n 1)
    (sleep "$PAMONG_BENCH_KILL_AFTER"; kill -KILL "$victim"
     echo "killed process $victim (SIGKILL) ${PAMONG_BENCH_KILL_AFTER} s after board_fanout started") &
    killer=$!
    resume=(--resume 3)
  fi
  if ! "$bin/board_fanout" --base "$base" --sessions "$data/board_sessions.tsv" --board "$board" \
    --post "$post" --subscribers "$n" $(server_pid_args) "${resume[@]}" "${extra[@]}" \
    | tee "$data/fanout-$n.txt"; then
    echo "board_fanout failed for $n subscribers" >&2
  fi
  [ -z "$killer" ] || wait "$killer"
  rows+=("$(grep -E '^\| [0-9]' "$data/fanout-$n.txt" | tail -n 1 || true)")
  results+=("$(grep '^result:' "$data/fanout-$n.txt" | tail -n 1 || true)")
  stop_server
done

echo
echo "== summary (for docs/BENCHMARKS.md)"
grep -hE '^\| subscribers' "$data"/fanout-*.txt | head -n 1 || true
echo "|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
# Memory per extra idle stream between consecutive sizes: each run starts a fresh server, so the
# difference of the idle figures leaves out what any server holds after its first streams
# (database connections, caches).
printf '%s\n' "${results[@]}" | awk '
  {
    for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    if (prev_open != "" && v["open"] > prev_open && v["rss_idle_kb"] != "" && prev_idle != "")
      printf "marginal server memory, %d → %d streams: %.1f kB per stream\n",
        prev_open, v["open"], (v["rss_idle_kb"] - prev_idle) / (v["open"] - prev_open)
    prev_open = v["open"]; prev_idle = v["rss_idle_kb"]
  }'
grep -ciE "error|panic" "$data/server.log" | sed 's/^/server log lines with error or panic: /' || true
