"""One test per entry of the date rule tables (daterules.py): labels, trailing labels, class hints, noise words."""

from __future__ import annotations

import lxml.html
import pytest

from newsspider.extract import daterules, labels
from newsspider.extract.datecandidates import collect
from newsspider.extract.datescan import _class_label, _label, _trailing_label
from newsspider.extract.noise import in_noise
from newsspider.extract.page import Page


@pytest.mark.parametrize("word", daterules.PUBLISHED_LABELS)
def test_every_published_label_names_the_date_after_it(word):
    assert _label(f"{word}: ") == "published"


@pytest.mark.parametrize("word", daterules.UPDATED_LABELS)
def test_every_updated_label_names_the_date_after_it(word):
    assert _label(f"{word}: ") == "updated"


@pytest.mark.parametrize("word", daterules.TRAILING_PUBLISHED)
def test_every_trailing_published_label(word):
    assert _trailing_label(f" {word}") == "published"


@pytest.mark.parametrize("word", daterules.TRAILING_UPDATED)
def test_every_trailing_updated_label(word):
    assert _trailing_label(f"{word}") == "updated"


CREDIT_LABELS = [
    variant
    for label in labels.LABELS
    if label.role in daterules.CREDIT_ON_LINE_ROLES
    for variant in labels.variants(label.text)
]


@pytest.mark.parametrize("word", CREDIT_LABELS)
def test_a_credit_label_on_the_line_makes_it_the_date_line(word):
    assert _trailing_label(f"更新 {word}：某某") == "published"


@pytest.mark.parametrize(
    "label", [label for label in labels.LABELS if label.role not in daterules.CREDIT_ON_LINE_ROLES]
)
def test_other_labels_on_the_line_leave_the_update_label(label):
    assert _trailing_label(f"更新 {label.text}：某某") == "updated"


def test_a_one_character_credit_label_inside_a_word_is_no_label():
    assert _trailing_label("更新 全文：某某") == "updated"


@pytest.mark.parametrize("word", daterules.CLASS_UPDATED)
def test_every_updated_class(word):
    assert _class_label(lxml.html.fragment_fromstring(f'<span class="{word}">x</span>')) == "updated"


@pytest.mark.parametrize("word", daterules.CLASS_PUBLISHED)
def test_every_published_class(word):
    assert _class_label(lxml.html.fragment_fromstring(f'<span class="entry-{word}">x</span>')) == "published"


def _node_in(attribute: str, tag: str = "div"):
    html = f"<html><body><{tag} {attribute}><p><span id='d'>2024-03-12</span></p></{tag}></body></html>"
    return lxml.html.document_fromstring(html).get_element_by_id("d")


@pytest.mark.parametrize("word", daterules.NOISE_WORDS + daterules.NOISE_WORD_STARTS)
def test_every_noise_word_marks_a_block(word):
    assert in_noise(_node_in(f'class="x-{word}-box"' if word not in daterules.NOISE_WORD_STARTS else f'class="{word}-box"'))


@pytest.mark.parametrize("word", daterules.NOISE_WORD_STARTS)
def test_a_word_start_inside_another_word_is_no_noise(word):
    assert not in_noise(_node_in(f'class="xx{word}"'))


@pytest.mark.parametrize("tag", daterules.NOISE_TAGS)
def test_every_noise_tag(tag):
    assert in_noise(_node_in("", tag))


@pytest.mark.parametrize("prefix", daterules.TAXONOMY_PREFIXES)
def test_a_taxonomy_token_is_no_noise(prefix):
    assert not in_noise(_node_in(f'class="{prefix}-latest"'))


@pytest.mark.parametrize("word", daterules.META_ASIDE_WORDS)
def test_an_aside_holding_the_article_meta_is_no_noise(word):
    assert not in_noise(_node_in(f'class="{word}"', "aside"))


def _page(head: str) -> Page:
    return Page.from_bytes(f"<html><head>{head}</head><body><p>x</p></body></html>".encode(), "https://e.org/a")


@pytest.mark.parametrize("key", daterules.META_PUBLISHED)
def test_every_published_meta_key(key):
    assert collect(_page(f'<meta name="{key}" content="2024-03-12T08:00:00+01:00">')).structured == "2024-03-12T08:00:00+01:00"


@pytest.mark.parametrize("key", daterules.META_UPDATED)
def test_every_updated_meta_key(key):
    assert collect(_page(f'<meta name="{key}" content="2024-03-12">')).structured_updated == "2024-03-12"


@pytest.mark.parametrize("tag", daterules.NOISE_TAGS)
def test_a_noise_tag_holding_the_headline_is_the_header_for_the_date_scan_only(tag):
    html = f"<html><body><{tag}><h1>Headline of the article</h1><span id='d'>2024-03-12</span></{tag}></body></html>"
    node = lxml.html.document_fromstring(html).get_element_by_id("d")
    assert not in_noise(node, headline_layout=True)
    assert in_noise(node)


@pytest.mark.parametrize(
    "text", ["full list of dates for ", "the candidates on ", "outdated since ", "in the database ", "Datasets "]
)
def test_a_latin_label_is_a_whole_word_not_part_of_one(text):
    assert _label(text) == ""
