"""A byline written as a plain line by the headline, with no markup naming it (``di X``, ``Text: A, Fotos: B``)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsspider.extract import creditlines, latinbylines
from newsspider.extract.dateanchor import body_headline
from newsspider.extract.noise import in_noise

if TYPE_CHECKING:
    from newsspider.extract.page import Page

_AFTER_TITLE = 20  # elements after the headline where the byline line may stand
_MAX_LINE = 100
_SKIP = {"script", "style", "noscript", "template", "a", "button", "time"}
# A page worth the search: a byline word or a role label in its text.
_HINT = rf"(?:{latinbylines.BYLINE_WORD}|(?:{latinbylines.ROLE_LABEL})\s*:)\s"
_HINT_RE = re.compile(rf"(?:^|[\s>]){_HINT}")
# The same test, split so the regex engine can jump from one space or ">" to the next (0.9 -> 0.5 ms a page):
# the hint at the very start, or right after a space or ">". A lookahead for the first letters the hint can
# start with turns most spaces and ">" away before the alternation is tried (0.5 -> 0.3 ms a page).
_HINT_FIRST_LETTERS = "".join(
    sorted({word[0] for word in latinbylines.BYLINE_WORDS + latinbylines.BYLINE_WORDS_LOWER}
           | {word[0].upper() for word in latinbylines.BYLINE_WORDS}
           | {label[0] for label, _role in latinbylines.ROLE_LABELS})
)  # fmt: skip
_HINT_AT_START = re.compile(_HINT)
_HINT_AFTER_SPACE = re.compile(rf"[\s>](?=[{re.escape(_HINT_FIRST_LETTERS)}]){_HINT}")


def has_hint(text: str) -> bool:
    """``_HINT_RE.search(text) is not None``, faster: a byline word or role label at the start or after a space."""
    return bool(_HINT_AT_START.match(text) or _HINT_AFTER_SPACE.search(text))


def byline_line(page: Page) -> creditlines.LineCredits:
    """The credits of the first short line after the headline that is a byline and nothing else, on a page whose
    text holds a byline word or role label somewhere (``has_hint``).

    The hint, a search over the whole page, is tested last: the few lines after the headline cost less to read,
    and on most pages none of them is a byline."""
    if page.tree is None:
        return creditlines.LineCredits()
    elements, index, _confirmed = page.shared(body_headline)  # shared with the date scan: found once per page
    if index is None:
        return creditlines.LineCredits()
    for element in elements[index + 1 : index + 1 + _AFTER_TITLE]:
        if element.tag in _SKIP:
            continue
        text = " ".join(element.text_content().split())
        if not text or len(text) > _MAX_LINE:
            continue
        found = creditlines.parse_latin_byline(text)
        if found and not in_noise(element):
            return found if has_hint(page.text) else creditlines.LineCredits()
    return creditlines.LineCredits()
