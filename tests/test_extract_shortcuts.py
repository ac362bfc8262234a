"""Speed shortcuts in extraction give exactly the answers of the plain forms they replace (kept here as oracles)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from newsspider.extract import (
    body,
    bylinelines,
    credits,
    datecandidates,
    latinbylines,
    metadata,
    mirror,
    noise,
)
from newsspider.extract import page as page_module
from newsspider.extract.dateanchor import body_headline, title_heading
from newsspider.extract.labels import CJK
from newsspider.extract.page import Page
from newsspider.extract.textscan import has_cjk, has_cjk_reference
from newsspider.normalize import dates as dates_module
from newsspider.normalize.dates import _find_date, find_date

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted((ROOT / "fixtures" / "pages").glob("*.html")) + sorted((ROOT / "tests" / "pages").rglob("*.html"))
_CJK_RE = re.compile(f"[{CJK}]")
# The plain forms: one XPath per byline kind, one breadcrumb XPath over every node.
_BYLINE_XPATHS = (
    '//*[@itemprop="author"]',
    '//a[@rel="author"] | //*[@rel="author"]',
    '//*[contains(@class, "byline") or contains(@class, "author") or contains(@class, "autor") or '
    'contains(@class, "auteur") or contains(@id, "author") or contains(@class, "writer") or '
    'contains(@class, "reporter")]',
    '//a[contains(@href, "/author/") or contains(@href, "/autor/") or contains(@href, "/auteur/")]',
)
# Hand-written pages for the cases the page-text tests choose between (processing instruction, 位置 spelled
# as character references, class names in any case).
SNIPPETS = (
    '<div class="BreadCrumb"><a href="/">首页</a> &gt; <a href="/n">新闻</a></div><p>正文</p>',
    '<?php echo 1; ?><div class="crumbs"><a href="/">Home</a> › <a href="/n">News</a></div>',
    "<div><span>&#24403;&#21069;&#20301;&#32622;：</span><a href='/'>首页</a>&gt;<a href='/x'>要闻</a></div>",
    '<div>当前位置：<a href="/">首页</a> &gt; 正文</div><div id="DQWZ">x</div>',
    '<div itemtype="https://schema.org/BreadcrumbList">a / b</div><p class="author byline">By Jane Doe</p>',
    '<p><a rel="author" href="/author/jane">Jane Doe</a></p><span id="post-author">John Roe</span>',
    '<link rel="canonical" href="/c"><meta property="article:tag" content="a"><meta property="article:tag">',
    '<div class="related-posts"><a href="/a">2020-01-02 Other</a></div><div id="sidebar-hot">x</div>',
)


def _pages() -> list:
    """pytest params: every hand-written fixture page and the snippets above, parsed."""
    named = [(path.stem, path.read_bytes()) for path in PAGES]
    named += [(f"snippet{i}", f"<html><body>{s}</body></html>".encode()) for i, s in enumerate(SNIPPETS)]
    pages = [(name, Page.from_bytes(body, "https://example.com/a.html")) for name, body in named]
    return [pytest.param(page, id=name) for name, page in pages if page.tree is not None]


PAGE_LIST = _pages()


def test_pages_found():
    assert len(PAGE_LIST) > 50


@pytest.mark.parametrize("char", [0x33FF, 0x3400, 0x4DBF, 0x4E00, 0x9FFF, 0xA000, 0xF8FF, 0xF900, 0xFAFF, 0xFB00])
def test_has_cjk_at_range_edges(char):
    text = "ascii, é, “quotes” " + chr(char)
    assert has_cjk(text) == bool(_CJK_RE.search(text))


def test_has_cjk_agrees_with_regex_on_every_code_point():
    for code in range(0x80, 0x30000):
        text = "é" + chr(code)
        assert has_cjk(text) == bool(_CJK_RE.search(text)), hex(code)
    assert not has_cjk("plain ascii") and has_cjk("中")


@pytest.mark.parametrize("page", PAGE_LIST)
def test_byline_candidates_keep_each_kind_in_document_order(page):
    candidates = credits._BYLINE_CANDIDATES(page.tree)
    for xpath, test in zip(_BYLINE_XPATHS, credits._BYLINE_TESTS, strict=True):
        assert [node for node in candidates if test(node)] == page.tree.xpath(xpath)


_BYLINE_PREDICATES = etree.XPath(
    "//*[@itemprop='author' or @rel='author' or contains(@class, 'byline') or contains(@class, 'aut')"
    " or contains(@class, 'writer') or contains(@class, 'reporter') or contains(@id, 'author')"
    " or (self::a and contains(@href, '/aut'))]"
)


@pytest.mark.parametrize("page", PAGE_LIST)
def test_byline_candidates_by_attribute_equal_one_predicate_list(page):
    assert credits._BYLINE_CANDIDATES(page.tree) == _BYLINE_PREDICATES(page.tree)


@pytest.mark.parametrize("page", PAGE_LIST)
def test_breadcrumb_candidates_hold_the_full_xpath(page):
    candidates = metadata._breadcrumb_candidates(page)
    assert [node for node in candidates if node in metadata._BREADCRUMB_CANDIDATES(page.tree)] == (
        metadata._BREADCRUMB_CANDIDATES(page.tree)
    )


@pytest.mark.parametrize("page", PAGE_LIST)
def test_breadcrumb_memo_gives_the_plain_test(page):
    def plain(element) -> bool:
        attributes = f"{element.get('class', '')} {element.get('id', '')} {element.get('itemtype', '')}"
        return bool(metadata._BREADCRUMB_ATTR_RE.search(attributes) or "BreadcrumbList" in attributes)

    found = list(metadata._breadcrumb_nodes(page))
    named = [el for el in metadata._BREADCRUMB_CANDIDATES(page.tree) if plain(el)]
    assert [el for el in found if el in named] == named  # memoised or not: the same named elements, in order


@pytest.mark.parametrize("page", PAGE_LIST)
def test_noise_caches_give_the_uncached_answers(page):
    for element in page.tree.iter(etree.Element):
        names = (element.get("class", ""), element.get("id", ""))
        for labelled in (False, True):
            assert noise._noisy_names(*names, labelled) == noise._noisy_names.__wrapped__(*names, labelled)
        assert noise._related_names(*names) == noise._related_names.__wrapped__(*names)


@pytest.mark.parametrize("page", PAGE_LIST)
def test_named_elements_are_the_only_noise_blocks(page):
    everything = [el for el in page.tree.iter() if isinstance(el.tag, str) and noise._is_noise_block(el)]
    assert [el for el in noise._NAMED(page.tree) if noise._is_noise_block(el)] == everything


@pytest.mark.parametrize("page", PAGE_LIST)
def test_tag_walks_find_what_the_xpaths_find(page):
    canonical = page.tree.xpath('//link[@rel="canonical"][@href]')
    assert metadata.extract_canonical(page) == (page.absolute(canonical[0].get("href")) if canonical else None)
    tags = [node.get("content") for node in page.tree.xpath('//meta[@property="article:tag"][@content]')]
    walked = [n.get("content") for n in page.tree.iter("meta") if n.get("property") == "article:tag"]
    assert [value for value in walked if value is not None] == tags


@pytest.mark.parametrize(
    "text",
    ["2020年2月29日 12:20", "29.02.2020, 14:30 Uhr", "02/29/2020", "Feb. 29, 2020 3:05 pm EST", "2月29日 12:20",
     "no date", "发布时间：2024-05-20 08:15 来源：某报", "09:41, 12 MAR 2024", "29 de febrero de 2020"],
)  # fmt: skip
def test_find_date_cache_gives_the_uncached_match(text):
    for yearless in (False, True):
        cached, again = find_date(text, yearless=yearless), find_date(text, yearless=yearless)
        plain = _find_date.__wrapped__(text, yearless, 0)
        spans = [(m.span(), m.groupdict()) if m else None for m in (cached, again, plain)]
        assert spans[0] == spans[1] == spans[2]
        later = find_date(text, yearless=yearless, pos=3), _find_date.__wrapped__(text, yearless, 3)
        assert [(m.span(), m.groupdict()) if m else None for m in later] == [
            (m.span(), m.groupdict()) if m else None for m in reversed(later)
        ]


def test_origin_patterns_are_all_chinese():
    """find_origin skips a page without CJK characters or character references: every pattern needs Chinese.
    A pattern added here that could match Latin text must also change that skip."""
    assert {pattern.name for pattern in mirror.ORIGIN_PATTERNS} == {
        "original_link", "reposted_from", "source_with_url", "outlet_and_url",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("html", "url"),
    [
        ("<p>&#36716;&#33258; http://news.example.cn/a/1.html</p>", "http://news.example.cn/a/1.html"),
        ("<p>Source: http://news.example.com/a/1.html</p>", None),
        ("<p>转自 http://news.example.cn/b/2.html</p>", "http://news.example.cn/b/2.html"),
    ],
)
def test_origin_on_pages_with_and_without_chinese(html, url):
    page = Page.from_bytes(f"<html><body>{html}</body></html>".encode(), "https://example.com/")
    found = mirror.find_origin(page)
    assert (found.url if found else None) == url


@pytest.mark.parametrize(
    "html",
    [
        "<h1>Title</h1><p>Some text of the article. Posted 2021-03-04 on the site.</p>",
        "<h1>Title</h1><div class='related'><a href='/x'>2020-01-01 Other</a></div><p>Text 2021-03-04.</p>",
    ],
)
def test_fallback_date_search_leaves_the_page_tree_alone(html):
    """Without noise blocks htmldate reads the page's own tree: it must not change it (it copies before pruning)."""
    page = Page.from_bytes(f"<html><body>{html}</body></html>".encode(), "https://example.com/")
    before = etree.tostring(page.tree)
    found = datecandidates.fallback(page)
    assert etree.tostring(page.tree) == before
    assert found == "2021-03-04"
    assert (noise.without_noise(page.tree) is page.tree) == ("related" not in html)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("&#20301;&#32622;", True), ("a &#x4f4d; b", True), ("&#X4F4D", True), ("&#13312;", True), ("&#13311;", False),
     ("&#63744;", True), ("&#65279;", False), ("&#39; &amp; &#x27;", False), ("&#0020301;", True), ("&#x", False),
     ("&#99999999999;", False), ("no reference", False)],
)  # fmt: skip
def test_cjk_character_references(text, expected):
    assert has_cjk_reference(text) is expected
    parsed = Page.from_bytes(f"<html><body><p>{text}</p></body></html>".encode(), "https://example.com/")
    assert has_cjk(parsed.tree.findtext(".//p") or "") is expected  # what the parser makes of it


