"""Headline choice and site-name removal (``标题_海口网``, ``Headline | Site``, ``Site - Headline``)."""

from __future__ import annotations

import re

_STRONG_SEP = r"_{1,2}|——|｜|\||»|«|::"
_SEPARATOR_RE = re.compile(rf"(\s*(?:{_STRONG_SEP})\s*|\s+(?:-{{2,}}|[-–—·•:~－])\s+)")  # " -- " too
_STRONG_SEP_RE = re.compile(rf"^\s*(?:{_STRONG_SEP})\s*$")
# A short CJK site/channel name glued to the headline by a bare hyphen: 标题-新华网
_CJK_TAIL_RE = re.compile(r"(?<=[\u3400-\u9fff”」》）)！？])\s*[-－]\s*[\u3400-\u9fffA-Za-z0-9·]{2,12}$")
_SITE_WORD_RE = re.compile(
    r"网|报|新闻|频道|电视台|政府|门户|在线|\.(?:com|cn|net|org|de|at|ch|info|eu|fr|it|es)\b|online|news|magazin|blog",
    re.IGNORECASE,
)
# How a Chinese site's name ends (某某晚报数字报, 某某新闻网): a <title> part ending so names the site.
_SITE_END_RE = re.compile(r"(?:网|報|报|新闻|新聞|频道|頻道|电视台|客户端|在线|官网)$")
# «Zitat» and »Zitat«: the marks hug the quoted words (a separator has spaces around it)
_QUOTE_RE = re.compile(r"«(?=\S)[^«»]*?(?<=\S)»|»(?=\S)[^«»]*?(?<=\S)«")
# Class words of a kicker (overline) element inside a headline: <h1><span class="topline">Premier League</span>…
KICKER_WORDS: tuple[str, ...] = (
    "kicker", "overline", "topline", "dachzeile", "spitzmarke", "roofline", "eyebrow", "supertitle", "overtitle",
    "surtitre", "antetitulo", "occhiello", "sobretitulo", "nadtytul",
)  # fmt: skip
_KICKER_RE = re.compile("|".join(KICKER_WORDS), re.IGNORECASE)
_NON_ALNUM_RE = re.compile(r"[\W_]+")
_MAX_DROPS = 4
_SHORT_SHARE = 0.5
_MIN_SHARE = 0.6
_MIN_H1_WORDS = 3
_MIN_H1_CJK = 6


def clean_title(
    title: str | None,
    h1s: list[str],
    others: list[str],
    site_name: str | None = None,
    host: str | None = None,
) -> str | None:
    """The first headline candidate consistent with ``title``, else a long h1, else ``title`` minus its site part."""
    if not title:
        candidates = h1s + others
        return strip_site(candidates[0], site_name, host) if candidates else None
    main = strip_site(title, site_name, host)
    single = _single_headline(h1s, title, main, site_name, host)
    if single:
        return single
    cleaned = [strip_site(candidate, site_name, host) for candidate in h1s + others]
    for candidate in cleaned:  # first a candidate within <title>, then one containing its main part
        if candidate and _within(candidate, title, main) and not _SITE_WORD_RE.search(candidate[-4:]):
            return candidate
    for candidate in cleaned:
        if candidate and main.casefold() in candidate.casefold() and len(candidate) <= 3 * len(main):
            return candidate
    if h1s and _headline_like(h1s[0]) and not is_site_name(h1s[0], site_name, host):
        return h1s[0]
    return main


def _single_headline(
    h1s: list[str], title: str, main: str, site_name: str | None, host: str | None
) -> str | None:
    """The page's only h1, unless it is the site's name or a dropped part of <title> (a logo)."""
    if len(h1s) != 1 or not _headline_like(h1s[0]) or is_site_name(h1s[0], site_name, host):
        return None
    h1 = h1s[0]
    if strip_site(h1, site_name, host).casefold() == main.casefold():
        return main  # the h1 carries the same channel prefix/suffix as <title>
    dropped = title.casefold().replace(main.casefold(), "\0")
    if h1.casefold() in dropped and h1.casefold() not in main.casefold():
        return None
    return h1


