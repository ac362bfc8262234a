"""Format evaluation summaries as one plain-text table."""

from __future__ import annotations

from newsspider.evaluate.errorclass import CLASSES

COLUMNS = (
    ("pages", "pages", "{:d}"),
    ("rej", "rejected", "{:d}"),
    ("body P", "body_precision", "{:.3f}"),
    ("body R", "body_recall", "{:.3f}"),
    ("body F1", "body_f1", "{:.3f}"),
    ("seg P", "segments_precision", "{:.3f}"),
    ("seg R", "segments_recall", "{:.3f}"),
    ("seg F1", "segments_f1", "{:.3f}"),
    ("title", "title_accuracy", "{:.3f}"),
    ("date", "date_day_accuracy", "{:.3f}"),
    ("date min", "date_minute_accuracy", "{:.3f}"),
    ("authors", "authors_accuracy", "{:.3f}"),
    ("no inv", "no_invented_author_accuracy", "{:.3f}"),
    ("editors", "editors_accuracy", "{:.3f}"),
    ("source", "source_accuracy", "{:.3f}"),
    ("ms med", "ms_median", "{:.1f}"),
)


def _cell(summary: dict, key: str, fmt: str) -> str:
    value = summary.get(key)
    return "-" if value is None else fmt.format(value)


def _grid(header: list[str], rows: list[list[str]]) -> str:
    rows = [header, *rows]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(widths[i]) if i < 2 else cell.rjust(widths[i]) for i, cell in enumerate(row))
        for row in rows
    ]
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join(lines)


def format_table(summaries: dict[str, dict[str, dict]]) -> str:
    """One row per corpus (or subset) and system, one column per metric; '-' where unlabelled."""
    header = ["corpus", "system"] + [label for label, _, _ in COLUMNS]
    rows = [
        [corpus, system] + [_cell(summary, key, fmt) for _, key, fmt in COLUMNS]
        for corpus, by_system in summaries.items()
        for system, summary in by_system.items()
    ]
    return _grid(header, rows)


def format_errors(summaries: dict[str, dict[str, dict]]) -> str:
    """Pages with an error of each class (issue 12's classes), one row per corpus and system."""
    header = ["corpus", "system"] + [name.replace("_", " ") for name in CLASSES]
    rows = [
        [corpus, system] + [str(summary.get("errors", {}).get(name, 0)) for name in CLASSES]
        for corpus, by_system in summaries.items()
        for system, summary in by_system.items()
    ]
    return _grid(header, rows)
