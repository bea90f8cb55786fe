#!/usr/bin/env bash
# Load test of the cohort roster page with 62,000 participants, against the release server.
#
#   tests/load/roster.sh [seconds] [connections] [database url]
#
# Seeds a fresh database (SQLite in a temporary directory by default; pass a postgres:// URL of
# an EMPTY database to use PostgreSQL) with one cohort of 62,000 approved participants in groups
# of 50 (tests/src/bin/seed_roster.rs), starts the release server on it, signs in as its admin,
# then runs wrk against random roster pages (`hal` 1..1240) and against one filtered query.
# Prints wrk's reports (req/s, latency percentiles) and the server's RSS.
#
# The binaries are $CARGO_TARGET_DIR/release/{server,seed_roster} (default target/release);
# PAMONG_SKIP_BUILD=1 uses them as they are. LEPTOS_SITE_ROOT (default target/site) may be a
# directory without the wasm: the roster page is server-rendered and still answers.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-20}"
connections="${2:-20}"
port="${PAMONG_LOAD_PORT:-3204}"
base="http://127.0.0.1:$port"
password="roster-load-pass"
export PATH="$HOME/.cargo/bin:$PWD/tools/node_modules/.bin:$PATH"

command -v wrk >/dev/null || { apt-get update && apt-get install -y wrk; }
bin="${CARGO_TARGET_DIR:-target}/release"
if [ -z "${PAMONG_SKIP_BUILD:-}" ]; then
  [ -x "$bin/server" ] || cargo leptos build --release --precompress --split || cargo build --release -p server
  cargo build --release -p pamong-tests --bin seed_roster
fi
site="${LEPTOS_SITE_ROOT:-target/site}"

data=$(mktemp -d)
url="${3:-sqlite://$data/pamong.db?mode=rwc}"
echo "seeding $url …"
start=$(date +%s)
cohort=$("$bin/seed_roster" "$url" "$password" 62000)
echo "seeded cohort $cohort in $(( $(date +%s) - start ))s"

PAMONG_LISTEN="127.0.0.1:$port" PAMONG_DATA_DIR="$data" PAMONG_DATABASE_URL="$url" \
  LEPTOS_SITE_ROOT="$site" RUST_LOG=warn "$bin/server" > "$data/server.log" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 100); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.1; done

jar="$data/cookies"
curl -fs -c "$jar" -o /dev/null -H "Origin: $base" -H "Accept: application/json" \
  --data "email=roster-admin%40pamong.test&password=$password" "$base/api/sign_in"
session=$(awk '$6 == "pamong_session" { print $7 }' "$jar")
[ -n "$session" ] || { echo "sign-in failed"; exit 1; }
code=$(curl -s -o /dev/null -w "%{http_code}" -b "pamong_session=$session" "$base/admin/angkatan/$cohort/peserta?hal=620")
[ "$code" = 200 ] || { echo "roster page answered $code, not 200"; exit 1; }

lua="$data/random_page.lua"
cat > "$lua" <<LUA
math.randomseed(42)
request = function()
  return wrk.format("GET", "/admin/angkatan/$cohort/peserta?hal=" .. math.random(1, 1240))
end
LUA

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); wrk and server share them"
echo
echo "== roster, random page of 1240 (50 rows each), ${seconds}s, $connections connections"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$lua" -H "Accept-Encoding: br" \
  -H "Cookie: pamong_session=$session" "$base"
echo
echo "== roster filtered (level SMP, region 33.0, page 3), ${seconds}s, $connections connections"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "Accept-Encoding: br" \
  -H "Cookie: pamong_session=$session" "$base/admin/angkatan/$cohort/peserta?jenjang=SMP&wilayah=33.0&hal=3"
echo
echo "server RSS after the runs: $(awk '/VmRSS/ { print $2 " kB" }' /proc/$server/status)"
