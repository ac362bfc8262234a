"""The benchmark command still runs end to end (tiny sizes; the figures themselves are not checked)."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TINY = shlex.split(
    "--articles 30 --runs 1 --scale 20,40 --seen-sizes 100,1000 --corpus-limit 4 --decompose"
    " --reprint-sizes 200,400 --reprint-set 400,60 --discovery-per-section 5 --discovery-layouts hanweb"
    " --reextract-articles 20"
)
METRICS = (
    "pages/s full chain",
    "CPU ms/page w/o extraction",
    "peak RSS @40",
    "CPU ms/page @40",
    "lookup @1,000",
    "requests/article run 1 (hanweb)",
    "CPU ms/article run 1 (hanweb)",
    "check+register/item @400",
    "state size @400",
    "recall",
    "pages/CPU-s generated site",
)
CORPUS_METRICS = ("pages/CPU-s corpus pages",)  # rows only when ../shared/corpus exists (a clean clone has none)
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.mark.slow
def test_benchmarks_run_at_tiny_size(tmp_path):
    out = tmp_path / "bench.json"
    command = [sys.executable, "-m", "benchmarks", *TINY, "--out", str(out)]
    proc = subprocess.run(command, check=False, cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert proc.returncode in (0, 1), proc.stderr[-3000:]  # 1: a target missed, which tiny runs may do
    assert "pages/s full chain" in proc.stdout
    rows = {row["metric"]: row for row in json.loads(out.read_text("utf-8"))["rows"]}
    corpus_metrics = CORPUS_METRICS if CORPUS.is_dir() else ()
    assert CORPUS.is_dir() or not set(CORPUS_METRICS) & set(rows), "a corpus row without a corpus"
    for metric in (*METRICS, *corpus_metrics, "insert/key @1,000"):
        assert rows[metric]["ours"] > 0, rows[metric]
        assert rows[metric]["ratio"] is not None, rows[metric]
    assert "all pages fetched" in rows["pages/s full chain"]["note"]
    assert rows["pages/s full chain"]["extra"]["exported"] == [30]
