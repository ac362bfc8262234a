"""The per-site discovery file under NEWSSPIDER_STATE_DIR: learned URL shapes and known feeds/sitemaps."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from newsspider.discovery.shapes import ShapeBook

FOLDER = "discovery"
VERSION = 1
MAX_ALIASES = 20000
_SAFE_RE = re.compile(r"[^a-z0-9_.-]+")


def state_path(state_dir: str | Path, site: str) -> Path:
    """``<state dir>/discovery/<site>.json``."""
    return Path(state_dir) / FOLDER / f"{_SAFE_RE.sub('_', site.lower())}.json"


@dataclass
class DiscoveryState:
    """What generic mode learned about one site; read at start, written (atomically) at the end of a run."""

    shapes: ShapeBook = field(default_factory=ShapeBook)
    feeds: list[str] = field(default_factory=list)  # feed URLs that answered with a feed
    sitemaps: list[str] = field(
        default_factory=list
    )  # sitemap URLs named by robots.txt or found at /sitemap.xml
    probed: bool = False  # robots.txt and the common feed/sitemap paths were tried once already
    aliases: dict[str, str] = field(
        default_factory=dict
    )  # article key of a feed link -> URL it redirected to

    def remember_alias(self, key: str, target: str) -> None:
        """Keep the newest MAX_ALIASES redirects of feed and sitemap links."""
        self.aliases.pop(key, None)
        self.aliases[key] = target
        while len(self.aliases) > MAX_ALIASES:
            del self.aliases[next(iter(self.aliases))]

    @classmethod
    def load(cls, path: Path) -> tuple[DiscoveryState, str | None]:
        """(state, problem): a missing file is a fresh state; an unreadable one too, with the reason."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(), None
        except (OSError, ValueError) as exc:
            return cls(), f"unreadable ({exc.__class__.__name__})"
        if not isinstance(data, dict) or data.get("version") != VERSION:
            return cls(), "unknown version"
        state = cls(ShapeBook.from_json(data.get("shapes")), probed=bool(data.get("probed")))
        state.feeds = [str(url) for url in data.get("feeds") or [] if isinstance(url, str)]
        state.sitemaps = [str(url) for url in data.get("sitemaps") or [] if isinstance(url, str)]
        aliases = data.get("aliases")
        if isinstance(aliases, dict):
            state.aliases = {str(k): v for k, v in aliases.items() if isinstance(v, str)}
        return state, None

    def save(self, path: Path) -> None:
        """Write to a temporary file, fsync, rename: a crash leaves the old or the new file, never half."""
        data = {
            "version": VERSION,
            "probed": self.probed,
            "feeds": self.feeds,
            "sitemaps": self.sitemaps,
            "aliases": self.aliases,
            "shapes": self.shapes.to_json(),
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".{path.name}.tmp")
        with temp.open("w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, indent=1)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
