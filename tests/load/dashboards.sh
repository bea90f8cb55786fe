#!/usr/bin/env bash
# Load test of the admin dashboards at 62,000 teachers (issue #21), against the release server.
#
#   tests/load/dashboards.sh [seconds] [connections] [database url]
#
# Seeds a fresh database (SQLite in a temporary directory by default; pass a postgres:// URL of an
# EMPTY database for PostgreSQL) with tests/src/bin/seed_dashboards.rs (62,000 teachers, 40
# programs, 1,240 groups in the big cohort, 1.2 million answers), starts the release server, waits
# until its refresher has counted every cohort, then runs wrk against the agency overview, the big
# program's and the big cohort's dashboard. Prints the seeding and first-count times, each page's
# size (plain and brotli, as sent with JavaScript off: the HTML is the whole page), wrk's reports
# with the 95th percentile, and the server's RSS. PAMONG_BENCH_BIN=<dir> uses the `server` and
# `seed_dashboards` in that directory without building.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-20}"
connections="${2:-20}"
port="${PAMONG_LOAD_PORT:-3205}"
base="http://127.0.0.1:$port"
password="dashboard-load-pass"
profile="${PAMONG_BENCH_PROFILE:-release}"
export PATH="$HOME/.cargo/bin:$PWD/tools/node_modules/.bin:$PATH"

command -v wrk >/dev/null || { apt-get update && apt-get install -y wrk; }
if [ -n "${PAMONG_BENCH_BIN:-}" ]; then
  # A directory holding `server` and `seed_dashboards` as they are (no build).
  bin="$PAMONG_BENCH_BIN"
elif [ "$profile" = release ]; then
  [ -x target/release/server ] || cargo leptos build --release --precompress --split || cargo build --release -p server
  cargo build --release -p pamong-tests --bin seed_dashboards
  bin=target/release
else
  cargo build -p server -p pamong-tests --bin seed_dashboards
  bin=target/debug
fi

data=$(mktemp -d)
url="${3:-sqlite://$data/pamong.db?mode=rwc}"
echo "seeding $url …"
start=$(date +%s)
read -r cohort program < <("$bin/seed_dashboards" "$url" "$password" 62000 40)
echo "seeded cohort $cohort (program $program) in $(( $(date +%s) - start ))s"

PAMONG_LISTEN="127.0.0.1:$port" PAMONG_DATA_DIR="$data" PAMONG_DATABASE_URL="$url" \
  LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}" RUST_LOG=warn "$bin/server" > "$data/server.log" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 300); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.1; done

jar="$data/cookies"
curl -fs -c "$jar" -o /dev/null -H "Origin: $base" -H "Accept: application/json" \
  --data "email=dashboard-admin%40pamong.test&password=$password" "$base/api/sign_in"
session=$(awk '$6 == "pamong_session" { print $7 }' "$jar")
[ -n "$session" ] || { echo "sign-in failed"; exit 1; }
cookie="Cookie: pamong_session=$session"

echo "waiting for the refresher's first count of the 40 cohorts …"
counted_from=$(date +%s)
for _ in $(seq 600); do
  if curl -fs -H "$cookie" "$base/admin/angkatan/$cohort/dasbor" | grep -q 'Angka dihitung'; then
    break
  fi
  sleep 1
done
echo "first count visible after $(( $(date +%s) - counted_from ))s"
# The rest of the cohorts are counted in the same pass; give it a moment to finish writing.
sleep 2

lua="$data/p95.lua"
cat > "$lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("p95 %.2f ms, p99 %.2f ms, %.1f requests/s, %d errors\n",
    latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6),
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
LUA

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); wrk and server share them"
for page in "/admin/dasbor" "/admin/program/$program/dasbor" "/admin/angkatan/$cohort/dasbor"; do
  plain=$(curl -s -H "$cookie" "$base$page" | wc -c)
  brotli=$(curl -s -H "$cookie" -H "Accept-Encoding: br" "$base$page" | wc -c)
  echo
  echo "== $page: ${plain} bytes, ${brotli} bytes with brotli; ${seconds}s, $connections connections"
  wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$lua" -H "Accept-Encoding: br" \
    -H "$cookie" "$base$page"
done
echo
echo "server RSS after the runs: $(awk '/VmRSS/ { print $2 " kB" }' /proc/$server/status)"
