"""Scheme, host and port define the site: another port of an allowed host is offsite unless listed."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler

import pytest
from scrapy import Request, Spider
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.test import get_crawler

from newsspider.demosite.loopback import LoopbackServer
from newsspider.middlewares.safety import SafetyMiddleware
from newsspider_testing import crawlrun

ARTICLE = "/news/2024-05/01/content_10000{}.htm"  # 6-digit ids: content_3 would read as page 3


def _middleware(allowed: list[str], seeds: list[str]) -> SafetyMiddleware:
    crawler = get_crawler(Spider)
    crawler.spider = Spider(name="t", allowed_domains=allowed)
    crawler.spider.seeds = seeds
    return SafetyMiddleware.from_crawler(crawler)


@pytest.mark.parametrize(
    ("allowed", "seeds", "url"),
    [
        (["127.0.0.1"], ["http://127.0.0.1:8001/news/"], "http://127.0.0.1:8002/news/a.htm"),
        (["127.0.0.1"], ["http://127.0.0.1:8001/news/"], "http://127.0.0.1/news/a.htm"),
        (["a.cn"], ["http://a.cn/news/"], "http://a.cn:8080/news/a.htm"),
        (["a.cn"], ["http://a.cn/news/"], "http://www.a.cn:8443/news/a.htm"),
        (["a.cn"], ["http://a.cn/news/"], "http://a.cn:443/news/a.htm"),  # http on the https port
        (["a.cn", "a.cn:8080"], ["http://a.cn/news/"], "http://a.cn:8081/news/a.htm"),
    ],
)
def test_another_port_is_offsite(allowed, seeds, url):
    middleware = _middleware(allowed, seeds)
    with pytest.raises(IgnoreRequest, match="offsite"):
        middleware.process_request(Request(url, dont_filter=True))
    assert middleware.stats.get_value("newsspider/safety/offsite") == 1


@pytest.mark.parametrize(
    ("allowed", "seeds", "url"),
    [
        (["127.0.0.1"], ["http://127.0.0.1:8001/news/"], "http://127.0.0.1:8001/news/a.htm"),
        (["a.cn"], ["http://a.cn/news/"], "https://a.cn/news/a.htm"),  # upgrade to https stays on site
        (["a.cn"], ["http://a.cn/news/"], "http://www.a.cn:80/news/a.htm"),
        (["a.cn", "a.cn:8080"], ["http://a.cn/news/"], "http://img.a.cn:8080/news/a.htm"),  # listed port
        (["a.cn:8080"], ["http://a.cn:8080/news/"], "http://a.cn:8080/news/a.htm"),
        ([], [], "http://anything.test:9999/x"),  # no allowed domains: every host and port
    ],
)
def test_listed_ports_are_the_site(allowed, seeds, url):
    assert _middleware(allowed, seeds).process_request(Request(url)) is None


class _Recorder(BaseHTTPRequestHandler):
    """Answers every request with a small page; the server records each path it was asked for."""

    def do_GET(self):
        with self.server.lock:
            self.server.hits.append(self.path)
        target = self.server.routes.get(self.path)
        if isinstance(target, tuple):  # (status, location)
            self.send_response(target[0])
            self.send_header("Location", target[1])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = (target or "<html><body>none</body></html>").encode()
        self.send_response(200 if target or self.path == "/robots.txt" else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def _server(routes: dict) -> LoopbackServer:
    server = LoopbackServer(_Recorder)
    server.hits, server.routes, server.lock = [], routes, threading.Lock()
    return server


def _article(n: int) -> str:
    text = "海口市召开防汛防风工作会议，部署近期防汛防风工作。会议要求各区各部门压实责任，确保安全。" * 3
    return (
        f"<html><head><meta charset='utf-8'><title>会议{n}</title></head><body><h1>会议{n}</h1>"
        f"<div class='info'>2024-05-01 10:30</div><div class='content'><p>{text}</p></div></body></html>"
    )


@pytest.mark.slow
def test_links_and_redirects_to_another_port_are_not_requested(tmp_path):
    with _server({ARTICLE.format(2): _article(2), ARTICLE.format(4): _article(4)}) as other:
        routes = {ARTICLE.format(1): _article(1), ARTICLE.format(3): (302, other.base + ARTICLE.format(4))}
        with _server(routes) as site:
            routes["/news/index.html"] = (
                "<html><body><ul>"
                f"<li><a href='{ARTICLE.format(1)}'>会议一</a></li>"
                f"<li><a href='{other.base}{ARTICLE.format(2)}'>会议二</a></li>"
                f"<li><a href='{ARTICLE.format(3)}'>会议三</a></li>"
                "</ul></body></html>"
            )
            command = crawlrun.crawl_command(
                site.base + "/news/index.html", tmp_path, ROBOTSTXT_OBEY="True", NEWSSPIDER_DISCOVERY_PROBES="False"
            )
            assert crawlrun.run(command, tmp_path / "crawl.log") == 0
    assert other.hits == []  # neither the linked article, the redirect target nor robots.txt
    pages = {hit for hit in site.hits if hit.startswith("/news/")}  # discovery also probes feeds and sitemaps
    assert pages == {"/news/index.html", ARTICLE.format(1), ARTICLE.format(3)}
    assert "/robots.txt" in site.hits
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["new_articles"] == 1
    urls, _torn = crawlrun.read_urls(tmp_path / "output")
    assert urls == [site.base + ARTICLE.format(1)]
