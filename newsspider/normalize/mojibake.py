"""Mojibake from known double decodings: reversed where the bytes survive, counted where not (pure)."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from newsspider.normalize.repair import CJK

_CJK_RE = re.compile(f"[{CJK}]")
_UNLIKELY_RE = re.compile("[\ue000-\uf8ff\ufffd]")  # private use, replacement: not recovered Chinese
_CP1252_EXTRA = "\u2013-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u20ac\u2122"
_LATIN = f"\u0080-\u00ff{_CP1252_EXTRA}"
# Inside a run a plain space may stand for a NBSP byte (0xA0) that text cleaning turned into a space.
_LATIN_RUN = re.compile(f"[\u00c0-\u00ff](?:[{_LATIN}]| (?=[{_LATIN}]))+")
_GBK_LATIN_RUN = re.compile("(?:[\u00a1-\u00fe][\u00a1-\u00fe]){3,}")  # GB2312 byte pairs, 3 or more
_GBK_RUN = re.compile(
    f"[{CJK}\u3000-\u303f\uff00-\uffef\u2010-\u2027\u00b7\u00a4-\u00b0\u0391-\u03c9\u0401-\u0451"
    "\ue000-\uf8ff]{3,}"
)
_MIN_CJK_SHARE = 0.6  # a reversal must give mostly CJK text ...
_MIN_FIXED_CHARS = 2  # ... of at least two different characters
_MAX_LOST_SHARE = 0.2  # a latin-1 run with more broken sequences than this is left alone


@dataclass(frozen=True)
class DoubleDecoding:
    """A known double decoding: text whose bytes in ``right`` were decoded as ``wrong``."""

    name: str
    run: re.Pattern  # a run of characters this mistake produces
    wrong: str
    right: str


DOUBLE_DECODINGS: tuple[DoubleDecoding, ...] = (
    DoubleDecoding("utf8_read_as_gbk", _GBK_RUN, "gb18030", "utf-8"),
    DoubleDecoding("utf8_read_as_latin1", _LATIN_RUN, "latin-1", "utf-8"),
    DoubleDecoding("utf8_read_as_cp1252", _LATIN_RUN, "sloppy-cp1252", "utf-8"),
    DoubleDecoding("gbk_read_as_latin1", _GBK_LATIN_RUN, "latin-1", "gb18030"),
)


def _encode(text: str, codec: str) -> bytes:
    """``text`` in ``codec``; "sloppy-cp1252" keeps C1 controls for cp1252's 5 unassigned bytes (WHATWG)."""
    text = text.replace(" ", "\u00a0")
    if codec != "sloppy-cp1252":
        return text.encode(codec)
    return b"".join(
        char.encode("latin-1") if "\x80" <= char <= "\x9f" else char.encode("cp1252") for char in text
    )


def _plausible(fixed: str, run: str) -> bool:
    """Recovered text: shorter than the run, mostly CJK, no private-use characters."""
    letters = [char for char in fixed if char.isalpha()]
    if len(fixed) >= len(run) or len(set(letters)) < _MIN_FIXED_CHARS:
        return False
    if sum(1 for char in letters if _CJK_RE.match(char)) / len(letters) < _MIN_CJK_SHARE:
        return False
    return not _UNLIKELY_RE.search(fixed.replace("\ufffd", ""))


def _reverse_latin(run: str, mistake: DoubleDecoding) -> str | None:
    """A latin-1/cp1252 run decoded back; bytes lost on the way (dropped C1 controls) become U+FFFD."""
    try:
        raw = _encode(run, mistake.wrong)
    except UnicodeEncodeError:
        return None
    fixed = raw.decode(mistake.right, errors="replace")
    if fixed.count("\ufffd") > _MAX_LOST_SHARE * len(fixed):
        return None
    return fixed if _plausible(fixed, run) else None


def _clean_span(chars: list[bytes], start: int) -> int:
    """End of the longest span from ``start`` whose bytes are complete UTF-8 (``start`` when none)."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    end = start
    for index in range(start, len(chars)):
        try:
            decoder.decode(chars[index])
        except UnicodeDecodeError:
            break
        if not decoder.getstate()[0]:
            end = index + 1
    return end


def _cut_sequence(char: bytes) -> bool:
    """A GBK character made of the first two bytes of a 3-byte UTF-8 sequence whose last byte was lost."""
    return len(char) == 2 and 0xE0 <= char[0] <= 0xEF and 0x80 <= char[1] <= 0xBF


def _reverse_gbk(run: str) -> tuple[str, int]:
    """Spans of a CJK run that are UTF-8 read as GBK, decoded back; return text and spans fixed."""
    try:
        chars = [char.encode("gb18030") for char in run]
    except UnicodeEncodeError:
        return run, 0
    out, fixed_spans, index = [], 0, 0
    while index < len(chars):
        end = _clean_span(chars, index) if 0xE0 <= chars[index][0] <= 0xEF else index
        fixed = b"".join(chars[index:end]).decode("utf-8") if end - index >= 3 else None
        if fixed and _plausible(fixed, run[index:end]):
            out.append(fixed)
            fixed_spans += 1
            index = end
            if index < len(chars) and _cut_sequence(chars[index]):
                out.append("\ufffd")  # the next character's bytes were cut off: lost, and flagged as such
                index += 1
        else:
            out.append(run[index])
            index += 1
    return "".join(out), fixed_spans


def undo_mojibake(text: str | None) -> tuple[str | None, int]:
    """Reverse runs that one known double decoding explains; return the text and the runs fixed."""
    if not text or text.isascii():  # every run starts with a non-ASCII character
        return text, 0
    fixed_runs = 0

    def fix(match: re.Match, mistake: DoubleDecoding) -> str:
        nonlocal fixed_runs
        if mistake.name == "utf8_read_as_gbk":
            fixed, count = _reverse_gbk(match.group(0))
            fixed_runs += count
            return fixed
        fixed = _reverse_latin(match.group(0), mistake)
        fixed_runs += fixed is not None
        return match.group(0) if fixed is None else fixed

    for mistake in DOUBLE_DECODINGS:
        text = mistake.run.sub(lambda match, mistake=mistake: fix(match, mistake), text)
    return text, fixed_runs


def count_broken(text: str | None) -> int:
    """Characters of GBK-read UTF-8 runs that cannot be reversed (sequences cut by the failed decoding)."""
    if not text or text.isascii():  # a GBK-read run is non-ASCII throughout
        return 0
    broken = 0
    for match in _GBK_RUN.finditer(text):
        try:
            decoded = match.group(0).encode("gb18030").decode("utf-8", errors="replace")
        except UnicodeEncodeError:
            continue
        good = sum(1 for char in decoded if _CJK_RE.match(char))
        bad = decoded.count("\ufffd")
        # Mostly valid UTF-8 CJK sequences with a few broken ones: a damaged double decoding.
        if bad and good >= 2 and good >= 2 * bad and len(decoded) < len(match.group(0)):
            broken += len(match.group(0))
    return broken
