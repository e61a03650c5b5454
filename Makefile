# bizenv — build, serve and test.
#
#   make setup        wasm32 target + wasm-bindgen-cli (pinned; only if missing)
#   make build        release wasm + JS glue into www/pkg/
#   make dist         build, then the whole page as ONE file: dist/bizenv.html
#   make serve        setup + build, then serve www/ on http://127.0.0.1:$(PORT)/
#   make test         setup-test, then: native cargo test, wasm tests in Node,
#                     wasm tests in headless Chromium, fuzz smoke, build, the JS API
#                     tests (corpus through wasm, API fuzzer, trap recovery), e2e
#   make fuzz-smoke   every cargo-fuzz target for FUZZ_SECONDS (20) each
#   make fuzz         every target for FUZZ_SECONDS (600) each: the long runs of fuzz/README.md
#   make corpus       writes the bad-input corpus (tests/corpus/) from its generator
#   make bench        benchmarks (engine, ledgers, JS API, calendar libraries side by side, sizes)
#   make clean        remove www/pkg and target/
#
# Every test stage's output is also kept in target/test-logs/STAGE.log.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := build
.DELETE_ON_ERROR:

export PATH := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(PATH)

CARGO        ?= cargo
WASM_BINDGEN ?= wasm-bindgen
PORT         ?= 8000
WASM_TARGET  := wasm32-unknown-unknown
WASM_RELEASE := target/$(WASM_TARGET)/release/bizenv.wasm
PKG_DIR      := www/pkg
CHROMEDRIVER ?= /usr/bin/chromedriver
STAGE        := bash scripts/stage.sh

# Environment for `cargo test --target wasm32-unknown-unknown`: cargo hands the
# test binary (a .wasm) to wasm-bindgen-test-runner.  The runner picks the
# environment per test binary: a `wasm_bindgen_test_configure!(run_in_…)` in
# the test file wins; tests/wasm_api.rs has none, so the choice is ours, made
# with env vars — no WASM_BINDGEN_USE_* var means Node.js (CommonJS glue),
# WASM_BINDGEN_USE_BROWSER=1 means a browser driven over WebDriver.  The
# *_ONLY_NODE / *_ONLY_WEB vars would make the runner skip the file and exit 0,
# so both runs clear them.
WASM_TEST_ENV := CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	WASM_BINDGEN_TEST_TIMEOUT=$(or $(WASM_BINDGEN_TEST_TIMEOUT),180)
WASM_TEST_UNSET := -u WASM_BINDGEN_TEST_ONLY_NODE -u WASM_BINDGEN_TEST_ONLY_WEB \
	-u WASM_BINDGEN_USE_BROWSER -u WASM_BINDGEN_USE_NODE_EXPERIMENTAL -u WASM_BINDGEN_USE_DENO \
	-u WASM_BINDGEN_USE_DEDICATED_WORKER -u WASM_BINDGEN_USE_SHARED_WORKER \
	-u WASM_BINDGEN_USE_SERVICE_WORKER -u WASM_BINDGEN_USE_NO_MODULE \
	-u NO_HEADLESS -u CHROMEDRIVER_REMOTE -u GECKODRIVER -u GECKODRIVER_REMOTE
WASM_TEST_CMD := $(CARGO) test --target $(WASM_TARGET) --test wasm_api

FUZZ_TARGETS := datetime csv_import xlsx_import calendar_csv catalog_json project_json evaluate_cases workspace
TRAP_PKG     := target/trap-pkg

.PHONY: bench bench-calendar size setup setup-test build dist serve test test-native test-wasm-node \
	test-wasm-browser test-build test-e2e test-js test-fuzz fuzz-build fuzz-smoke fuzz \
	trap-pkg corpus clean

setup:
	@bash scripts/setup.sh

setup-test:
	@bash scripts/setup.sh --test

