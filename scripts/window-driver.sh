# Sourced by the scripts that drive the real window: starts tauri-driver (which
# drives WebKitWebDriver) on a virtual X display, and stops everything it
# started. The app inherits this shell's environment (CLAIMTRAIL_DB, …).
#   start_window_driver LOGFILE-PREFIX   sets WINDOW_DRIVER_URL
#   stop_window_driver

window_driver_pid=""

window_port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_window_driver() {
  local log="$1.tauri-driver.log"
  # tauri-driver takes a port and the next one (for WebKitWebDriver); skip pairs in use.
  local port="${TAURI_DRIVER_PORT:-4444}"
  while window_port_busy "$port" || window_port_busy "$((port + 1))"; do port=$((port + 10)); done
  setsid xvfb-run -a -s "-screen 0 1280x800x24" \
    tauri-driver --port "$port" --native-port "$((port + 1))" >"$log" 2>&1 &
  window_driver_pid=$!
  for _ in $(seq 1 100); do
    if window_port_busy "$port"; then
      WINDOW_DRIVER_URL="http://127.0.0.1:$port"
      return 0
    fi
    if ! kill -0 "$window_driver_pid" 2>/dev/null; then
      echo "tauri-driver exited; see $log" >&2
      return 1
    fi
    sleep 0.2
  done
  echo "tauri-driver did not start listening; see $log" >&2
  return 1
}

stop_window_driver() {
  if [ -n "$window_driver_pid" ]; then
    # tauri-driver, WebKitWebDriver, the app and Xvfb share one process group.
    kill -TERM -- "-$window_driver_pid" 2>/dev/null || true
    sleep 1
    kill -KILL -- "-$window_driver_pid" 2>/dev/null || true
    window_driver_pid=""
  fi
}
