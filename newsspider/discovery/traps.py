"""Crawler traps as data: URL rules for links discovery never follows (calendars, search, tags, variants...)."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

# (name, regex searched in the path + "?" + query, lower-cased). Each entry has a test in tests/test_discovery_traps.py.
TRAP_RULES: tuple[tuple[str, re.Pattern], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        (
            "calendar",
            r"[?&](?:date|day|ymd|riqi|calendar)=\d|/(?:calendar|archives?|rili)/(?:\d{4}[/-]?\d{1,2}[/-]?\d{1,2}|\d{8})\b",
        ),
        ("calendar", r"[?&]year=\d{4}.*&month=\d|[?&]month=\d{1,2}(?:&|$)"),
        (
            "search",
            r"/(?:search|so|sousuo|jiansuo)(?:\.\w+)?(?:/|\?|$)|[?&](?:q|query|keyword|keywords|kw|wd|searchword)=",
        ),
        ("search", r"[?&]mod=search|/plus/search\.php"),
        (
            "tags",
            r"/(?:tags?|label|topics?|biaoqian)(?:/|\.\w+$|\?|$)|/tag[-_][^/]*$|[?&](?:tag|tags)=|[?&]mod=tag",
        ),
        ("print", r"[?&](?:print|printable|view)=(?:1|true|print)\b|/print(?:/|\.\w+|$)|[-_]print\.\w+$"),
        ("mobile", r"[?&](?:mobile|wap|m)=1\b|/(?:wap|mobile)/"),
        (
            "comment",
            r"/(?:comments?|pinglun|reply|replies)(?:/|\.\w+|$)|[?&](?:replytocom|commentid|cid)=|#comments?|[?&]mod=(?:comment|post)",
        ),
        ("session", r"[?&;](?:jsessionid|phpsessid|sessionid|sid|sessid)="),
        ("sort", r"[?&](?:sort|order|orderby|sortby|sorttype|orderway)="),
        (
            "account",
            r"/(?:login|logout|register|signin|signup|member|user)(?:/|\.\w+|$)|[?&]mod=(?:logging|register|member)",
        ),
        ("share", r"[?&](?:share|shareto|action=share)|/share(?:/|\.\w+|$)"),
    )
)
MAX_QUERY_PARAMS = 4  # more parameters than this is a faceted/filter page, not a news URL


def trap_of(url: str) -> str | None:
    """The name of the first trap rule ``url`` matches, or None."""
    parts = urlsplit(url)
    target = (parts.path + ("?" + parts.query if parts.query else "")).lower()
    for name, regex in TRAP_RULES:
        if regex.search(target):
            return name
    if len(parse_qsl(parts.query)) > MAX_QUERY_PARAMS:
        return "facets"
    return None
