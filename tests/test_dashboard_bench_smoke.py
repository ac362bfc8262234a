"""The dashboard benchmark still runs end to end at a tiny size (its figures are not checked here)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsspider_testing import browser

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_dashboard_benchmark_runs_at_tiny_size(tmp_path):
    if not browser.available():
        if os.environ.get("CI"):
            pytest.fail("chromium and chromium-driver are missing: .ci/run installs them")
        pytest.skip("needs the Debian chromium and chromium-driver packages")
    out = tmp_path / "dashboard.json"
    command = [
        sys.executable,
        "-m",
        "benchmarks.dashboardbench",
        "--sites",
        "3",
        "--runs",
        "5",
        "--repeat",
        "1",
    ]
    proc = subprocess.run(
        [*command, "--out", str(out)], check=False, cwd=ROOT, capture_output=True, text=True, timeout=240
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    rows = {row["metric"]: row for row in json.loads(out.read_text("utf-8"))["rows"]}
    assert rows["HTML size @3x5"]["ours"] > 0 and rows["HTML size @3x5"]["verdict"] == "ok"
    assert rows["load event @3x5"]["ours"] > 0 and rows["load event @3x5"]["note"] == "console errors: 0"
