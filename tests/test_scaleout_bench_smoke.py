"""The scale-out benchmark still runs end to end (tiny sizes; the figures themselves are not checked)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_scaleout_benchmark_runs_at_tiny_size(tmp_path):
    out = tmp_path / "scaleout.json"
    command = [sys.executable, "-m", "benchmarks.scaleoutbench", "--hosts", "3", "--per-host", "5",
               "--workers", "1,2", "--batches", "5", "--kill-runs", "1", "--out", str(out)]  # fmt: skip
    proc = subprocess.run(command, check=False, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    rows = {row["metric"]: row for row in json.loads(out.read_text("utf-8"))["rows"]}
    for metric in ("articles/s, 1 worker(s)", "articles/s, 2 worker(s)", "seen-store commit ms/batch, median"):
        assert (rows[metric]["ours"] or 0) > 0, rows[metric]
        assert rows[metric]["ratio"] is not None, rows[metric]
    assert "every article once" in rows["articles/s, 2 worker(s)"]["note"]
    assert rows["SIGKILL runs exactly once within the run"]["ours"] == 1, rows  # the one kill run was exactly once
