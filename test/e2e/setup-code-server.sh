#!/usr/bin/env bash
# Installs what the editor test tier needs: Debian chromium, libkrb5-dev and ripgrep (apt, needs root),
# and code-server 4.100.3 from test/e2e/tools' lockfile into a cache dir keyed by that lockfile.
# Idempotent: a second run on the same machine takes well under a second.
# Prints the directory that holds node_modules/code-server on its last line.
# Why each step exists: shared/reference/vscode-testing.md §2 (and docs/extension-testing.md).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

# 1. Debian packages: chromium (the browser playwright-core drives), libkrb5-dev (code-server's kerberos
#    native module), ripgrep (stands in for @vscode/ripgrep's GitHub download).
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
[ -x /usr/bin/rg ] || need+=(ripgrep)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup-code-server: need root to apt-get install ${need[*]}" >&2
    exit 1
  fi
  echo "setup-code-server: apt-get install ${need[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# 2. @vscode/ripgrep's postinstall downloads rg from GitHub unless it finds a cached tarball in
#    $TMPDIR/vscode-ripgrep-cache-<pkg version>/. Seed it with Debian's rg (versions pinned by
#    code-server 4.100.3's npm-shrinkwrap).
tmp="$(node -p 'require("os").tmpdir()')"
rgcache="$tmp/vscode-ripgrep-cache-1.15.11"
rgtar="$rgcache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -f "$rgtar" ]; then
  stage="$(mktemp -d)"
  cp /usr/bin/rg "$stage/rg"
  mkdir -p "$rgcache"
  tar czf "$rgtar" -C "$stage" rg
  rm -rf "$stage"
fi

# 3. npm ci into a cache dir keyed by the lockfile and the Node ABI the native modules are built for
#    (native builds take ~2 min; later runs reuse it). A cache restored onto a machine with another
#    Node gets a new key instead of modules that fail to load. harness.ts computes the same key.
abi="$(node -p 'process.versions.modules + " " + process.platform + "-" + process.arch')"
key="$({ cat "$here/tools/package.json" "$here/tools/package-lock.json"; echo "$abi"; } | sha256sum | cut -c1-16)"
dest="${VSCODE_E2E_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/vscode-e2e-tools}/$key"
if [ ! -f "$dest/.installed" ]; then
  echo "setup-code-server: installing code-server 4.100.3 into $dest (about 2 minutes)" >&2
  rm -rf "$dest"
  mkdir -p "$dest"
  cp "$here/tools/package.json" "$here/tools/package-lock.json" "$dest/"
  # Native modules (node-pty, kerberos, ...) build with node-gyp, which otherwise downloads Node's
  # headers from the internet; the machine's own headers (Debian's nodejs ships /usr/include/node)
  # keep the build offline, used only when they are the running Node's version.
  if [ -z "${npm_config_nodedir:-}" ]; then
    node_v="$(node -p 'process.versions.node')"
    headers_v="$(awk '/^#define NODE_(MAJOR|MINOR|PATCH)_VERSION /{printf "%s%s", sep, $3; sep="."}' \
      /usr/include/node/node_version.h 2>/dev/null || true)"
    if [ -f /usr/include/node/common.gypi ] && [ "$headers_v" = "$node_v" ]; then
      export npm_config_nodedir=/usr
      echo "setup-code-server: node-gyp uses the machine's Node $node_v headers (npm_config_nodedir=/usr)" >&2
    else
      echo "setup-code-server: no Node $node_v headers in /usr/include/node (found: ${headers_v:-none});" \
        "node-gyp will download them from nodejs.org. Offline: install them, or set npm_config_nodedir" >&2
    fi
  fi
  # argon2 and kerberos first try a prebuilt binary from GitHub; build them from source instead
  # (same node-gyp build, no download attempt to wait for).
  export npm_config_build_from_source=true
  # unsafe_perm: code-server's postinstall refuses to run as root without it (npm 11 warns, harmless).
  # yes: node-pty's postinstall runs `npx node-gyp …`; with yes=false npx cancels and the install fails.
  (cd "$dest" && npm_config_unsafe_perm=true npm_config_yes=true npm ci --no-audit --no-fund >"$dest/install.log" 2>&1) \
    || { tail -40 "$dest/install.log" >&2; exit 1; }
  touch "$dest/.installed"
fi
echo "$dest"
