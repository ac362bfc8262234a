"""One real crawl through the fault server: malformed pages, charset contradictions, size and redirect limits."""

from __future__ import annotations

import pytest

from newsspider_testing import faultpages
from newsspider_testing.faultcrawl import MAXRSS_KEY, run_crawl
from newsspider_testing.faultserver import FaultServer

pytestmark = pytest.mark.slow

GOOD_MALFORMED = ("unclosed", "script", "nul")
DROPPED_MALFORMED = {"empty": "empty_response", "pdf": "not_html", "png": "not_html", "soft404": "soft_404",
                     "deep": "too_deep", "deep50k": "too_deep"}  # fmt: skip
LIMIT_FAULTS = (
    "truncated",
    "reset",
    "huge",
    "huge-chunked",
    "gzipbomb",
    "hang",
    "hang-after-headers",
    "trickle",
)
REDIRECT_FAULTS = ("loop/0", "chain/0", "offsite", "badscheme", "refresh")
MAXSIZE = 1024 * 1024


def _host(name: str) -> str:
    return name.replace("/", "-").replace("_", "-") + ".fault.test"


def _url(name: str, path: str) -> str:
    return f"http://{_host(name)}/{path}/content_1.htm"


def _seeds() -> dict[str, str]:
    """fault name -> seed URL, each fault on its own host so per-host politeness never serialises them."""
    cases = (*GOOD_MALFORMED, *DROPPED_MALFORMED)
    seeds = {f"malformed/{case}": _url(case, f"malformed/{case}") for case in cases}
    seeds |= {f"charset/{case}": _url(case, f"charset/{case}") for case in faultpages.CHARSET_CASES}
    seeds |= {fault: _url(fault, fault) for fault in (*LIMIT_FAULTS, *REDIRECT_FAULTS)}
    return seeds


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    seeds = _seeds()
    settings = {"DOWNLOAD_MAXSIZE": MAXSIZE, "DOWNLOAD_WARNSIZE": MAXSIZE // 2, "DOWNLOAD_TIMEOUT": 1}
    with FaultServer() as server:
        server.gzip_bomb()  # built before the crawl, so building it never counts against DOWNLOAD_TIMEOUT
        result = run_crawl(list(seeds.values()), tmp_path_factory.mktemp("content"), server.proxy, settings)
        hosts = {hit.host for hit in server.state.hits}
    by_url = {item["url"]: item for item in result.items}
    return result, seeds, by_url, hosts, result.stat(MAXRSS_KEY, None)


def test_crawl_finishes_cleanly(crawl):
    result, *_ = crawl
    assert result.returncode == 0, result.log[-3000:]
    assert result.stat("finish_reason") == "finished"
    assert not [key for key in result.stats if key.startswith("spider_exceptions")], result.stats


@pytest.mark.parametrize("case", GOOD_MALFORMED)
def test_malformed_but_readable_page_exports_clean_text(crawl, case):
    _, seeds, by_url, *_ = crawl
    item = by_url.get(seeds[f"malformed/{case}"])
    assert item is not None, f"{case} was not exported"
    assert item["title"] == faultpages.TITLE
    assert faultpages.PARAGRAPHS[0] in item["body"].replace("\x00", "")
    assert "\x00" not in item["body"] and "\x00" not in item["title"]
    assert "脚本内容不应出现" not in item["body"]


@pytest.mark.parametrize(("case", "reason"), DROPPED_MALFORMED.items())
def test_unusable_page_is_dropped_with_reason(crawl, case, reason):
    result, seeds, by_url, *_ = crawl
    assert seeds[f"malformed/{case}"] not in by_url
    assert result.stat(f"newsspider/dropped/{reason}") >= 1


def test_drop_counts_are_exact(crawl):
    result, *_ = crawl
    assert result.stat("newsspider/dropped/not_html") == 2  # pdf + png
    assert result.stat("newsspider/dropped/empty_response") == 1
    assert result.stat("newsspider/dropped/soft_404") == 1
    assert result.stat("newsspider/dropped/too_deep") == 2  # 5,000 nested divs, 50,000 nested spans
    assert "RecursionError" not in result.log


@pytest.mark.parametrize("case", faultpages.CHARSET_CASES)
def test_charset_contradiction_decodes_right(crawl, case):
    _, seeds, by_url, *_ = crawl
    item = by_url.get(seeds[f"charset/{case}"])
    assert item is not None, f"{case} was not exported"
    title = faultpages.TITLE_TW if "big5" in case else faultpages.TITLE
    paragraph = (faultpages.PARAGRAPHS_TW if "big5" in case else faultpages.PARAGRAPHS)[0]
    assert item["title"] == title
    assert paragraph in item["body"]
    assert "\ufffd" not in item["body"]


def test_charset_fixes_are_counted(crawl):
    result, *_ = crawl
    fixes = {key.rsplit("/", 1)[1]: value for key, value in result.stats.items() if "charset_fixed/" in key}
    assert fixes.get("header_wrong", 0) >= 8
    assert fixes.get("bom_over_header", 0) >= 2
    assert fixes.get("undeclared", 0) >= 1


@pytest.mark.parametrize("fault", LIMIT_FAULTS)
def test_limit_fault_exports_nothing(crawl, fault):
    _, seeds, by_url, *_ = crawl
    assert seeds[fault] not in by_url


def test_broken_transfers_are_retried_within_limits(crawl):
    result, *_ = crawl
    retries = result.stats
    assert (
        retries.get("retry/reason_count/scrapy.exceptions.ResponseDataLossError", 0) >= 2
    )  # truncated, reset
    timeouts = retries.get("retry/reason_count/scrapy.exceptions.DownloadTimeoutError", 0)
    assert timeouts >= 3 * 2  # hang, hang-after-headers, trickle: each retried RETRY_TIMES=2 times
    assert result.stat("retry/max_reached") >= 3


def test_oversized_responses_are_cancelled(crawl):
    result, *_ = crawl
    assert "Expected to receive 52428800 bytes which is larger than download max size" in result.log  # /huge
    assert f"which is larger than download max size ({MAXSIZE})" in result.log  # /huge-chunked, no length
    assert result.stat("downloader/exception_type_count/scrapy.exceptions.DownloadCancelledError") == 2


def test_gzip_bomb_is_cancelled_during_decompression(crawl):
    result, *_ = crawl
    assert result.stat("newsspider/limits/decompressed_maxsize") == 1
    assert f"exceeded DOWNLOAD_MAXSIZE ({MAXSIZE} B) during decompression" in result.log


def test_gzip_bomb_memory_is_bounded(crawl):
    *_, rss_kib = crawl
    assert rss_kib, "the crawl did not report its peak memory"
    bomb_kib = FaultServer.BOMB_BYTES // 1024
    assert rss_kib < bomb_kib // 4, f"crawl used {rss_kib} KiB for a {bomb_kib} KiB bomb"


def test_redirect_loop_and_long_chain_stop(crawl):
    result, seeds, by_url, *_ = crawl
    assert seeds["loop/0"] not in by_url and seeds["chain/0"] not in by_url
    assert result.stat("newsspider/limits/redirect_max") == 2


def test_redirects_never_leave_the_allowed_hosts(crawl):
    result, seeds, by_url, hosts, _ = crawl
    assert faultpages.OFFSITE_HOST not in hosts
    assert (
        result.stat("newsspider/safety/offsite") >= 2
    )  # a 302 and a <meta refresh>, both on dont_filter seeds
    assert seeds["offsite"] not in by_url and seeds["badscheme"] not in by_url
    assert not any(item["url"].startswith("file:") for item in by_url.values())
