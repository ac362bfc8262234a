"""The benchmark table: rows of (ours, baseline, ratio, target), printed as text and written as JSON."""

from __future__ import annotations

import json
import operator
from dataclasses import asdict, dataclass, field
from pathlib import Path

_OPS = {"<=": operator.le, ">=": operator.ge}


@dataclass
class Row:
    """One measured figure, optionally against a baseline and a target on the ratio."""

    section: str
    metric: str
    ours: float | None
    unit: str = ""
    baseline: float | None = None
    baseline_name: str = ""
    ratio: float | None = None
    target: str = ""  # e.g. ">= 0.75" or "<= 0.5"; empty: informational
    note: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def verdict(self) -> str:
        """``ok``/``MISS`` against the target, ``-`` when there is none or nothing was measured."""
        if not self.target or self.ratio is None:
            return "-"
        op, limit = self.target.split()
        return "ok" if _OPS[op](self.ratio, float(limit)) else "MISS"


def _fmt(value: float | None) -> str:
    if value is None:
        return "-"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}" if abs(value) < 1 else f"{value:.2f}"


_HEADERS = ("section", "metric", "ours", "baseline", "ratio", "target", "")


def _cells(row: Row) -> tuple[str, ...]:
    ours = f"{_fmt(row.ours)} {row.unit}".strip()
    base = (
        f"{_fmt(row.baseline)} {row.unit} ({row.baseline_name})".replace("  ", " ")
        if row.baseline is not None
        else "-"
    )
    return (row.section, row.metric, ours, base, _fmt(row.ratio), row.target or "-", row.verdict)


def render(rows: list[Row]) -> str:
    """A fixed-width text table, one line per row, notes listed below it."""
    cells = [_HEADERS] + [_cells(row) for row in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(_HEADERS))]
    lines = ["  ".join(text.ljust(width) for text, width in zip(line, widths, strict=True)).rstrip() for line in cells]
    lines.insert(1, "  ".join("-" * width for width in widths))
    notes = [f"  [{row.section}/{row.metric}] {row.note}" for row in rows if row.note]
    return "\n".join(lines + (["notes:"] + notes if notes else []))


def write_json(path: Path, rows: list[Row], meta: dict) -> None:
    """``{"meta": ..., "rows": [...]}`` with each row's verdict included."""
    data = {"meta": meta, "rows": [{**asdict(row), "verdict": row.verdict} for row in rows]}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
