#!/usr/bin/env bash
# Throughput of the e-mail outbox: messages queued on a fresh database, sent by the server's outbox
# worker to the loopback SMTP sink of the tests (tests/src/bin/outbox_load.rs).
#
#   tests/load/outbox.sh [messages] [batch] [concurrency]       # SQLite in a fresh directory
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/pamong_bench tests/load/outbox.sh   # PostgreSQL
#
# For PostgreSQL the database is dropped and created afresh.
set -euo pipefail
cd "$(dirname "$0")/../.."
messages="${1:-10000}"
batch="${2:-200}"
concurrency="${3:-16}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target/test}"
[ -n "${PAMONG_SKIP_BUILD:-}" ] || cargo build --release -q -p pamong-tests --bin outbox_load
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
if [[ "${DATABASE_URL:-}" == postgres* ]]; then
  url="$DATABASE_URL"
  name="${url##*/}"
  psql "${url%/*}/postgres" -qc "drop database if exists $name with (force)" -c "create database $name"
else
  url="sqlite://$data/pamong.db?mode=rwc"
fi
"$CARGO_TARGET_DIR/release/outbox_load" "$url" "$messages" "$batch" "$concurrency"
