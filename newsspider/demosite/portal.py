"""A generated regional portal in one of the LAYOUTS: home, sections, paginated listings, articles, traps, feeds."""

from __future__ import annotations

import gzip
import random
import threading
from collections import Counter
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from xml.sax.saxutils import escape

from newsspider.demosite.layouts import LAYOUTS, NAMES, Layout
from newsspider.demosite.loopback import LoopbackServer

_WORDS = "城市 发展 建设 项目 推进 会议 召开 工作 群众 服务 经济 增长 改革 创新 民生 保障 社区 文化 活动 举办".split()
_TRAPS_LISTING = (
    ("?date=2024-03-{d:02d}", "{d}"),  # a calendar: one link per day
    ("?sort=hot", "最热"),
    ("?order=new", "最新"),
)
HTML = "text/html; charset=utf-8"


@dataclass
class Page:
    """One answer: status, content type, body, an optional Location and what the generator calls it."""

    status: int
    content_type: str
    body: bytes
    category: str  # home, listing, article, about, source, redirect, missing
    location: str | None = None


class Portal:
    """Deterministic site of ``3 * per_section`` articles in three sections in the given layout."""

    def __init__(self, layout: str, per_section: int = 14, per_page: int = 6, seed: int = 3):
        """``extra`` (path -> content type, body) and ``robots_lines`` add bad sources; ``home`` = "js" serves
        the home page only through a JavaScript redirect, "empty" serves an empty site."""
        self.extra: dict[str, tuple[str, bytes]] = {}
        self.robots_lines: list[str] = []
        self.home_mode = "normal"
        self.blank: set[int] = set()  # articles served without text (a layout change; video pages)
        self.layout: Layout = LAYOUTS[layout]
        self.per_section, self.per_page = per_section, per_page
        self.count = 3 * per_section
        rng = random.Random(seed)
        self.sentences = ["".join(rng.choice(_WORDS) for _ in range(12)) + "。" for _ in range(60)]
        self.base = ""  # the server sets its origin (feeds and sitemaps carry absolute URLs)

    # Addresses.

    def section_of(self, n: int) -> int:
        return (n - 1) % 3

    def article_path(self, n: int) -> str:
        return self.layout.article(self.section_of(n), n)

    def article_paths(self) -> list[str]:
        return [self.article_path(n) for n in range(1, self.count + 1)]

    def section_articles(self, s: int) -> list[int]:
        return [n for n in range(self.count, 0, -1) if self.section_of(n) == s]

    def pages(self, s: int) -> int:
        return -(-len(self.section_articles(s)) // self.per_page)

    def listing_paths(self) -> list[str]:
        """Every listing page a complete crawl must read (home and each section page)."""
        if self.layout.entry != "html":
            return ["/"]
        return ["/"] + [self.layout.section(s, p) for s in range(3) for p in range(1, self.pages(s) + 1)]

    def source_paths(self) -> list[str]:
        """Feeds and sitemaps that list the articles (listing-like pages of the feed and sitemap layouts)."""
        return {
            "sitemap": ["/robots.txt", "/sitemap_index.xml", "/sitemap-news.xml.gz"],
            "rss": ["/rss.xml"],
        }.get(self.layout.entry, [self.layout.feed] if self.layout.feed else [])

    def title(self, n: int) -> str:
        return f"{NAMES[self.section_of(n)]}新闻第{n}号：{self.sentences[n % 60][:10]}"

    # Pages.

    def render(self, target: str) -> Page:
        """The answer for a request target (path and query)."""
        routes = {"/": self.home, "/robots.txt": self.robots, "/about.html": self.about}
        if self.home_mode == "js":
            routes |= {"/": self.js_home, "/index.html": self.home}
        if self.home_mode == "empty":
            return Page(200, HTML, b"<html><head><title></title></head><body></body></html>", "home")
        if target in routes:
            return routes[target]()
        if target in self.extra:
            content_type, body = self.extra[target]
            return Page(200, content_type, body, "source")
        if target.startswith("/go/") and self.layout.feed_redirects and target[4:].isdigit():
            return Page(302, HTML, b"", "redirect", self.article_path(int(target[4:])))
        for n in range(1, self.count + 1):
            if target == self.article_path(n):
                return Page(200, HTML, self.article_html(n).encode(), "article")
        for s in range(3):
            for p in range(1, self.pages(s) + 3):
                if target == self.layout.section(s, p) and self.layout.entry == "html":
                    return self.listing(s, p)
        return self.source(target) or Page(404, "text/plain", b"not found\n", "missing")

    def _page(self, title: str, main: str, head: str = "") -> str:
        nav = "".join(f'<li><a href="{self.layout.section(s, 1)}">{NAMES[s]}</a></li>' for s in range(3))
        nav = nav if self.layout.entry == "html" and self.layout.nav == "menu" else ""
        return (
            f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>{head}</head><body>'
            f'<div class="nav"><ul><li><a href="/">首页</a></li>{nav}'
            f'<li><a href="/search.php?keyword=新闻">搜索</a></li><li><a href="/member/login.html">登录</a></li>'
            f"</ul></div>{main}"
            f'<div class="footer"><a href="/about.html">关于我们</a> <a href="/tag/城市.html">城市</a>'
            f' <a href="/tag/民生.html">民生</a></div></body></html>'
        )

    def home(self) -> Page:
        head = (
            f'<link rel="alternate" type="application/rss+xml" href="{self.layout.feed}">'
            if self.layout.feed
            else ""
        )
        if self.layout.entry != "html":
            return Page(200, HTML, self._page("首页", "<p>欢迎访问。</p>", head).encode(), "home")
        blocks = []
        for s in range(3):
            section = self.layout.section(s, 1)
            items = "".join(
                f'<li><a href="{self.article_path(n)}">{self.title(n)}</a></li>'
                for n in self.section_articles(s)[:3]
            )
            header = f'<h2><a href="{section}">{NAMES[s]}</a></h2>' if self.layout.nav == "columns" else ""
            more = (
                f'<a class="more" href="{section}">更多&gt;&gt;</a>' if self.layout.nav == "columns" else ""
            )
            blocks.append(f'<div class="col">{header}<ul>{items}</ul>{more}</div>')
        days = "".join(f'<a href="/archive/2024/03/{d:02d}/">3月{d}日</a>' for d in range(1, 8))
        session = f'<a href="{self.layout.section(0, 1)};jsessionid=A1B2C3">{NAMES[0]}</a>'
        main = "".join(blocks) + f'<div class="calendar">{days}</div><div class="side">{session}</div>'
        return Page(200, HTML, self._page("首页", main, head).encode(), "home")

    def listing(self, s: int, p: int) -> Page:
        last = self.pages(s)
        shown = min(p, last)  # ?page= past the end answers with the last page (a trap with a 下一页 link)
        numbers = self.section_articles(s)[(shown - 1) * self.per_page : shown * self.per_page]
        items = "".join(
            f'<li><a href="{self.article_path(n)}">{self.title(n)}</a><span>2024-03-01</span></li>'
            for n in numbers
        )
        pager = "".join(
            f'<a href="{self.layout.section(s, i)}">{i}</a>' for i in range(1, last + 1) if i != shown
        )
        if p < last or self.layout.pager == "query":
            pager += f'<a href="{self.layout.section(s, p + 1)}">下一页</a>'
        here = self.layout.section(s, p)
        joiner = "&" if "?" in here else "?"
        traps = "".join(
            f'<a href="{here}{joiner}{q.format(d=d)[1:]}">{t.format(d=d)}</a>'
            for q, t in _TRAPS_LISTING
            for d in range(1, 6)
        )
        main = f'<h1>{NAMES[s]}</h1><ul class="list">{items}</ul><div class="pager">{pager}</div><div>{traps}</div>'
        return Page(200, HTML, self._page(NAMES[s], main).encode(), "listing")

    def article_html(self, n: int) -> str:
        rng = random.Random(n)
        body = "".join(f"<p>{''.join(rng.choice(self.sentences) for _ in range(4))}</p>" for _ in range(5))
        body = "" if n in self.blank else body
        related = "".join(
            f'<li><a href="{self.article_path(m)}">{self.title(m)}</a></li>'
            for m in (n % self.count + 1, (n + 1) % self.count + 1, (n + 2) % self.count + 1)
        )
        tools = (
            f'<a href="{self.article_path(n)}{"&" if "?" in self.article_path(n) else "?"}print=1">打印</a>'
            f' <a href="/comment/{n}.html">评论</a> <a href="/wap/{n}.html">手机版</a>'
        )
        main = (
            f'<div class="article"><h1>{self.title(n)}</h1><div class="info">2024-03-{1 + n % 28:02d} 10:{n % 60:02d}'
            f' 来源：本网</div><div class="content">{body}</div><div>{tools}</div>'
            f'<div class="related"><h3>相关新闻</h3><ul>{related}</ul></div></div>'
        )
        return self._page(self.title(n), main)

    def js_home(self) -> Page:
        body = "<html><head><script>window.location.href='/index.html';</script></head><body></body></html>"
        return Page(200, HTML, body.encode(), "home")

    def about(self) -> Page:
        return Page(200, HTML, self._page("关于我们", "<p>本网简介。</p>").encode(), "about")

    def robots(self) -> Page:
        lines = [f"Sitemap: {self.base}/sitemap_index.xml"] if self.layout.entry == "sitemap" else []
        lines += self.robots_lines
        if lines:
            return Page(
                200, "text/plain", "\n".join(["User-agent: *", "Allow: /", *lines, ""]).encode(), "source"
            )
        return Page(404, "text/plain", b"not found\n", "missing")

    def source(self, target: str) -> Page | None:
        """The sitemap index, the gzipped news sitemap and the RSS feed of the layouts that have them."""
        if self.layout.entry == "sitemap" and target == "/sitemap_index.xml":
            body = (
                f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"<sitemap><loc>{self.base}/sitemap-news.xml.gz</loc></sitemap></sitemapindex>"
            )
            return Page(200, "application/xml", body.encode(), "source")
        if self.layout.entry == "sitemap" and target == "/sitemap-news.xml.gz":
            return Page(200, "application/gzip", gzip.compress(self.news_sitemap().encode()), "source")
        feed = "/rss.xml" if self.layout.entry == "rss" else self.layout.feed
        if target == feed:
            return Page(200, "application/rss+xml; charset=utf-8", self.rss().encode(), "source")
        return None

    def news_sitemap(self) -> str:
        urls = "".join(
            f"<url><loc>{self.base}{self.article_path(n)}</loc><news:news><news:publication_date>"
            f"2024-03-{1 + n % 28:02d}T10:00:00+08:00</news:publication_date></news:news></url>"
            for n in range(self.count, 0, -1)
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
            f' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>'
        )

    def rss(self) -> str:
        def link(n: int) -> str:
            return (
                f"{self.base}/go/{n}" if self.layout.feed_redirects else f"{self.base}{self.article_path(n)}"
            )

        shown = (
            range(self.count, 0, -1) if self.layout.entry == "rss" else range(self.count, self.count - 10, -1)
        )
        items = "".join(
            f"<item><title>{escape(self.title(n))}</title><link>{link(n)}</link>"
            f"<pubDate>Fri, {1 + n % 28:02d} Mar 2024 10:00:00 +0800</pubDate></item>"
            for n in shown
        )
        return f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>本网</title>{items}</channel></rss>'


def send_page(handler: BaseHTTPRequestHandler, page: Page, send_body: bool = True) -> None:
    """Answer the handler's request with ``page``: status, headers (Location of a redirect), the body unless HEAD."""
    handler.send_response(page.status)
    handler.send_header("Content-Type", page.content_type)
    handler.send_header("Content-Length", str(len(page.body)))
    if page.location:
        handler.send_header("Location", page.location)
    handler.end_headers()
    if send_body:
        handler.wfile.write(page.body)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        page = self.server.portal.render(self.path)
        self.server.record(page.category)
        send_page(self, page)

    def log_message(self, format: str, *args: object) -> None:
        return


class PortalServer(LoopbackServer):
    """Serve a Portal on 127.0.0.1 (free port), counting requests per page category."""

    def __init__(self, portal: Portal):
        super().__init__(_Handler)
        self.portal = portal
        self.portal.base = self.base
        self.categories: Counter[str] = Counter()
        self._lock = threading.Lock()

    def record(self, category: str) -> None:
        with self._lock:
            self.categories[category] += 1

    def take_counts(self) -> Counter[str]:
        with self._lock:
            counts, self.categories = self.categories, Counter()
        return counts
