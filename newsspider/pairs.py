"""Page pairs: a saved page ``<name>.html`` (raw bytes) + ``<name>.json`` (its URL, headers, site, fetch time, expected item)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class FixturePair:
    """One stored page and its JSON: url, headers, site, fetched_at, expected (and rejected, if dropped)."""

    name: str
    html: Path
    meta: dict

    @classmethod
    def load(cls, json_path: Path) -> FixturePair:
        return cls(json_path.stem, json_path.with_suffix(".html"), json.loads(json_path.read_text("utf-8")))

    @classmethod
    def beside(cls, page: Path) -> FixturePair | None:
        """The pair a saved page belongs to, if a ``<name>.json`` sits next to it."""
        json_path = page.with_name(page.name.removesuffix(".gz").rsplit(".", 1)[0] + ".json")
        return cls.load(json_path) if json_path.is_file() else None

    @property
    def json_path(self) -> Path:
        return self.html.with_suffix(".json")

    @property
    def kwargs(self) -> dict:
        """Keyword arguments for ``newsspider.extract_article`` besides the body."""
        return {"url": self.meta["url"], "headers": self.meta.get("headers") or {}, "site": self.meta.get("site"),
                "fetched_at": datetime.fromisoformat(self.meta["fetched_at"])}  # fmt: skip

    def write(self, meta: dict) -> None:
        """Rewrite the JSON in its canonical text form."""
        self.json_path.write_text(dump_pair(meta), "utf-8")


def dump_pair(meta: dict) -> str:
    """The one accepted text form of a fixture JSON file: sorted keys, 2-space indent, UTF-8 characters."""
    return json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def pairs_in(folder: Path) -> list[FixturePair]:
    """Every pair in ``folder``, sorted by name."""
    return [FixturePair.load(path) for path in sorted(folder.glob("*.json"))]