@pytest.mark.parametrize(
    "text",
    ["By Jane Doe", "<p>By Jane</p>", "x by y", "Devon Smith", "Text: A, Fotos: B", "Text : A", "<b>di Mario</b>",
     "Nearby", "written  by X", "by", "By\u00a0Jane", "\nvon Peter", "Photo:B", "", "Abby Avon Door"],
)  # fmt: skip
def test_byline_hint_split_agrees_with_the_regex(text):
    assert bylinelines.has_hint(text) == bool(bylinelines._HINT_RE.search(text))


@pytest.mark.parametrize("page", PAGE_LIST)
def test_byline_hint_split_agrees_on_pages(page):
    assert bylinelines.has_hint(page.text) == bool(bylinelines._HINT_RE.search(page.text))


_HINT_SAMPLES = [f" {word} X" for word in latinbylines.BYLINE_WORDS + latinbylines.BYLINE_WORDS_LOWER]
_HINT_SAMPLES += [f">{word[0].upper()}{word[1:]}\tX" for word in latinbylines.BYLINE_WORDS]
_HINT_SAMPLES += [f"\n{label} : X" for label, _role in latinbylines.ROLE_LABELS]


@pytest.mark.parametrize("text", _HINT_SAMPLES)
def test_byline_hint_first_letter_guard_lets_every_word_through(text):
    assert bylinelines.has_hint(text) is True
    assert bylinelines.has_hint(text) == bool(bylinelines._HINT_RE.search(text))


