"""Read archived article pages back from WARC files, skipping (and counting) damaged records."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.timeutils import iso_date_to_datetime

from newsspider.exceptions import NewsspiderError
from newsspider.warc.writer import ARTICLE_RECORD, PAGE_COUNT, SITE

GZIP_MAGIC = b"\x1f\x8b\x08"
WINDOW = 64 * 1024  # compressed bytes fed to zlib at a time
RESPONSE_TYPE = b"\r\nWARC-Type: response\r\n"
CONTENT_LENGTH = re.compile(rb"\r\nContent-Length: *(\d+)", re.IGNORECASE)  # how warcio writes it; other records are only counted
WARC_MAGIC = b"WARC/"


class NotWarcError(NewsspiderError):
    """The file is not a WARC file (nor a gzipped one)."""


@dataclass(frozen=True)
class ArchivedPage:
    """One archived response: URL, capture time, HTTP status and headers, payload as sent (still encoded)."""

    url: str
    date: datetime
    record_id: str
    status: int
    headers: list[tuple[str, str]]
    payload: bytes
    site: str | None = None
    article_record: str | None = None  # page 1's record id, on continuation pages
    pages: int = 1  # on page 1: how many pages the article has
    end: int = 0  # byte offset in the file where this record's gzip member ends (progress)

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((value for key, value in self.headers if key.lower() == name), None)


@dataclass
class ArchivedArticle:
    """Page 1 and the continuation pages of one exported article, from one WARC file."""

    file: Path
    pages: list[ArchivedPage]

    @property
    def first(self) -> ArchivedPage:
        return self.pages[0]

    @property
    def complete(self) -> bool:
        return len(self.pages) == self.first.pages


@dataclass
class ReadReport:
    """What reading found: records read and the damaged ones skipped (file, offset, reason)."""

    records: int = 0
    responses: int = 0
    skipped: list[tuple[str, int, str]] = field(default_factory=list)
    incomplete: int = 0
    position: int = 0  # bytes of the current file read so far


def gzip_members(data: bytes, report: ReadReport, name: str) -> Iterator[tuple[int, bytes]]:
    """(offset, decompressed bytes) of each gzip member; a damaged one is reported and skipped.

    ``report.position`` follows the end of the last member read."""
    view, offset = memoryview(data), 0
    while offset < len(data):
        content, end, reason = _member(view, offset)
        if end is not None:
            report.position = end
            yield offset, content
            offset = end
            continue
        report.skipped.append((name, offset, reason))
        following = data.find(GZIP_MAGIC, offset + 1)
        offset = following if following >= 0 else len(data)


def _member(view: memoryview, offset: int) -> tuple[bytes, int | None, str]:
    """(content, end offset or None when damaged, reason) of the gzip member at ``offset``.

    The input is fed in windows, so neither the input nor ``unused_data`` is copied to the end of the file.
    """
    decompressor = zlib.decompressobj(zlib.MAX_WBITS | 16)
    parts, position = [], offset
    try:
        while not decompressor.eof and position < len(view):
            window = view[position : position + WINDOW]
            parts.append(decompressor.decompress(window))
            position += len(window)
    except zlib.error as exc:
        return b"", None, f"corrupt gzip member ({exc})"
    if not decompressor.eof:
        return b"", None, "truncated gzip member"
    return b"".join(parts), position - len(decompressor.unused_data), ""


def sniff(path: Path) -> bool:
    """True for a gzipped WARC file, False for a plain one; NotWarcError for anything else."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        raise NotWarcError(f"{path}: cannot read: {exc}") from exc
    if head.startswith(WARC_MAGIC):
        return False
    if head.startswith(GZIP_MAGIC):
        try:
            start = zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(head, len(WARC_MAGIC))
        except zlib.error:
            start = b""
        if start.startswith(WARC_MAGIC):
            return True
        raise NotWarcError(f"{path}: a gzip file, but not a WARC file")
    raise NotWarcError(f"{path}: not a WARC file (it starts with neither 'WARC/' nor a gzip header)")


def records(path: Path, report: ReadReport) -> Iterator[ArchivedPage]:
    """Every ``response`` record of a WARC file (``.warc`` or ``.warc.gz``, one gzip member per record)."""
    gzipped = sniff(path)
    data = path.read_bytes()
    report.position = 0 if gzipped else len(data)
    chunks = gzip_members(data, report, path.name) if gzipped else iter([(0, data)])
    for offset, chunk in chunks:
        yield from _parse(chunk, offset, report, path.name)


def _parse(chunk: bytes, offset: int, report: ReadReport, name: str) -> Iterator[ArchivedPage]:
    """The response records in ``chunk``; a record failing to parse or its digest check is skipped."""
    if _lone_other_record(chunk):
        report.records += 1  # a request or warcinfo record alone in its gzip member: not parsed (speed)
        return
    try:
        for record in ArchiveIterator(BytesIO(chunk), check_digests="raise", ensure_http_headers=True):
            report.records += 1
            if record.rec_type != "response" or record.http_headers is None:
                record.raw_stream.read()
                continue
            page = _page(record, report.position)
            report.responses += 1
            yield page
    except (ArchiveLoadFailed, ValueError, EOFError) as exc:
        report.skipped.append((name, offset, f"damaged record ({exc})"))


def _lone_other_record(chunk: bytes) -> bool:
    """Whether ``chunk`` is exactly one whole record, and not a response (its header block tells)."""
    end = chunk.find(b"\r\n\r\n")
    head = chunk[:end]
    if not chunk.startswith(WARC_MAGIC) or end < 0 or RESPONSE_TYPE in head + b"\r\n":
        return False
    length = CONTENT_LENGTH.search(head)
    return length is not None and end + 4 + int(length.group(1)) + 4 == len(chunk)


def _page(record, end: int) -> ArchivedPage:
    headers = record.rec_headers
    payload = record.raw_stream.read()  # DigestVerifyingReader: raises on a digest mismatch at the end
    status = int((record.http_headers.get_statuscode() or "0")[:3])
    date = iso_date_to_datetime(headers.get_header("WARC-Date")).replace(tzinfo=UTC)
    return ArchivedPage(
        url=headers.get_header("WARC-Target-URI"),
        date=date,
        record_id=headers.get_header("WARC-Record-ID"),
        status=status,
        headers=list(record.http_headers.headers),
        payload=payload,
        site=headers.get_header(SITE) or None,
        article_record=headers.get_header(ARTICLE_RECORD),
        pages=int(headers.get_header(PAGE_COUNT) or 1),
        end=end,
    )


def articles(path: Path, report: ReadReport) -> Iterator[ArchivedArticle]:
    """Group a file's response records into articles (page 1 followed by its continuation pages)."""
    current: ArchivedArticle | None = None
    for page in records(path, report):
        if page.article_record and current is not None and page.article_record == current.first.record_id:
            current.pages.append(page)
            continue
        if page.article_record:  # a continuation page whose page 1 was damaged
            continue
        if current is not None:
            yield from _finished(current, report)
        current = ArchivedArticle(path, [page])
    if current is not None:
        yield from _finished(current, report)


def _finished(article: ArchivedArticle, report: ReadReport) -> Iterator[ArchivedArticle]:
    if article.complete:
        yield article
    else:
        report.incomplete += 1


def warc_files(paths: list[Path]) -> list[Path]:
    """The WARC files named or found (recursively) in folders, sorted; other files in folders are ignored."""
    found = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.name.endswith((".warc.gz", ".warc")))
        else:
            found.append(path)
    return found
