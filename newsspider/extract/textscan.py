"""Cheap tests over a whole decoded page: whether it holds a CJK character (labels.CJK), or a reference to one."""

from __future__ import annotations

import re

from newsspider.extract.labels import CJK

_CJK_RE = re.compile(f"[{CJK}]")
# A regex over a large page costs ~5 ns a character; searching its UTF-8 bytes for a lead byte runs at memchr
# speed. Lead bytes E4..E9 start only U+4000..U+9FFF, all inside CJK; U+3400..U+3FFF (E3) and U+F900..U+FAFF (EF)
# share their lead byte with other characters (kana, full-width forms), so pages holding those go to the regex.
_CJK_ONLY_LEADS = tuple(bytes([lead]) for lead in range(0xE4, 0xEA))
_SHARED_LEADS = (b"\xe3", b"\xef")
# A numeric character reference (the parser also reads one without its closing semicolon).
_CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+))")


def has_cjk(text: str, data: bytes | None = None) -> bool:
    """Whether ``text`` holds a character of ``labels.CJK``; same answer as a regex search, much faster.

    ``data``: ``text`` already encoded as UTF-8, when the caller has it."""
    if text.isascii():
        return False
    if data is None:
        data = text.encode("utf-8", "surrogatepass")
    if any(lead in data for lead in _CJK_ONLY_LEADS):
        return True
    return any(lead in data for lead in _SHARED_LEADS) and _CJK_RE.search(text) is not None


def has_cjk_reference(text: str) -> bool:
    """Whether ``text`` holds a numeric character reference (``&#20301;``, ``&#x4F4D;``) to a ``labels.CJK`` character,
    which the parsed page shows as that character."""
    for found in _CHAR_REF.finditer(text):
        hexa, decimal = found.groups()
        code = int(hexa, 16) if hexa else int(decimal)
        if code < 0x110000 and _CJK_RE.match(chr(code)):
            return True
    return False
