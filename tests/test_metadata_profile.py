"""Profile CSS selectors win over the generic rules for every metadata field they name."""

from __future__ import annotations

from pathlib import Path

from newsspider.chain import normalize_dates, normalize_people, normalize_source
from newsspider.extract import dates, metadata
from newsspider.extract.article import extract_raw
from newsspider.extract.page import Page
from newsspider.items import Article, ChainContext
from newsspider.sites.profile import Selectors, SiteProfile

PAGE = Path(__file__).parent / "pages" / "meta" / "profile_selectors.html"
PROFILE = SiteProfile(
    id="meta_demo",
    name="示例门户",
    domains=("www.example.cn",),
    start_urls=("http://www.example.cn/",),
    article_url=r"/a/\d+\.html",
    selectors=Selectors(
        title=".art-title",
        published_at=".art-meta .pub",
        authors=".art-meta .who",
        editors=".art-meta .ed",
        source=".art-meta .from",
        section=".nav-path",
    ),
    timezone="Asia/Tokyo",
)


def load() -> Page:
    return Page.from_bytes(PAGE.read_bytes(), "http://www.example.cn/a/1.html")


def test_without_profile_the_generic_rules_apply():
    page = load()
    assert dates.extract_dates(page).published_raw == "2019-01-01T00:00:00+08:00"
    assert metadata.extract_title(page) == "站点首页"


def test_selectors_override_generic_rules_through_the_chain():
    raw = extract_raw(load(), PROFILE)
    item = Article(raw.fields, context=ChainContext(PROFILE.timezone, PROFILE.name, **raw.side))
    item["fetched_at"] = "2020-03-01T00:00:00+00:00"
    item = normalize_source(normalize_people(normalize_dates(item)))
    assert item["title"] == "社区食堂开进老旧小区"
    assert item["published_at_raw"] == "2020年02月29日 12时20分"
    assert item["published_at"] == "2020-02-29T12:20:00+09:00"  # naive: the profile's zone
    assert item["authors"] == ["李小龙", "王大锤"]
    assert item["editors"] == ["赵钱孙"]
    assert item["source"] == "示例晚报"
    assert item["section"] == "本地 > 民生"
