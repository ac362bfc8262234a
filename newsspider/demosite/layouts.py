"""URL layouts of real regional portals (TRS, government, Hanweb, PHPCMS, DedeCMS, WordPress, Discuz, feed-only).

Each layout is data: how section fronts, their pages and articles are addressed, how the home page links the
sections, and how the site announces its articles (HTML listings, a news sitemap, an RSS feed).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

SLUGS = ("yaowen", "bendi", "shehui")
NAMES = ("要闻", "本地", "社会")


@dataclass(frozen=True)
class Layout:
    """How one kind of portal addresses its pages (``s``: section 0.., ``p``: page 1.., ``n``: article 1..)."""

    name: str
    section: Callable[[int, int], str]
    article: Callable[[int, int], str]  # (section, n)
    entry: str = "html"  # "html": listings; "sitemap": only a news sitemap; "rss": only an RSS feed
    pager: str = "next"  # "next": 下一页 links; "query": ?page=N that answers past the end (a trap)
    nav: str = "menu"  # "menu": a nav bar; "columns": column headers (栏目) and 更多>> links on the home page
    feed: str | None = None  # an announced feed path (<link rel=alternate>)
    feed_redirects: bool = False  # feed items link /go/<n>, which redirects to the article


def _wp_article(s: int, n: int) -> str:
    return f"/?p={n}" if n % 2 else f"/2024/05/{SLUGS[s]}-report-{n}/"


LAYOUTS: dict[str, Layout] = {
    layout.name: layout
    for layout in (
        Layout(
            "trs",
            lambda s, p: f"/xw/node_{12 + s}.htm" if p == 1 else f"/xw/node_{12 + s}_{p}.htm",
            lambda s, n: f"/xw/2024-03/{1 + n % 28:02d}/content_{n}.htm",
            nav="columns",
        ),
        Layout(
            "gov",
            lambda s, p: f"/xw/{SLUGS[s]}/index.html" if p == 1 else f"/xw/{SLUGS[s]}/index_{p - 1}.html",
            lambda s, n: f"/xw/{SLUGS[s]}/202403/t20240301_{1000 + n}.html",
        ),
        Layout(
            "hanweb",
            lambda s, p: f"/col/col{1234 + s}/index.html" + ("" if p == 1 else f"?uid=8&pageNum={p}"),
            lambda s, n: f"/art/2024/3/{1 + n % 28}/art_{1234 + s}_{5678 + n}.html",
            nav="columns",
        ),
        Layout(
            "phpcms", lambda s, p: f"/list-{12 + s}-{p}.html", lambda s, n: f"/show-{12 + s}-{345 + n}-1.html"
        ),
        Layout(
            "dede",
            lambda s, p: f"/{SLUGS[s]}/" if p == 1 else f"/{SLUGS[s]}/list_{s + 1}_{p}.html",
            lambda s, n: f"/a/202403{1 + n % 28:02d}/{100 + n}.html",
            nav="columns",
        ),
        Layout(
            "wordpress",
            lambda s, p: f"/category/{SLUGS[s]}/" + ("" if p == 1 else f"page/{p}/"),
            _wp_article,
            feed="/feed/",
            feed_redirects=True,
        ),
        Layout(
            "discuz",
            lambda s, p: f"/portal.php?mod=list&catid={s + 1}" + ("" if p == 1 else f"&page={p}"),
            lambda s, n: f"/portal.php?mod=view&aid={n}",
            pager="query",
        ),
        Layout("newsmap", lambda s, p: f"/channel{s}/", lambda s, n: f"/a{n}.htm", entry="sitemap"),
        Layout("rssonly", lambda s, p: f"/c{s}/", lambda s, n: f"/view.asp?id={n}", entry="rss"),
    )
}
