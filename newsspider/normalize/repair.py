"""Damaged text: pinyin glosses after CJK characters, reversible mojibake, and lost characters (pure)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from newsspider.normalize.patterns import NamedPattern

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{CJK}]")

# -- pinyin glosses -------------------------------------------------------------------------------------

_TONE_MARKED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_INITIALS = r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
_FINALS = (
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|van|üan|ai|ao|an|ei|en|er|ia|ie|in|iu|ou|ua|ue|üe|ve"
    r"|ui|un|ün|uo|a|e|i|o|u|ü|v|m|n|ng)"
)
_SYLLABLE_RE = re.compile(f"^{_INITIALS}{_FINALS}$")
_SYLLABLE = f"[a-z{_TONE_MARKED}ü]{{1,6}}"


# The ways a converter writes a pinyin gloss: one tone-marked syllable in brackets right after a CJK character
# (發(fā)布, 應（yīng）).
GLOSS_PATTERNS: tuple[NamedPattern, ...] = (
    NamedPattern("ascii_brackets", re.compile(rf"\((?P<syllable>{_SYLLABLE})\)")),
    NamedPattern("fullwidth_brackets", re.compile(rf"（(?P<syllable>{_SYLLABLE})）")),
)  # each only right after a CJK character (checked in code: a leading look-behind makes the scan slow)


def is_pinyin_syllable(word: str) -> bool:
    """A single pinyin syllable written with a tone mark (``fā``, ``wǎng``; not ``de``, ``GDP``, ``été``)."""
    if not any(char in _TONE_MARKED for char in word):
        return False
    plain = "".join(
        char for char in unicodedata.normalize("NFD", word) if not unicodedata.combining(char)
    ).replace("u\u0308", "ü")
    plain = unicodedata.normalize("NFC", plain.replace("ü", "v"))
    return bool(_SYLLABLE_RE.match(plain))


def strip_glosses(text: str | None) -> tuple[str | None, int]:
    """Remove pinyin glosses after CJK characters; return the text and how many were removed."""
    if not text:
        return text, 0
    removed = 0
    for pattern in GLOSS_PATTERNS:  # each starts with a literal bracket: the scan jumps bracket to bracket
        spans = [match.span() for match in pattern.regex.finditer(text) if _is_gloss(match)]
        if spans:
            kept, last = [], 0
            for start, end in spans:
                kept.append(text[last:start])
                last = end
            text = "".join(kept) + text[last:]
            removed += len(spans)
    return text, removed


def _is_gloss(match: re.Match) -> bool:
    start = match.start()
    after_cjk = start > 0 and bool(_CJK_RE.match(match.string[start - 1]))
    return after_cjk and is_pinyin_syllable(match.group("syllable"))


def count_glosses(text: str | None) -> int:
    """How many pinyin glosses ``text`` holds (the mirror-conversion signature)."""
    return strip_glosses(text)[1]


# -- lost characters ------------------------------------------------------------------------------------


# An ASCII "?" stands for a lost character where it sits against CJK text and no question precedes it
# (Chinese asks with a full-width ？; "吗??", "如何评判好坏?专家" are questions, not losses).
_QUESTION_WORDS = ("吗", "呢", "吧", "么", "嘛", "如何", "怎", "哪", "谁", "为何", "几", "多少", "是否", "能否",
                   "可否", "嗎", "為何", "誰", "麼")  # fmt: skip
_QUESTION_REACH = 16  # characters before a "?" searched for a question word


@dataclass(frozen=True)
class LossPattern(NamedPattern):
    """A trace of characters an encoder could not write (each matched character counts as one lost)."""

    unless_question: bool  # not a loss when a question word comes shortly before


LOSS_PATTERNS: tuple[LossPattern, ...] = (
    LossPattern("replacement_character", re.compile("\ufffd+"), unless_question=False),
    LossPattern("question_marks_before_cjk", re.compile(rf"\?{{2,}}(?=[{CJK}])"), unless_question=True),
    LossPattern("question_marks_after_cjk", re.compile(rf"(?<=[{CJK}])\?{{2,}}"), unless_question=True),
    LossPattern("question_mark_inside_cjk", re.compile(rf"(?<=[{CJK}])\?(?=[{CJK}])"), unless_question=True),
)


def _after_question(text: str, start: int) -> bool:
    before = text[max(0, start - _QUESTION_REACH) : start]
    before = before.rsplit("\n", 1)[-1]
    before = re.split("[。！？!.；;]", before)[-1]
    return any(word in before for word in _QUESTION_WORDS)


def count_lost(text: str | None) -> int:
    """How many characters of ``text`` are marked as lost (``?`` stand-ins, U+FFFD)."""
    if not text or "?" not in text and "\ufffd" not in text:
        return 0
    covered: set[int] = set()
    for pattern in LOSS_PATTERNS:
        for match in pattern.regex.finditer(text):
            if not (pattern.unless_question and _after_question(text, match.start())):
                covered.update(range(*match.span()))
    return len(covered)
