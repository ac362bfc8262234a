"""Generated news site (GBK + UTF-8, 50-100 KB pages) on a fast threaded loopback server counting requests."""

from __future__ import annotations

import argparse
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler

from newsspider.demosite.loopback import LoopbackServer

# Common characters only, so every page is encodable in GBK.
_HANZI = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而"
    "方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应"
    "开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命"
    "此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求"
    "老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府研质市"
)
_PUNCT = "，，，。、；"
LISTING_PREFIX = "/news/index"
ARTICLE_PREFIX = "/news/"
HOLD_MAX_SECONDS = 60  # a held answer is released by then at the latest
ID_BASE = 100000  # content_<id>.htm with a 6-digit id: content_12.htm would read as page 12 of "content"


@dataclass
class SiteSpec:
    """Shape of a generated site; F's benchmarks tune the same knobs."""

    articles: int = 500  # initial number of articles
    page_kb: int = 60  # approximate article page size (boilerplate pads the page to it)
    page_kb_max: int | None = None  # when set, each article's size is drawn from [page_kb, page_kb_max]
    per_page: int = 20  # article links per listing page (newest first)
    gbk_every: int = 2  # every n-th article is served as GBK (0: all UTF-8)
    paragraphs: int = 6  # body paragraphs per article
    seed: int = 7
    id_base: int = ID_BASE  # 0: short ids content_1.htm ... (must not read as pages of "content")


