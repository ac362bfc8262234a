"""Reprints in real crawls: a second site copying the first is flagged, across runs and after a killed run."""

from __future__ import annotations

import json

import pytest

from newsspider_testing import crawlrun
from newsspider_testing.sitegen import GeneratedSite, SiteServer, SiteSpec

pytestmark = pytest.mark.slow
SPEC = SiteSpec(articles=30, page_kb=8, per_page=10, seed=21)  # both servers serve the same articles


@pytest.fixture
def servers():
    with SiteServer(GeneratedSite(SPEC)) as first, SiteServer(GeneratedSite(SPEC)) as second:
        yield first, second


def crawl(server, workdir, **settings) -> int:
    command = crawlrun.crawl_command(server.start_url, workdir, NEWSSPIDER_BATCH_SIZE=10, **settings)
    return crawlrun.run(command, workdir / f"crawl-{server.base.rsplit(':', 1)[-1]}.log")


def items_of(workdir, server) -> dict[str, dict]:
    found = {}
    for path in crawlrun.final_files(workdir / "output"):
        for line in path.read_text("utf-8").splitlines():
            item = json.loads(line)
            if item["url"].startswith(server.base):
                found[item["url"]] = item
    return found


def test_copies_on_another_site_are_flagged_in_a_later_run(servers, tmp_path):
    first, second = servers
    assert crawl(first, tmp_path) == 0
    assert crawl(second, tmp_path) == 0
    originals, copies = items_of(tmp_path, first), items_of(tmp_path, second)
    assert len(originals) == len(copies) == 30
    assert all(item["duplicate_of"] is None for item in originals.values())
    for url, item in copies.items():
        assert item["duplicate_of"] == first.base + url[len(second.base) :]
        assert item["similarity"] == 1.0
    assert json.loads((tmp_path / "report.json").read_text())["reprints"] == 30


def test_only_durably_exported_articles_are_registered(servers, tmp_path):
    first, second = servers
    assert crawl(first, tmp_path, NEWSSPIDER_TEST_EXIT_AFTER_RENAME=1) == 70  # killed after its first batch
    exported = items_of(tmp_path, first)
    assert len(exported) == 10
    assert crawl(second, tmp_path) == 0  # reconciles the killed run's batch first
    copies = items_of(tmp_path, second)
    flagged = {url[len(second.base) :] for url, item in copies.items() if item["duplicate_of"]}
    assert flagged == {url[len(first.base) :] for url in exported}
    assert crawl(first, tmp_path) == 0  # the rest of the first site: copies of the second site's exports now
    rest = {url: item for url, item in items_of(tmp_path, first).items() if url not in exported}
    assert len(rest) == 20
    assert all(item["duplicate_of"] == second.base + url[len(first.base) :] for url, item in rest.items())
