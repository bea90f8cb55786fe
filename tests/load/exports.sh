#!/usr/bin/env bash
# The participant export of a cohort of 62,000 (issue #21): time to the first byte and the whole
# CSV (streamed), and the whole XLSX, against a real server.
#
#   tests/load/exports.sh [participants]                                          # SQLite
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/pamong_bench tests/load/exports.sh
#
# Seeds a fresh database with `seed_roster` (one cohort, profiles, groups of 50) and
# `seed_export_bench` (sessions with attendance, pre-test and post-test attempts, decisions and
# certificates), starts `pamong_server` on it, signs in as the cohort's admin and downloads
# `/admin/angkatan/{id}/dasbor/peserta.csv` and `.xlsx` with curl.
# PAMONG_BENCH_PROFILE=debug uses the debug build instead of building a release one.
set -euo pipefail
cd "$(dirname "$0")/../.."
participants="${1:-62000}"
port="${PAMONG_LOAD_PORT:-3207}"
base="http://127.0.0.1:$port"
password="export-load-pass"
source tests/load/bench-db.sh
seed=$(bench_binary seed_roster)
enrich=$(bench_binary seed_export_bench)
server_bin=$(bench_binary pamong_server)
fresh_database
data=$(mktemp -d)
trap 'kill -TERM ${server:-0} 2>/dev/null || true; rm -rf "$data" "${bench_data:-}"' EXIT

start=$(date +%s)
cohort=$("$seed" "$url" "$password" "$participants")
"$enrich" "$url" "$cohort"
echo "seeded cohort $cohort ($participants participants) in $(( $(date +%s) - start ))s"

PAMONG_LISTEN="127.0.0.1:$port" PAMONG_DATA_DIR="$data" PAMONG_DATABASE_URL="$url" \
  RUST_LOG=warn "$server_bin" > "$data/server.log" 2>&1 &
server=$!
for _ in $(seq 300); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.2; done

jar="$data/cookies"
curl -fs -c "$jar" -o /dev/null -H "Origin: $base" -H "Accept: application/json" \
  --data "email=roster-admin%40pamong.test&password=$password" "$base/api/sign_in"
session=$(awk '$6 == "pamong_session" { print $7 }' "$jar")
[ -n "$session" ] || { echo "sign-in failed"; exit 1; }

for file in peserta.csv peserta.xlsx; do
  out="$data/$file"
  timing=$(curl -s -o "$out" -b "pamong_session=$session" \
    -w "%{http_code} %{time_starttransfer} %{time_total} %{size_download}" \
    "$base/admin/angkatan/$cohort/dasbor/$file")
  read -r code first total size <<< "$timing"
  [ "$code" = 200 ] || { echo "$file answered $code"; cat "$data/server.log"; exit 1; }
  if [ "$file" = peserta.csv ]; then
    rows=$(( $(grep -c $'\r$' "$out") - 1 ))
    echo "$file: first byte ${first}s, whole file ${total}s, $size bytes, $rows rows"
  else
    echo "$file: first byte ${first}s, whole file ${total}s, $size bytes"
  fi
done
echo "server RSS after both: $(awk '/VmRSS/ { print $2 " kB" }' /proc/$server/status)"
