# Sourced by the board benchmarks: a temporary data directory with a SQLite database, and
# start_server / stop_server for the release `pamong_server` on $port with it (no session secret:
# the server signs cookies with $data/session.key, as the seed binaries do; no comment rate limit:
# the fan-out benchmark's mentor comments every 1.5 s). Expects $port, $base
# and $bin; removes the data directory on exit.
data=$(mktemp -d)
url="sqlite://$data/pamong.db"
server=""
stop_server() {
  if [ -n "$server" ]; then
    kill -TERM "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    server=""
  fi
}
cleanup() {
  stop_server
  rm -rf "$data"
}
trap cleanup EXIT

start_server() {
  env -u PAMONG_SESSION_SECRET -u DATABASE_URL \
    PAMONG_CONFIG=/nonexistent PAMONG_LISTEN="127.0.0.1:$port" PAMONG_DATA_DIR="$data" \
    PAMONG_DATABASE_URL="$url" PAMONG_DEMO_DATA=false PAMONG_SHUTDOWN_GRACE_SECS=2 \
    PAMONG_BOARD_COMMENTS_PER_MINUTE=0 PAMONG_BOARD_COMMENTS_PER_HOUR=0 \
    LEPTOS_SITE_ROOT=target/site RUST_LOG=warn \
    "$bin/pamong_server" >> "$data/server.log" 2>&1 &
  server=$!
  for _ in $(seq 300); do
    curl -fs "$base/healthz" > /dev/null && return 0
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
  done
  echo "the server did not become healthy on $base; its log:" >&2
  cat "$data/server.log" >&2
  exit 1
}
