"""``scrapy extract PAGE [PAGE ...]``: run extract_article on saved pages and print one JSON line each."""

from __future__ import annotations

import gzip
import json
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from newsspider import ArticleRejected, extract_article
from newsspider.commands import check_site_option
from newsspider.items import export_line
from newsspider.pairs import FixturePair
from newsspider.sites import all_profiles

if TYPE_CHECKING:
    import argparse


@dataclass
class PageInput:
    """A saved page and the context extract_article needs for it."""

    path: Path
    url: str
    site: str | None
    headers: dict = field(default_factory=dict)
    fetched_at: datetime | None = None


def read_page(path: Path, limit: int = 0) -> bytes:
    """The raw bytes of a saved page (``.gz`` files hold them gzip-compressed).

    Like the crawl's DOWNLOAD_MAXSIZE, ``limit`` (0: none) caps the size, unpacked: a larger page is
    rejected as ``too_large`` without reading more than ``limit`` + 1 bytes of it.
    """
    with (gzip.open if path.suffix == ".gz" else Path.open)(path, "rb") as stream:
        data = stream.read(limit + 1 if limit > 0 else -1)
    if 0 < limit < len(data):
        raise ArticleRejected("too_large")
    return data


def site_for_url(url: str) -> str | None:
    """The id of the profile whose domains cover the URL's host, else None (generic extraction)."""
    host = (urlsplit(url).hostname or "").lower()
    for profile in all_profiles().values():
        if any(host == domain or host.endswith("." + domain) for domain in profile.domains):
            return profile.id
    return None


def page_input(path: Path, url: str | None, site: str | None, content_type: str | None) -> PageInput:
    """Options first, then the fixture-pair JSON next to the page, then the file URL and the host's profile."""
    pair = FixturePair.beside(path)
    found = PageInput(path, path.resolve().as_uri(), None)
    if pair:
        kwargs = pair.kwargs
        found = PageInput(path, kwargs["url"], kwargs["site"], kwargs["headers"], kwargs["fetched_at"])
    if url:
        found.url, found.site = url, None
    found.site = site or found.site or site_for_url(found.url)
    if content_type:
        found.headers = {"Content-Type": content_type}
    return found


class Command(ScrapyCommand):
    """Print the exported JSON line of each saved page, exactly as a crawl would export it."""

    requires_project = True
    requires_crawler_process = False
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "PAGE [PAGE ...] [--url URL] [--site ID] [--content-type VALUE]"

    def short_desc(self) -> str:
        return "Extract articles from saved pages (.html or .html.gz) and print JSON lines"

    def long_desc(self) -> str:
        return (
            "Runs newsspider.extract_article on each PAGE (raw bytes as fetched) and prints one JSON line per "
            "page. URL, headers, site and fetched_at come from a fixture-pair <name>.json next to the page "
            "when there is one; --url/--site/--content-type override them. Without --site, the profile whose "
            "domains cover the URL's host is used. Rejected pages are reported on stderr; the exit code is 1 "
            "if any page failed."
        )

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--url", help="the URL the page was fetched from (only with one PAGE)")
        parser.add_argument("--site", help="site profile id (default: the profile matching the URL's host)")
        parser.add_argument("--content-type", help="the HTTP Content-Type header the page was served with")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if not args:
            raise UsageError("give at least one saved page")
        if opts.url and len(args) > 1:
            raise UsageError("--url applies to a single PAGE")
        check_site_option(opts.site)
        failures = sum(not self.extract_one(Path(arg), opts) for arg in args)
        self.exitcode = 1 if failures else 0

    def extract_one(self, path: Path, opts: argparse.Namespace) -> bool:
        """Print the page's article line, or the reason it failed on stderr; True on success."""
        try:
            page = page_input(path, opts.url, opts.site, opts.content_type)
        except (OSError, json.JSONDecodeError) as exc:
            print(f"{path}: cannot read: {exc}", file=sys.stderr)
            return False
        try:
            body = read_page(path, self.settings.getint("DOWNLOAD_MAXSIZE"))
            item = extract_article(body, page.url, page.headers, page.site, fetched_at=page.fetched_at)
        except (OSError, EOFError) as exc:
            print(f"{path}: cannot read: {exc}", file=sys.stderr)
            return False
        except ArticleRejected as exc:
            hint = " (larger than DOWNLOAD_MAXSIZE, as in a crawl)" if exc.reason == "too_large" else ""
            print(f"{path}: rejected ({exc.reason}): {page.url}{hint}", file=sys.stderr)
            return False
        print(json.dumps(export_line(item), ensure_ascii=False), flush=True)
        return True
