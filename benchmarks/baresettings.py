"""Settings of the bare-follow baseline: Scrapy's defaults; the shared bench settings come in with -s."""

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
