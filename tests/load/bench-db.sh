# Sourced by the load scripts: builds a bench binary of the tests crate and picks a fresh database.
#   bench_binary NAME      builds NAME (release, or debug with PAMONG_BENCH_PROFILE=debug; not at
#                          all with PAMONG_SKIP_BUILD set) and prints its path
#   fresh_database         sets `url`: a SQLite file in a temporary directory (removed on exit),
#                          or, when DATABASE_URL is postgres://…, that database dropped and
#                          created afresh (called directly, not in $(…), so the trap stays here)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target/test}"

bench_binary() {
  local profile="${PAMONG_BENCH_PROFILE:-release}"
  if [ -z "${PAMONG_SKIP_BUILD:-}" ]; then
    if [ "$profile" = release ]; then
      cargo build --release -q -p pamong-tests --bin "$1" >&2
    else
      cargo build -q -p pamong-tests --bin "$1" >&2
    fi
  fi
  echo "$CARGO_TARGET_DIR/$profile/$1"
}

fresh_database() {
  if [[ "${DATABASE_URL:-}" == postgres* ]]; then
    local name="${DATABASE_URL##*/}"
    psql "${DATABASE_URL%/*}/postgres" -qc "drop database if exists $name with (force)" \
      -c "create database $name" >&2
    url="$DATABASE_URL"
  else
    bench_data=$(mktemp -d)
    trap 'rm -rf "$bench_data"' EXIT
    url="sqlite://$bench_data/pamong.db?mode=rwc"
  fi
}
