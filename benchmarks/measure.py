"""Small statistics and timing helpers shared by the benchmarks."""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Sequence


def median(values: Sequence[float]) -> float | None:
    """The median, or None for no values."""
    return statistics.median(values) if values else None


def percentile(values: Sequence[float], pct: float) -> float | None:
    """Nearest-rank percentile (``pct`` in 0..100), or None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def ratio(ours: float | None, baseline: float | None) -> float | None:
    """ours / baseline, or None when either is missing or the baseline is zero."""
    if ours is None or not baseline:
        return None
    return ours / baseline


def alternate(runs: int, *trials: Callable[[int], object]) -> list[list[object]]:
    """Run each trial ``runs`` times, interleaved (A B, B A, A B, ...), so drifting load hits all alike.

    Returns one list of results per trial, in the order the trials were given.
    """
    results: list[list[object]] = [[] for _ in trials]
    order = list(range(len(trials)))
    for run in range(runs):
        for index in order if run % 2 == 0 else reversed(order):
            results[index].append(trials[index](run))
    return results
