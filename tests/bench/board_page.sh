#!/usr/bin/env bash
# Busy board pages (issue #5): a group board with 200 posts and 2,000 comments. Reports, for the
# board page (`/papan/{board}`, first page of 30 posts) and for the newest post's page (its
# comments), the bytes a teacher's phone downloads on a cold load (HTML, CSS, JS and the wasm the
# page's islands need, all brotli as the server sends them) and the server's time per page
# (curl's time to the last byte on loopback, 100 requests in a row after 5 to warm up).
#
#   tests/bench/board_page.sh                 # builds release, seeds, measures
#   PAMONG_SKIP_BUILD=1 tests/bench/board_page.sh
#
# Needs the release site (`cargo leptos build --release --precompress --split`) in target/site for
# the asset sizes. Uses the same server binary and seed as board_fanout.sh. Not for CI.
set -euo pipefail
cd "$(dirname "$0")/../.."
port="${PAMONG_BENCH_PORT:-3918}"
base="http://127.0.0.1:$port"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target/test}"
bin="${PAMONG_BENCH_BIN:-$CARGO_TARGET_DIR/release}"
[ -n "${PAMONG_SKIP_BUILD:-}" ] || cargo build --release -p pamong-tests \
  --bin pamong_server --bin seed_board_bench

# shellcheck source=tests/bench/server.sh
source tests/bench/server.sh

start_server
stop_server
seeded=$("$bin/seed_board_bench" "$url" "$data" 20 200 2000)
board=$(sed -n 's/.*board=\([0-9]*\).*/\1/p' <<< "$seeded")
busy=$(sed -n 's/.*busy_post=\([0-9]*\).*/\1/p' <<< "$seeded")
# A participant of the group (second line): the pages show them the post and comment forms.
cookie=$(sed -n 2p "$data/board_sessions.tsv" | cut -f2)
start_server

# The wasm a page needs: the main module, and for each island on it the chunks the manifest lists.
assets_for() {
  python3 - "$@" <<'PY'
import json, os, sys
pkg = "target/site/pkg"
manifest = json.load(open(f"{pkg}/__wasm_split_manifest.json"))
names = {"pamong.css", "pamong.js", "pamong.wasm"}
names |= {n for n in os.listdir(pkg) if n.startswith("__wasm_split.") and n.endswith(".js")}
for island in sys.argv[1:]:
    for key, chunks in manifest.items():
        if key.startswith(island + "_loader"):
            names |= {c + ".wasm" for c in chunks}
total = sum(os.path.getsize(f"{pkg}/{n}.br") for n in names)
print(total, len(names))
PY
}

measure() {
  local label=$1 path=$2; shift 2
  local html
  html=$(curl -s -o /dev/null -H "Accept-Encoding: br" -b "pamong_session=$cookie" \
    -w '%{http_code} %{size_download}' "$base$path")
  read -r code html_bytes <<< "$html"
  [ "$code" = 200 ] || { echo "$path answered $code" >&2; exit 1; }
  read -r asset_bytes asset_files <<< "$(assets_for "$@")"
  for _ in 1 2 3 4 5; do
    curl -s -o /dev/null -H "Accept-Encoding: br" -b "pamong_session=$cookie" "$base$path"
  done
  local times
  times=$(for _ in $(seq 100); do
    curl -s -o /dev/null -H "Accept-Encoding: br" -b "pamong_session=$cookie" \
      -w '%{time_total}\n' "$base$path"
  done | sort -n)
  local p50 p95
  p50=$(sed -n 50p <<< "$times")
  p95=$(sed -n 95p <<< "$times")
  printf '| %s | %s B | %s B (%s files) | %s B | %.1f ms | %.1f ms |\n' "$label" "$html_bytes" \
    "$asset_bytes" "$asset_files" "$((html_bytes + asset_bytes))" \
    "$(echo "$p50 * 1000" | bc)" "$(echo "$p95 * 1000" | bc)"
}

echo "machine: $(nproc) cores; board $board with 200 posts and 2,000 comments; post $busy"
echo "| page | HTML (brotli) | CSS + JS + wasm (brotli) | cold total | server p50 | server p95 |"
echo "|---|---|---|---|---|---|"
measure "board, first 30 of 201 posts" "/papan/$board" board_live enhanced_form
measure "post with 10 comments" "/papan/pos/$busy" board_live enhanced_form
measure "boards list" "/papan"
