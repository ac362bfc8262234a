"""The headline element's own text: without a kicker span the <title> does not show, or a credit line inside it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsspider.extract.daterules import CREDIT_ON_LINE_RE
from newsspider.extract.titles import is_kicker_name

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_JOINED_KICKER = ":|-–—·"  # a kicker followed by one of these is joined to the headline on the page


def _glued(end: str, start: str) -> bool:
    """Two element texts meeting as "KickerHeadline" or "Kicker:Headline": a word ends, a capitalised one starts."""
    return bool(end and start) and (end.isalpha() or end in ":.!?") and start.isupper()


def element_text(node: HtmlElement) -> str:
    """The element's text; a kicker element and the headline after it keep a space between them."""
    pieces: list[str] = []
    for piece in node.itertext():
        if pieces and _glued(pieces[-1][-1:], piece[:1]):
            pieces.append(" ")
        pieces.append(piece)
    return " ".join("".join(pieces).split())


def headline_text(node: HtmlElement, html_title: str | None) -> str:
    """A heading's text without its kicker span, or with it where the <title> shows both ("Kicker: Headline")."""
    kicker = _kicker(node)
    if kicker is None:
        return _without_credit_line(node)
    rest, kick = " ".join("".join(_texts_without(node, kicker)).split()), element_text(kicker)
    shown = _folded(html_title or "")
    return next((joined for joined in (f"{kick}: {rest}", f"{kick} {rest}") if _folded(joined) in shown), rest)


def _without_credit_line(node: HtmlElement) -> str:
    """A heading's text without a child holding the credit line (PHPCMS: <h1>Title<br><span>2024-03-16 来源：X</span>)."""
    if not (node.text or "").strip() or not any(CREDIT_ON_LINE_RE.search(child.text_content()) for child in node):
        return element_text(node)
    pieces = [node.text or ""]
    for child in node:
        credit = CREDIT_ON_LINE_RE.search(child.text_content())
        pieces.append(child.tail or "" if credit else element_text(child) + (child.tail or ""))
    return " ".join("".join(pieces).split())


def _folded(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split()).casefold()


def _kicker(node: HtmlElement) -> HtmlElement | None:
    """The heading's first child when its class names a kicker and the headline follows it without a separator."""
    first = next(iter(node), None)
    if first is None or not isinstance(first.tag, str) or (node.text or "").strip():
        return None
    if not is_kicker_name(first.get("class", "")):
        return None
    rest = "".join(_texts_without(node, first)).strip()
    return first if rest and rest[0] not in _JOINED_KICKER else None  # "Kicker: Headline" is the title as shown


def _texts_without(node: HtmlElement, kicker: HtmlElement):
    """The heading's text pieces after its kicker element."""
    if kicker.tail:
        yield kicker.tail
    for child in kicker.itersiblings():
        yield from child.itertext(with_tail=True)
