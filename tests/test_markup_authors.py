"""Authors from markup: an organisation credited in JSON-LD gives way to a visible byline naming people."""

from __future__ import annotations

import json

import pytest

from newsspider import extract_article
from newsspider.extract import markupauthors

TEXT = "".join(
    f"<p>The government approved the mine on Tuesday after review number {n} of its impact on the region's water.</p>"
    for n in range(4)
)


def _page(author: dict, byline: str) -> bytes:
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Mine approved",
                     "author": author})  # fmt: skip
    return (
        f'<html><head><title>Mine approved</title><script type="application/ld+json">{ld}</script></head><body>'
        f'<article><h1>Mine approved</h1>{byline}<div class="body">{TEXT}</div></article></body></html>'
    ).encode()


@pytest.mark.parametrize("kind", markupauthors._ORGANISATION_TYPES)
def test_an_organisation_author_gives_way_to_the_visible_byline(kind):
    byline = '<div class="field-byline">By Maria Castellanos and Peter Lindqvist</div>'
    item = extract_article(_page({"@type": kind, "name": "Reuters"}, byline), "https://news.example.ph/a/1")
    assert item["authors"] == ["Maria Castellanos", "Peter Lindqvist"]


def test_an_organisation_author_stays_without_a_byline_and_a_person_beats_the_byline():
    item = extract_article(_page({"@type": "Organization", "name": "Reuters"}, ""), "https://news.example.ph/a/1")
    assert item["authors"] == ["Reuters"]
    byline = '<div class="field-byline">By Maria Castellanos</div>'
    item = extract_article(_page({"@type": "Person", "name": "Ana Lopes"}, byline), "https://news.example.ph/a/1")
    assert item["authors"] == ["Ana Lopes"]