class GeneratedSite:
    """Deterministic pages: listing chain /news/index.html, index_2.html ... and article pages.

    Article ``n`` lives at ``/news/2026-11/<dd>/content_<100000+n>.htm``; higher ids are newer, listed first.
    ``layout = "no_links"`` renders listing pages without article links, ``"no_body"`` article pages
    without text and ``"no_byline"`` article pages without the date/source/author line (a site whose
    layout changed);
    ``status`` (when set) answers every request with that HTTP status, ``broken`` paths get a 500,
    ``statuses`` maps paths to another status (404, 410 ...), ``empty`` article paths answer 200 without
    text, and ``delay`` slows every answer down.
    """

    def __init__(self, spec: SiteSpec | None = None):
        self.spec = spec or SiteSpec()
        rng = random.Random(self.spec.seed)
        self.pool = [self._sentence(rng) for _ in range(400)]
        self.padding = "".join(self.pool) * 8
        self.count = self.spec.articles
        self.layout = "normal"
        self.status: int | None = None
        self.broken: set[str] = set()  # paths answered with 500
        self.statuses: dict[str, int] = {}  # path -> HTTP status answered instead of the page
        self.empty: set[str] = set()  # article paths answered 200 without text
        self.delay = 0.0  # seconds slept before each answer
        self.corrections: dict[int, str] = {}  # article number -> paragraph appended to its text
        self.lock = threading.Lock()
        self.gate = threading.Event()  # cleared by hold(): answers wait (bounded) until release()
        self.gate.set()
        self.held = 0  # requests that have waited at the closed gate

    def hold(self) -> None:
        """Keep every answer from now on in flight (tests: a download stays pending while they signal)."""
        self.gate.clear()

    def release(self) -> None:
        self.gate.set()

    @staticmethod
    def _sentence(rng: random.Random) -> str:
        words = [
            "".join(rng.choice(_HANZI) for _ in range(rng.randint(2, 6))) for _ in range(rng.randint(6, 14))
        ]
        return "".join(word + rng.choice(_PUNCT) for word in words[:-1]) + words[-1] + "。"

    def add_articles(self, n: int) -> list[str]:
        """Publish ``n`` new articles (they go on top of listing page 1); return their paths."""
        with self.lock:
            first, self.count = self.count + 1, self.count + n
        return [self.article_path(i) for i in range(first, first + n)]

    def article_path(self, n: int) -> str:
        day = 1 + (n // 100) % 28
        return f"{ARTICLE_PREFIX}2026-11/{day:02d}/content_{self.spec.id_base + n}.htm"

    def article_paths(self) -> list[str]:
        return [self.article_path(n) for n in range(1, self.count + 1)]

    def listing_path(self, page: int) -> str:
        return f"{LISTING_PREFIX}.html" if page == 1 else f"{LISTING_PREFIX}_{page}.html"

    def pages(self) -> int:
        return max(1, -(-self.count // self.spec.per_page))

    def render(self, path: str) -> tuple[int, str, bytes]:
        """(status, Content-Type, body) for a request path."""
        if not self.gate.is_set():
            with self.lock:
                self.held += 1
            self.gate.wait(HOLD_MAX_SECONDS)
        if self.delay:
            time.sleep(self.delay)
        if self.status or path in self.broken:
            return self.status or 500, "text/plain", b"unavailable\n"
        if path in self.statuses:
            return self.statuses[path], "text/plain", b"gone\n"
        if path.startswith(LISTING_PREFIX):
            page = self._listing_number(path)
            if page and page <= self.pages():
                return 200, "text/html; charset=utf-8", self.listing_html(page).encode()
        elif path.startswith(ARTICLE_PREFIX) and "content_" in path:
            number = self._article_number(path)
            if number:
                charset = "gbk" if self.spec.gbk_every and number % self.spec.gbk_every == 0 else "utf-8"
                return (
                    200,
                    f"text/html; charset={charset}",
                    self.article_html(number, charset).encode(charset),
                )
        return 404, "text/plain", b"not found\n"

    def _listing_number(self, path: str) -> int | None:
        rest = path[len(LISTING_PREFIX) :]
        if rest == ".html":
            return 1
        digits = rest.removeprefix("_").removesuffix(".html")
        return int(digits) if digits.isdigit() else None

    def _article_number(self, path: str) -> int | None:
        digits = path.rsplit("content_", 1)[1].removesuffix(".htm")
        number = int(digits) - self.spec.id_base if digits.isdigit() else 0
        return number if 1 <= number <= self.count and path == self.article_path(number) else None

    def listing_html(self, page: int) -> str:
        newest = self.count - (page - 1) * self.spec.per_page
        numbers = range(newest, max(0, newest - self.spec.per_page), -1)
        items = "" if self.layout == "no_links" else "".join(
            f'<li><a href="{self.article_path(n)}">{self.title(n)}</a></li>\n' for n in numbers
        )  # fmt: skip
        pager = f'<a href="{self.listing_path(page + 1)}">下一页</a>' if page < self.pages() else ""
        return (
            '<!DOCTYPE html><html><head><meta charset="utf-8"><title>新闻列表</title></head><body>'
            f'<div class="nav"><a href="/">首页</a></div><ul class="list">\n{items}</ul>'
            f'<div class="pager">{pager}</div></body></html>'
        )

    def title(self, n: int) -> str:
        return f"第{n}号新闻：{self.pool[n % len(self.pool)][:12]}"

    def published(self, n: int) -> str:
        return (datetime(2026, 1, 1, 8, 0) + timedelta(hours=n)).strftime("%Y-%m-%d %H:%M")

    def page_bytes(self, n: int) -> int:
        """Target encoded size of article ``n`` (deterministic per article)."""
        low, high = self.spec.page_kb, self.spec.page_kb_max or self.spec.page_kb
        return random.Random(n).randint(low * 1024, max(low, high) * 1024)

    def article_html(self, n: int, charset: str) -> str:
        rng = random.Random(self.spec.seed * 1_000_003 + n)
        paragraphs = [f"本报讯 第{n}号新闻正文开始。{self.pool[n % len(self.pool)]}"]
        paragraphs += [rng.choice(self.pool) + rng.choice(self.pool) for _ in range(self.spec.paragraphs - 1)]
        paragraphs += [self.corrections[n]] if n in self.corrections else []
        body = "".join(f"<p>{text}</p>\n" for text in paragraphs)
        head = (
            f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{self.title(n)}_新闻网</title>'
            f'<meta name="description" content="第{n}号新闻"></head><body>'
        )
        info = (
            "" if self.layout == "no_byline"
            else f'<div class="info"><span class="date">{self.published(n)}</span> 来源：新闻网 记者 张三</div>'
        )  # fmt: skip
        article = (
            f'<div class="article"><h1>{self.title(n)}</h1>{info}'
            f'<div class="content" id="content">\n{body}</div><div class="editor">责任编辑：李四</div></div>'
        )
        if self.layout == "no_body" or self.article_path(n) in self.empty:
            article = f"<h1>{self.title(n)}</h1>"
        filler = max(0, self.page_bytes(n) // (3 if charset == "utf-8" else 2) - len(head) - len(article))
        return f"{head}{article}<script>var pad = '{self.padding[:filler]}';</script></body></html>"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        self.server.record(path)
        status, content_type, body = self.server.site.render(path)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return


class SiteServer(LoopbackServer):
    """Serve a GeneratedSite on 127.0.0.1 (free port) from a thread, counting requests per path."""

    def __init__(self, site: GeneratedSite | None = None, host: str = "127.0.0.1"):
        super().__init__(_Handler, host)
        self.site = site or GeneratedSite()
        self._counts: Counter[str] = Counter()
        self._count_lock = threading.Lock()

    def record(self, path: str) -> None:
        with self._count_lock:
            self._counts[path] += 1

    @property
    def start_url(self) -> str:
        return self.base + self.site.listing_path(1)

    def counts(self) -> Counter[str]:
        """Requests served so far, per path."""
        with self._count_lock:
            return Counter(self._counts)

    def reset_counts(self) -> None:
        with self._count_lock:
            self._counts.clear()

    def article_requests(self) -> int:
        return sum(n for path, n in self.counts().items() if "content_" in path)

    def listing_requests(self) -> int:
        return sum(n for path, n in self.counts().items() if path.startswith(LISTING_PREFIX))


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve a generated news site on 127.0.0.1 until Ctrl-C.")
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--page-kb", type=int, default=60)
    parser.add_argument("--per-page", type=int, default=20)
    parser.add_argument("--gbk-every", type=int, default=2)
    args = parser.parse_args()
    spec = SiteSpec(
        articles=args.articles, page_kb=args.page_kb, per_page=args.per_page, gbk_every=args.gbk_every
    )
    with SiteServer(GeneratedSite(spec)) as server:
        print(f"serving {spec.articles} articles: {server.start_url}", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