# --remove-name-section: the function names are 250 KB of the module (72 KB gzipped) that only a
# debugger reads; `make size` takes its breakdown by crate from cargo's output, which keeps them.
#
# Three modules from the one crate:
#   www/pkg/bizenv.js         everything (the JS API for Node and for embedders: one module)
#   www/pkg/core/bizenv.js    what the page loads on every visit: the core without the ledger file
#                             readers and writers (cargo profile wasm-page, feature js-api only)
#   www/pkg/ledger/bizenv.js  the readers and writers alone, which the page loads when a file
#                             needs them (profile wasm-ledger, feature ledger-module)
# The profiles only give each build its own output directory, so that no build overwrites
# another's module and none is relinked for nothing.
#
# CORE_INLINING: the core module is built at opt-level 3 with LLVM's inliner held back (`cargo
# rustc` passes the flags to the bizenv crate alone, whose fat LTO step compiles the whole module).
# At 3 the inliner copies cold code (serde, formatting, the sample ledgers) into its callers: this
# takes the module from 787 to 684 KB gzipped (budget 700), while the hot loops keep opt-level 3's
# other optimisations; opt-level "s" (623 KB) was 1.4x slower on a warm import, this 1.13-1.21x, and
# the first import is faster (a smaller module to compile). BENCHMARKS.md, "Size, session 7".
# `make build CORE_INLINING=` builds the plain opt-level 3 module. The LLVM options are checked:
# a toolchain (rust-toolchain.toml) whose LLVM lacks them fails the build, it does not ignore them.
CORE_INLINING ?= -C llvm-args=-inline-threshold=50 -C llvm-args=-inlinehint-threshold=100
build:
	$(CARGO) build --release --target $(WASM_TARGET) --lib
	$(WASM_BINDGEN) --target web --remove-name-section --out-dir $(PKG_DIR) --out-name bizenv $(WASM_RELEASE)
	$(CARGO) rustc --profile wasm-page --target $(WASM_TARGET) --lib --no-default-features --features js-api -- $(CORE_INLINING)
	$(WASM_BINDGEN) --target web --remove-name-section --out-dir $(PKG_DIR)/core --out-name bizenv target/$(WASM_TARGET)/wasm-page/bizenv.wasm
	$(CARGO) build --profile wasm-ledger --target $(WASM_TARGET) --lib --no-default-features --features ledger-module
	$(WASM_BINDGEN) --target web --remove-name-section --out-dir $(PKG_DIR)/ledger --out-name bizenv target/$(WASM_TARGET)/wasm-ledger/bizenv.wasm
	@ls -l $(PKG_DIR)/bizenv_bg.wasm $(PKG_DIR)/core/bizenv_bg.wasm $(PKG_DIR)/ledger/bizenv_bg.wasm

# The single self-contained file (wasm, JS, CSS, sample data inlined) that
# works from file://, offline and in a sandboxed iframe; see the comment at
# the top of scripts/build-dist.mjs. Also copied to www/bizenv.html, which
# www/embed-example.html frames. Needs esbuild (npm, pinned in package.json).
dist: build
	@bash scripts/setup.sh --npm
	node scripts/build-dist.mjs

serve: setup
	@$(MAKE) --no-print-directory build
	@echo "Serving www/ at http://127.0.0.1:$(PORT)/  (Ctrl-C to stop)"
	@exec python3 -m http.server --bind 127.0.0.1 $(PORT) -d www

# The stages run in this order; a failing stage does not stop the later ones
# (except that e2e needs a successful build), and the run fails at the end if
# any stage failed, after printing the per-stage summary.
test: setup-test
	@mkdir -p target/test-logs && rm -f target/test-logs/stages.tsv
	@status=0; \
	for t in test-native test-wasm-node test-wasm-browser test-fuzz; do \
	  $(MAKE) --no-print-directory $$t || status=1; \
	done; \
	if $(MAKE) --no-print-directory test-build; then \
	  $(MAKE) --no-print-directory test-js || status=1; \
	  $(MAKE) --no-print-directory test-e2e || status=1; \
	else status=1; echo "JS API and e2e tests skipped: build failed"; fi; \
	bash scripts/test-summary.sh report; \
	if [ $$status -ne 0 ]; then echo "make test: FAILED"; fi; \
	exit $$status

# Unit, integration and doc tests on the host.
test-native:
	@$(STAGE) native cargo $(CARGO) test

# tests/wasm_api.rs, compiled to wasm32, in Node.js.
test-wasm-node:
	@$(STAGE) wasm-node cargo env $(WASM_TEST_UNSET) $(WASM_TEST_ENV) $(WASM_TEST_CMD)

# The same test binary in headless Debian Chromium via chromedriver; Chrome
# flags are in webdriver.json (the runner adds --headless --no-sandbox itself).
test-wasm-browser:
	@$(STAGE) wasm-browser cargo env $(WASM_TEST_UNSET) $(WASM_TEST_ENV) \
	  WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=$(CHROMEDRIVER) \
	  WASM_BINDGEN_TEST_DRIVER_TIMEOUT=$(or $(WASM_BINDGEN_TEST_DRIVER_TIMEOUT),60) \
	  WASM_BINDGEN_TEST_WEBDRIVER_JSON=$(CURDIR)/webdriver.json \
	  $(WASM_TEST_CMD)

test-build:
	@$(STAGE) build none $(MAKE) --no-print-directory build

# The JS API in Node (needs `make build` first): the bad-input corpus through wasm, the API
# fuzzer, and recovery after a trap (the trap-test build, made here).
test-js:
	@$(STAGE) js node bash -c '$(MAKE) --no-print-directory trap-pkg >/dev/null && node --test tests/js/'

