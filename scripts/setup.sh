#!/usr/bin/env bash
# Idempotent installer for everything bizenv's build and tests need.
#
#   scripts/setup.sh          wasm32 target + wasm-bindgen-cli (what `make build`/`make serve` need)
#   scripts/setup.sh --test   the above + Debian chromium/chromium-driver + npm packages + cargo-fuzz (what `make test` needs)
#   scripts/setup.sh --npm    only the npm packages (what `make dist` adds: esbuild)
#
# Each step checks first and does nothing when its tool is already there, so a
# second run takes about a second.  On a fresh machine (CI) the slow steps —
# compiling wasm-bindgen-cli (~2 min) and apt-installing Chromium — run in
# parallel.  Logs of the slow steps go to target/setup-logs/.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Must match the `wasm-bindgen = "=…"` pin in Cargo.toml: the CLI refuses to
# process a module built by a different wasm-bindgen version.
WASM_BINDGEN_VERSION=0.2.130
WASM_TARGET=wasm32-unknown-unknown
# cargo-fuzz for the fuzz smoke of `make test` (run on the stable toolchain with RUSTC_BOOTSTRAP=1).
CARGO_FUZZ_VERSION=0.13.2

want_test=0
want_npm_only=0
for arg in "$@"; do
  case "$arg" in
    --test) want_test=1 ;;
    --npm) want_npm_only=1 ;;
    *) echo "setup.sh: unknown argument '$arg'" >&2; exit 2 ;;
  esac
done

export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
logdir=target/setup-logs
mkdir -p "$logdir"

say() { printf 'setup: %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@";
  elif command -v sudo >/dev/null 2>&1; then sudo "$@";
  else echo "setup: need root for: $*" >&2; return 1; fi
}

for tool in cargo rustup; do
  command -v "$tool" >/dev/null 2>&1 || { echo "setup: '$tool' not found (install Rust with rustup)" >&2; exit 1; }
done

# --- 4. npm packages (playwright-core, axe-core, esbuild; none downloads anything else) ---
# Every devDependency at its pinned version, else `npm ci`.
npm_packages() {
  command -v node >/dev/null 2>&1 || { echo "setup: node not found" >&2; return 1; }
  command -v npm >/dev/null 2>&1 || { echo "setup: npm not found" >&2; return 1; }
  local missing
  missing=$(node -e '
    const want = require("./package.json").devDependencies;
    const out = [];
    for (const [name, version] of Object.entries(want)) {
      let have = "";
      try { have = require(`./node_modules/${name}/package.json`).version; } catch {}
      if (have !== version) out.push(`${name}@${version} (found ${have || "none"})`);
    }
    console.log(out.join(", "));')
  if [ -z "$missing" ]; then
    say "node_modules: present ($(node -p 'Object.entries(require("./package.json").devDependencies).map(([n, v]) => n + " " + v).join(", ")'))"
  else
    say "node_modules: installing (want $missing)"
    if [ -f package-lock.json ]; then
      npm ci --no-audit --no-fund
    else
      npm install --no-audit --no-fund
    fi
  fi
}

if [ "$want_npm_only" -eq 1 ]; then
  npm_packages
  exit 0
fi

# --- 0. The pinned toolchain (rust-toolchain.toml) ----------------------------------
# This kind of machine has one Rust toolchain, installed as `stable`, and fetches no other. When
# the pinned version is not installed under its own name but the default toolchain *is* that
# version, the default is linked under the pinned name; otherwise rustup installs it. Run from `/`
# so that rustup reads the default toolchain, not the pin this directory asks for.
pinned=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)
if (cd / && rustup toolchain list) | grep -q "^$pinned-"; then
  say "rust toolchain $pinned: present"
else
  default_version=$(cd / && rustc --version | awk '{print $2}')
  if [ "$default_version" = "$pinned" ]; then
    (cd / && rustup target list --installed | grep -qx "$WASM_TARGET") || (cd / && rustup target add "$WASM_TARGET")
    # `rustup toolchain link` refuses names of official releases, so the link is made by hand,
    # where rustup looks for an installed release.
    host=$(cd / && rustc -vV | sed -n 's/^host: //p')
    ln -s "$(cd / && rustc --print sysroot)" "${RUSTUP_HOME:-$HOME/.rustup}/toolchains/$pinned-$host"
    say "rust toolchain $pinned: the default toolchain, linked under its pinned name"
  else
    say "rust toolchain $pinned: installing (the default is $default_version)"
    (cd / && rustup toolchain install "$pinned" --profile minimal --target "$WASM_TARGET")
  fi
