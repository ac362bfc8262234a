"""The extractors under evaluation: our shipped chain and trafilatura as the reference peer."""

from __future__ import annotations

import time

from newsspider import ArticleRejected, extract_article

OUR_NAME = "newsspider"
PEER_NAME = "trafilatura"


def _timed(func, *args) -> tuple[dict, float]:
    start = time.perf_counter()
    result = func(*args)
    return result, (time.perf_counter() - start) * 1000


def _ours(html: bytes, url: str) -> dict:
    try:
        item = extract_article(html, url)
    except ArticleRejected as exc:
        return {"rejected": exc.reason}
    return {
        "title": item.get("title"),
        "body": item.get("body"),
        "published_at": item.get("published_at"),
        "authors": item.get("authors") or [],
        "editors": item.get("editors") or [],
        "source": item.get("source"),
        "credits": item.get("credits") or [],
    }


def run_ours(html: bytes, url: str) -> tuple[dict, float]:
    """Our output fields for one page and the milliseconds it took; a rejected page gives empty output."""
    return _timed(_ours, html, url)


def _peer(html: bytes, url: str) -> dict:
    from trafilatura import bare_extraction  # optional dependency (extra "eval")

    doc = bare_extraction(html, url=url, with_metadata=True)
    if doc is None:
        return {"rejected": "no_output"}
    data = doc if isinstance(doc, dict) else doc.as_dict()
    author = data.get("author")
    return {
        "title": data.get("title"),
        "body": data.get("text"),
        "published_at": data.get("date"),
        "authors": [name.strip() for name in author.split(";")] if author else [],
        "editors": [],  # trafilatura has no editor field
        "source": None,  # nor a 来源 field (its sitename is the site's own name)
    }


def run_peer(html: bytes, url: str) -> tuple[dict, float]:
    """trafilatura ``bare_extraction(with_metadata=True)`` output for one page and its milliseconds."""
    return _timed(_peer, html, url)


def peer_available() -> bool:
    """Whether trafilatura can be imported."""
    try:
        import trafilatura  # noqa: F401
    except ImportError:
        return False
    return True
