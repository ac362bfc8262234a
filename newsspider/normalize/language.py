"""Validate language values (``<html lang>``, Content-Language, og:locale) before they steer anything."""

from __future__ import annotations

import re
from typing import NamedTuple

# ISO 639-1 codes: a two-letter BCP 47 primary subtag must be one of these ("ut" from "utf-8" is not).
ISO_639_1 = frozenset(
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee "
    "el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is "
    "it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms "
    "mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk "
    "sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi "
    "yo za zh zu".split()
)
# Three-letter primary subtags pages use for languages without a two-letter code (BCP 47 prefers the short one).
ISO_639_3_USED = frozenset(("yue", "cmn", "wuu", "hak", "nan", "fil", "haw", "ast", "ckb", "gsw", "nds"))
# language [-script] [-region], "_" as pages write it (zh_CN); anything else (utf-8, text/html, 1) is rejected.
_SHAPE = re.compile(r"^([a-z]{2,3})(?:[-_]([a-z]{4}))?(?:[-_]([a-z]{2}|\d{3}))?(?:[-_][a-z\d]{1,8})*$", re.IGNORECASE)


class LanguageTag(NamedTuple):
    """A validated tag: lower-case primary language, upper-case region (or None)."""

    language: str
    region: str | None


def parse_language(value: str | None) -> LanguageTag | None:
    """The language and region of a BCP 47-shaped ``value`` with a known primary subtag, else None."""
    match = _SHAPE.match((value or "").strip())
    if not match:
        return None
    primary = match.group(1).lower()
    if primary not in ISO_639_1 and primary not in ISO_639_3_USED:
        return None
    region = match.group(3)
    return LanguageTag(primary, region.upper() if region else None)