# A debug wasm build with the hidden trapping export (feature trap-test), for tests/js/trap.test.mjs.
trap-pkg:
	$(CARGO) build --target $(WASM_TARGET) --lib --features trap-test
	$(WASM_BINDGEN) --target web --out-dir $(TRAP_PKG) --out-name bizenv target/$(WASM_TARGET)/debug/bizenv.wasm

# Coverage-guided fuzzing (fuzz/README.md): cargo-fuzz on the stable toolchain, no sanitizer
# (the crate has no unsafe code; panics, hangs and memory blow-ups are what is looked for).
fuzz-build:
	RUSTC_BOOTSTRAP=1 cargo fuzz build -O -s none

fuzz-smoke: fuzz-build
	bash scripts/fuzz.sh $(or $(FUZZ_SECONDS),20) $(FUZZ_TARGETS)

fuzz: fuzz-build
	bash scripts/fuzz.sh $(or $(FUZZ_SECONDS),600) $(FUZZ_TARGETS)

# The fuzz smoke as a test stage: one "N passed, M failed" line for the summary.
test-fuzz:
	@$(STAGE) fuzz plain bash -c 'out=$$($(MAKE) --no-print-directory fuzz-smoke 2>&1); rc=$$?; printf "%s\n" "$$out" | tail -n 40; \
	  p=$$(printf "%s\n" "$$out" | grep -c "^fuzz .* ok:" || true); f=$$(printf "%s\n" "$$out" | grep -c "^fuzz .* FAILED:" || true); \
	  [ $$rc -ne 0 ] && [ $$f -eq 0 ] && f=1; echo "fuzz: $$p passed, $$f failed"; exit $$rc'

corpus:
	$(CARGO) run --example make_corpus

# Browser end-to-end tests of the page in www/ (needs `make build` first).
test-e2e:
	@$(STAGE) e2e node node --test tests/e2e/

# Benchmarks (see README): the engine natively, a 100 000-row ledger natively, the JS API in Node,
# then the calendar libraries side by side and the sizes.
bench: setup
	$(CARGO) bench --bench working_time
	$(CARGO) run --release --example export_bench -- 100000
	@$(MAKE) --no-print-directory build
	node bench/wasm-api.mjs
	@$(MAKE) --no-print-directory bench-calendar
	@$(MAKE) --no-print-directory size

# bizenv natively and through wasm vs npm chinese-days (devDependency, pinned) vs PyPI
# chinesecalendar (pinned, in a venv under target/): the same seeded date-only intervals, every
# count compared, ratios printed; the table also lands in target/bench/calendar.md.
# BENCH_INTERVALS (1 000 000) and BENCH_PY_SAMPLE (1 000: chinesecalendar takes milliseconds an interval).
BENCH_VENV              := target/bench-venv
CHINESECALENDAR_VERSION := 1.11.0
bench-calendar: setup
	@bash scripts/setup.sh --npm
	@$(MAKE) --no-print-directory build
	node bench/calendar.mjs generate $(or $(BENCH_INTERVALS),1000000)
	$(CARGO) bench --bench calendar_bulk
	@[ -x $(BENCH_VENV)/bin/python ] || python3 -m venv $(BENCH_VENV)
	@$(BENCH_VENV)/bin/pip install -q --disable-pip-version-check chinesecalendar==$(CHINESECALENDAR_VERSION)
	$(BENCH_VENV)/bin/python bench/calendar_chinesecalendar.py $(or $(BENCH_PY_SAMPLE),1000) 3
	node bench/calendar.mjs compare

# The page's weight: the wasm module (raw and gzipped) and the single file dist/bizenv.html.
size: dist
	node bench/size.mjs --sections

# Import + evaluation of generated ledgers (BENCHMARKS.md, "Import and memory"): natively, in Node
# (first call against the second) and in a worker of headless Chromium. IMPORT_ROWS to change the sizes.
IMPORT_ROWS ?= 100000 1000000
# The .xlsx is written from the CSV of the same name by the native benchmark, which runs first.
IMPORT_FILES = $(foreach n,$(IMPORT_ROWS),target/bench/ledger-1.1-$(n).csv target/bench/ledger-power-$(n).csv) \
	target/bench/ledger-1.1-$(firstword $(IMPORT_ROWS)).xlsx
.PHONY: bench-import
bench-import: setup
	node bench/import-data.mjs $(IMPORT_ROWS)
	$(CARGO) bench --bench import -- $(IMPORT_FILES)
	@$(MAKE) --no-print-directory build
	$(foreach n,$(IMPORT_ROWS),node bench/import-node.mjs target/bench/ledger-1.1-$(n).csv &&) true
	node bench/import-browser.mjs $(IMPORT_FILES)

clean:
	rm -rf $(PKG_DIR) target dist www/bizenv.html