fi

# --- 1. Rust wasm target --------------------------------------------------------
if rustup target list --installed | grep -qx "$WASM_TARGET"; then
  say "rust target $WASM_TARGET: present"
else
  say "rust target $WASM_TARGET: installing"
  rustup target add "$WASM_TARGET"
fi

# --- 2. Chromium + chromedriver (tests only), started in the background --------------
apt_pid=
if [ "$want_test" -eq 1 ]; then
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    say "chromium + chromedriver: present"
  else
    command -v apt-get >/dev/null 2>&1 || { echo "setup: no /usr/bin/chromium and no apt-get to install it" >&2; exit 1; }
    say "chromium + chromium-driver: apt-get installing in the background (log $logdir/apt.log)"
    (
      export DEBIAN_FRONTEND=noninteractive
      as_root apt-get update &&
      as_root apt-get install -y chromium chromium-driver
    ) >"$logdir/apt.log" 2>&1 &
    apt_pid=$!
  fi
fi

# --- 2b. cargo-fuzz (tests only), compiled in the background (~3 min on 2 cores) -------
fuzz_pid=
if [ "$want_test" -eq 1 ]; then
  if cargo fuzz --version 2>/dev/null | grep -qw "$CARGO_FUZZ_VERSION"; then
    say "cargo-fuzz: $(cargo fuzz --version)"
  else
    say "cargo-fuzz $CARGO_FUZZ_VERSION: cargo install in the background (log $logdir/cargo-fuzz.log)"
    ( time cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked ) >"$logdir/cargo-fuzz.log" 2>&1 &
    fuzz_pid=$!
  fi
fi

# --- 3. wasm-bindgen-cli, pinned --------------------------------------------------
have_version=$(wasm-bindgen --version 2>/dev/null || true)
if printf '%s' "$have_version" | grep -qw "$WASM_BINDGEN_VERSION"; then
  say "wasm-bindgen-cli: $have_version"
else
  say "wasm-bindgen-cli $WASM_BINDGEN_VERSION: cargo install (~2 min; log $logdir/wasm-bindgen-cli.log); found '${have_version:-none}'"
  # Not --locked: the lock file shipped in wasm-bindgen-cli 0.2.130 does not build here.
  if ! cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force >"$logdir/wasm-bindgen-cli.log" 2>&1; then
    tail -n 40 "$logdir/wasm-bindgen-cli.log" >&2
    echo "setup: cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION failed" >&2
    [ -n "$apt_pid" ] && wait "$apt_pid" || true
    [ -n "$fuzz_pid" ] && wait "$fuzz_pid" || true
    exit 1
  fi
  say "wasm-bindgen-cli: $(wasm-bindgen --version)"
fi

if [ "$want_test" -eq 0 ]; then
  exit 0
fi

# --- 4. npm packages (the function above) ---------------------------------------------
npm_packages

# --- 5. wait for cargo-fuzz and apt --------------------------------------------------
# wait_for PID LOG WHAT: the background install, its log's tail on failure.
wait_for() {
  [ -n "$1" ] || return 0
  say "waiting for $3 ..."
  if ! wait "$1"; then
    tail -n 40 "$2" >&2
    echo "setup: $3 failed" >&2
    exit 1
  fi
}
wait_for "$fuzz_pid" "$logdir/cargo-fuzz.log" "cargo install cargo-fuzz $CARGO_FUZZ_VERSION"
[ -n "$fuzz_pid" ] && say "cargo-fuzz: $(cargo fuzz --version) ($(grep -E '^real' "$logdir/cargo-fuzz.log" | awk '{print $2}'))"
wait_for "$apt_pid" "$logdir/apt.log" "apt-get install chromium chromium-driver"
for bin in /usr/bin/chromium /usr/bin/chromedriver; do
  [ -x "$bin" ] || { echo "setup: $bin missing after install" >&2; exit 1; }
done
say "chromium: $(/usr/bin/chromium --version 2>/dev/null | head -n1)"
say "chromedriver: $(/usr/bin/chromedriver --version 2>/dev/null | head -n1)"
