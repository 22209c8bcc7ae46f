#!/usr/bin/env bash
# The desktop shell's targets (BENCHMARKS.md, "Desktop shell"): cold start-up
# and idle memory of the release window on an empty database (the baseline)
# and on one of 1M appearances, side by side, and the size of what ships.
#
#   bash scripts/bench-shell.sh            # 1M appearances, 5 cold starts each
#   SHELL_BENCH_APPEARANCES=20000 SHELL_BENCH_RUNS=1 bash scripts/bench-shell.sh   # quick check
#   SHELL_BENCH_DB=big.sqlite3 bash scripts/bench-shell.sh   # reuse a database made earlier
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
root="$PWD"
appearances="${SHELL_BENCH_APPEARANCES:-1000000}"
runs="${SHELL_BENCH_RUNS:-5}"

(cd ui && npm run --silent build >/dev/null)
cargo build --release --quiet -p claimtrail-desktop -p claimtrail-bench
target_dir="$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')"
app="$target_dir/release/claimtrail-desktop"

work="$(mktemp -d)"
trap 'stop_window_driver; rm -rf "$work"' EXIT INT TERM
# shellcheck source=scripts/window-driver.sh
source scripts/window-driver.sh

big="${SHELL_BENCH_DB:-}"
if [ -z "$big" ]; then
  big="$work/big.sqlite3"
  echo "bench-shell: generating $appearances appearances (claimtrail-bench --keep)…"
  "$target_dir/release/claimtrail-bench" --appearances "$appearances" --generate-only --keep "$big" >"$work/generate.log"
fi

measure() { # label database
  local label="$1" db="$2"
  export CLAIMTRAIL_DB="$db"
  start_window_driver "$work/$label"
  (cd ui && CLAIMTRAIL_APP="$app" TAURI_DRIVER_URL="$WINDOW_DRIVER_URL" CLAIMTRAIL_BENCH_LABEL="$label" \
    CLAIMTRAIL_BENCH_RUNS="$runs" CLAIMTRAIL_BENCH_OUT="$work/$label.json" \
    npx vitest run --config vitest.bench.config.ts bench/shell.bench.ts --silent >"$work/$label.log" 2>&1) ||
    { cat "$work/$label.log" >&2; exit 1; }
  stop_window_driver
}

measure empty "$work/empty.sqlite3"
measure large "$big"

stripped="$work/claimtrail-desktop.stripped"
strip -o "$stripped" "$app"
xz -9 -T1 -k -c "$stripped" >"$work/claimtrail-desktop.xz"

node - "$work/empty.json" "$work/large.json" "$app" "$stripped" "$work/claimtrail-desktop.xz" "$big" <<'JS'
const fs = require('node:fs');
const [empty, large] = [process.argv[2], process.argv[3]].map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
const [app, stripped, xz, db] = process.argv.slice(4);
const mb = (f) => (fs.statSync(f).size / 1e6).toFixed(1);
const row = (name, key, unit, target) => {
  const a = empty[key].median, b = large[key].median;
  console.log(`${name.padEnd(34)} ${a.toFixed(0).padStart(7)} ${unit}   ${b.toFixed(0).padStart(7)} ${unit} (max ${large[key].max.toFixed(0)})   ${(b / a).toFixed(2)}x   ${target}`);
};
console.log(`shell benchmark: ${large.runs} cold starts each; large database ${mb(db)} MB`);
console.log(`${''.padEnd(34)} ${'empty (baseline)'.padStart(10)}   ${'large'.padStart(10)}              ratio`);
row('window answers a click', 'interactive_ms', 'ms', '[target <= 1000 ms]');
row('first rows of the claims list', 'first_rows_ms', 'ms', '');
row('idle PSS, all app processes', 'idle_pss_mb', 'MB', '[target <= 150 MB]');
console.log(`processes counted: ${large.processes.join(', ')}`);
console.log(`release binary ${mb(app)} MB; stripped ${mb(stripped)} MB; xz-compressed ${mb(xz)} MB   [bundle target <= 15 MB]`);
JS
