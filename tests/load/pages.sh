#!/usr/bin/env bash
# Load test of two pages against the release server on 127.0.0.1, with wrk (Debian's package:
# a small, well-kept C load generator, so the client costs little CPU on a 2-core machine).
#
#   tests/load/pages.sh [seconds] [connections]
#
# Starts the release server on a fresh SQLite data directory with demo data, signs in as a demo
# participant, then measures requests/s and latency percentiles for the sign-in page (anonymous)
# and the participant home page (signed in). Prints wrk's reports; stops the server with SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-20}"
connections="${2:-50}"
port="${PAMONG_LOAD_PORT:-3200}"
base="http://127.0.0.1:$port"
export PATH="$HOME/.cargo/bin:$PWD/tools/node_modules/.bin:$PATH"

command -v wrk >/dev/null || { apt-get update && apt-get install -y wrk; }
[ -x target/release/server ] || cargo leptos build --release --precompress --split

data=$(mktemp -d)
PAMONG_LISTEN="127.0.0.1:$port" PAMONG_DATA_DIR="$data" PAMONG_DEMO_DATA=true PAMONG_DEMO_PASSWORD=load-test-pass \
  LEPTOS_SITE_ROOT=target/site RUST_LOG=warn target/release/server > "$data/server.log" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 100); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.1; done

jar="$data/cookies"
curl -fs -c "$jar" -o /dev/null -H "Origin: $base" -H "Accept: application/json" \
  --data "email=peserta01%40pamong.test&password=load-test-pass" "$base/api/sign_in"
session=$(awk '$6 == "pamong_session" { print $7 }' "$jar")
[ -n "$session" ] || { echo "sign-in failed"; exit 1; }
code=$(curl -s -o /dev/null -w "%{http_code}" -b "pamong_session=$session" "$base/peserta")
[ "$code" = 200 ] || { echo "participant home answered $code, not 200"; exit 1; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); wrk and server share them"
echo
echo "== sign-in page (anonymous), ${seconds}s, $connections connections"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "Accept-Encoding: br" "$base/masuk"
echo
echo "== participant home page (signed in), ${seconds}s, $connections connections"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "Accept-Encoding: br" -H "Cookie: pamong_session=$session" "$base/peserta"
echo
echo "server RSS after the run: $(awk '/VmRSS/ { print $2 " kB" }' /proc/$server/status)"
