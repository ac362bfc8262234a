"""Regression gate: our chain on the shared corpora must stay above the floors in eval_floors.json."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newsspider.evaluate.corpus import load_corpus
from newsspider.evaluate.runner import evaluate_corpus

ROOT = Path(__file__).resolve().parent.parent
FLOORS = json.loads((Path(__file__).parent / "eval_floors.json").read_text(encoding="utf-8"))
CORPUS_ROOT = Path(os.environ.get("NEWSSPIDER_CORPUS") or ROOT.parent / "shared" / "corpus")
CORPORA = sorted({key.split("[")[0] for key in FLOORS if not key.startswith("_")})


def _below_floor(summary: dict, floors: dict) -> list[str]:
    failures = []
    for metric, floor in floors.items():
        value = summary.get(metric)
        if value is None or value < floor:
            failures.append(f"{metric}: {value} < floor {floor}")
    return failures


def test_floors_cover_every_metric_key():
    """Every floor names a metric the evaluation reports (a typo would make the gate vacuous)."""
    known = {
        "body_precision",
        "body_recall",
        "body_f1",
        "segments_precision",
        "segments_recall",
        "segments_f1",
        "segments_accuracy",
        "title_accuracy",
        "date_day_accuracy",
        "date_minute_accuracy",
        "authors_accuracy",
        "no_invented_author_accuracy",
        "editors_accuracy",
        "source_accuracy",
    }
    for key, floors in FLOORS.items():
        if not key.startswith("_"):
            assert set(floors) <= known, key


@pytest.mark.corpus
@pytest.mark.parametrize("name", CORPORA)
def test_corpus_above_floors(name: str):
    """Run our chain (no peer) on one corpus; every pinned metric must reach its floor."""
    path = CORPUS_ROOT / name
    if not (path / "truth.jsonl").is_file():
        pytest.skip(f"corpus {path} absent: set NEWSSPIDER_CORPUS to the folder holding {name}/")
    summaries = evaluate_corpus(load_corpus(path), with_peer=False)
    failures = []
    for key, floors in FLOORS.items():
        if key.split("[")[0] != name:
            continue
        summary = summaries.get(key, {}).get("newsspider", {})
        failures += [f"{key} {line}" for line in _below_floor(summary, floors)]
    assert not failures, "\n".join(failures)
