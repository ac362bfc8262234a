"""Request meta keys the spider sets and the middlewares, extensions and revisits read."""

KIND = "newsspider_kind"  # "listing", "article" or "article_page"; robots.txt requests have none
KEY = "newsspider_article_key"  # the article's identity across runs (extract.urlid.article_key)
