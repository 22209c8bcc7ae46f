#!/usr/bin/env bash
# Builds the installable Debian package of the desktop app with Tauri's
# bundler and prints its size beside the release binary's, against the
# shell's bundle target (BENCHMARKS.md, "Desktop shell"). Not part of
# `make test`: a release build takes several minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

if ! cargo tauri --version >/dev/null 2>&1; then
  echo "bundle: installing tauri-cli"
  cargo install tauri-cli --locked --version '^2' --quiet
fi
(cd ui && npm run --silent build)
# The bundler is off in tauri.conf.json so that `cargo build` never runs it; turned on here, for the .deb only.
(cd src-tauri && cargo tauri build --bundles deb --config '{"bundle":{"active":true}}')

target_dir="$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')"
deb=$(ls -t "$target_dir"/release/bundle/deb/*.deb | head -n 1)
mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.1f", b / 1e6 }'; }
echo "package $(basename "$deb"): $(mb "$deb") MB   [bundle target <= 15 MB]"
echo "release binary inside it, installed: $(dpkg-deb --fsys-tarfile "$deb" | tar -t -v | awk '$6 ~ /usr\/bin\// { printf "%s %.1f MB", $6, $3 / 1e6 }')"
dpkg-deb --info "$deb" | sed -n 's/^ \(Package\|Version\|Architecture\|Depends\|Installed-Size\):/  \1:/p'
