#!/usr/bin/env bash
# Installs what building needs (not the test tools), then serves okr-grid (release build) at
# http://127.0.0.1:8080
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --build
source scripts/env.sh
exec trunk serve --release --address 127.0.0.1 --port 8080
