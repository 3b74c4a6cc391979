#!/usr/bin/env bash
# Prepares everything the end-to-end tests need, idempotently:
#   - Debian packages: chromium, fonts-noto-cjk (Chinese glyphs), libkrb5-dev, ripgrep
#   - code-server 4.100.3 (VS Code 1.100) + playwright-core in the git-ignored cache .e2e/
# code-server's own postinstall refuses to run as root and downloads ripgrep from the
# network, so its steps are done here by hand. A second run only checks a stamp file.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE="$ROOT/.e2e"
CS_VERSION="4.100.3"
STAMP="$CACHE/setup-$CS_VERSION.done"

log() { printf '[e2e-setup] %s\n' "$*"; }

# 1. System packages (only those missing).
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ -f "$STAMP" ] && [ -f "$CACHE/node_modules/code-server/out/node/entry.js" ]; then
  log "cache is ready ($CACHE)"
  exit 0
fi

# 2. code-server + playwright-core into the cache.
mkdir -p "$CACHE"
cd "$CACHE"
[ -f package.json ] || echo '{ "name": "gongwen-e2e-cache", "private": true }' > package.json
PW_VERSION="$(node -p "require('$ROOT/package.json').devDependencies['playwright-core'] || 'latest'")"
log "npm install code-server@$CS_VERSION playwright-core@$PW_VERSION (no scripts)"
npm install --ignore-scripts --no-audit --no-fund --loglevel=error \
  "code-server@$CS_VERSION" "playwright-core@$PW_VERSION" >/dev/null

log "rebuilding argon2"
npm rebuild argon2 --loglevel=error >/dev/null

VS="$CACHE/node_modules/code-server/lib/vscode"
log "installing VS Code server dependencies"
( cd "$VS" && npm install --ignore-scripts --omit=dev --no-audit --no-fund --loglevel=error >/dev/null )
mkdir -p "$VS/node_modules/@vscode/ripgrep/bin"
cp "$(command -v rg)" "$VS/node_modules/@vscode/ripgrep/bin/rg"
log "rebuilding native modules (node-pty prints an error; its pty.node is still built)"
( cd "$VS" && npm rebuild kerberos @parcel/watcher @vscode/spdlog native-watchdog node-pty --loglevel=error >/dev/null 2>&1 || true )
ls "$VS"/node_modules/node-pty/build/Release/pty.node >/dev/null
ln -sfn node_modules "$VS/node_modules.asar"
log "installing built-in extensions' dependencies"
( cd "$VS/extensions" && npm install --ignore-scripts --omit=dev --no-audit --no-fund --loglevel=error >/dev/null )

touch "$STAMP"
log "done ($CACHE)"
