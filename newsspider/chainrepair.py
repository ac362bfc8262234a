"""Chain steps for damaged and mirrored pages: mojibake, pinyin glosses, t2s, lost characters, origin_url."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from newsspider.items import Article
from newsspider.normalize import mojibake, repair, script

# Repairs in the order they are listed in an item's ``repairs``.
REPAIRS: tuple[str, ...] = ("mojibake_reversed", "pinyin_glosses", "traditional_to_simplified", "text_loss")
TEXT_FIELDS = ("title", "body", "description", "section", "source")
LIST_FIELDS = ("authors", "editors", "tags")


def record(item: Article, name: str, count: int) -> None:
    """Add ``count`` fixes of repair ``name`` to the item's context and list it in ``repairs``."""
    if count <= 0:
        return
    counts = item.context.repair_counts
    counts[name] = counts.get(name, 0) + count
    item["repairs"] = [repair_name for repair_name in REPAIRS if repair_name in counts]


def _apply(item: Article, fix: Callable[[str], tuple[str | None, int]]) -> int:
    """Run ``fix`` over every text field and list entry; return the total count."""
    total = 0
    for key in TEXT_FIELDS:
        if item.get(key):
            item[key], count = fix(item[key])
            total += count
    for key in LIST_FIELDS:
        values = item.get(key)
        if isinstance(values, list):
            fixed = [fix(value) if isinstance(value, str) else (value, 0) for value in values]
            item[key] = [value for value, _count in fixed]
            total += sum(count for _value, count in fixed)
    return total


def _start(item: Article) -> Article:
    """Carry the repairs done on the whole page (extract.mirror.unmirror) into ``repairs``."""
    item["repairs"] = [name for name in REPAIRS if name in item.context.repair_counts]
    item.setdefault("lost_chars", 0)
    return item


def undo_mojibake(item: Article) -> Article:
    """Reverse exact double decodings (UTF-8 read as GBK or latin-1, GBK read as latin-1)."""
    _start(item)
    record(item, "mojibake_reversed", _apply(item, mojibake.undo_mojibake))
    return item


def strip_glosses(item: Article) -> Article:
    """Remove tone-marked pinyin glosses after CJK characters (``發(fā)布`` -> ``發布``)."""
    record(item, "pinyin_glosses", _apply(item, repair.strip_glosses))
    return item


def simplify_script(item: Article) -> Article:
    """Traditional -> simplified for mirror conversions and simplified-publishing profiles only."""
    tags = item.context.language_tags
    if script.should_simplify(item.get("body"), item.get("url"), tags, item.context.script):
        record(item, "traditional_to_simplified", _apply(item, script.to_simplified))
    return item


def flag_text_loss(item: Article) -> Article:
    """Count characters lost to ``?``/U+FFFD or to mojibake that cannot be reversed; never hide them."""
    lost = 0
    for value in _texts(item):
        lost += repair.count_lost(value) + mojibake.count_broken(value)
    item["lost_chars"] = lost
    record(item, "text_loss", lost)
    return item


def _texts(item: Article):
    for key in TEXT_FIELDS:
        if isinstance(item.get(key), str):
            yield item[key]
    for key in LIST_FIELDS:
        yield from (value for value in item.get(key) or () if isinstance(value, str))


def normalize_origin(item: Article) -> Article:
    """origin_url: the URL a page names as its article's origin, unless it is the site itself."""
    origin = item.context.origin
    item["origin_url"] = None
    if not origin:
        return item
    outlet, url = origin
    host = (urlsplit(url).hostname or "").lower()
    own_hosts = {(urlsplit(item.get("url") or "").hostname or "").lower(), *item.context.domains}
    if any(host == own or host.endswith("." + own) for own in own_hosts if own):
        return item
    if outlet and outlet == item.context.site_name:
        return item
    item["origin_url"] = url
    if outlet and not item.get("source"):
        item["source"] = outlet
    return item


STEPS = (undo_mojibake, strip_glosses, simplify_script, flag_text_loss)
