"""Responses of the fault server: articles, listings, redirects, charset contradictions and malformed pages."""

from __future__ import annotations

import re
import time
from email.utils import formatdate

TITLE = "海口市召开防汛防风工作会议"
PARAGRAPHS = (
    "11月27日上午，海口市召开防汛防风工作会议，部署近期防汛防风工作。会议要求各区各部门压实责任。",
    "会议指出，当前正值汛期，各单位要加强值班值守，确保人民群众生命财产安全，做好应急准备工作。",
)
BODY = "\n".join(PARAGRAPHS)
TITLE_TW = "海口市召開防汛防風工作會議"  # traditional characters, for the Big5 case
PARAGRAPHS_TW = (
    "11月27日上午，海口市召開防汛防風工作會議，部署近期防汛防風工作。會議要求各區各部門壓實責任。",
)
OFFSITE_HOST = "evil.fault.test"
HTML = "text/html"
SLOW_SECONDS = 0.2


def article_html(
    path: str, charset: str = "utf-8", head_extra: str = "", meta: bool = True, *, traditional: bool = False
) -> str:
    """A small, valid Chinese article page; ``path`` is echoed so every URL has its own page."""
    meta_tag = f'<meta charset="{charset}">' if meta and charset else ""
    title = TITLE_TW if traditional else TITLE
    paragraphs = "".join(f"<p>{p}</p>" for p in (PARAGRAPHS_TW if traditional else PARAGRAPHS))
    home, source = ("首頁", "來源：海口日報") if traditional else ("首页", "来源：海口日报")
    return (
        f"<!DOCTYPE html><html><head>{head_extra}{meta_tag}<title>{title}</title></head><body>"
        f'<div class="nav"><a href="/">{home}</a></div><h1>{title}</h1>'
        f'<div class="info">2026-11-27 10:30 {source}</div>'
        f'<div class="content">{paragraphs}'
        f"<!-- {path} --></div></body></html>"
    )


def page_for(host: str, path: str, count: int) -> tuple[int, dict[str, str], bytes]:
    """(status, headers, body) for ``path``; ``count`` is how often this path has been requested so far."""
    kind = path.split("/")[1] if path.count("/") > 1 else ""
    route = _ROUTES.get(kind)
    if route is None:
        return 404, {"Content-Type": HTML}, b"<html><body>not found</body></html>"
    return route(host, path.split("/")[2:], count)


def _html(text: str, charset: str = "utf-8", status: int = 200) -> tuple[int, dict[str, str], bytes]:
    return status, {"Content-Type": f"{HTML}; charset={charset}"}, text.encode(charset)


def _ok(host, parts, count):
    return _html(article_html("/".join(parts)))


def _listing(host, parts, count, target="ok"):
    """/list/<n>/index.html: links to /ok/content_<1000+i>.htm for i <= n, plus links that must never be followed."""
    links = "".join(
        f'<li><a href="/{target}/content_{1000 + i}.htm">{TITLE} {i}</a></li>'
        for i in range(1, int(parts[0]) + 1)
    )
    unsafe = (
        '<a href="file:///etc/passwd">f</a><a href="ftp://a.fault.test/content_1007.htm">f</a>'
        '<a href="javascript:alert(1)">j</a><a href="data:text/html,content_1008.htm">d</a>'
        f'<a href="http://{OFFSITE_HOST}/ok/content_9009.htm">offsite</a>'
        f'<a href="/ok/{"x" * 2100}/content_1010.htm">long</a>'
    )
    return _html(f"<html><head><title>列表</title></head><body><ul>{links}</ul>{unsafe}</body></html>")


def _slowlist(host, parts, count):
    """/slowlist/<n>/index.html: like /list/, but every article takes SLOW_SECONDS to answer."""
    return _listing(host, parts, count, "slow")


def _faillist(host, parts, count):
    """/faillist/<n>/index.html: like /list/, but every article answers 500."""
    return _listing(host, parts, count, "status/500")


def _slow(host, parts, count):
    time.sleep(SLOW_SECONDS)
    return _ok(host, parts, count)


def _flaky(host, parts, count):
    """/flaky/<code>/<fails>/<retry_after|none|date<s>>/content_N.htm: ``fails`` errors, then the article."""
    code, fails, retry_after = int(parts[0]), int(parts[1]), parts[2]
    if count > fails:
        return _ok(host, parts, count)
    headers = {"Content-Type": HTML}
    if retry_after.startswith("date"):
        headers["Retry-After"] = formatdate(time.time() + float(retry_after[4:]), usegmt=True)
    elif retry_after != "none":
        headers["Retry-After"] = retry_after
    return code, headers, b"<html><body>busy</body></html>"


def _status(host, parts, count):
    """/status/<code>/content_N.htm: always that status."""
    return int(parts[0]), {"Content-Type": HTML}, b"<html><body>error</body></html>"


def _huge(host, parts, count):
    """/huge/content_1.htm: announces 50 MiB (the client must cancel on the header)."""
    return 200, {"Content-Type": HTML, "Content-Length": str(50 * 1024 * 1024)}, b"<html>"


def _redirect(location: str, status: int = 302):
    return status, {"Location": location, "Content-Type": HTML}, b""


