#!/usr/bin/env bash
# Set up .venv, lint and type-check, then run the whole test suite (what CI runs).
# For the edit-test loop: .venv/bin/pytest -m "not slow" -q (skips the real-crawl subprocess tests).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh" test,eval
cd "$root"
.venv/bin/ruff check newsspider newsspider_testing tests benchmarks
.venv/bin/mypy
exec .venv/bin/python -m pytest "$@"
