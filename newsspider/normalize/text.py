"""Text hygiene for titles and bodies: whitespace, invisible characters, boilerplate phrases."""

from __future__ import annotations

import re
import unicodedata

# Spaces collapsed into one: ``str.split()`` already splits at every one of them (each ``isspace()``), a test keeps
# it so; the list stays as documentation of what the collapse covers.
SPACES = " \t\u00a0\u3000\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"
# Soft hyphen, zero-width space, word joiner, BOM and control characters; ZWNJ/ZWJ (U+200C/D) stay: they spell
# Persian, Indic and emoji text.
_INVISIBLE_RE = re.compile(r"[\u00ad\u200b\u2060\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_inline(text: str | None) -> str | None:
    """Collapse whitespace into single spaces; empty becomes None."""
    if text is None:
        return None
    text = _INVISIBLE_RE.sub("", unicodedata.normalize("NFC", text))
    text = " ".join(text.split())  # every character of SPACES and other whitespace collapsed
    return text or None


def clean_body(text: str | None, phrases: tuple[str, ...] = ()) -> str | None:
    """Clean each paragraph, drop empty ones and lines holding a boilerplate phrase."""
    if not text:
        return None
    lines = []
    for raw_line in text.split("\n"):
        line = clean_inline(raw_line)
        if line and not any(phrase in line for phrase in phrases):
            lines.append(line)
    return "\n".join(lines) or None
