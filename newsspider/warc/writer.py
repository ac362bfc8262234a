"""A batch's WARC file: records appended under a hidden part name, fsynced, then renamed to its final name."""

from __future__ import annotations

import os
from importlib.metadata import PackageNotFoundError, version
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.warcwriter import WARCWriter

from newsspider.state.feedstorage import fsync_dir, temp_path

if TYPE_CHECKING:
    from newsspider.warc.capture import Capture

WARC_VERSION = "1.1"
# Extension WARC fields: tie the records of a multi-page article to its first page's response.
ARTICLE_RECORD = "Newsspider-Article-Record"
PAGE_NUMBER = "Newsspider-Page"
PAGE_COUNT = "Newsspider-Pages"  # on page 1 of a multi-page article
SITE = "Newsspider-Site"


def software() -> str:
    try:
        return f"newsspider/{version('newsspider')}"
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without metadata
        return "newsspider"


class WarcBatchFile:
    """The WARC file written next to one feed batch; nothing appears under ``final`` before ``publish``."""

    def __init__(self, final: Path, info: dict[str, str]):
        self.final = final
        self.part = temp_path(final)
        self.part.parent.mkdir(parents=True, exist_ok=True)
        self.handle = self.part.open("wb")
        self.writer = WARCWriter(self.handle, gzip=True, warc_version=WARC_VERSION)
        self.records = 0
        self.writer.write_record(self.writer.create_warcinfo_record(final.name, {"software": software(), **info}))

    def write_article(self, pages: list[Capture], site: str | None) -> str:
        """Request + response records of every page of one article; returns page 1's response record id."""
        first_id = None
        for number, capture in enumerate(pages, 1):
            extra = {SITE: site or ""}
            if number == 1 and len(pages) > 1:
                extra[PAGE_COUNT] = str(len(pages))
            if number > 1:
                extra.update({ARTICLE_RECORD: first_id, PAGE_NUMBER: str(number)})
            record_id = self.write_exchange(capture, extra)
            first_id = first_id or record_id
        return first_id

    def write_exchange(self, capture: Capture, extra: dict[str, str]) -> str:
        """One request + response pair (response first, as warcio does); returns the response record id."""
        date = datetime_to_iso_date(capture.date.replace(tzinfo=None), use_micros=True)
        warc_headers = {"WARC-Date": date, **{name: value for name, value in extra.items() if value}}
        if capture.ip_address:
            warc_headers["WARC-IP-Address"] = capture.ip_address
        response = self.writer.create_warc_record(
            capture.url, "response", payload=BytesIO(capture.body), length=len(capture.body),
            warc_headers_dict=warc_headers,
            http_headers=StatusAndHeaders(capture.status_line, capture.response_headers, protocol=capture.protocol),
        )  # fmt: skip
        request = self.writer.create_warc_record(
            capture.url, "request", payload=BytesIO(capture.request_body), length=len(capture.request_body),
            warc_headers_dict={"WARC-Date": date},
            http_headers=StatusAndHeaders(capture.request_line, capture.request_headers, is_http_request=True),
        )  # fmt: skip
        self.writer.write_request_response_pair(request, response)
        self.records += 2
        return response.rec_headers.get_header("WARC-Record-ID")

    def seal(self) -> None:
        """Make every record durable under the part name."""
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self.handle.close()

    def publish(self) -> None:
        """Rename the sealed part to its final name, durably."""
        os.replace(self.part, self.final)
        fsync_dir(self.final.parent)

    def abort(self) -> None:
        """Drop an unfinished file (a failed write, a batch that will not be committed)."""
        if not self.handle.closed:
            self.handle.close()
        self.part.unlink(missing_ok=True)
