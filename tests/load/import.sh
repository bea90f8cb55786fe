#!/usr/bin/env bash
# Benchmark of bulk enrolment: a generated CSV (62,000 rows by default) uploaded over HTTP into a
# cohort of the release server, polled to completion.
#
#   tests/load/import.sh [rows]                         # SQLite in a fresh data directory
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/pamong_bench tests/load/import.sh   # PostgreSQL
#
# For PostgreSQL the database is dropped and created afresh. Prints the wall time from upload to
# "done" and the server's peak resident memory (VmHWM).
set -euo pipefail
cd "$(dirname "$0")/../.."
rows="${1:-62000}"
port="${PAMONG_LOAD_PORT:-3203}"
base="http://127.0.0.1:$port"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target/test}"
bin="$CARGO_TARGET_DIR/release"

[ -n "${PAMONG_SKIP_BUILD:-}" ] || cargo build --release -q -p server -p pamong-tests --bin server --bin gen_import_csv --bin import_bench_setup

data=$(mktemp -d)
if [[ "${DATABASE_URL:-}" == postgres* ]]; then
  url="$DATABASE_URL"
  name="${url##*/}"
  psql "${url%/*}/postgres" -qc "drop database if exists $name with (force)" -c "create database $name"
else
  url="sqlite://$data/pamong.db"
fi
"$bin/gen_import_csv" "$rows" "$data/import.csv" >/dev/null
echo "file: $rows rows, $(du -h "$data/import.csv" | cut -f1)"

PAMONG_LISTEN="127.0.0.1:$port" PAMONG_DATA_DIR="$data" PAMONG_DATABASE_URL="$url" \
  LEPTOS_SITE_ROOT=target/site RUST_LOG=warn "$bin/server" > "$data/server.log" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 100); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.1; done
cohort=$("$bin/import_bench_setup" "$url" bench-pass-2026)

jar="$data/cookies"
curl -fs -c "$jar" -o /dev/null -H "Origin: $base" -H "Accept: application/json" \
  --data "email=bench-admin%40pamong.test&password=bench-pass-2026" "$base/api/sign_in"

start=$(date +%s.%N)
location=$(curl -s -b "$jar" -o /dev/null -w "%{redirect_url}" -H "Origin: $base" \
  -F "file=@$data/import.csv;type=text/csv" "$base/admin/angkatan/$cohort/impor")
job="${location##*/}"
[[ "$job" =~ ^[0-9]+$ ]] || { echo "upload failed: $location"; cat "$data/server.log"; exit 1; }
uploaded=$(date +%s.%N)
while :; do
  progress=$(curl -s -b "$jar" -H "Origin: $base" -H "Accept: application/json" --data "job_id=$job" "$base/api/import_progress")
  case "$progress" in *'"status":"done"'*|*'"status":"failed"'*) break ;; esac
  sleep 0.2
done
end=$(date +%s.%N)
echo "backend: ${url%%:*}; machine: $(nproc) cores"
echo "result: $progress"
echo "upload: $(echo "$uploaded - $start" | bc) s; upload to done: $(echo "$end - $start" | bc) s"
echo "server peak RSS (VmHWM): $(awk '/VmHWM/ { print $2 " kB" }' /proc/$server/status)"
