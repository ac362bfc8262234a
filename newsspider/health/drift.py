"""Drift alerts: a site's fill rates and median body length this run against its own recent history (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from newsspider.health.figures import FIELDS


@dataclass(frozen=True)
class Limits:
    """Thresholds (settings ``NEWSSPIDER_DRIFT_*``): what counts as drift, how much history it needs."""

    window_days: float = 7.0  # history: runs finished in this many days before the current one
    min_runs: int = 5  # runs with articles in the window before a site can alert (a new site builds history)
    min_articles: int = 5  # articles the current run needs before its rates are compared
    fill_points: float = 50.0  # a fill rate moving by this many percentage points is drift
    body_ratio: float = 2.0  # a median body this many times shorter (or longer) than usual is drift

    @classmethod
    def from_settings(cls, settings) -> Limits:
        return cls(
            window_days=settings.getfloat("NEWSSPIDER_DRIFT_WINDOW_DAYS", cls.window_days),
            min_runs=settings.getint("NEWSSPIDER_DRIFT_MIN_RUNS", cls.min_runs),
            min_articles=settings.getint("NEWSSPIDER_DRIFT_MIN_ARTICLES", cls.min_articles),
            fill_points=settings.getfloat("NEWSSPIDER_DRIFT_FILL_POINTS", cls.fill_points),
            body_ratio=settings.getfloat("NEWSSPIDER_DRIFT_BODY_RATIO", cls.body_ratio),
        )


def percent(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 0.0


def baseline(history: list[dict]) -> tuple[int, dict[str, float], float | None]:
    """(articles, fill rate % per field over all of them, median of the runs' median body lengths)."""
    runs = [run for run in history if run["articles"]]
    total = sum(run["articles"] for run in runs)
    rates = {name: percent(sum(run["filled"].get(name, 0) for run in runs), total) for name in FIELDS}
    bodies = [run["median_body"] for run in runs if run.get("median_body")]
    return total, rates, median(bodies) if bodies else None


def drift_reasons(current: dict, history: list[dict], limits: Limits) -> list[str]:
    """One line per drifted figure, naming the field and both figures; [] when too little to judge."""
    runs = sum(1 for run in history if run["articles"])
    n = current["articles"]
    if runs < limits.min_runs or n < limits.min_articles:
        return []
    _total, rates, body = baseline(history)
    span = f"over the last {limits.window_days:g} days ({runs} runs)"
    reasons = []
    for name in FIELDS:
        now = percent(current["filled"].get(name, 0), n)
        if abs(now - rates[name]) >= limits.fill_points:
            reasons.append(
                f"drift: {name} filled in {now:.0f}% of {n} new articles, {rates[name]:.0f}% {span}"
            )
    now_body = current.get("median_body")
    if body and now_body is not None and max(body / max(now_body, 1), now_body / body) >= limits.body_ratio:
        reasons.append(f"drift: median body {now_body} chars in {n} new articles, {body:.0f} {span}")
    return reasons
