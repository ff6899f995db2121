#!/usr/bin/env bash
# The one entry point on a fresh machine: makes sure Node.js >= 22 and pnpm are there, installs the
# workspace's dependencies, then runs `pnpm <args>`:
#
#   ./run.sh start   # the reference server
#   ./run.sh test    # the whole suite: lint, spec lint, generated-code check, build, typecheck, tests
#
# When the machine's Node.js is missing or older than 22, Node 24 and pnpm (the version in package.json's
# packageManager) are installed once from the npm registry into ${XDG_CACHE_HOME:-~/.cache}/sigmax/toolchain
# with the machine's npm, and reused afterwards. Nothing is installed globally.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

readonly min_node=22
readonly node_major_wanted=24
readonly toolchain="${XDG_CACHE_HOME:-${HOME:?}/.cache}/sigmax/toolchain"

say() { printf 'run.sh: %s\n' "$*" >&2; }
die() {
  say "error: $*"
  exit 1
}

log="$(mktemp "${TMPDIR:-/tmp}/sigmax-run.XXXXXX")"
trap 'rm -f "$log"' EXIT

# Corepack's pnpm shim must never wait for an answer on stdin.
export COREPACK_ENABLE_DOWNLOAD_PROMPT=0

# Major version of the `node` on PATH, or 0 when there is none (or it does not run).
node_major() {
  local v
  v="$(node -v 2>/dev/null </dev/null)" || v=''
  v="${v#v}"
  v="${v%%.*}"
  [[ "$v" =~ ^[0-9]+$ ]] && printf '%s' "$v" || printf '0'
}

# Version printed by the `pnpm` on PATH, or nothing.
pnpm_version() {
  pnpm -v 2>/dev/null </dev/null | tail -n 1 || true
}

# `npm install` into the toolchain folder, quietly; prints npm's output only when it fails.
toolchain_install() {
  command -v npm >/dev/null 2>&1 ||
    die "npm is needed to fetch $* (install Node.js, any version, with npm; or Node.js >= $min_node and pnpm $pnpm_major)"
  mkdir -p "$toolchain"
  [[ -f "$toolchain/package.json" ]] || printf '{ "private": true }\n' >"$toolchain/package.json"
  say "installing $* into $toolchain"
  if ! (cd "$toolchain" && npm install --no-audit --no-fund --no-update-notifier --loglevel=error "$@") \
    >"$log" 2>&1 </dev/null; then
    cat "$log" >&2
    die "could not install $*"
  fi
}

# The pnpm the repository asks for (packageManager), or the latest pnpm 10.
pnpm_spec="$(sed -n 's/^[[:space:]]*"packageManager":[[:space:]]*"\(pnpm@[0-9][^"+]*\).*/\1/p' package.json | head -n 1)"
pnpm_spec="${pnpm_spec:-pnpm@10}"
pnpm_major="${pnpm_spec#pnpm@}"
pnpm_major="${pnpm_major%%.*}"

# --- Node.js ------------------------------------------------------------------------------------------
if (($(node_major) < min_node)); then
  case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=darwin ;;
    *) die "Node.js >= $min_node is required; install it, then run ./run.sh again" ;;
  esac
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) die "Node.js >= $min_node is required; install it, then run ./run.sh again" ;;
  esac
  node_pkg="node-$os-$arch"
  node_bin="$toolchain/node_modules/$node_pkg/bin"
  found="$(node -v 2>/dev/null </dev/null || true)"
  if [[ ! -x "$node_bin/node" ]] || (($(PATH="$node_bin" node_major) < min_node)); then
    if [[ -n "$found" ]]; then say "Node.js $found found, $min_node or newer is needed"; else say "no Node.js found, $min_node or newer is needed"; fi
    # pnpm comes along in the same npm call, while npm still runs on the machine's own Node.js.
    toolchain_install "$node_pkg@$node_major_wanted" "$pnpm_spec"
  fi
  export PATH="$node_bin:$PATH"
  (($(node_major) >= min_node)) || die "the Node.js installed into $toolchain does not run on this machine"
  say "using Node.js $(node -v) from $toolchain (the machine has ${found:-none})"
fi

# --- pnpm ---------------------------------------------------------------------------------------------
if [[ "$(pnpm_version)" != "$pnpm_major".* ]]; then
  if [[ ! -x "$toolchain/node_modules/.bin/pnpm" ]] ||
    [[ "$(PATH="$toolchain/node_modules/.bin:$PATH" pnpm_version)" != "$pnpm_major".* ]]; then
    toolchain_install "$pnpm_spec"
  fi
  export PATH="$toolchain/node_modules/.bin:$PATH"
  [[ "$(pnpm_version)" == "$pnpm_major".* ]] || die "pnpm $pnpm_major could not be set up in $toolchain"
  say "using pnpm $(pnpm_version) from $toolchain"
fi

# --- dependencies -------------------------------------------------------------------------------------
install_args=(install --config.confirm-modules-purge=false)
if [[ -f pnpm-lock.yaml ]]; then
  install_args+=(--frozen-lockfile)
fi
if ! pnpm "${install_args[@]}" >"$log" 2>&1 </dev/null; then
  cat "$log" >&2
  die "pnpm ${install_args[*]} failed"
fi

rm -f "$log"
trap - EXIT
exec pnpm "$@"
