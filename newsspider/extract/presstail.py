"""Press-release closing boilerplate as data: the company's self-description, contacts, legal notes, end marks."""

from __future__ import annotations

import re

from newsspider.extract.titles import is_site_name

# Headings of a block describing the company ("About Acme", "Über Acme"): a trailing block of its own opened by
# one is the release's boilerplate, not more article.
ABOUT_HEADINGS: tuple[str, ...] = (
    "About", "Über", "À propos de", "À propos d'", "Acerca de", "Sobre", "Informazioni su", "Over", "Om", "O firmie",
    "关于",
)  # fmt: skip
# "<Company> is a ..." in the languages of the headings: the company describing itself.
SELF_DESCRIPTIONS: tuple[str, ...] = (
    "is a", "is an", "is the", "ist ein", "ist eine", "ist der", "ist die", "est un", "est une", "est le", "est la",
    "es un", "es una", "es el", "es la", "è un", "è una", "is een", "er en", "är ett", "är en",
)  # fmt: skip
# Headings after which a press release holds only contacts or legal notes (a line of their own, or a label
# with a colon in front of the contact).
CLOSING_HEADINGS: tuple[str, ...] = (
    "Media contact", "Media contacts", "Press contact", "Press contacts", "Media inquiries", "Media enquiries",
    "Investor contact", "Investor contacts", "Investor relations contact", "Pressekontakt", "Medienkontakt",
    "Kontakt für Medienvertreter", "Contact presse", "Contacts presse", "Contact médias", "Contacto de prensa",
    "Contactos de prensa", "Contatti stampa", "Contatto stampa", "Perskontakt", "媒体联系", "媒体联系人",
    "Forward-looking statements", "Forward looking statements", "Cautionary statement regarding forward-looking "
    "statements", "Cautionary note regarding forward-looking statements", "Safe harbor statement",
    "Safe harbour statement", "Zukunftsgerichtete Aussagen", "Déclarations prospectives",
    "Declaraciones prospectivas",
)  # fmt: skip
# Marks a wire release ends with; what follows is contacts.
END_MARKS: tuple[str, ...] = ("###", "# # #", "-30-", "- 30 -", "-ends-", "- ends -", "ends")
MAX_HEADING = 80  # characters of an "About X" heading line
MAX_NAME_WORDS = 5  # words of a company name in front of "is a"
MIN_KEPT = 200  # characters of article text before a closing heading (a release never starts with one)


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def _heading_start(word: str) -> str:
    """``word`` and what parts it from the name: a space after a word, nothing after an apostrophe or in Chinese."""
    return re.escape(word) + (r"\s+" if word[-1].isascii() and word[-1].isalpha() else r"\s*")


ABOUT_RE = re.compile(
    rf"^(?:{'|'.join(_heading_start(word) for word in sorted(ABOUT_HEADINGS, key=len, reverse=True))})"
    r"(?P<name>\S(?:[^!?。.]|\.(?!\s))*\.?)$",
    re.IGNORECASE,
)
SELF_RE = re.compile(
    rf"^(?P<name>[^\s.,;:!?]+(?: [^\s.,;:!?]+){{0,{MAX_NAME_WORDS - 1}}}?),? (?:{_alternation(SELF_DESCRIPTIONS)})\b"
)
CLOSING_RE = re.compile(rf"^(?:{_alternation(CLOSING_HEADINGS)})\s*(?:[:：]|$)", re.IGNORECASE)
END_RE = re.compile(rf"^(?:{_alternation(END_MARKS)})$", re.IGNORECASE)


def about_site(line: str, site_name: str | None, host: str | None) -> bool:
    """Whether ``line`` is a heading "About <the site's company>" (short, no sentence in it); "Über die Zukunft
    der Förderung" heads a section of the article."""
    line = line.strip()
    match = ABOUT_RE.match(line) if len(line) <= MAX_HEADING else None
    return match is not None and is_site_name(match.group("name"), site_name, host)


def describes_site(line: str, site_name: str | None, host: str | None) -> bool:
    """Whether ``line`` opens with the site's own company describing itself ("Acme is a global provider ...")."""
    match = SELF_RE.match(line.strip())
    return match is not None and is_site_name(match.group("name"), site_name, host)


def is_company_block(text: str, site_name: str | None, host: str | None) -> bool:
    """Whether a block's text opens as the site's company describing itself: "About Acme" or "Acme is a ..."."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return about_site(first, site_name, host) or describes_site(first, site_name, host)


def is_closing_line(line: str) -> bool:
    """Whether ``line`` opens a release's closing contacts or legal notes, or is its end mark."""
    line = line.strip()
    return bool(CLOSING_RE.match(line) or END_RE.match(line))


def without_closing(lines: list[str]) -> list[str]:
    """``lines`` up to a closing heading or end mark that follows some article text."""
    kept = 0
    for index, line in enumerate(lines):
        if kept >= MIN_KEPT and is_closing_line(line):
            return lines[:index]
        kept += len(line)
    return lines
