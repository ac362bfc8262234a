"""End to end: real ``scrapy crawl`` subprocesses against the demo sites behind the loopback proxy."""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsspider import schema
from newsspider.demo import ROOT, crawl_command, read_figures, stats_from_log
from newsspider.demosite.server import Hit
from newsspider.items import export_line
from newsspider.sites import get_profile
from newsspider_testing.pairs import fixture_pairs

pytestmark = pytest.mark.slow

HK = "http://www.haikou-demo.test"
MT = "http://news.metro-demo.test"
ARTICLES = {
    "demo_haikou": {
        f"{HK}/2020-02/26/content_3812602.htm", f"{HK}/2020-02/27/content_3812501.htm",
        f"{HK}/2020-02/28/content_3812400.htm", f"{HK}/2020-02/29/content_3812345.htm",
        f"{HK}/2020-03/01/content_3812700.htm",
    },
    "demo_metro": {
        f"{MT}/xw/202405/t20240512_40077.html", f"{MT}/xw/202405/t20240513_40098.html",
        f"{MT}/xw/202405/t20240514_40123.html",
    },
}  # fmt: skip
# Everything the crawl may fetch: robots.txt, listings, articles, continuation pages, the dropped video page.
FETCHED = {
    "demo_haikou": ARTICLES["demo_haikou"] | {
        f"{HK}/robots.txt", f"{HK}/node_12.htm", f"{HK}/node_12_2.htm", f"{HK}/node_12_3.htm",
        f"{HK}/2020-02/27/content_3812501_2.htm", f"{HK}/2020-02/27/content_3812501_3.htm",
    },
    "demo_metro": ARTICLES["demo_metro"] | {
        f"{MT}/robots.txt", f"{MT}/xw/index.html", f"{MT}/xw/index_2.html", f"{MT}/xw/202405/t20240511_40050.html",
    },
}  # fmt: skip
MULTIPAGE = f"{HK}/2020-02/27/content_3812501.htm"


@dataclass
class Crawl:
    """One finished crawl: its exported items, the proxy hits it caused, drops and finish reason."""

    items: list[dict]
    hits: list[Hit]
    dropped: dict[str, int]
    finish_reason: str | None
    output: Path


