"""Bundled demo: a GBK Haikou-style city portal served from fixtures/demo (generic extraction, no selectors)."""

from newsspider.sites.profile import Politeness, SiteProfile

PROFILE = SiteProfile(
    id="demo_haikou",
    name="海口网",
    domains=("www.haikou-demo.test",),
    start_urls=("http://www.haikou-demo.test/node_12.htm",),
    article_url=r"/\d{4}-\d{2}/\d{2}/content_\d+\.htm$",
    listing_url=r"/node_12(?:_\d+)?\.htm$",
    politeness=Politeness(delay=2.0, concurrency=1),
)