def _loop(host, parts, count):
    return _redirect(f"/loop/{1 - int(parts[0])}/content_1.htm")


def _chain(host, parts, count):
    hop = int(parts[0])
    return _redirect(f"/chain/{hop + 1}/content_1.htm") if hop < 25 else _ok(host, parts, count)


def _offsite(host, parts, count):
    return _redirect(f"http://{OFFSITE_HOST}/ok/content_9009.htm")


def _badscheme(host, parts, count):
    return _redirect("file:///etc/passwd")


def _refresh(host, parts, count):
    target = f"http://{OFFSITE_HOST}/ok/content_9009.htm"
    return _html(
        f'<html><head><meta http-equiv="refresh" content="0;url={target}"></head><body></body></html>'
    )


def _malformed(host, parts, count):
    return MALFORMED[parts[0]]()


def _charset(host, parts, count):
    body, header = CHARSET_CASES[parts[0]]
    return 200, {"Content-Type": header}, body


_ROUTES = {
    "ok": _ok, "list": _listing, "slowlist": _slowlist, "faillist": _faillist, "slow": _slow, "flaky": _flaky,
    "status": _status, "huge": _huge, "loop": _loop,
    "chain": _chain, "offsite": _offsite, "badscheme": _badscheme, "refresh": _refresh,
    "malformed": _malformed, "charset": _charset,
}  # fmt: skip


def _deep() -> tuple[int, dict[str, str], bytes]:
    page = article_html("deep")
    return _html(
        page.replace("<h1>", "<div>" * 5000 + "<h1>", 1).replace("</body>", "</div>" * 5000 + "</body>")
    )


def _deep50k() -> tuple[int, dict[str, str], bytes]:
    """50,000 nested inline tags with text at each level (recursed into, they overflow Python's stack)."""
    page = article_html("deep50k")
    return _html(page.replace("<h1>", "<span>x" * 50_000 + "<h1>", 1).replace("</body>", "</span>" * 50_000 + "</body>"))


MALFORMED = {
    "unclosed": lambda: _html(re.sub(r"</(p|div|body|html)>", "", article_html("unclosed"))),
    "script": lambda: _html(article_html("script").replace("<h1>", "<script>var s='</p><p>脚本内容不应出现';</script><h1>")),
    "nul": lambda: _html(article_html("nul").replace("。", "。\x00")),
    "deep": _deep,
    "deep50k": _deep50k,
    "empty": lambda: (200, {"Content-Type": HTML}, b""),
    "pdf": lambda: (200, {"Content-Type": HTML}, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n" * 50),
    "png": lambda: (200, {"Content-Type": HTML}, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8),
    "soft404": lambda: _html(
        "<html><head><title>404 页面不存在</title></head><body><h1>页面不存在</h1>"
        "<p>对不起，您访问的页面不存在或已被删除，请检查网址是否正确，三秒后自动返回首页。</p></body></html>"
    ),
}  # fmt: skip


def _late_meta(charset: str) -> str:
    """An article whose <meta charset> comes after 1,500 bytes of <head>."""
    filler = "<script>var pad='" + "x" * 1500 + "';</script>"
    return article_html("late", charset=charset, head_extra=filler)


# case -> (body bytes, Content-Type header); every case must decode to TITLE and BODY (the big5 one to TITLE_TW).
CHARSET_CASES: dict[str, tuple[bytes, str]] = {
    "gbk_header_utf8": (article_html("c1", meta=False).encode("gbk"), "text/html; charset=utf-8"),
    "gbk_header_utf8_meta_gbk": (article_html("c2", "gbk").encode("gbk"), "text/html; charset=utf-8"),
    "gbk_meta_gb2312": (article_html("c3", "gb2312").encode("gbk"), "text/html"),
    "utf8_header_gbk": (article_html("c4", meta=False).encode("utf-8"), "text/html; charset=gbk"),
    "utf8_header_gbk_meta_gbk": (article_html("c5", "gbk").encode("utf-8"), "text/html; charset=gbk"),
    "gb18030_undeclared": (article_html("c6", meta=False).encode("gb18030"), "text/html"),
    "utf8_undeclared": (article_html("c7", meta=False).encode("utf-8"), "text/html"),
    "bom_utf8_header_gbk": (
        b"\xef\xbb\xbf" + article_html("c8", "gbk").encode("utf-8"),
        "text/html; charset=gbk",
    ),
    "bom_utf16_header_utf8": (article_html("c9", meta=False).encode("utf-16"), "text/html; charset=utf-8"),
    "late_meta_gbk": (_late_meta("gbk").encode("gbk"), "text/html"),
    "late_meta_gbk_header_utf8": (_late_meta("gbk").encode("gbk"), "text/html; charset=utf-8"),
    "latin1_header_gbk_body": (
        article_html("c12", meta=False).encode("gbk"),
        "text/html; charset=iso-8859-1",
    ),
    "latin1_header_meta_gbk": (article_html("c13", "gbk").encode("gbk"), "text/html; charset=iso-8859-1"),
    "big5_header_utf8_meta_big5": (
        article_html("c14", "big5", traditional=True).encode("big5"),
        "text/html; charset=utf-8",
    ),
    "bogus_header_gbk_body": (article_html("c15", "gbk").encode("gbk"), "text/html; charset=x-nonsense"),
}
