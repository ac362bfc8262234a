"""More speed shortcuts of the extraction, each checked against the plain form it replaces (kept here as oracle)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from itemadapter import ItemAdapter
from lxml import etree

from newsspider import ArticleRejected, chain
from newsspider.extract import bylinelines, creditlines, dateanchor, datescan, density, metadata
from newsspider.extract import page as page_module
from newsspider.extract.dateanchor import body_headline, document_elements
from newsspider.extract.noise import in_noise
from newsspider.extract.page import Page
from newsspider.normalize.text import SPACES, clean_inline
from tests.test_extract_shortcuts import PAGE_LIST, PAGES


def _plain_breadcrumb_nodes(page: Page) -> list:
    """The breadcrumb search as first written: the full candidate XPath, the regex on every element."""
    found = []
    for element in metadata._BREADCRUMB_CANDIDATES(page.tree):
        attributes = f"{element.get('class', '')} {element.get('id', '')} {element.get('itemtype', '')}"
        if metadata._BREADCRUMB_ATTR_RE.search(attributes) or "BreadcrumbList" in attributes:
            found.append(element)
        elif element.text and "位置" in element.text and metadata._POSITION_LABEL_RE.match(element.text):
            holds_links = element.find(".//a") is not None
            if holds_links or element.getparent() is None or metadata._CRUMB_SEP_RE.search(element.text):
                found.append(element)
            else:
                found.append(element.getparent())
    return found


@pytest.mark.parametrize("page", PAGE_LIST)
def test_breadcrumb_nodes_are_the_plain_search(page):
    assert list(metadata._breadcrumb_nodes(page)) == _plain_breadcrumb_nodes(page)


@pytest.mark.parametrize("page", PAGE_LIST)
def test_document_elements_are_every_element_in_order(page):
    assert document_elements(page) == list(page.tree.iter(etree.Element))


_NAME_SAMPLES = (
    "BreadCrumb", "x PATH y", "paths", "path", "a\u3000path\u3000b", "mypath", "we\u0130zhi", "we\u0131zhi",
    "DaoHang", "MIANBAO", "dqWz", "nav main", "", "  ", "https://schema.org/BreadcrumbList", "\u212aey",
)  # fmt: skip


@pytest.mark.parametrize("text", _NAME_SAMPLES)
def test_breadcrumb_word_test_is_the_regex(text):
    plain = bool(metadata._BREADCRUMB_ATTR_RE.search(text) or "BreadcrumbList" in text)
    assert metadata._names_breadcrumb(text) == plain


@pytest.mark.parametrize("page", PAGE_LIST)
def test_date_hint_from_the_first_digit_is_the_regex(page):
    for element in page.tree.iter(etree.Element):
        for text in (element.text, element.tail):
            if text:
                assert datescan._has_hint(text) == bool(datescan._HINT.search(text))


@pytest.mark.parametrize("text", ["x 2024", "3 月", "03-16 09:30", "no digit", "１９９９年", "12", "x1950y", "2049"])
def test_date_hint_samples(text):
    assert datescan._has_hint(text) == bool(datescan._HINT.search(text))


def _plain_byline_line(page: Page) -> creditlines.LineCredits:
    """The byline line as first written: the page-wide hint tested first."""
    if page.tree is None or not bylinelines.has_hint(page.text):
        return creditlines.LineCredits()
    elements, index, _confirmed = page.shared(body_headline)
    if index is None:
        return creditlines.LineCredits()
    for element in elements[index + 1 : index + 1 + bylinelines._AFTER_TITLE]:
        if element.tag in bylinelines._SKIP:
            continue
        text = " ".join(element.text_content().split())
        if not text or len(text) > bylinelines._MAX_LINE:
            continue
        found = creditlines.parse_latin_byline(text)
        if found and not in_noise(element):
            return found
    return creditlines.LineCredits()


@pytest.mark.parametrize("page", PAGE_LIST)
def test_byline_line_is_the_hint_first_form(page):
    assert bylinelines.byline_line(page) == _plain_byline_line(page)


def test_byline_line_without_hint_on_the_page():
    html = "<html><body><h1>Ein Titel hier</h1><p>Jana Roth</p><p>Text: Jana Roth</p></body></html>"
    page = Page.from_bytes(html.encode(), "https://example.com/a")
    assert bylinelines.byline_line(page) == _plain_byline_line(page)


def _plain_text_stats(root) -> dict:
    """text_stats as first written, with the plain weight formula."""
    def measure(text):
        if not text:
            return 0, 0
        size = (len(text) + len(text.encode("utf-8", "ignore"))) // 2
        return size, (0 if text.isspace() else len(density.PUNCT_RE.findall(text)))

    stats: dict = {}
    for el in reversed(list(root.iter(etree.Element))):
        text, punct = measure(el.text)
        link = para = 0
        for child in el:
            size, marks = measure(child.tail)
            text, punct = text + size, punct + marks
            sub = stats.get(child)
            if sub is not None:
                text, punct, link, para = text + sub.text, punct + sub.punct, link + sub.link, para + sub.para
        if el.tag == "a":
            link = text
        elif text - link >= density.MIN_PARAGRAPH and density._is_paragraph(el):
            para = max(para, text - link)
        stats[el] = density.Stats(text, link, punct, para)
    return stats


@pytest.mark.parametrize("page", PAGE_LIST)
def test_text_stats_are_the_plain_sums(page):
    assert density.text_stats(page.tree) == _plain_text_stats(page.tree)


@pytest.mark.parametrize("text", ["", "abc", "中文", "é", "a\ud800b", " \n", "mixed 中 text"])
def test_weight_is_the_plain_formula(text):
    assert density.weight(text) == ((len(text) + len(text.encode("utf-8", "ignore"))) // 2 if text else 0)


def _shape(value):
    if isinstance(value, dict):
        return ("dict", tuple((key, _shape(entry)) for key, entry in value.items()))
    if isinstance(value, (list, tuple, set)):
        return (type(value), tuple(_shape(entry) for entry in value))
    return (type(value), value)


@pytest.mark.parametrize("path", PAGES[:40], ids=lambda path: path.stem)
def test_article_dict_is_itemadapters(path):
    page = Page.from_bytes(path.read_bytes(), "https://example.com/news/2024/a.html")
    try:
        item = chain.run_steps(chain.start_item(page))
    except ArticleRejected:
        return
    assert _shape(chain.as_dict(item)) == _shape(ItemAdapter(item).asdict())


def test_article_dict_converts_other_values_as_itemadapter():
    item = chain.Article({"url": "https://example.com/a", "tags": ("a", "b"), "images": [{"url": "u"}]})
    assert _shape(chain.as_dict(item)) == _shape(ItemAdapter(item).asdict())


_FETCHED = datetime(2026, 11, 30, tzinfo=UTC)


@pytest.mark.parametrize("path", PAGES[:40], ids=lambda path: path.stem)
def test_tree_handed_to_the_body_gives_the_same_item(path):
    def item(last_use: bool):
        page = Page.from_bytes(path.read_bytes(), "https://example.com/news/2024/a.html")
        found = chain.start_item(page, fetched_at=_FETCHED, last_use=last_use)
        return dict(found), found.context

    assert item(True) == item(False)


def test_working_tree_for_the_last_reader_is_the_tree_itself():
    page = Page.from_bytes(b"<html><body><h1>T</h1><p>One.</p></body></html>", "https://example.com/a")
    tree = page.tree
    assert page.working_tree() is not tree
    assert page.working_tree(last_use=True) is tree
    assert page.tree is not tree and etree.tostring(page.tree) == etree.tostring(tree)  # parsed anew


def test_extract_article_parses_each_page_once(monkeypatch):
    calls = []
    parse = page_module.lxml.html.document_fromstring
    monkeypatch.setattr(page_module.lxml.html, "document_fromstring", lambda *a, **k: calls.append(1) or parse(*a, **k))
    for path in PAGES[:20]:
        calls.clear()
        try:
            chain.extract_article(path.read_bytes(), "https://example.com/news/2024/a.html")
        except ArticleRejected:
            pass
        assert len(calls) <= 1, path.stem


@pytest.mark.parametrize("page", PAGE_LIST)
def test_headings_by_tag_are_the_plain_scan(page):
    elements = page.shared(body_headline)[0]
    plain = [(index, el) for index, el in enumerate(elements) if el.tag in ("h1", "h2", "h3")]
    assert dateanchor._headings(elements) == plain


@pytest.mark.parametrize("space", SPACES)
def test_clean_inline_collapses_every_listed_space(space):
    assert clean_inline(f" a{space}{space}b\n{space}c{space}") == "a b c"
