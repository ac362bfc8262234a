"""Labelled credit lines in text (作者/记者, 编辑/责任编辑/责编, 来源), as patterns and a parser."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Every label that starts a new credit field; a value ends where the next label begins.
_AUTHOR_LABELS = r"作\s*者|撰\s*文|撰稿|采写|文\s*/\s*图|图\s*/\s*文|文图|本报记者|记\s*者"
_LOOSE_AUTHOR_LABELS = (
    r"文\s*/\s*图|图\s*/\s*文|(?:本报|特约|首席)?记者"  # may be followed by a space, not a colon
)
_EDITOR_LABELS = r"责任编辑|责\s*编|值班编辑|编\s*辑"
_SOURCE_LABELS = r"来\s*源|稿件来源|信息来源|文章来源|出\s*处"
_OTHER_WORDS = (
    r"审\s*核|审\s*校|校\s*对|监\s*制|统\s*筹|主\s*编|签\s*发|终\s*审|摄\s*影|图片来源|制\s*图|视\s*频|发布|"
    r"时\s*间|日\s*期|点击|浏览|阅读|字号|分享|打印|关闭|选\s*稿|举报|关注|收藏|评论"
)
_OTHER_LABELS = rf"{_OTHER_WORDS}|【|\[|\(|（"
_ANY_LABEL = rf"(?:{_EDITOR_LABELS}|{_SOURCE_LABELS}|{_OTHER_LABELS}|作\s*者|撰\s*文|撰稿|采写|文\s*/\s*图|图\s*/\s*文)"
_VALUE_END = rf"(?=\s*(?:[\]】)）|｜│\n]|{_ANY_LABEL}\s*[:：]|(?:19|20)\d\d\s*[-年/.]|\s{{2,}}|$))"
_VALUE = rf"[:：]\s*(?P<value>[^\]】)）|｜│\n]{{1,60}}?)(?=\s*(?:[\]】)）|｜│\n]|{_ANY_LABEL}\s*[:：]|(?:19|20)\d\d\s*[-年/.]|\s{{2,}}|$))"
_FIELD_RES = (
    ("editors", re.compile(rf"(?:{_EDITOR_LABELS})\s*{_VALUE}")),
    ("source", re.compile(rf"(?:{_SOURCE_LABELS})\s*{_VALUE}")),
    ("authors", re.compile(rf"(?<!通讯)(?<!特约)(?:{_AUTHOR_LABELS})\s*{_VALUE}")),
    ("authors", re.compile(rf"(?:^|(?<=[\s\[【]))(?:{_LOOSE_AUTHOR_LABELS})\s+(?P<value>[^\]】)）|｜│\n:：]{{2,40}}?){_VALUE_END}")),
    ("authors", re.compile(rf"(?:^|(?<=[\s(（\[【]))(?:文|图)\s*[/|｜](?!\s*[文图][\s:：])\s*(?P<value>[^\]】)）|｜│\n/]{{2,30}}?)(?=\s*(?:[\]】)）|｜│\n]|{_ANY_LABEL}\s*[:：]|\s{{2,}}|$))")),
)  # fmt: skip
# (记者卢海浪 通讯员王小明) / 本报讯（记者 卢海浪）/ 新华社海口2月29日电（记者卢海浪）at the start of the lead
_LEAD_RE = re.compile(r"^.{0,30}?[（(]\s*(?P<value>(?:本报|特约|实习)?记者[^)）:：。，,！？]{2,60})[)）]")
_NAME = r"[A-ZÀ-Ý][\w.'’-]+(?:\s+[A-ZÀ-Ý][\w.'’-]+){0,3}"
# "By Jane Smith and John Doe" alone on a line; wire credits "(Reporting by A; Editing by B)"
_LATIN_BYLINE_RE = re.compile(rf"^(?:By|Von|Par|Por)\s+{_NAME}(?:\s*(?:,|and|und|et|y)\s+{_NAME})*\.?$")
_WIRE_CREDIT_RE = re.compile(
    r"^\(?\s*(?:Additional\s+)?(?:Reporting|Editing|Writing)\s+by\s[^.!?]*\)?\.?$", re.IGNORECASE
)
_DATE_RE = re.compile(
    r"(?:19|20)\d\d\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}\s*日?(?:\s*\d{1,2}[:：]\d\d(?:[:：]\d\d)?)?"
)
_CREDIT_LINE_RE = re.compile(
    rf"^\s*[\[【(（]?\s*(?:{_EDITOR_LABELS}|{_SOURCE_LABELS}|{_AUTHOR_LABELS}|{_OTHER_WORDS}|通讯员)\s*[:：]|(?:文|图)\s*[/|｜]|(?:本报|特约)?记者\s"
)


@dataclass
class LineCredits:
    """Values found in one line of text."""

    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    source: str | None = None

    def __bool__(self) -> bool:
        return bool(self.authors or self.editors or self.source)


def parse_line(text: str) -> LineCredits:
    """The labelled credits in ``text`` (authors, editors, 来源 outlet)."""
    found = LineCredits()
    for name, pattern in _FIELD_RES:
        for match in pattern.finditer(text):
            value = match.group("value").strip(" \t\u3000:：,，;；")
            if not value:
                continue
            if name == "source":
                found.source = found.source or value
            else:
                getattr(found, name).append(value)
    return found


def parse_lead(text: str) -> list[str]:
    """Reporters credited in brackets at the start of the first paragraph."""
    match = _LEAD_RE.match(text)
    return [match.group("value")] if match else []


def looks_like_credit_line(text: str) -> bool:
    """A short line made only of credit fields (``[来源:X] [作者:Y]``, ``责任编辑：Z``, ``(记者A 通讯员B)``)."""
    stripped = text.strip()
    if not stripped or len(stripped) > 200:
        return False
    if _LATIN_BYLINE_RE.match(stripped) or _WIRE_CREDIT_RE.match(stripped):
        return True
    if len(stripped) > 120:
        return False
    if _LEAD_RE.match(stripped) and _LEAD_RE.match(stripped).end() >= len(stripped) - 1:
        return True
    if not _CREDIT_LINE_RE.match(stripped):
        return False
    rest = stripped
    for _name, pattern in _FIELD_RES:
        rest = pattern.sub("", rest)
    rest = _DATE_RE.sub("", rest)
    return len(re.sub(rf"[\s\[\]【】()（）|｜:：,，]|{_ANY_LABEL}", "", rest)) <= 4
