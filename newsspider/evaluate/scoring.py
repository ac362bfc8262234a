"""Per-page scores against the truth row, and their aggregation into one line per corpus and system."""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median

from newsspider.evaluate import metrics
from newsspider.evaluate.errorclass import CLASSES
from newsspider.evaluate.instants import instant_match, parse_when

ZH = "zh"
FLAG_KEYS = ("title", "date_day", "date_minute", "authors", "no_invented_author", "editors", "source")


def _label_has_title(label: str, title: str) -> bool:
    first = metrics.fold(label.lstrip().split("\n", 1)[0])
    return bool(first) and (first in title or title in first)


def scored_body(output: dict, title_in_body: bool, label: str = "") -> str:
    """The body as scored: headline in front where the corpus labels bodies so (first label line ~ title)."""
    body = output.get("body") or ""
    title = metrics.fold(output.get("title"))
    if (
        title_in_body
        and title
        and _label_has_title(label, title)
        and not metrics.fold(body).startswith(title)
    ):
        return f"{title}\n{body}" if body else title
    return body


def score_page(row: dict, output: dict, title_in_body: bool = False) -> dict:
    """Every metric that ``row`` has labels for, for one system's ``output``."""
    scores: dict = {}
    if row.get("body") is not None:
        match = metrics.shingle_match(row["body"], scored_body(output, title_in_body, row["body"]))
        scores["body_match"] = match
        scores["body"] = metrics.page_prf(match)
    if "with" in row:
        counts = metrics.segment_counts(output.get("body"), row["with"], row.get("without", []))
        scores["segments"] = vars(counts)
    if row.get("title"):
        scores["title"] = metrics.title_match(output.get("title"), row["title"])
    if row.get("date"):
        scores.update(_date_scores(row, output.get("published_at")))
    scores.update(_credit_scores(row, output))
    return scores


def _date_scores(row: dict, pred: str | None) -> dict:
    """Day and minute: by instant when the label's ``date_raw`` carries an offset, else by the date as shown."""
    label = parse_when(row.get("date_raw"))
    if label is not None and label[0].tzinfo is not None:
        day, minute = instant_match(pred, row["date_raw"], metrics.has_time(row["date"]))
    else:
        day, minute = metrics.date_match(pred, row["date"])
    return {"date_day": day} if minute is None else {"date_day": day, "date_minute": minute}


def _credit_scores(row: dict, output: dict) -> dict:
    """Authors (set match where the page credits someone; "no invented author" where it credits nobody),
    editors and source where labelled. ``authors: []`` in a row means the page credits nobody."""
    scores: dict = {}
    authors = row["authors"] if "authors" in row else row.get("author")
    if authors:
        scores["authors"] = metrics.authors_match(output.get("authors"), authors)
    elif "authors" in row and authors == []:
        scores["no_invented_author"] = not output.get("authors")
    if row.get("editors"):
        scores["editors"] = metrics.authors_match(output.get("editors"), row["editors"])
    if row.get("source"):
        scores["source"] = metrics.fold(output.get("source")) == metrics.fold(row["source"])
    return scores


def _rate(values: list[bool]) -> float | None:
    return sum(values) / len(values) if values else None


@dataclass
class Tally:
    """Accumulates one system's page scores on one corpus (or one language subset of it)."""

    pages: int = 0
    rejected: int = 0
    body_matches: list = field(default_factory=list)
    segments: metrics.SegmentCounts = field(default_factory=metrics.SegmentCounts)
    flags: dict[str, list[bool]] = field(default_factory=dict)
    millis: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)

    def add(self, scores: dict, output: dict, ms: float, classes: tuple[str, ...] | list[str] = ()) -> None:
        """Add one page."""
        self.pages += 1
        self.rejected += "rejected" in output
        self.millis.append(ms)
        if "body_match" in scores:
            self.body_matches.append(tuple(scores["body_match"]))
        if "segments" in scores:
            self.segments.add(metrics.SegmentCounts(**scores["segments"]))
        for name in classes:
            self.errors[name] = self.errors.get(name, 0) + 1
        for key in FLAG_KEYS:
            if key in scores:
                self.flags.setdefault(key, []).append(bool(scores[key]))

    def summary(self) -> dict:
        """All metrics of this tally (None where the corpus has no labels for one)."""
        result: dict = {"pages": self.pages, "rejected": self.rejected}
        if self.body_matches:
            result.update({f"body_{k}": v for k, v in metrics.corpus_prf(self.body_matches).items()})
        if self.segments.tp + self.segments.fn + self.segments.fp + self.segments.tn:
            result.update({f"segments_{k}": v for k, v in self.segments.scores().items()})
        for key in FLAG_KEYS:
            rate = _rate(self.flags.get(key, []))
            if rate is not None:
                result[f"{key}_accuracy"] = rate
                result[f"{key}_labelled"] = len(self.flags[key])
        result["errors"] = {name: self.errors.get(name, 0) for name in CLASSES}
        result["ms_median"] = median(self.millis) if self.millis else None
        return result