def strip_site(title: str, site_name: str | None = None, host: str | None = None) -> str:
    """``title`` without leading/trailing site or channel names; a quote in «…» or »…« is text, not a separator."""
    title = " ".join(title.split())
    quotes = _QUOTE_RE.findall(title)
    masked = _QUOTE_RE.sub(lambda found: "\0" * len(found.group(0)), title)
    parts = _SEPARATOR_RE.split(masked)  # [text, sep, text, sep, text ...]
    drops = 0
    while (
        len(parts) >= 3
        and drops < _MAX_DROPS
        and _is_site_part(parts[-1], parts[-2], parts[:-2], site_name, host)
    ):
        parts, drops = parts[:-2], drops + 1
    while (
        len(parts) >= 3
        and drops < _MAX_DROPS
        and _is_site_part(parts[0], parts[1], parts[2:], site_name, host)
    ):
        parts, drops = parts[2:], drops + 1
    text = _unmask("".join(parts), quotes).strip()
    for _ in range(_MAX_DROPS):
        found = _CJK_TAIL_RE.search(text)
        if found is None or not found.start():
            break
        head, tail = text[: found.start()], found.group(0).strip(" -－")
        if _SITE_END_RE.search(head) and not _SITE_WORD_RE.search(tail):
            return tail  # the site's name leads (泓城晚报数字报-边角地变身口袋公园)
        text = head
    return text


def _unmask(text: str, quotes: list[str]) -> str:
    """Put the quotes masked by :func:`strip_site` back in their places."""
    for quote in quotes:
        text = text.replace("\0" * len(quote), quote, 1)
    return text


def _is_site_part(part: str, sep: str, rest: list[str], site_name: str | None, host: str | None) -> bool:
    part, remaining = part.strip(), "".join(rest).strip()
    if not part or not remaining:
        return False
    if is_site_name(part, site_name, host):
        return True
    short = len(part) < _SHORT_SHARE * len(remaining) + 4 and len(part) <= 40
    return short and (bool(_STRONG_SEP_RE.match(sep)) or bool(_SITE_WORD_RE.search(part)))


def is_site_name(part: str, site_name: str | None, host: str | None) -> bool:
    """Whether ``part`` names the site (its og:site_name or its host name)."""
    key = _NON_ALNUM_RE.sub("", part.casefold())
    if not key:
        return False
    if site_name and (
        key in _NON_ALNUM_RE.sub("", site_name.casefold()) or part.casefold() in site_name.casefold()
    ):
        return True
    if host:
        labels = [_NON_ALNUM_RE.sub("", label) for label in host.casefold().split(".") if label != "www"]
        return any(len(label) >= 4 and (label in key or (len(key) >= 4 and key in label)) for label in labels)
    return False


def _within(candidate: str, title: str, main: str) -> bool:
    """Whether a headline candidate is <title>'s main part or one or more of its whole parts."""
    folded, folded_title = candidate.casefold(), title.casefold()
    if folded in main.casefold() and len(candidate) >= _MIN_SHARE * len(main):
        return True
    parts = [part.strip().casefold() for part in _SEPARATOR_RE.split(title)[::2]]
    if folded in folded_title and _aligned(folded, folded_title):
        return len(candidate) >= _MIN_SHARE * max(len(part) for part in parts)
    return False


def _aligned(candidate: str, title: str) -> bool:
    """``candidate`` starts and ends at separators of ``title`` (whole parts, not a fragment)."""
    start = title.find(candidate)
    end = start + len(candidate)
    before, after = title[:start], title[end:]
    return (not before or bool(_SEPARATOR_RE.search(before[-4:] + " "))) and (
        not after or bool(_SEPARATOR_RE.match(" " + after[:4]))
    )


def _headline_like(text: str) -> bool:
    cjk = sum(1 for char in text if "\u3400" <= char <= "\u9fff")
    return cjk >= _MIN_H1_CJK or len(text.split()) >= _MIN_H1_WORDS


def is_kicker_name(classes: str) -> bool:
    """Whether a class attribute names a headline's kicker (``seitenkopf__topline``, ``article-kicker``)."""
    return bool(_KICKER_RE.search(classes))
