#!/usr/bin/env bash
# Installs what `make run` and `make test` need on Debian/Ubuntu, and nothing
# that is already there. Quiet when everything is installed.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libsoup-3.0-dev libjavascriptcoregtk-4.1-dev
  build-essential pkg-config libssl-dev xvfb xauth webkit2gtk-driver chromium sqlite3
  graphviz python3-venv dbus xclip xdotool
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# `make test` runs cargo fmt --check and clippy (rustup toolchains do not always carry them).
if command -v rustup >/dev/null 2>&1; then
  installed=$(rustup component list --installed 2>/dev/null)
  for component in rustfmt clippy; do
    if ! grep -q "^$component" <<<"$installed"; then
      echo "setup: installing $component"
      rustup component add "$component" >/dev/null 2>&1
    fi
  done
fi

if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  echo "setup: installing tauri-driver"
  cargo install tauri-driver --locked --version '^2' --quiet
fi

# cargo-fuzz runs the fuzz targets (scripts/fuzz.sh); cargo-deny checks dependency licenses and sources.
for tool in "cargo-fuzz 0.13.2" "cargo-deny 0.20.2"; do
  read -r name version <<<"$tool"
  if ! command -v "$name" >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/$name" ]; then
    echo "setup: installing $name"
    cargo install "$name" --locked --version "$version" --quiet
  fi
done

if [ -f ui/package-lock.json ]; then
  stamp=ui/node_modules/.package-lock.json
  if [ ! -f "$stamp" ] || [ ui/package-lock.json -nt "$stamp" ]; then
    echo "setup: installing UI packages"
    (cd ui && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
fi
