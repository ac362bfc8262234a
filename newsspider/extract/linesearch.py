"""A large alternation regex searched fast: its alternatives grouped so the regex engine can skip ahead."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Characters that match an ASCII letter under re.IGNORECASE without being one (ı İ → i, ſ → s, K → k).
_ASCII_FOLDS = ("\u0131", "\u0130", "\u017f", "\u212a")
_QUANTIFIERS = "*?{"
# Pattern features that tie alternatives together or change how a literal reads: such a pattern is not split.
_UNSPLITTABLE = re.compile(r"^\(\?[aiLmsux-]+\)|\\[1-9]|\(\?P=|\(\?\(")


def top_level_alternatives(pattern: str) -> list[str]:
    """The alternatives of ``pattern`` split at its top-level ``|`` (outside groups, classes and escapes)."""
    parts, depth, start, index, in_class = [], 0, 0, 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            index += 1 if pattern[index + 1 : index + 2] == "^" else 0
            index += 1 if pattern[index + 1 : index + 2] == "]" else 0  # a leading ] is a member
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
        index += 1
    return [*parts, pattern[start:]]


_LITERAL_RUN = re.compile(r"[A-Za-z0-9 ]*")


def leading_literal(alternative: str) -> str:
    """The letters, digits and spaces an alternative starts with that every match holds ("ICP" of ``ICP\\s*备``)."""
    run = _LITERAL_RUN.match(alternative).group(0)  # type: ignore[union-attr]  # a starred class always matches
    if run and alternative[len(run) : len(run) + 1] in tuple(_QUANTIFIERS):
        run = run[:-1]  # the last character is optional or repeated from zero
    return run


@dataclass(frozen=True)
class SplitSearch:
    """``pattern.search(text) is not None``, answered by four smaller regexes.

    Alternatives starting with ``^`` are tried at the start only; those starting with an uncased literal (CJK) form
    one regex the engine scans by first character; those starting with a run of ASCII letters are tried only when
    the lower-cased text holds one such run; the rest are searched as they are.
    """

    anchored: re.Pattern
    uncased: re.Pattern
    worded: re.Pattern
    words: tuple[str, ...]
    other: re.Pattern

    @classmethod
    def of(cls, pattern: re.Pattern) -> SplitSearch:
        groups: dict[str, list[str]] = {"anchored": [], "uncased": [], "worded": [], "other": []}
        if _UNSPLITTABLE.search(pattern.pattern) or pattern.flags & re.VERBOSE:
            groups["other"].append(pattern.pattern)
        for alternative in top_level_alternatives(pattern.pattern) if not groups["other"] else ():
            first = alternative[:1]
            if first == "^":
                groups["anchored"].append(alternative)
            elif first and first not in "\\([.$|" and first.lower() == first.upper():
                groups["uncased"].append(alternative)
            elif len(leading_literal(alternative)) >= 3:
                groups["worded"].append(alternative)
            else:
                groups["other"].append(alternative)
        compiled = {name: re.compile("|".join(alts) or "(?!)", pattern.flags) for name, alts in groups.items()}
        words = tuple(leading_literal(alternative).lower() for alternative in groups["worded"])
        return cls(compiled["anchored"], compiled["uncased"], compiled["worded"], words, compiled["other"])

    def search(self, text: str) -> bool:
        """Whether the whole pattern finds a match in ``text``."""
        if self.anchored.match(text) or self.uncased.search(text) or self.other.search(text):
            return True
        if not text.isascii() and any(char in text for char in _ASCII_FOLDS):
            return self.worded.search(text) is not None
        lowered = text.lower()
        return any(word in lowered for word in self.words) and self.worded.search(text) is not None
