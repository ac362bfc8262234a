"""Per-run field figures of one site: fill rates, body lengths, drops, responses, latency (pure)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from statistics import median

# Fields whose fill rate is tracked, in dashboard order.
FIELDS = ("title", "published_at", "authors", "editors", "source", "section", "images")
# Metadata fields a profile selector can supply (items.py names; body is the body container).
SELECTOR_FIELDS = ("title", "published_at", "authors", "editors", "source", "section", "body")
_CLOCK_RE = re.compile(r"\d{1,2}\s*[:：时点]\s*\d{1,2}|T\d{2}:\d{2}")
LATENCY_BUCKETS = (0.1, 0.25, 0.5, 1, 2, 5, 10, 30)  # seconds: upper bounds of the latency histogram


def has_minute(item: dict) -> bool:
    """published_at is known to the minute: the page's date string carries a clock time."""
    if not item.get("published_at"):
        return False
    raw = item.get("published_at_raw")
    return bool(_CLOCK_RE.search(raw)) if raw else item["published_at"][11:19] not in ("", "00:00:00")


def filled_fields(item: dict, origins: dict | None = None) -> tuple[str, ...]:
    """The FIELDS this exported item has a value for.

    ``source`` counts only when it was found on the page (the chain falls back to the site's own name);
    without ``origins`` (unknown provenance) any value counts.
    """
    found = []
    for name in FIELDS:
        if name == "published_at":
            ok = has_minute(item)
        elif name == "source" and origins is not None:
            ok = bool(item.get("source")) and "source" in origins
        else:
            ok = bool(item.get(name))
        if ok:
            found.append(name)
    return tuple(found)


@dataclass(frozen=True)
class ItemFigures:
    """What one exported article contributes to its run's figures."""

    filled: tuple[str, ...]
    body_chars: int
    from_profile: tuple[str, ...]  # SELECTOR_FIELDS a profile selector supplied
    provenance_known: bool


def item_figures(item: dict, origins: dict | None = None) -> ItemFigures:
    """Figures of one exported item; ``origins`` maps field -> "profile" | "generic" (None: unknown)."""
    from_profile = tuple(name for name in SELECTOR_FIELDS if (origins or {}).get(name) == "profile")
    return ItemFigures(
        filled_fields(item, origins), len(item.get("body") or ""), from_profile, origins is not None
    )


def latency_bucket(seconds: float) -> str:
    """Histogram label of a download latency: the first upper bound it stays under (``>30`` beyond)."""
    for bound in LATENCY_BUCKETS:
        if seconds <= bound:
            return f"<={bound:g}"
    return f">{LATENCY_BUCKETS[-1]:g}"


@dataclass
class RunFigures:
    """Accumulates one run of one site; ``record()`` is what the health store keeps."""

    articles: list[ItemFigures] = field(default_factory=list)
    drops: Counter = field(default_factory=Counter)
    statuses: Counter = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    not_exported: int = 0  # scraped items whose batch never became durable

    def add_response(self, status: int, latency: float | None) -> None:
        self.statuses[str(status)] += 1
        if latency is not None:
            self.latencies.append(latency)

    def record(self) -> dict:
        """Plain JSON-able figures of the run."""
        n = len(self.articles)
        fill = {name: sum(name in a.filled for a in self.articles) for name in FIELDS}
        known = [a for a in self.articles if a.provenance_known]
        profile = {name: sum(name in a.from_profile for a in known) for name in SELECTOR_FIELDS}
        return {
            "articles": n,
            "filled": fill,
            "median_body": int(median(a.body_chars for a in self.articles)) if n else None,
            "drops": dict(self.drops),
            "statuses": dict(self.statuses),
            "latency": _latency(self.latencies),
            "provenance": {
                "known": len(known),
                "any_profile": sum(bool(a.from_profile) for a in known),
                "by_field": profile,
            },
            "not_exported": self.not_exported,
        }


def _latency(values: list[float]) -> dict:
    if not values:
        return {"count": 0}
    ordered = sorted(values)
    return {
        "count": len(values),
        "median": round(median(ordered), 4),
        "p95": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 4),
        "max": round(ordered[-1], 4),
        "histogram": dict(Counter(latency_bucket(v) for v in values)),
    }
