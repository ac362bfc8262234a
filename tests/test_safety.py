"""Safety: only http(s) on allowed hosts, sane URL and field lengths, output paths never from page content."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from scrapy import Request, Spider
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.test import get_crawler

from newsspider import chain
from newsspider.exceptions import ArticleRejected, ProfileError
from newsspider.items import Article
from newsspider.middlewares.safety import SafetyMiddleware
from newsspider.sites.profile import SiteProfile
from newsspider.spiders.news import NewsSpider
from newsspider_testing import faultpages
from newsspider_testing.faultcrawl import run_crawl
from newsspider_testing.faultserver import FaultServer

PACKAGE = Path(__file__).resolve().parents[1] / "newsspider"


def _middleware(allowed: list[str]) -> SafetyMiddleware:
    crawler = get_crawler(Spider)
    crawler.spider = Spider(name="t", allowed_domains=allowed)
    return SafetyMiddleware.from_crawler(crawler)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "bad_scheme"),
        ("ftp://a.fault.test/x", "bad_scheme"),
        ("data:text/html,<p>x</p>", "bad_scheme"),
        ("http://evil.fault.test/x", "offsite"),
        ("http://a.fault.test.evil.test/x", "offsite"),
        ("http://a.fault.test/" + "x" * 2100, "url_too_long"),
    ],
)
def test_safety_middleware_refuses(url, reason):
    middleware = _middleware(["a.fault.test"])
    with pytest.raises(IgnoreRequest, match=reason):
        middleware.process_request(Request(url, dont_filter=True))  # dont_filter must not bypass it
    assert middleware.stats.get_value(f"newsspider/safety/{reason}") == 1


@pytest.mark.parametrize(
    "url", ["http://a.fault.test/x", "https://www.a.fault.test/x", "http://A.Fault.Test/x"]
)
def test_safety_middleware_allows_the_site_and_subdomains(url):
    assert _middleware(["a.fault.test"]).process_request(Request(url)) is None


@pytest.mark.slow
def test_crawl_never_follows_unsafe_links(tmp_path):
    """The listing links file:, ftp:, javascript:, data:, an offsite host and a 2,100-char URL."""
    with FaultServer() as server:
        result = run_crawl(["http://a.fault.test/list/2/index.html"], tmp_path, server.proxy)
        hits = list(server.state.hits)
    assert result.returncode == 0
    assert len(result.items) == 2
    assert {hit.host for hit in hits} == {"a.fault.test"}
    assert all(len(hit.path) < 200 for hit in hits)
    assert sorted(hit.path for hit in hits) == sorted(
        ["/robots.txt", "/list/2/index.html", "/ok/content_1001.htm", "/ok/content_1002.htm"]
    )
    assert result.stat("offsite/filtered") >= 1 or result.stat("newsspider/safety/offsite") >= 1


@pytest.mark.parametrize("site_id", ["../evil", "a/b", "Evil", "x", "a" * 49, "1abc", "a.b", "a b", ""])
def test_site_ids_that_could_escape_the_output_folder_are_refused(site_id):
    with pytest.raises(ProfileError):
        SiteProfile(
            id=site_id, name="x", domains=("a.test",), start_urls=("http://a.test/",), article_url="x"
        )


@pytest.mark.parametrize("url", ["http://../x", "http://a%2fb/x", "http://a..b/x", "file:///etc/passwd"])
def test_generic_mode_refuses_hosts_that_are_not_plain_names(url):
    with pytest.raises(ProfileError):
        NewsSpider(start_url=url)


def test_generic_mode_output_folder_is_the_host():
    assert NewsSpider(start_url="http://News.Example.COM/list/").site == "news.example.com"


def test_profiles_are_frozen_data():
    profile = SiteProfile(
        id="abc", name="x", domains=("a.test",), start_urls=("http://a.test/",), article_url="x"
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        profile.id = "../evil"  # type: ignore[misc]


def test_no_code_is_ever_evaluated_from_data():
    pattern = re.compile(r"\b(?:eval|exec)\(|pickle\.loads?\(|yaml\.(?:unsafe_)?load\(|__import__\(")
    offenders = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in PACKAGE.rglob("*.py")
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []


def _item(**fields) -> Article:
    item = {"url": "http://a.fault.test/ok/content_1.htm", "title": faultpages.TITLE, "body": faultpages.BODY}
    return Article(item | fields)


@pytest.mark.parametrize(
    "fields",
    [{"title": "长" * 501}, {"url": "http://a.fault.test/" + "x" * 2100}, {"description": "x" * 5001},
     {"body": "正文" * 500_001}, {"source": "x" * 201}],
)  # fmt: skip
def test_over_long_fields_are_rejected(fields):
    with pytest.raises(ArticleRejected, match="field_too_long"):
        chain.validate(_item(**fields))


def test_fields_within_limits_pass():
    assert chain.validate(_item(title="长" * 500, description="x" * 5000))["title"] == "长" * 500


@pytest.mark.parametrize(
    "title", ["404 页面不存在", "页面未找到", "Page not found", "Error 404 - Not Found", "404"]
)
def test_soft_404_titles_are_rejected(title):
    with pytest.raises(ArticleRejected, match="soft_404"):
        chain.validate(_item(title=title))


@pytest.mark.parametrize(
    "title", ["Missing hiker not found", "404 tickets sold for the gala", faultpages.TITLE]
)
def test_real_titles_are_not_soft_404(title):
    assert chain.validate(_item(title=title))["title"] == title
