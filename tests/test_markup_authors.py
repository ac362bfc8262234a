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


@pytest.mark.parametrize(
    ("written", "read"),
    [("Kowalczyk, Marta", "Marta Kowalczyk"), ("Müller-Lüdenscheidt, Anna Maria", "Anna Maria Müller-Lüdenscheidt"),
     ("O’Neil, Sean", "Sean O’Neil"), ("Smith, John A.", "John A. Smith"),
     ("Smith, Jones and Brown", "Smith, Jones and Brown"), ("Marta Kowalczyk", "Marta Kowalczyk"),
     ("Paris, France, Europe", "Paris, France, Europe")],
)  # fmt: skip
def test_a_person_in_catalogue_order_is_read_in_reading_order(written, read):
    assert markupauthors.sorted_name(written) == read


def test_jsonld_persons_in_catalogue_order_are_two_people_not_four():
    people = [{"@type": "Person", "name": "Kowalczyk, Marta"}, {"@type": "Person", "name": "Wiśniewski, Tomasz"}]
    item = extract_article(_page(people, ""), "https://news.example.pl/a/1")
    assert item["authors"] == ["Marta Kowalczyk", "Tomasz Wiśniewski"]


def test_a_microdata_author_named_in_a_meta_tag():
    card = (
        '<div class="AuthorInfo" itemprop="author" itemscope itemtype="http://schema.org/Person">'
        '<meta itemprop="name" content="Ana Lopes"><a href="/people/ana">Ana Lopes</a> <button>Follow</button> '
        "<span>Data scientist, 12k followers</span></div>"
    )
    html = (f"<html><head><title>Mine approved</title></head><body><article><h1>Mine approved</h1>{card}"
            f"<div class='body'>{TEXT}</div></article></body></html>")  # fmt: skip
    assert extract_article(html.encode(), "https://news.example.ph/a/2")["authors"] == ["Ana Lopes"]


def test_a_byline_naming_the_site_gives_way_to_one_naming_a_person():
    marked = ('<div itemscope itemprop="author" itemtype="http://schema.org/Person">'
              '<meta itemprop="name" content="El Diario"></div>')  # fmt: skip
    html = (
        '<html><head><title>Mine approved</title><meta property="og:site_name" content="El Diario"></head><body>'
        f"<article><h1>Mine approved</h1>{marked}<div class='autor'><h6>Jacobo Betancur Peláez</h6></div>"
        f"<div class='body'>{TEXT}</div></article></body></html>"
    )
    assert extract_article(html.encode(), "https://www.eldiario.co/a/3")["authors"] == ["Jacobo Betancur Peláez"]
