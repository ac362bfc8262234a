"""Traditional vs simplified Chinese: mirror-conversion signatures, traditional outlets, OpenCC t2s (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from newsspider.normalize.repair import count_glosses

# Markers of a genuinely traditional-Chinese outlet: its text is never converted.
TRADITIONAL_LANGUAGE_TAGS: tuple[str, ...] = ("zh-hant", "zh-tw", "zh-hk", "zh-mo")
TRADITIONAL_HOST_SUFFIXES: tuple[str, ...] = (".hk", ".tw", ".mo")
SIMPLIFIED_LANGUAGE_TAGS: tuple[str, ...] = ("zh-hans", "zh-cn", "zh-sg")
SIMPLIFIED = "simplified"


@dataclass(frozen=True)
class MirrorSignature:
    """One trace a simplified -> traditional mirror conversion leaves on a page."""

    name: str
    description: str


MIRROR_SIGNATURES: tuple[MirrorSignature, ...] = (
    MirrorSignature("pinyin_glosses", "two or more tone-marked pinyin glosses after CJK characters"),
    MirrorSignature("declared_simplified", "the page declares zh-CN/zh-Hans but its text is traditional"),
)
MIN_GLOSSES = 2
TRADITIONAL_SHARE = 0.05  # CJK characters t2s changes, above which a text counts as traditional
SHARE_SAMPLE = 20_000  # characters of a page looked at for that share
_CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@cache
def _converter():
    import opencc  # noqa: PLC0415  (a C++ extension: loaded on first conversion only)

    return opencc.OpenCC("t2s")


def to_simplified(text: str | None) -> tuple[str | None, int]:
    """Phrase-level traditional -> simplified (OpenCC ``t2s``); return the text and characters changed."""
    if not text or not _CJK_RE.search(text):
        return text, 0
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted, sum(1 for old, new in zip(text, converted, strict=True) if old != new)
    return converted, abs(len(converted) - len(text)) + sum(1 for char in converted if char not in text)


def traditional_share(text: str | None) -> float:
    """Share of the CJK characters of ``text`` that t2s would change."""
    cjk = len(_CJK_RE.findall(text or ""))
    return to_simplified(text)[1] / cjk if cjk else 0.0


def is_traditional_outlet(
    url: str | None, language_tags: tuple[str, ...] = (), script: str | None = None
) -> bool:
    """Hong Kong, Macau or Taiwan pages (host suffix, zh-Hant/zh-TW/zh-HK/zh-MO tags, profile script)."""
    if script and script != SIMPLIFIED:
        return True
    host = (urlsplit(url or "").hostname or "").lower()
    if host.endswith(TRADITIONAL_HOST_SUFFIXES):
        return True
    return any(tag.lower().replace("_", "-").startswith(TRADITIONAL_LANGUAGE_TAGS) for tag in language_tags)


def declares_simplified(language_tags: tuple[str, ...]) -> bool:
    """Whether a tag of the page says it is written in simplified Chinese."""
    return any(tag.lower().replace("_", "-").startswith(SIMPLIFIED_LANGUAGE_TAGS) for tag in language_tags)


def mirror_signatures(text: str | None, language_tags: tuple[str, ...] = ()) -> list[str]:
    """Names of the mirror-conversion signatures ``text`` shows (see MIRROR_SIGNATURES)."""
    found = []
    if count_glosses(text) >= MIN_GLOSSES:
        found.append("pinyin_glosses")
    sample = (text or "")[:SHARE_SAMPLE]
    if declares_simplified(language_tags) and traditional_share(sample) > TRADITIONAL_SHARE:
        found.append("declared_simplified")
    return found


def should_simplify(
    text: str | None, url: str | None, language_tags: tuple[str, ...] = (), script: str | None = None
) -> bool:
    """Convert: a mirror signature or a simplified-publishing profile, never a traditional outlet."""
    if is_traditional_outlet(url, language_tags, script):
        return False
    return script == SIMPLIFIED or bool(mirror_signatures(text, language_tags))
