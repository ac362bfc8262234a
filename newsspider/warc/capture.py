"""One HTTP exchange as received (before decompression), ready to become a WARC request + response pair."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from w3lib.url import safe_url_string

if TYPE_CHECKING:
    from scrapy.http import Request, Response

# Twisted removes the chunked framing before Scrapy sees the body, so the header would lie about the
# payload we store: it is kept under this name (the pywb/warcio convention for rewritten headers).
HOP_BY_HOP = {"transfer-encoding"}
RENAMED_PREFIX = "X-Archive-Orig-"


@dataclass(frozen=True)
class Capture:
    """Request and response of one page exactly as exchanged (headers in Scrapy's canonical case)."""

    url: str
    date: datetime
    method: str
    request_headers: list[tuple[str, str]]
    request_body: bytes
    status: int
    response_headers: list[tuple[str, str]]
    body: bytes
    protocol: str = "HTTP/1.1"
    ip_address: str | None = None

    @property
    def request_line(self) -> str:
        parts = urlsplit(safe_url_string(self.url))  # a request line is ASCII (Scrapy's URLs already are)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        return f"{self.method} {target} {self.protocol}"

    @property
    def status_line(self) -> str:
        try:
            reason = HTTPStatus(self.status).phrase
        except ValueError:
            reason = "Unknown"
        return f"{self.status} {reason}"


def header_pairs(headers, *, rename_hop_by_hop: bool = False) -> list[tuple[str, str]]:
    """Scrapy ``Headers`` as (name, value) text pairs, one pair per value, in their stored order."""
    pairs = []
    for name, values in headers.items():
        text = name.decode("latin-1")
        if rename_hop_by_hop and text.lower() in HOP_BY_HOP:
            text = RENAMED_PREFIX + text
        pairs += [(text, value.decode("latin-1")) for value in values]
    return pairs


def from_exchange(request: Request, response: Response, date: datetime | None = None) -> Capture:
    """The capture of a response seen before HttpCompressionMiddleware (body still content-encoded)."""
    request_headers = header_pairs(request.headers)
    if not any(name.lower() == "host" for name, _ in request_headers):
        request_headers.insert(0, ("Host", urlsplit(request.url).netloc))
    ip = response.ip_address
    return Capture(
        url=response.url,
        date=date or datetime.now(UTC),
        method=request.method,
        request_headers=request_headers,
        request_body=request.body or b"",
        status=response.status,
        response_headers=header_pairs(response.headers, rename_hop_by_hop=True),
        body=response.body,
        protocol=response.protocol or "HTTP/1.1",
        ip_address=str(ip) if ip is not None else None,
    )
