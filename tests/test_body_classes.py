"""Body classes: a layout with a sidebar is not a sidebar, React streaming segments are content, a wrapper
aside is not furniture, a teaser yields to the JSON-LD articleBody; one test per table entry."""

from __future__ import annotations

import json

import lxml.html
import pytest

from newsspider.extract import body
from newsspider.extract.boilerplate import (
    PAYWALLED_TEXT_TAGS,
    SIDEBAR_LAYOUT_PARTS,
    SIDEBAR_PARTS,
    is_hidden,
    is_negative,
)
from newsspider.extract.page import Page
from newsspider.extract.structuredbody import structured_text

TITLE = "Old mill bridge to close"
PARAGRAPHS = [
    "The county will rebuild the old mill bridge over the next two summers, closing it to cars for the works.",
    "Engineers found last spring that the steel beams under the road had rusted through in several places.",
    "Cyclists and walkers will be able to use a temporary footbridge beside the works from the first closure.",
]


def _element(html: str):
    return lxml.html.fragment_fromstring(html)


@pytest.mark.parametrize("side", sorted(SIDEBAR_PARTS))
@pytest.mark.parametrize("layout", sorted(SIDEBAR_LAYOUT_PARTS))
def test_a_layout_with_a_sidebar_is_not_named_boilerplate(side, layout):
    assert not is_negative(_element(f'<div class="{side}-{layout}">x</div>'))
    assert not is_negative(_element(f'<div class="{layout}-{side}">x</div>'))


@pytest.mark.parametrize("side", sorted(SIDEBAR_PARTS))
def test_the_sidebar_itself_stays_boilerplate(side):
    assert is_negative(_element(f'<div class="{side}">x</div>'))
    assert is_negative(_element(f'<div class="{side}-wrapper">x</div>'))


@pytest.mark.parametrize(("ident", "hidden"), [("S:1", False), ("S:1a", False), ("S:0", False), ("menu", True), ("", True)])
def test_react_streaming_segments_are_not_hidden(ident, hidden):
    assert is_hidden(_element(f'<div hidden id="{ident}">x</div>')) is hidden


def _page(inner: str, head: str = "") -> Page:
    html = (f"<html><head><title>Old mill bridge to close</title>{head}</head>"
            f"<body><h1>Old mill bridge to close</h1>{inner}</body></html>")
    return Page.from_bytes(html.encode(), "https://www.valley-post.com/news/a")


@pytest.mark.parametrize("tag", body.WRAPPER_TAGS)
def test_a_wrapper_tag_holding_most_of_the_page_is_kept(tag):
    text = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page = _page(f"<{tag} class='x'><div class='article-text'>{text}</div></{tag}>")
    assert body.extract_body(page, title=TITLE).body == "\n".join(PARAGRAPHS)


@pytest.mark.parametrize("tag", body.WRAPPER_TAGS)
def test_a_small_wrapper_tag_is_still_dropped(tag):
    text = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    result = body.extract_body(_page(f"<div>{text}</div><{tag}><p>Most read: market hall reopens.</p></{tag}>"), title=TITLE)
    assert "Most read" not in result.body


def _ld(text: str) -> str:
    return f'<script type="application/ld+json">{json.dumps({"@type": "NewsArticle", "articleBody": text})}</script>'


TEASER = f"<p>{PARAGRAPHS[0]} {PARAGRAPHS[1][:40]} ...</p>"


@pytest.mark.parametrize("cut", ["...", "…", " …"])
def test_a_teaser_cut_with_an_ellipsis_yields_to_the_article_body(cut):
    full = "\n".join(PARAGRAPHS * 2)
    teaser = f"<p>{PARAGRAPHS[0]} {PARAGRAPHS[1][:40]}{cut}</p>"
    assert body.extract_body(_page(teaser, _ld(full)), title=TITLE).body == full


def test_html_inside_article_body_becomes_lines():
    full = "".join(f"<p>{p}</p>" for p in PARAGRAPHS * 2)
    assert body.extract_body(_page(TEASER, _ld(full)), title=TITLE).body == "\n".join(PARAGRAPHS * 2)


def test_a_short_visible_text_not_cut_off_keeps_its_own_text():
    full = "\n".join(PARAGRAPHS * 3)
    assert body.extract_body(_page(f"<p>{PARAGRAPHS[0]}</p>", _ld(full)), title=TITLE).body == PARAGRAPHS[0]


def test_an_article_body_of_another_text_is_not_taken():
    other = "\n".join(p.replace("bridge", "tunnel").upper() for p in PARAGRAPHS * 3)
    assert body.extract_body(_page(TEASER, _ld(other)), title=TITLE).body.endswith("...")


def test_a_full_visible_article_keeps_its_own_text():
    text = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    shorter = " ".join(PARAGRAPHS) + " " + PARAGRAPHS[0] + " " + PARAGRAPHS[1]
    assert body.extract_body(_page(text, _ld(shorter)), title=TITLE).body == "\n".join(PARAGRAPHS)


@pytest.mark.parametrize("name", ["PrintThis", "print-area", "printable", "print_content", "printSection"])
def test_the_block_a_print_stylesheet_keeps_is_the_article(name):
    assert not is_negative(_element(f'<div class="d-flex {name}">x</div>'))


@pytest.mark.parametrize("name", ["print", "print-button", "print-tools"])
def test_a_print_button_stays_boilerplate(name):
    assert is_negative(_element(f'<div class="{name}">x</div>'))


CARD = (
    "<div class='teaser'>\n    <img src='/i.jpg'>\n    <h2>\n        <span>Kicker</span>\n"
    "        <a href='/{n}'>Another story number {n} in the valley</a>\n    </h2>\n    <p>{blurb}</p>\n</div>\n"
)


@pytest.mark.parametrize("cards", [1, 2, 3])
def test_each_teaser_card_is_found_once_however_indented(cards):
    html = "<section>" + "".join(CARD.format(n=n, blurb="A short blurb about it.") for n in range(cards)) + "</section>"
    section = _element(html)
    from newsspider.extract.density import text_stats

    found = body._teaser_cards(section, text_stats(section))
    assert len(found) == cards and all(card.get("class") == "teaser" for card in found)


@pytest.mark.parametrize("tag", sorted(PAYWALLED_TEXT_TAGS))
def test_a_text_element_marked_paywall_is_the_hidden_article_text(tag):
    assert not is_negative(_element(f'<{tag} class="paywall">x</{tag}>'))


@pytest.mark.parametrize("names", ["paywall", "paywall-prompt", "paywall subscribe"])
def test_a_paywall_block_stays_boilerplate(names):
    assert is_negative(_element(f'<div class="{names}">x</div>'))


def _live(updates: list[dict]) -> list[dict]:
    return [{"@type": "LiveBlogPosting", "liveBlogUpdate": updates}]


UPDATES = [{"headline": f"Update {n}", "articleBody": f"{PARAGRAPHS[n]}"} for n in range(3)]


def test_live_blog_updates_missing_from_the_page_are_appended():
    text = structured_text("Intro of the live blog.", _live(UPDATES))
    assert text.splitlines() == ["Intro of the live blog.", *[line for u in UPDATES for line in u.values()]]


def test_a_page_showing_some_updates_keeps_its_own_selection():
    shown = "Intro of the live blog.\n" + PARAGRAPHS[0]
    assert structured_text(shown, _live(UPDATES)) == shown


def test_a_single_update_object_and_html_bodies_are_read():
    update = {"headline": "Update", "articleBody": f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>"}
    assert structured_text("", _live(update)).splitlines() == ["Update", PARAGRAPHS[0], PARAGRAPHS[1]]
