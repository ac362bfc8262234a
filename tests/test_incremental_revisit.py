"""Revisits (opt-in): a corrected article is exported once more with a version; unchanged ones are not."""

from __future__ import annotations

import json

import pytest

from newsspider_testing import crawlrun
from newsspider_testing.sitegen import GeneratedSite, SiteServer, SiteSpec

pytestmark = pytest.mark.slow

REVISIT = {"NEWSSPIDER_REVISIT_DAYS": 1, "NEWSSPIDER_REVISIT_HOURS": 0}


@pytest.fixture
def server():
    with SiteServer(GeneratedSite(SiteSpec(articles=30, page_kb=10, per_page=20))) as running:
        yield running


def crawl(server, tmp_path, **settings) -> tuple[dict, list[dict]]:
    """Run one crawl; return its report and the lines it added."""
    before = {path.name for path in crawlrun.final_files(tmp_path / "output")}
    server.reset_counts()
    command = crawlrun.crawl_command(server.start_url, tmp_path, **settings)
    assert crawlrun.run(command, tmp_path / "crawl.log") == 0
    added = [p for p in crawlrun.final_files(tmp_path / "output") if p.name not in before]
    lines = [json.loads(line) for path in added for line in path.read_text("utf-8").splitlines()]
    return json.loads((tmp_path / "report.json").read_text()), lines


def test_corrected_article_is_exported_again_with_a_version(server, tmp_path):
    report, lines = crawl(server, tmp_path, **REVISIT)
    assert (report["new_articles"], len(lines), report["revisited"]) == (30, 30, 0)
    assert all("version" not in line for line in lines)

    server.site.corrections[5] = "更正：本文第二段的数字有误，现已改正。"
    report, lines = crawl(server, tmp_path, **REVISIT)
    assert (report["new_articles"], report["revisited"], report["revised"]) == (0, 30, 1)
    assert server.article_requests() == 30  # every recent article was checked once
    assert [line["url"] for line in lines] == [server.base + server.site.article_path(5)]
    assert lines[0]["version"] == 2
    assert lines[0]["updated_at"]
    assert "更正" in lines[0]["body"]

    report, lines = crawl(server, tmp_path, **REVISIT)  # nothing changed since: nothing exported
    assert (report["revisited"], report["revised"], lines) == (30, 0, [])


def test_revisits_are_off_by_default(server, tmp_path):
    crawl(server, tmp_path)
    server.site.corrections[5] = "更正：本文第二段的数字有误，现已改正。"
    report, lines = crawl(server, tmp_path)
    assert (report["revisited"], lines, server.article_requests()) == (0, [], 0)
