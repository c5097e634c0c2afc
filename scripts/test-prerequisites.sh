#!/usr/bin/env bash
# Run by `pnpm test` before any package's tests: the browser tests need Chromium and the
# multi-instance tests redis-server. Installs what is missing (as root, with apt-get, as on
# a fresh Debian/Ubuntu machine or in CI), or stops at once with the command to run.
set -euo pipefail

# Looked up where the tests look: apps/web/e2e/support/browser.ts (CHROMIUM_PATH or
# Debian's /usr/bin/chromium) and apps/server/test/support/redis-server.ts (PATH).
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing_now() {
  missing=()
  [ -x "$chromium" ] || missing+=(chromium)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
}

missing_now
[ ${#missing[@]} -eq 0 ] && exit 0

install="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "pnpm test needs ${missing[*]}, which this machine lacks. Install them with its package" >&2
  echo "manager (set CHROMIUM_PATH if Chromium is not /usr/bin/chromium), then run pnpm test again." >&2
  exit 1
fi
if [ "$(id -u)" != "0" ]; then
  echo "pnpm test needs ${missing[*]}, which are not installed. Install them, then run pnpm test again:" >&2
  echo "  sudo sh -c '$install'" >&2
  exit 1
fi

echo "Installing ${missing[*]} for the tests: $install"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

missing_now
if [ ${#missing[@]} -gt 0 ]; then
  echo "Still missing after apt-get: ${missing[*]} (Chromium is looked for at $chromium)." >&2
  exit 1
fi
