"""The charset matrix of infra.md §3.2 (and more): text always decodes right, each override has a named reason."""

from __future__ import annotations

import pytest
from scrapy import Request, Spider
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from newsspider.extract.decode import decode_html
from newsspider.middlewares.charset import CharsetMiddleware
from newsspider.middlewares.sniff import sniff
from newsspider_testing import faultpages

EXPECTED_FIX = {
    "gbk_header_utf8": ("gb18030", "header_wrong"),
    "gbk_header_utf8_meta_gbk": ("gb18030", "header_wrong"),
    "gbk_meta_gb2312": ("gb18030", None),
    "utf8_header_gbk": ("utf-8", "header_wrong"),
    "utf8_header_gbk_meta_gbk": ("utf-8", "header_wrong"),
    "gb18030_undeclared": ("gb18030", "undeclared"),
    "utf8_undeclared": ("utf-8", None),
    "bom_utf8_header_gbk": ("utf-8", "bom_over_header"),
    "bom_utf16_header_utf8": ("utf-16-le", "bom_over_header"),
    "late_meta_gbk": ("gb18030", None),
    "late_meta_gbk_header_utf8": ("gb18030", "header_wrong"),
    "latin1_header_gbk_body": ("gb18030", "header_wrong"),
    "latin1_header_meta_gbk": ("gb18030", "header_wrong"),
    "big5_header_utf8_meta_big5": ("big5hkscs", "header_wrong"),
    "bogus_header_gbk_body": ("gb18030", None),
}


def test_every_case_has_an_expectation():
    assert set(EXPECTED_FIX) == set(faultpages.CHARSET_CASES)


@pytest.mark.parametrize("case", faultpages.CHARSET_CASES)
def test_matrix_decodes_right_and_names_the_fix(case):
    body, content_type = faultpages.CHARSET_CASES[case]
    decoded = decode_html(body, content_type)
    traditional = "big5" in case
    assert (faultpages.TITLE_TW if traditional else faultpages.TITLE) in decoded.text
    for paragraph in faultpages.PARAGRAPHS_TW if traditional else faultpages.PARAGRAPHS:
        assert paragraph in decoded.text
    assert "\ufffd" not in decoded.text
    assert (decoded.encoding, decoded.fix) == EXPECTED_FIX[case]


def test_meta_after_the_first_kilobyte_is_found():
    body, _ = faultpages.CHARSET_CASES["late_meta_gbk"]
    assert body.index(b"charset") > 1024
    assert decode_html(body, "text/html").encoding == "gb18030"


@pytest.mark.parametrize("charset", ["iso-8859-1", "windows-1252"])
def test_real_latin1_page_is_not_mistaken_for_gbk(charset):
    text = (
        "<html><head><title>Grüße aus Köln</title></head><body><p>" + "Schöne Grüße, für alle Bürger. " * 20
    )
    decoded = decode_html(text.encode("latin-1"), f"text/html; charset={charset}")
    assert decoded.encoding == "cp1252" and decoded.fix is None
    assert "Schöne Grüße, für alle Bürger." in decoded.text


def test_nul_bytes_are_removed():
    decoded = decode_html(faultpages.article_html("nul").replace("。", "。\x00").encode(), "text/html")
    assert "\x00" not in decoded.text and faultpages.PARAGRAPHS[0] in decoded.text


def test_middleware_fixes_the_response_and_counts():
    crawler = get_crawler(Spider)
    middleware = CharsetMiddleware.from_crawler(crawler)
    body, content_type = faultpages.CHARSET_CASES["gbk_header_utf8_meta_gbk"]
    request = Request("http://a.fault.test/c.htm", meta={"newsspider_decoded": "stale"})
    response = HtmlResponse(request.url, body=body, headers={"Content-Type": content_type}, request=request)
    assert "\ufffd" in response.text  # what Scrapy alone would parse
    fixed = middleware.process_response(request, response)
    assert fixed.encoding == "gb18030" and faultpages.TITLE in fixed.text
    assert request.meta["newsspider_decoded"].fix == "header_wrong"
    assert crawler.stats.get_value("newsspider/charset_fixed/header_wrong") == 1


@pytest.mark.parametrize(
    ("body", "content_type", "reason"),
    [
        (b"", "text/html", "empty_response"),
        (b"  \n ", "text/html", "empty_response"),
        (b"%PDF-1.7\n...", "text/html", "not_html"),
        (b"\x89PNG\r\n\x1a\n....", "text/html; charset=utf-8", "not_html"),
        (b"\xff\xd8\xff\xe0....JFIF", "text/html", "not_html"),
        (b"<html>ok</html>", "application/pdf", "not_html"),
        (b"<html>ok</html>", "text/html", None),
        (b"\xef\xbb\xbf<!DOCTYPE html><html>", "text/html", None),
        (b"BMW news <html>", "text/html", None),
    ],
)
def test_sniff(body, content_type, reason):
    assert sniff(body, content_type) == reason


def test_html_served_as_octet_stream_is_kept():
    assert sniff(b"<html><body>ok</body></html>", "application/octet-stream") is None
    assert sniff(b"%PDF-1.4 ...", "application/octet-stream") == "not_html"
