#!/usr/bin/env bash
# Browser tests drive Debian's chromium through Playwright (Playwright's own
# browser download is not used). Install it when we can; otherwise say how.
set -euo pipefail
browser="${MODELPRESS_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$browser" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests (apt-get)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    chromium fonts-dejavu-core >/dev/null
  exit 0
fi
echo "Browser tests need Chromium at $browser. Install it (sudo apt-get install chromium)" \
     "or set MODELPRESS_CHROMIUM to a Chromium binary." >&2
exit 1
