"""``scrapy extract`` in a subprocess prints exactly what extract_article returns."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

from newsspider import ArticleRejected, extract_article
from newsspider.items import export_line
from newsspider_testing.pairs import PAGES, FixturePair

ROOT = Path(__file__).resolve().parents[1]
SCRAPY = Path(sys.executable).with_name("scrapy")


def scrapy_extract(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(SCRAPY), "extract", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def expected_or_reason(pair: FixturePair) -> dict | str:
    try:
        return export_line(extract_article(pair.html.read_bytes(), **pair.kwargs))
    except ArticleRejected as exc:
        return exc.reason


def test_pages_with_pairs_print_extract_article_and_rejections_fail():
    good = FixturePair.load(PAGES / "haikou_original_gbk.json")
    dropped = FixturePair.load(PAGES / "metro_video_rejected.json")
    result = scrapy_extract(str(good.html), str(dropped.html))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert [json.loads(line) for line in lines] == [expected_or_reason(good)]
    assert "\\u" not in lines[0] and "海口" in lines[0]
    reason = expected_or_reason(dropped)
    assert isinstance(reason, str)
    assert f"{dropped.html}: rejected ({reason})" in result.stderr


def test_gzipped_page_with_url_site_and_content_type(tmp_path):
    pair = FixturePair.load(PAGES / "haikou_wrong_charset.json")
    saved = tmp_path / "saved.html.gz"
    saved.write_bytes(gzip.compress(pair.html.read_bytes()))
    content_type = pair.meta["headers"]["Content-Type"]
    result = scrapy_extract(str(saved), "--url", pair.meta["url"], "--content-type", content_type)
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    printed = json.loads(line)
    expected = export_line(extract_article(pair.html.read_bytes(), pair.meta["url"], {"Content-Type": content_type},
                                           site="demo_haikou"))  # fmt: skip
    assert printed["site"] == "demo_haikou"  # found from the URL's host
    printed.pop("fetched_at")
    expected.pop("fetched_at")
    assert printed == expected


def test_unreadable_page_and_unknown_site(tmp_path):
    missing = tmp_path / "missing.html"
    result = scrapy_extract(str(missing))
    assert result.returncode == 1
    assert f"{missing}: cannot read" in result.stderr
    result = scrapy_extract(str(PAGES / "haikou_no_author.html"), "--site", "no_such_site")
    assert result.returncode != 0
    assert "unknown site 'no_such_site'" in result.stderr
