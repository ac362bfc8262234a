"""URL shapes: a URL with its ids generalised (``/xw/t#_#.html``), and the shapes learned per site."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

_DIGITS_RE = re.compile(r"\d+")
_SLUG_RE = re.compile(r"^[\w%-]+$")
KINDS = ("article", "listing", "other")
LEARN_AFTER = {"article": 2, "listing": 1, "other": 3}  # agreeing pages before a shape is trusted
AGREEMENT = 0.9  # share of a shape's pages that must agree before it is trusted
DROP_AFTER_MISSES = 2  # pages in a row contradicting a trusted shape before it is dropped


def url_shape(url: str) -> str:
    """``url`` with digit runs as ``#``, a slug after a numeric segment as ``*``, query keys sorted.

    The host is left out here; ``shape_key`` puts the site's host (without www./m.) in front.
    """
    parts = urlsplit(url)
    segments = parts.path.split("/")
    shaped = []
    for index, segment in enumerate(segments):
        after_number = index > 0 and segments[index - 1].isdigit()
        if after_number and _SLUG_RE.match(segment) and not segment.isdigit() and "." not in segment:
            shaped.append("*")
        else:
            shaped.append(_DIGITS_RE.sub("#", segment))
    query = "&".join(f"{k}={_DIGITS_RE.sub('#', v)}" for k, v in sorted(parse_qsl(parts.query)))
    return "/".join(shaped) + ("?" + query if query else "")


def shape_key(url: str) -> str:
    """The host (without www./m./wap.) and the shape: one crawl of several sites learns each site's shapes apart
    (a shape seen as thin pages on one site must not stop another site's articles from being followed)."""
    host = (urlsplit(url).hostname or "").lower()
    for prefix in _HOST_PREFIXES:
        host = host.removeprefix(prefix)
    return host + url_shape(url)


_HOST_PREFIXES = ("www.", "m.", "wap.")


@dataclass
class Shape:
    """What pages of one shape turned out to be; ``kind`` is set once they agree."""

    counts: dict[str, int] = field(default_factory=dict)
    kind: str | None = None
    misses: int = 0  # pages in a row that contradicted ``kind``

    def add(self, kind: str) -> bool:
        """Count one page; True when this drops the trusted kind (the pattern stopped holding)."""
        self.counts[kind] = self.counts.get(kind, 0) + 1
        if self.kind:
            self.misses = 0 if kind == self.kind else self.misses + 1
            if self.misses < DROP_AFTER_MISSES:
                return False
            self.kind, self.misses, self.counts = None, 0, {kind: 1}
            return True
        total = sum(self.counts.values())
        if self.counts[kind] >= LEARN_AFTER[kind] and self.counts[kind] >= AGREEMENT * total:
            self.kind = kind
        return False


@dataclass
class ShapeBook:
    """Per-site learned URL shapes (kept in the discovery state file between runs)."""

    shapes: dict[str, Shape] = field(default_factory=dict)

    def kind_of(self, url: str) -> str | None:
        """The trusted kind of ``url``'s shape, or None (unknown: fetching it would be a probe)."""
        shape = self.shapes.get(shape_key(url))
        return shape.kind if shape else None

    def record(self, url: str, kind: str) -> bool:
        """Count a classified page of ``url``'s shape; True when this drops a learned pattern."""
        return self.shapes.setdefault(shape_key(url), Shape()).add(kind)

    def learned(self) -> dict[str, str]:
        return {key: shape.kind for key, shape in self.shapes.items() if shape.kind}

    def to_json(self) -> dict:
        return {
            key: {"kind": s.kind, "counts": s.counts, "misses": s.misses}
            for key, s in sorted(self.shapes.items())
        }

    @classmethod
    def from_json(cls, data: object) -> ShapeBook:
        book = cls()
        for key, value in (data or {}).items() if isinstance(data, dict) else ():
            if not isinstance(value, dict) or value.get("kind") not in (*KINDS, None):
                continue
            counts = {
                k: int(n) for k, n in (value.get("counts") or {}).items() if k in KINDS and isinstance(n, int)
            }
            book.shapes[str(key)] = Shape(counts, value.get("kind"), int(value.get("misses") or 0))
        return book
