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
source tests/load/bench-db.sh
binary=$(bench_binary outbox_load)
fresh_database
"$binary" "$url" "$messages" "$batch" "$concurrency"
