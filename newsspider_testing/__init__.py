"""Test support (servers, generators, crawl runners) for tests and benchmarks; never installed, never imported by
``newsspider``. It lives beside ``newsspider/`` in the repository, so the repository root is its parent."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
