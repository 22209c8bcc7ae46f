#!/usr/bin/env bash
# Runs the cargo-fuzz targets in fuzz/ for SECONDS each (default 20), all of
# them or the ones named:
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]
# cargo-fuzz needs nightly compiler flags (sanitizers); RUSTC_BOOTSTRAP=1 lets
# the stable toolchain accept them. The build is release with debug assertions
# and AddressSanitizer, in the fuzz project's own target directory, so the
# workspace's build is left alone.
#
# The committed seeds in fuzz/corpus/<target> are read, never written: what a
# run discovers goes to fuzz/target/corpus/<target> and is reused by the next
# run on this machine. A crash or a failed invariant stops the run with the
# failing input saved in fuzz/artifacts/<target>/ and the command that replays it.
set -euo pipefail
cd "$(dirname "$0")/.."
export RUSTC_BOOTSTRAP=1
export PATH="$HOME/.cargo/bin:$PATH"

seconds=${1:-20}
shift || true
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -eq 0 ]; then
  echo "fuzz: SECONDS must be a positive whole number, got \`$seconds\`" >&2
  exit 2
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: cargo-fuzz is not installed; run \`bash scripts/setup.sh\` (or \`cargo install cargo-fuzz --locked\`)" >&2
  exit 2
fi

mapfile -t all < <(cargo fuzz list)
targets=("$@")
((${#targets[@]})) || targets=("${all[@]}")
for t in "${targets[@]}"; do
  printf '%s\n' "${all[@]}" | grep -qx -- "$t" || {
    echo "fuzz: no target \`$t\`; the targets are: ${all[*]}" >&2
    exit 2
  }
done

build_flags=(--release --debug-assertions)
logs=fuzz/target/logs
mkdir -p "$logs"
if ! cargo fuzz build "${build_flags[@]}" >"$logs/build.log" 2>&1; then
  tail -n 40 "$logs/build.log" >&2
  echo "fuzz: the build failed (log: $logs/build.log)" >&2
  exit 1
fi

for t in "${targets[@]}"; do
  found=fuzz/target/corpus/$t
  mkdir -p "$found" "fuzz/corpus/$t" "fuzz/artifacts/$t"
  log=$logs/$t.log
  start=$SECONDS
  # -timeout turns an input that takes over 10 s (a blow-up) into a failure.
  if cargo fuzz run "${build_flags[@]}" "$t" "$found" "fuzz/corpus/$t" -- \
    -max_total_time="$seconds" -timeout=10 -print_final_stats=1 >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    echo "fuzz: $t: ${runs:-?} inputs in $((SECONDS - start)) s, no failure"
  else
    tail -n 60 "$log" >&2
    artifact=$(grep -o "fuzz/artifacts/$t/[^ ]*" "$log" | tail -n 1 || true)
    echo "fuzz: $t FAILED (log: $log)" >&2
    [ -z "$artifact" ] ||
      echo "fuzz: replay with: RUSTC_BOOTSTRAP=1 cargo fuzz run --release --debug-assertions $t $artifact" >&2
    exit 1
  fi
done