def run_crawl(server, site: str, tmp: Path, *extra: str) -> Crawl:
    """Crawl ``site`` into ``tmp``; with ``-O`` in ``extra`` the feed is that file instead of output/<site>/."""
    start = len(server.hits)
    argv = crawl_command(site, tmp / "output", tmp / "state", tmp / "report.json", tmp / "crawl.log")
    env = {**os.environ, "http_proxy": server.proxy_url}
    env.pop("no_proxy", None)
    done = subprocess.run([*argv, *extra], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    files = sorted((tmp / "output" / site).glob("*.jsonl")) + sorted(tmp.glob("*.jsonl"))
    items = [json.loads(line) for path in files for line in path.read_text("utf-8").splitlines()]
    dropped, finish = read_figures(tmp / "report.json", tmp / "crawl.log")
    return Crawl(items, server.hits[start:], dropped, finish, tmp / "output")


@pytest.fixture(scope="module")
def crawls(demo_server, tmp_path_factory) -> dict[str, Crawl]:
    haikou = run_crawl(demo_server, "demo_haikou", tmp_path_factory.mktemp("haikou"))
    metro_tmp = tmp_path_factory.mktemp("metro")
    metro = run_crawl(demo_server, "demo_metro", metro_tmp, "-O", str(metro_tmp / "metro.jsonl"))
    return {"demo_haikou": haikou, "demo_metro": metro}


def expected_articles() -> dict[str, dict]:
    """Expected exported items by URL, from the fixture pairs; the multi-page one stitched from its pages."""
    pairs = {pair.meta["url"]: pair.meta["expected"] for pair in fixture_pairs() if pair.meta["expected"]}
    pages = [pairs[MULTIPAGE], pairs[MULTIPAGE[:-4] + "_2.htm"], pairs[MULTIPAGE[:-4] + "_3.htm"]]
    stitched = {**pages[0], "pages": 3, "body": "\n".join(page["body"] for page in pages)}
    stitched["images"] = [image for page in pages for image in page["images"]]
    return {**pairs, MULTIPAGE: stitched}


@pytest.mark.parametrize("site", sorted(ARTICLES))
def test_exports_exactly_the_articles_once(crawls, site):
    urls = [item["url"] for item in crawls[site].items]
    assert sorted(urls) == sorted(ARTICLES[site])
    assert crawls[site].finish_reason == "finished"


@pytest.mark.parametrize(("site", "url"), sorted((site, url) for site in ARTICLES for url in ARTICLES[site]))
def test_every_field_matches_the_fixture_pairs(crawls, site, url):
    (item,) = [item for item in crawls[site].items if item["url"] == url]
    want = {key: value for key, value in export_line(expected_articles()[url]).items() if key != "fetched_at"}
    assert {key: value for key, value in item.items() if key != "fetched_at"} == want


@pytest.mark.parametrize("site", sorted(ARTICLES))
def test_every_line_follows_the_published_schema(crawls, site):
    for item in crawls[site].items:
        assert schema.errors(item) == [], item["url"]


@pytest.mark.parametrize("site", sorted(ARTICLES))
def test_requests_go_through_the_proxy_and_stay_in_the_fixtures(crawls, site):
    hits = crawls[site].hits
    assert all(hit.target.startswith("http://") for hit in hits)  # absolute URI: a proxy request
    assert {hit.url for hit in hits} == FETCHED[site]  # no non-article link, no robots-disallowed draft
    assert all(hit.status == 200 for hit in hits if not hit.url.endswith("/robots.txt"))


def test_drops_are_counted_by_reason(crawls):
    assert crawls["demo_metro"].dropped == {"missing_body": 1}
    assert crawls["demo_haikou"].dropped == {}


def test_output_option_replaces_the_per_site_feed(crawls):
    metro = crawls["demo_metro"]
    assert len(metro.items) == len(ARTICLES["demo_metro"])
    assert not (metro.output / "demo_metro").exists()


@pytest.mark.parametrize("site", sorted(ARTICLES))
def test_command_line_delay_beats_the_profile(crawls, site):
    """-s DOWNLOAD_DELAY=0 wins over the profile's 2 s delay: the whole crawl takes far less than the gaps."""
    delay = get_profile(site).politeness.delay
    hits = crawls[site].hits
    assert delay and delay >= 1
    assert hits[-1].at - hits[0].at < (len(hits) - 1) * delay * 0.25


def test_demo_job_prints_the_summary_and_a_second_run_exports_nothing_new(tmp_path):
    """The main job (python -m newsspider.demo) crawls both demo sites and the generated portal (behind the proxy
    under its fixed host name) and reports articles and drops; the second run, with the state kept in
    <output>/state, exports nothing new from any of the three and says so (exactly once)."""
    argv = [sys.executable, "-m", "newsspider.demo", "--output", str(tmp_path)]
    first = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "demo_haikou (海口网, www.haikou-demo.test): 5 articles, dropped: none; ok" in first.stdout
    assert "demo_metro (江城都市网, news.metro-demo.test): 3 articles, dropped: missing_body=1; ok" in first.stdout
    assert "www.portal-demo.test (generic mode, hanweb portal): 42 articles, dropped: none; ok" in first.stdout
    assert "Nothing new" not in first.stdout
    second = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert second.returncode == 0, second.stdout + second.stderr
    for site in ("demo_haikou (海口网", "demo_metro (江城都市网", "www.portal-demo.test (generic mode"):
        line = next(line for line in second.stdout.splitlines() if line.strip().startswith(site))
        assert "0 articles (all already exported by an earlier run)" in line, second.stdout
    assert "Nothing new from the demo sites: every article was exported once by an earlier run" in second.stdout
    assert (tmp_path / "state" / "seen.sqlite3").is_file()
    for site in ("demo_haikou", "demo_metro", "www.portal-demo.test"):
        assert len(list((tmp_path / site).glob("*.jsonl"))) == 1, site  # the first run's only


def test_stats_from_log_reads_the_final_stats_dump():
    dump = """{'downloader/request_count': 9,
 'finish_reason': 'finished',
 'item_scraped_count': 3,
 'newsspider/dropped/missing_body': 1,
 'newsspider/dropped/missing_title': 2,
 'start_time': datetime.datetime(2026, 1, 1, 0, 0, tzinfo=datetime.timezone.utc)}"""
    found = stats_from_log(dump)
    assert found["dropped"] == {"missing_body": 1, "missing_title": 2}
    assert found["finish_reason"] == "finished"


def _get(server, target: str, host: str | None = None) -> tuple[int, str, bytes]:
    """One raw request to the demo server: ``target`` goes verbatim into the request line."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.putrequest("GET", target, skip_host=host is not None, skip_accept_encoding=True)
        if host:
            conn.putheader("Host", host)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.getheader("Content-Type"), response.read()
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("target", "host", "status", "content_type"),
    [
        (f"{HK}/robots.txt", None, 200, "text/plain"),
        (f"{HK}/2020-02/29/content_3812345.htm", None, 200, "text/html"),  # GBK, declared only in <meta>
        (f"{HK}/2020-03/01/content_3812700.htm", None, 200, "text/html; charset=utf-8"),  # wrongly declared
        ("/xw/index.html", "news.metro-demo.test", 200, "text/html; charset=utf-8"),  # direct, by Host
        (f"{MT}/robots.txt", None, 404, "text/plain"),
        (f"{HK}/node_15.htm", None, 404, "text/plain"),
        (f"{HK}/../sites.json", None, 404, "text/plain"),  # never outside the site's folder
        ("http://www.example.com/", None, 404, "text/plain"),
    ],
)
def test_demo_server_answers(demo_server, target, host, status, content_type):
    got_status, got_type, body = _get(demo_server, target, host)
    assert (got_status, got_type) == (status, content_type)
    if status == 200 and target.endswith(".htm"):
        assert body == demo_server.sites.file_for(target).read_bytes()
