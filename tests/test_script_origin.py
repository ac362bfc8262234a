"""Traditional/simplified decisions, mirror signatures, traditional-outlet markers and origin patterns."""

from __future__ import annotations

import pytest

from newsspider import chainrepair
from newsspider.extract import mirror
from newsspider.extract.page import Page
from newsspider.items import Article, ChainContext
from newsspider.normalize import script
from newsspider.sites.profile import SiteProfile

MIRROR_TEXT = "海口網(wǎng)2月29日消息，在新聞發(fā)布會上回應(yīng)社會關切"
SIGNATURE_CASES = {
    "pinyin_glosses": (MIRROR_TEXT, ()),
    "declared_simplified": ("在五指山市、臨高縣脫貧摘帽新聞發布會上，省扶貧辦主任回應社會關切", ("zh-CN",)),
}


def test_every_mirror_signature_has_a_case():
    assert {signature.name for signature in script.MIRROR_SIGNATURES} == set(SIGNATURE_CASES)


@pytest.mark.parametrize("name", sorted(SIGNATURE_CASES))
def test_mirror_signature(name):
    text, tags = SIGNATURE_CASES[name]
    assert name in script.mirror_signatures(text, tags)
    assert script.should_simplify(text, "http://mirror.test/a.html", tags)


def test_plain_traditional_text_without_signature_is_left_alone():
    text = "在五指山市、臨高縣脫貧摘帽新聞發布會上"
    assert script.mirror_signatures(text) == []
    assert not script.should_simplify(text, "http://example.test/a.html")


@pytest.mark.parametrize(
    ("url", "tags"),
    [*[(f"http://news.example{suffix}/a.html", ()) for suffix in script.TRADITIONAL_HOST_SUFFIXES],
     *[("http://news.example.test/a.html", (tag,)) for tag in script.TRADITIONAL_LANGUAGE_TAGS],
     ("http://news.example.com.hk/a.html", ()), ("http://news.example.test/a.html", ("zh_TW",)),
     ("http://news.example.test/a.html", ("zh-Hant-HK",))],
)  # fmt: skip
def test_traditional_outlets_are_never_converted(url, tags):
    assert script.is_traditional_outlet(url, tags)
    assert not script.should_simplify(MIRROR_TEXT, url, tags)
    assert not script.should_simplify(MIRROR_TEXT, url, tags, script="simplified")


def test_a_traditional_profile_is_never_converted():
    assert not script.should_simplify(MIRROR_TEXT, "http://news.example.test/a.html", (), "traditional")


def test_a_simplified_profile_converts_without_signature():
    text = "在五指山市、臨高縣脫貧摘帽新聞發布會上"
    assert script.should_simplify(text, "http://news.example.test/a.html", (), "simplified")


def test_to_simplified_is_phrase_level():
    assert script.to_simplified("乾隆年間頭髮乾燥，後來發展") == ("乾隆年间头发干燥，后来发展", 7)
    assert script.to_simplified("GDP 2020") == ("GDP 2020", 0)


def test_profile_rejects_unknown_script():
    with pytest.raises(Exception, match="script"):
        SiteProfile(id="x_site", name="X", domains=("x.test",), start_urls=("http://x.test/",),
                    article_url="/a/", script="hant")  # fmt: skip


def _page(body: str, url: str = "http://www.mirror.test/a/1.html") -> Page:
    html = f"<html><body><h1>标题</h1>{body}</body></html>"
    return Page.from_bytes(html.encode(), url, {"Content-Type": "text/html; charset=utf-8"})


ORIGIN = "http://www.hkwb.net/news/content/2020-02/29/content_3812345.htm"
ORIGIN_CASES = {
    "original_link": (f"<p>原文鏈接：{ORIGIN}</p>", None),
    "reposted_from": (f"<p>转自：海口网 {ORIGIN}</p>", "海口网"),
    "source_with_url": (f"<div>来源：海口网 {ORIGIN}</div>", "海口网"),
    "outlet_and_url": (f"<div>海口網(wǎng) {ORIGIN} 時間:2020-02-29 12:20</div>", "海口網"),
}


