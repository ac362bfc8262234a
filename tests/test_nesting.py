"""Deep nesting is dropped as ``too_deep`` (never a RecursionError); saved pages obey the crawl's size cap."""

from __future__ import annotations

import gzip
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsspider import ArticleRejected, chain, extract_article
from newsspider.extract.page import MAX_DEPTH, Page
from newsspider.extractpool import extract_page

ROOT = Path(__file__).resolve().parents[1]
URL = "http://a.cn/2024/05/01/content_1.htm"
TEXT = "海口市召开防汛防风工作会议，部署近期防汛防风工作。会议要求各区各部门压实责任，确保安全。"


def nested(tag: str, depth: int, text_per_level: str = "") -> bytes:
    """An article whose body sits inside ``depth`` nested ``tag`` elements (text at each level if given)."""
    opening = f"<{tag}>{text_per_level}" * depth
    html = (
        f"<html><head><meta charset='utf-8'><title>防汛防风工作会议</title></head><body>"
        f"<h1>防汛防风工作会议</h1>{opening}<p>{TEXT}</p><p>{TEXT}</p>{f'</{tag}>' * depth}</body></html>"
    )
    return html.encode()


@pytest.mark.parametrize(
    ("tag", "text"), [("span", "x"), ("font", "字"), ("div", ""), ("b", "x"), ("section", "")]
)
def test_50000_nested_tags_are_rejected_as_too_deep(tag, text):
    with pytest.raises(ArticleRejected) as caught:
        extract_article(nested(tag, 50_000, text), URL)
    assert caught.value.reason == "too_deep"


def test_the_worker_function_returns_an_item_the_chain_drops_as_too_deep():
    found = extract_page(nested("span", 50_000, "x"), URL, {}, None, datetime.now(UTC), True)
    assert found.rest == []
    with pytest.raises(ArticleRejected) as caught:
        chain.run_steps(found.item)
    assert caught.value.reason == "too_deep"


@pytest.mark.parametrize("depth", [50, MAX_DEPTH - 10])
def test_ordinary_nesting_is_extracted(depth):
    item = extract_article(nested("div", depth), URL)
    assert TEXT in item["body"]


def test_depth_is_measured_without_recursion():
    page = Page.from_bytes(nested("div", 300), URL)
    assert 300 < page.depth < 310  # html, body, the divs, p
    assert Page.from_bytes(b"", URL).depth == 0


@pytest.mark.parametrize(("divs", "depth"), [(MAX_DEPTH - 4, MAX_DEPTH - 1), (MAX_DEPTH - 3, MAX_DEPTH),
                                             (MAX_DEPTH - 2, MAX_DEPTH + 1), (600, 603)])  # fmt: skip
def test_too_deep_is_exactly_depth_beyond_max_depth(divs, depth):
    page = Page.from_bytes(nested("div", divs), URL)  # html, body, the divs, p
    assert page.depth == depth
    assert page.too_deep == (depth > MAX_DEPTH)


def scrapy_extract(*args: str) -> subprocess.CompletedProcess:
    scrapy = Path(sys.executable).with_name("scrapy")
    return subprocess.run(
        [str(scrapy), "extract", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_extract_command_applies_the_download_size_cap(tmp_path):
    page = nested("div", 3)
    big = tmp_path / "big.html"
    big.write_bytes(page + b" " * 5000)
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(page + b" " * 50_000))  # small on disk, over the cap once unpacked
    small = tmp_path / "small.html"
    small.write_bytes(page)
    cap = len(page) + 1000
    result = scrapy_extract(str(big), str(bomb), str(small), "-s", f"DOWNLOAD_MAXSIZE={cap}")
    assert result.returncode == 1
    assert f"{big}: rejected (too_large)" in result.stderr
    assert f"{bomb}: rejected (too_large)" in result.stderr
    assert TEXT in result.stdout  # the page within the cap is extracted
    assert len(result.stdout.splitlines()) == 1


def test_extract_command_drops_a_too_deep_page(tmp_path):
    deep = tmp_path / "deep.html"
    deep.write_bytes(nested("span", 50_000, "x"))
    result = scrapy_extract(str(deep), "--url", URL)
    assert result.returncode == 1
    assert f"{deep}: rejected (too_deep)" in result.stderr
    assert "Traceback" not in result.stderr
