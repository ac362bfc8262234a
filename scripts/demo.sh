#!/usr/bin/env bash
# Main job: set up .venv, then crawl the bundled demo sites (served on loopback) and one generated portal from its
# home page alone (generic mode) into output/<site>/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh"
cd "$root"
exec .venv/bin/python -m newsspider.demo "$@"
