"""Crawl extensions: seen-state bookkeeping and the run report, each one concern built from_crawler."""
