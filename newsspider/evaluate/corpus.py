"""Read an evaluation corpus in the shared layout: ``truth.jsonl`` plus ``pages/<id>.html.gz``."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from pathlib import Path

PLACEHOLDER_URL = "https://unlabelled.invalid/{id}"


@dataclass
class Corpus:
    """One corpus folder: its name, truth rows (filtered) and where its pages are."""

    name: str
    path: Path
    rows: list[dict] = field(default_factory=list)

    @property
    def title_in_body(self) -> bool:
        """Whether the labelled body starts with the headline (magic-html labels it so)."""
        return "magic-html" in self.name

    def page_bytes(self, row: dict) -> bytes:
        """The raw bytes of the page of ``row``, as fetched."""
        return gzip.decompress((self.path / "pages" / f"{row['id']}.html.gz").read_bytes())


def row_url(row: dict) -> str:
    """The page URL, or a stable placeholder when the corpus does not label one."""
    url = row.get("url") or ""
    if url.startswith(("http://", "https://")):
        return url
    return PLACEHOLDER_URL.format(id=row["id"])


def load_corpus(path: str | Path, lang: str | None = None, limit: int | None = None) -> Corpus:
    """Load ``path``; keep article rows (not ``not_article``) whose ``lang_guess`` is ``lang`` (when given),
    at most ``limit`` of them."""
    path = Path(path)
    truth = path / "truth.jsonl"
    if not truth.is_file():
        msg = f"{path}: no truth.jsonl"
        raise FileNotFoundError(msg)
    rows = []
    with truth.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            if row.get("not_article") or (lang and row.get("lang_guess") != lang):
                continue
            rows.append(row)
            if limit and len(rows) >= limit:
                break
    return Corpus(path.name, path, rows)
