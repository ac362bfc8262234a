"""Extraction is pure (page.tree never changes, extractor order is free); title classes: quotes, kickers, soft hyphens."""

from __future__ import annotations

import lxml.html
import pytest

from newsspider.chain import extract_article
from newsspider.extract import body, credits, dates, metadata
from newsspider.extract.article import extract_raw
from newsspider.extract.page import Page
from newsspider.extract.titles import strip_site

PAGE = """<html lang="de"><head><title>Neue Brücke für die Altstadt | Beispiel Zeitung</title>
<meta property="article:published_time" content="2024-03-12T08:15:00+01:00"></head><body>
<nav><a href="/">Start</a><a href="/politik">Politik</a></nav><div class="share">Teilen</div>
<article><h1>Neue Brücke für die Altstadt</h1><p class="byline">Von Anna Beispiel</p>
<p>Der Stadtrat hat am Dienstag den Bau einer neuen Brücke über den Fluss beschlossen, die Altstadt und Hafen
verbindet.</p><p>Die Arbeiten sollen im Herbst beginnen und zwei Jahre dauern, teilte die Stadt mit.</p>
<script>var x = 1;</script><div style="display:none">versteckt</div></article></body></html>"""
URL = "https://www.beispiel.de/lokal/neue-bruecke-123.html"


def _page() -> Page:
    return Page.from_bytes(PAGE.encode(), URL, {"Content-Type": "text/html; charset=utf-8"})


def test_extraction_leaves_the_tree_unchanged():
    page = _page()
    before = lxml.html.tostring(page.tree)
    extract_raw(page)
    assert lxml.html.tostring(page.tree) == before


def test_body_first_gives_the_same_fields_as_body_last():
    page = _page()
    first = body.extract_body(page, title="Neue Brücke für die Altstadt")
    others = (dates.extract_dates(page), credits.extract_credits(page), metadata.extract_title(page))
    reference = _page()
    expected = (dates.extract_dates(reference), credits.extract_credits(reference), metadata.extract_title(reference))
    assert others == expected
    assert first.body == body.extract_body(reference, title="Neue Brücke für die Altstadt").body


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        ("Roger Federer «Ich vermisse das Tennis nicht» | NZZ", "NZZ", "Roger Federer «Ich vermisse das Tennis nicht»"),
        ("Scholz: »Wir bleiben dabei« - Beispiel Zeitung", "Beispiel Zeitung", "Scholz: »Wir bleiben dabei«"),
        ("Startseite » Politik » Wahl in Berlin entschieden", None, "Wahl in Berlin entschieden"),
        ("Politik « Beispiel Zeitung", "Beispiel Zeitung", "Politik"),
    ],
)
def test_a_quote_in_guillemets_is_text_not_a_separator(title, site, expected):
    assert strip_site(title, site) == expected


def _item(h1: str, title: str) -> dict:
    html = (
        f"<html lang='de'><head><title>{title}</title></head><body><h1>{h1}</h1>"
        "<p>Der Stadtrat hat am Dienstag den Bau einer neuen Brücke über den Fluss beschlossen.</p>"
        "<p>Die Arbeiten sollen im Herbst beginnen und zwei Jahre dauern, teilte die Stadt mit.</p></body></html>"
    )
    return extract_article(html.encode(), URL)


@pytest.mark.parametrize(
    ("h1", "title", "expected"),
    [
        ("<span class='kicker'>Stadtrat</span><span class='headline'>Neue Brücke für die Altstadt</span>",
         "Stadtrat Neue Brücke für die Altstadt", "Stadtrat Neue Brücke für die Altstadt"),
        ("<span>Stadtrat:</span><span>Neue Brücke für die Altstadt</span>",
         "Stadtrat: Neue Brücke für die Altstadt", "Stadtrat: Neue Brücke für die Altstadt"),
        ("Die <em>neue</em> Brücke für die Altstadt", "x", "Die neue Brücke für die Altstadt"),
        ("Brücken\u00adbau für die Alt\u00adstadt beschlossen", "x", "Brückenbau für die Altstadt beschlossen"),
    ],
)  # fmt: skip
def test_heading_text_keeps_kicker_apart_and_drops_soft_hyphens(h1, title, expected):
    assert _item(h1, title)["title"] == expected
