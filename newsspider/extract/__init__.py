"""Pure extraction: page bytes + URL in, raw article fields out (no Scrapy, no network)."""
