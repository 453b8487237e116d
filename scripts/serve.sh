#!/usr/bin/env bash
# Installs what building needs (not the test tools), builds the release site (scripts/build.sh)
# and serves dist/ at http://127.0.0.1:8080. Build again to see a change.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
exec python3 -m http.server 8080 --bind 127.0.0.1 --directory dist
