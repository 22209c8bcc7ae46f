# The two commands of the README: `make run` and `make test`.
# Both install what is missing first (scripts/setup.sh) and are quiet otherwise.

SHELL := /bin/bash
CARGO ?= cargo
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: run test setup ui lint test-core test-ui test-e2e bench bench-ui bench-shell bench-cli bench-smoke bundle demo crashtest crashtest-smoke test-interop fuzz fuzz-smoke deny

setup:
	@bash scripts/setup.sh

ui: setup
	@cd ui && npm run --silent build

run: setup ui
	$(CARGO) run --quiet -p claimtrail-desktop

demo:
	$(CARGO) run --quiet -p claimtrail-cli -- demo

test: setup lint test-core test-ui test-e2e bench-smoke test-interop crashtest-smoke deny fuzz-smoke

# Formatting and clippy first, so a slip fails in seconds; clippy checks the desktop crate,
# whose build embeds ui/dist, so the UI is built first.
lint: ui
	@$(CARGO) fmt --all --check
	@$(CARGO) clippy --workspace --all-targets --quiet -- -D warnings

# The workspace includes the desktop crate, whose build embeds ui/dist: build the UI first.
test-core: ui
	$(CARGO) test --workspace --quiet

test-ui: ui
	@cd ui && npm run --silent test

# Drives the real window under Xvfb through tauri-driver; screenshots in test-output/.
test-e2e: ui
	@bash scripts/e2e.sh

# Every export of the demo case read back by an independent parser (rdflib, prov, networkx, Graphviz, pyld, citeproc-py).
test-interop: setup
	@bash scripts/validate-exports.sh

bench:
	$(CARGO) run --release --quiet -p claimtrail-bench -- --appearances 1000000

# Layout speed of the chain view and the case map, beside elkjs's layered layout.
bench-ui: setup
	@cd ui && npx vitest run --config vitest.bench.config.ts bench/layout.bench.ts

# Start-up and idle memory of the release window on 1M appearances, beside an empty database; binary size.
bench-shell: setup
	@bash scripts/bench-shell.sh

# Every CLI command as a whole process on 1M appearances, beside a baseline build of an earlier revision.
bench-cli: setup
	@bash scripts/bench-cli.sh

# The installable Debian package (Tauri's bundler), and its size against the bundle target.
bundle: setup
	@bash scripts/bundle.sh

# Kills a busy writer with SIGKILL N times and checks nothing committed was lost.
N ?= 1000
crashtest:
	$(CARGO) run --release --quiet -p claimtrail-crashtest -- --cycles $(N)

crashtest-smoke:
	$(CARGO) run --quiet -p claimtrail-crashtest -- --cycles 25

bench-smoke:
	$(CARGO) run --quiet -p claimtrail-bench -- --appearances 20000 --smoke

# Every cargo-fuzz target (fuzz/) for FUZZ_SECONDS each; a failing input lands in fuzz/artifacts/.
FUZZ_SECONDS ?= 300
fuzz: setup
	@bash scripts/fuzz.sh $(FUZZ_SECONDS)

FUZZ_SMOKE_SECONDS ?= 15
fuzz-smoke: setup
	@bash scripts/fuzz.sh $(FUZZ_SMOKE_SECONDS)

# Dependency licenses, banned (wildcard) versions and sources (crates.io only) against deny.toml.
# cargo-deny reads the metadata of every platform's dependencies: `cargo fetch` downloads the
# missing ones from crates.io (nothing once cached); the checks themselves run offline.
deny: setup
	@$(CARGO) fetch --locked --quiet
	@cargo deny --offline --log-level error check licenses bans sources
