#!/usr/bin/env bash
# End-to-end tests of the real Claimtrail window: builds the debug app, starts
# tauri-driver (which drives WebKitWebDriver) on a virtual X display, runs the
# suite in ui/e2e against an empty temporary database, and stops everything it
# started on exit. Screenshots land in test-output/ (not committed). Arguments
# name test files to run (all of ui/e2e by default).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
root="$PWD"

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# tauri-driver takes a port and the next one (for WebKitWebDriver); skip pairs in use.
port="${TAURI_DRIVER_PORT:-4444}"
while listening "$port" || listening "$((port + 1))"; do port=$((port + 10)); done
target_dir="$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')"
app="$target_dir/debug/claimtrail-desktop"

# The app embeds ui/dist at compile time, so the UI is built first.
[ -f ui/dist/index.html ] || (cd ui && npm run --silent build)
# The CLI too: a test has a colleague write beside the window with it.
cargo build --quiet -p claimtrail-desktop -p claimtrail-cli

work="$(mktemp -d)"
mkdir -p test-output
driver_pid="" xvfb_pid="" bus_pid=""
cleanup() {
  if [ -n "$driver_pid" ]; then
    # tauri-driver, WebKitWebDriver and the app share one process group.
    kill -TERM -- "-$driver_pid" 2>/dev/null || true
    sleep 1
    kill -KILL -- "-$driver_pid" 2>/dev/null || true
  fi
  for pid in $xvfb_pid $bus_pid; do kill -TERM "$pid" 2>/dev/null || true; done
  # The desktop portal the bus started may have mounted its document store
  # (FUSE) under the test's cache folder: unmount it before removing the folder.
  awk -v w="$work/" 'index($2, w) == 1 { print $2 }' /proc/mounts | while read -r m; do
    fusermount -uz "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
  done
  rm -rf "$work" 2>/dev/null || echo "e2e: could not remove $work" >&2
}
trap cleanup EXIT INT TERM

# An empty database of the test's own, and a session bus of the run's own:
# single instance works (a test launches the app a second time), and the app
# cannot hand over to a Claimtrail the developer has open on theirs.
export CLAIMTRAIL_DB="$work/claimtrail.sqlite3"
export XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache"
bus="$(dbus-daemon --session --fork --print-address=1 --print-pid=1)"
DBUS_SESSION_BUS_ADDRESS="$(sed -n 1p <<<"$bus")" bus_pid="$(sed -n 2p <<<"$bus")"
export DBUS_SESSION_BUS_ADDRESS
# The capture test fetches a page it serves on 127.0.0.1.
export CLAIMTRAIL_ALLOW_LOOPBACK=1
# Exported chain pictures are kept with the screenshots.
export CLAIMTRAIL_EXPORT_DIR="$root/test-output/exports"
rm -rf "$CLAIMTRAIL_EXPORT_DIR"

# A virtual display on the first free number, named in DISPLAY for the tests
# too (they set the X clipboard and launch the app a second time on it); never
# the developer's own display or Wayland session.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" >test-output/xvfb.log 2>&1 &
xvfb_pid=$!
for _ in $(seq 1 100); do [ -s "$work/display" ] && break; sleep 0.1; done
[ -s "$work/display" ] || { echo "e2e: Xvfb did not start; see test-output/xvfb.log" >&2; exit 1; }
export DISPLAY=":$(tr -d '[:space:]' <"$work/display")" GDK_BACKEND=x11
unset WAYLAND_DISPLAY XDG_SESSION_TYPE

setsid tauri-driver --port "$port" --native-port "$((port + 1))" >test-output/tauri-driver.log 2>&1 &
driver_pid=$!

for _ in $(seq 1 100); do
  if listening "$port"; then break; fi
  if ! kill -0 "$driver_pid" 2>/dev/null; then
    echo "e2e: tauri-driver exited; see test-output/tauri-driver.log" >&2
    exit 1
  fi
  sleep 0.2
done

cd ui
CLAIMTRAIL_APP="$app" CLAIMTRAIL_CLI="$target_dir/debug/claimtrail" TAURI_DRIVER_URL="http://127.0.0.1:$port" CLAIMTRAIL_SCREENSHOTS="$root/test-output" \
  npx vitest run --config vitest.e2e.config.ts "$@"