@pytest.mark.parametrize("page", PAGE_LIST)
def test_shared_headline_is_the_plain_search(page):
    body = page.tree.find("body")
    elements = list((body if body is not None else page.tree).iter(etree.Element))
    assert page.shared(body_headline) == (elements, *title_heading(page, elements))
    assert page.shared(body_headline)[0] is page.shared(body_headline)[0]  # computed once


def _unguarded(pattern: re.Pattern) -> re.Pattern:
    plain = pattern.pattern.replace(dates_module._MONTH_AHEAD, "").replace(dates_module._DAY_AHEAD, "")
    return re.compile(plain, pattern.flags)


_MONTH_SAMPLES = [
    f"{prefix}{day}{sep}{name}{after}2024 10:05"
    for name in ("März", "MAY", "Sept.", "şubat", "août", "ſeptember", "\u212aasim", "Dic", "OCTOBER", "mart")
    for prefix in ("", "x ", "v3 ", "on ")
    for day, sep, after in (("12", " ", " "), ("1st", " of ", ", "), ("05", ". ", " de "), ("31", "", " "), ("3", " ", " "),
                            ("7", "th ", " "), ("9", " de ", " de "))
] + [f"{name} {day}, 2023" for name in ("Feb.", "feb", "JULY", "Ağustos", "sept") for day in ("3", "29th", "x")]


