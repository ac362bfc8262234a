"""Bundled demo: a UTF-8 metro news portal served from fixtures/demo, with per-field selectors."""

from newsspider.sites.profile import Politeness, Selectors, SiteProfile

PROFILE = SiteProfile(
    id="demo_metro",
    name="江城都市网",
    domains=("news.metro-demo.test",),
    start_urls=("http://news.metro-demo.test/xw/index.html",),
    article_url=r"/xw/\d{6}/t\d{8}_\d+\.html$",
    listing_url=r"/xw/index(?:_\d+)?\.html$",
    selectors=Selectors(
        title="h1.article-title",
        published_at=".article-meta .time",
        authors=".article-meta .author",
        editors=".article-editor",
        source=".article-meta .source",
        section=".crumbs",  # the breadcrumb container; home and "正文" are dropped
        body=".article-content",
        drop=(".share-bar", ".article-related", ".video-player"),
    ),
    politeness=Politeness(delay=2.0, concurrency=1),
)
