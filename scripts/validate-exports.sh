#!/usr/bin/env bash
# Exports the demo case in every format with the built CLI and reads each file
# back with an independent parser (rdflib, prov, networkx, Graphviz, pyld,
# citeproc-py, Python's csv). Prints 'N passed, N failed'; non-zero on failure.
#
# The parsers live in .venv-validate (gitignored), installed from the pinned
# scripts/validate-requirements.txt only when missing or out of date; Graphviz
# comes from scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO=${CARGO:-cargo}
VENV=.venv-validate
REQUIREMENTS=scripts/validate-requirements.txt

if [ ! -x "$VENV/bin/python" ]; then
  echo "validate-exports: creating $VENV"
  python3 -m venv "$VENV"
fi
stamp="$VENV/.requirements-installed"
if [ ! -f "$stamp" ] || [ "$REQUIREMENTS" -nt "$stamp" ]; then
  echo "validate-exports: installing the validating parsers"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$REQUIREMENTS"
  touch "$stamp"
fi
command -v dot >/dev/null || { echo "validate-exports: Graphviz 'dot' is missing (run scripts/setup.sh)"; echo "0 passed, 1 failed"; exit 1; }

$CARGO build --quiet -p claimtrail-cli
bin=${CARGO_TARGET_DIR:-target}/debug/claimtrail

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ct() { "$bin" --db "$work/case.sqlite3" "$@"; }

ct demo >/dev/null
case="Ukraine, July 2025"
# A verdict to publish, and a claim written to break naive writers: formula
# cells, markup, quotes, a control character and bidi marks.
first=$(ct list --json | "$VENV/bin/python" -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
ct status "$first" --set false --reason 'Satellite maps show contested towns' --evidence https://example.org/map --author Desk >/dev/null
ct log --claim '=HYPERLINK("http://evil.example","<b>click</b> & "win"")' --by '@Anon <script>' \
  --quote $'+quote with \x01 control and \u202e bidi' --via 'Echo & Co' --case "$case" >/dev/null

for format in claimreview prov-ttl prov-json graphml gexf dot csl-json annotations csv bundle; do
  ct export --format "$format" --case "$case" -o "$work/demo.$format" 2>/dev/null
done
"$VENV/bin/python" scripts/validate_exports.py "$work"