def test_every_origin_pattern_has_a_case():
    assert {pattern.name for pattern in mirror.ORIGIN_PATTERNS} == set(ORIGIN_CASES)


@pytest.mark.parametrize("name", sorted(ORIGIN_CASES))
def test_origin_pattern(name):
    body, outlet = ORIGIN_CASES[name]
    assert mirror.find_origin(_page(body)) == mirror.Origin(outlet, ORIGIN)


def test_origin_link_by_anchor_text():
    page = _page(f'<p>正文内容</p><a href="{ORIGIN}">[阅读原文]</a>')
    assert mirror.find_origin(page) == mirror.Origin(None, ORIGIN)


@pytest.mark.parametrize("label", ["[阅读原文]", "[阅读&#21407;&#25991;]", "[阅读&#x539F;&#x6587;]"])
def test_origin_link_text_written_as_character_references(label):
    page = _page(f'<p>正文内容</p><a href="{ORIGIN}">{label}</a>')  # no 原文 in the decoded text
    assert mirror.find_origin(page) == mirror.Origin(None, ORIGIN)


def test_no_origin_in_plain_page():
    assert mirror.find_origin(_page("<p>海口网2月29日消息(记者卢海浪)</p><a href='/b.html'>下一篇</a>")) is None


def _origin_item(origin, *, domains=(), site_name=None, **overrides) -> Article:
    item = Article({"url": "http://www.mirror.test/a/1.html", "source": None},
                   context=ChainContext(origin=origin, domains=domains, site_name=site_name))  # fmt: skip
    item.update(overrides)
    return chainrepair.normalize_origin(item)


def test_origin_url_and_source_from_origin():
    item = _origin_item(("海口网", ORIGIN))
    assert (item["origin_url"], item["source"]) == (ORIGIN, "海口网")


@pytest.mark.parametrize(
    "overrides",
    [{"url": "http://www.hkwb.net/other.htm"}, {"domains": ("hkwb.net",)}, {"site_name": "海口网"}],
)
def test_a_site_naming_itself_has_no_origin(overrides):
    assert _origin_item(("海口网", ORIGIN), **overrides)["origin_url"] is None


def test_unmirror_converts_the_whole_page():
    page = _page("<p>[來源:海口網(wǎng)] [作者:盧海浪]</p><p>" + MIRROR_TEXT + "</p>")
    fixed, repairs = mirror.unmirror(page)
    assert "[来源:海口网] [作者:卢海浪]" in fixed.text
    assert set(repairs) == {"pinyin_glosses", "traditional_to_simplified"}
    assert repairs["pinyin_glosses"] == 4


def test_unmirror_leaves_traditional_outlets_alone():
    page = _page("<p>" + MIRROR_TEXT + "</p>", url="https://news.example.com.hk/a.html")
    assert mirror.unmirror(page) == (page, {})


def _profile(script_name: str) -> SiteProfile:
    return SiteProfile(id="x_site", name="X", domains=("www.mirror.test",), start_urls=("http://www.mirror.test/",),
                       article_url="/a/", script=script_name)  # fmt: skip


def test_unmirror_for_a_simplified_profile_converts_traditional_pages_only():
    traditional = _page("<p>在五指山市、臨高縣脫貧摘帽新聞發布會上，省扶貧辦主任回應社會關切</p>")
    fixed, repairs = mirror.unmirror(traditional, _profile("simplified"))
    assert "临高县脱贫摘帽新闻发布会" in fixed.text
    assert set(repairs) == {"traditional_to_simplified"}
    simplified = _page("<p>在五指山市、临高县脱贫摘帽新闻发布会上，省扶贫办主任回应社會关切</p>")
    assert mirror.unmirror(simplified, _profile("simplified")) == (simplified, {})
    assert mirror.unmirror(traditional, _profile("traditional")) == (traditional, {})