@pytest.mark.parametrize("index", [3, 5])
def test_month_name_lookaheads_find_what_the_plain_patterns_find(index):
    guarded = dates_module.FORMATS[index].pattern
    plain = _unguarded(guarded)
    assert plain.pattern != guarded.pattern
    texts = list(_MONTH_SAMPLES)
    for param in PAGE_LIST:
        texts += [text for text in param.values[0].tree.itertext() if text.strip()]
    found = 0
    for text in texts:
        for pos in (0, 3):
            a, b = guarded.search(text, pos), plain.search(text, pos)
            assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict())), text
            found += a is not None
    assert found > 20  # the samples do hold such dates


_PARSE_SNIPPETS = (
    '<html><head><meta charset="gbk"></head><body><p>中文 é 😀 \x00 a\r\nb &#20301; &nbsp;</p></body></html>',
    '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>Grüße ½ \u2028 \ufeff x</p>',
    "<p>\x01\x0b control characters \ufffe \U0010ffff end</p>",
    "   <!doctype html><title>t</title><p>plain ascii</p>",
)


@pytest.mark.parametrize(
    "page", PAGE_LIST + [Page.from_bytes(s.encode("utf-8"), "https://example.com/") for s in _PARSE_SNIPPETS]
)
def test_tree_parsed_from_utf8_is_the_tree_parsed_from_the_text(page):
    page = page.values[0] if hasattr(page, "values") else page
    assert page.utf8 is not None
    plain = lxml.html.document_fromstring(page.text, parser=page_module._PARSER)
    assert etree.tostring(page.tree) == etree.tostring(plain)
    assert page.has_cjk == bool(_CJK_RE.search(page.text))


def test_text_with_a_lone_surrogate_is_parsed_as_text():
    page = Page("https://example.com/", replace(Page.from_bytes(b"<p>x</p>", "https://example.com/").decoded,
                                                text="<html><body><p>a\ud800b 中</p></body></html>"))
    assert page.utf8 is None
    assert page.tree is not None and page.has_cjk


# The date markup XPath before it walked attributes (a union member that a wider one already held included).
_MARKUP_PLAIN = etree.XPath(
    '//*[@itemprop="datePublished"] | //time[@datetime][contains(@class, "publish") or @pubdate] | '
    '//abbr[contains(@class, "published")][@title] | //time[@datetime]'
)
_MARKUP_SNIPPET = (
    '<div itemprop="datePublished" content="2020-01-02"><time datetime="2020-01-03" class="published">x</time>'
    '<abbr class="published" title="2020-01-04">y</abbr><span itemprop="datePublished">2020-01-05</span></div>'
    '<time datetime="2020-01-06" pubdate>z</time><abbr class="published">no title</abbr><time>no datetime</time>'
)


@pytest.mark.parametrize(
    "page", PAGE_LIST + [Page.from_bytes(f"<html><body>{_MARKUP_SNIPPET}</body></html>".encode(), "https://e.com/")]
)
def test_date_markup_xpath_finds_what_the_plain_union_finds(page):
    assert datecandidates._MARKUP(page.tree) == _MARKUP_PLAIN(page.tree)
    assert len(_MARKUP_PLAIN(page.tree)) >= 5 or page.url != "https://e.com/"


_STYLED_PLAIN = etree.XPath("descendant-or-self::*[@style or @hidden]")


@pytest.mark.parametrize(
    "page",
    PAGE_LIST
    + [Page.from_bytes(b'<div style="a" hidden><p hidden>x</p><p style="">y</p><p>z</p></div>', "https://e.com/")],
)
def test_styled_elements_by_attribute_equal_the_predicate(page):
    assert body._STYLED(page.tree) == _STYLED_PLAIN(page.tree)
