"""Request meta keys the spider sets and the middlewares, extensions and revisits read."""

KIND = "newsspider_kind"  # "listing", "article" or "article_page"; robots.txt requests have none
KEY = "newsspider_article_key"  # the article's identity across runs (extract.urlid.article_key)
DEPTH = "newsspider_depth"  # section hops from a start page (generic discovery)
SOURCE = "newsspider_source"  # "robots", "feed" or "sitemap": a discovery source, no KIND (not an HTML page)
PROBE = "newsspider_probe"  # a request whose answer is unknown until fetched (guessed path or unknown URL shape)
LEASE = "newsspider_lease"  # frontier runs: the id of this scheduling of the request (new on every enqueue)
ITEM = "newsspider_item"  # on continuation requests: the article begun on page 1 (its "url" is page 1's)
