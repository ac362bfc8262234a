"""Fault suite: a site with short article ids (content_1 ... content_60) exports every article once (issue 9)."""

from __future__ import annotations

import pytest

from newsspider_testing import crawlrun
from newsspider_testing.sitegen import GeneratedSite, SiteServer, SiteSpec

pytestmark = pytest.mark.slow


def test_short_ids_are_articles_not_continuation_pages(tmp_path):
    site = GeneratedSite(SiteSpec(articles=60, page_kb=8, per_page=20, id_base=0))
    with SiteServer(site) as server:
        command = crawlrun.crawl_command(server.start_url, tmp_path)
        assert crawlrun.run(command, tmp_path / "crawl.log") == 0
        expected = {server.base + path for path in site.article_paths()}
        found = crawlrun.audit(tmp_path / "output", expected)
        assert "/content_12.htm" in " ".join(expected)
        assert (found.exported, found.duplicates, found.missing, found.unexpected) == (60, 0, [], [])
        assert server.article_requests() == 60
