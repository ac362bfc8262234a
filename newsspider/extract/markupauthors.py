"""Authors as markup credits them: JSON-LD ``author``/``creator`` and author meta tags (before any visible byline)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsspider.normalize.people import split_names

if TYPE_CHECKING:
    from newsspider.extract.page import Page

_META_AUTHOR = (
    "author", "article:author", "og:article:author", "dc.creator", "dcterms.creator", "byl", "sailthru.author",
    "parsely-author", "citation_author", "article.author", "authors",
)  # fmt: skip
_WRITTEN_BY_RE = re.compile(r"^\s*(?:written by|author|autor|auteur|verfasst von|von)\b", re.IGNORECASE)
_HANDLE_RE = re.compile(r"\s*@\w+")
_WORD = r"[^\W\d_][^\W\d_'’.-]*(?:[-'’][^\W\d_]+)*\.?"
_CATALOGUE_ORDER = re.compile(rf"(?P<last>{_WORD}),\s*(?P<first>{_WORD}(?:\s{_WORD})?)")
_ORGANISATION_TYPES = ("Organization", "NewsMediaOrganization", "Corporation", "NGO", "GovernmentOrganization")


def from_jsonld(page: Page) -> list[str]:
    """The first JSON-LD entry's author (or creator) names, ``@id`` references resolved."""
    by_id = {entry["@id"]: entry for entry in page.jsonld if isinstance(entry.get("@id"), str)}
    for entry in page.jsonld:
        names = _jsonld_names(entry.get("author") or entry.get("creator"), by_id)
        names = [name for name in names if split_names(name)]
        if names:
            return names
    return []


def jsonld_organisations(page: Page) -> set[str]:
    """Names of JSON-LD authors typed as an organisation (an agency, the publisher), not a person."""
    found: set[str] = set()
    for entry in page.jsonld:
        authors = entry.get("author")
        for author in authors if isinstance(authors, list) else [authors]:
            if isinstance(author, dict) and author.get("@type") in _ORGANISATION_TYPES and isinstance(author.get("name"), str):
                found.add(author["name"])
    return found


def _jsonld_names(value: object, by_id: dict[str, dict]) -> list[str]:
    if isinstance(value, str):
        return [] if value.startswith("http") else [value]
    if isinstance(value, dict):
        name = value.get("name")
        if name is None and isinstance(value.get("@id"), str) and value["@id"] in by_id:
            name = by_id[value["@id"]].get("name")
        if isinstance(name, str) and value.get("@type") == "Person":
            return [sorted_name(name)]  # one person: "Kowalczyk, Marta" is Marta Kowalczyk, not two names
        return _jsonld_names(name, by_id) if isinstance(name, (str, list)) else []
    if isinstance(value, list):
        return [name for entry in value for name in _jsonld_names(entry, by_id)]
    return []


def sorted_name(name: str) -> str:
    """A person's name written "Lastname, Firstname" (catalogue order) in reading order; any other name as is."""
    match = _CATALOGUE_ORDER.fullmatch(name.strip())
    return f"{match['first']} {match['last']}" if match else name


def from_meta(page: Page) -> list[str]:
    """The first author meta tag with a name in it, else a Twitter card's "Written by" pair."""
    for key in _META_AUTHOR:
        value = page.meta.get(key)
        if value and split_names(value):
            return [value]
    label = page.meta.get("twitter:label1", "")  # Twitter card pair: label1 "Written by", data1 the names
    value = page.meta.get("twitter:data1")
    if value and _WRITTEN_BY_RE.match(label):
        return [_HANDLE_RE.sub("", value)]
    return []
