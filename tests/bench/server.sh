# Sourced by the board benchmarks: a temporary data directory with a SQLite database, and
# start_server / stop_server for the release `pamong_server` on $port with it (no session secret:
# the server signs cookies with $data/session.key, as the seed binaries do; no comment rate limit:
# the fan-out benchmark's mentor comments every 1.5 s). Expects $port, $base
# and $bin; removes the data directory on exit.
#
# With a postgres:// DATABASE_URL the database is the scratch database pamong_board_bench on that
# server (made afresh, dropped at the end); PAMONG_BENCH_PROCESSES=N (N > 1, PostgreSQL only) then
# starts N processes behind nginx (scripts/cluster) on $port instead of one, sharing $data.
data=$(mktemp -d)
processes="${PAMONG_BENCH_PROCESSES:-1}"
pg_admin=""
if [[ "${DATABASE_URL:-}" == postgres* ]]; then
  pg_admin="${DATABASE_URL%/*}/postgres"
  url="${DATABASE_URL%/*}/pamong_board_bench"
  psql "$pg_admin" -qc "drop database if exists pamong_board_bench with (force)" -c "create database pamong_board_bench"
else
  [ "$processes" = 1 ] || { echo "several processes need PostgreSQL (DATABASE_URL)" >&2; exit 2; }
  url="sqlite://$data/pamong.db"
fi
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
  [ -z "$pg_admin" ] || psql "$pg_admin" -qc "drop database if exists pamong_board_bench with (force)" || true
  rm -rf "$data"
}
trap cleanup EXIT

# The pid whose memory a run reports: the one server, none behind nginx.
server_pid_args() { if [ "$processes" = 1 ]; then echo "--server-pid $server"; fi; }

start_server() {
  if [ "$processes" != 1 ]; then
    env -u PAMONG_SESSION_SECRET -u DATABASE_URL \
      PAMONG_CONFIG=/nonexistent PAMONG_CLUSTER_DATA="$data" PAMONG_SERVER_BIN="$bin/pamong_server" \
      PAMONG_DEMO_DATA=false PAMONG_SHUTDOWN_GRACE_SECS=2 \
      PAMONG_BOARD_COMMENTS_PER_MINUTE=0 PAMONG_BOARD_COMMENTS_PER_HOUR=0 \
      LEPTOS_SITE_ROOT=target/site RUST_LOG=warn \
      scripts/cluster "$processes" "$port" "$url" >> "$data/server.log" 2>&1 &
    server=$!
    for _ in $(seq 600); do
      curl -fs "$base/healthz" > /dev/null && return 0
      kill -0 "$server" 2>/dev/null || break
      sleep 0.1
    done
    echo "the cluster did not become healthy on $base; its log:" >&2
    cat "$data/server.log" >&2
    exit 1
  fi
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
