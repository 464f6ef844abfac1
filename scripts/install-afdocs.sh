#!/usr/bin/env bash
# Installs the pinned Agent-Friendly Docs checker (npm afdocs, tests/afdocs/package-lock.json)
# into tests/afdocs/node_modules (git-ignored) for tests/test_afdocs.py. Needs Node.js and
# npm (CI has them); installs again only when the lock file changed, so a prepared machine
# changes nothing.
set -euo pipefail
cd "$(dirname "$0")/../tests/afdocs"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "install-afdocs: Node.js and npm are missing; install Node.js 20 or later (https://nodejs.org/)" >&2
  exit 1
fi
stamp=node_modules/.installed-package-lock.json
if cmp -s package-lock.json "$stamp" && [ -x node_modules/.bin/afdocs ]; then
  exit 0
fi
echo "install-afdocs: installing afdocs into tests/afdocs/node_modules"
# afdocs declares Node 22 yet runs on 20 (GitHub's runners, nodesource's Debian packages):
# npm's warning about it is not shown.
npm ci --no-audit --no-fund --loglevel=error
cp package-lock.json "$stamp"
