#!/usr/bin/env bash
# The CPU a sign-in costs (the capacity model of docs/SCALING.md), against the release server on
# 127.0.0.1 with demo data (SQLite):
#
#   tests/load/signin.sh [seconds] [connections]
#
# wrk posts the demo participants' e-mail and password to /api/sign_in (each request hashes the
# password with argon2id, checks it and writes a session), round-robin over peserta01–20 so that
# no per-account limit is reached; then the same number of seconds of the participant home, for
# comparison. Prints wrk's reports and the server's CPU time per request in each stage.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-15}"
connections="${2:-8}"
port="${PAMONG_LOAD_PORT:-3206}"
base="http://127.0.0.1:$port"
export PATH="$HOME/.cargo/bin:$PWD/tools/node_modules/.bin:$PATH"
command -v wrk >/dev/null || { apt-get update && apt-get install -y wrk; }
bin="${PAMONG_SERVER_BIN:-target/release/server}"
[ -x "$bin" ] || cargo leptos build --release --precompress --split

data=$(mktemp -d)
PAMONG_LISTEN="127.0.0.1:$port" PAMONG_DATA_DIR="$data" PAMONG_DEMO_DATA=true PAMONG_DEMO_PASSWORD=load-test-pass \
  PAMONG_CONFIG=/nonexistent PAMONG_SIGN_IN_MAX_PER_ADDRESS=1000000 \
  LEPTOS_SITE_ROOT=target/site RUST_LOG=warn "$bin" > "$data/server.log" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 300); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.1; done
hz=$(getconf CLK_TCK)
cpu_ms() { awk -v hz="$hz" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$server/stat"; }
requests() { awk '/requests in/ { print $1 }' "$1"; }

cat > "$data/signin.lua" <<LUA
counter = 0
request = function()
  counter = counter + 1
  local n = (counter % 20) + 1
  local body = string.format("email=peserta%02d%%40pamong.test&password=load-test-pass", n)
  return wrk.format("POST", "/api/sign_in", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
    ["Origin"] = "$base",
  }, body)
end
LUA
code=$(curl -s -o /dev/null -w "%{http_code}" -H "Origin: $base" -H "Accept: application/json" \
  --data "email=peserta01%40pamong.test&password=load-test-pass" "$base/api/sign_in")
[ "$code" = 200 ] || { echo "sign-in answered $code"; exit 1; }

echo "machine: $(nproc) cores; wrk and server share them"
echo "== sign-in, ${seconds}s, $connections connections"
start=$(cpu_ms)
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$data/signin.lua" "$base" | tee "$data/signin.txt"
used=$(( $(cpu_ms) - start )); n=$(requests "$data/signin.txt")
echo "server CPU: $used ms for $n sign-ins = $(echo "scale=2; $used / $n" | bc) ms per sign-in"
grep -q "Non-2xx" "$data/signin.txt" && echo "WARNING: some sign-ins were refused"

jar="$data/cookies"
curl -fs -c "$jar" -o /dev/null -H "Origin: $base" -H "Accept: application/json" \
  --data "email=peserta01%40pamong.test&password=load-test-pass" "$base/api/sign_in"
session=$(awk '$6 == "pamong_session" { print $7 }' "$jar")
echo
echo "== participant home (signed in), ${seconds}s, 50 connections"
start=$(cpu_ms)
wrk -t2 -c50 -d"${seconds}s" --latency -H "Accept-Encoding: br" -H "Cookie: pamong_session=$session" "$base/peserta" | tee "$data/home.txt"
used=$(( $(cpu_ms) - start )); n=$(requests "$data/home.txt")
echo "server CPU: $used ms for $n pages = $(echo "scale=3; $used / $n" | bc) ms per page"
