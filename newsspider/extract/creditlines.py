"""Labelled credit lines in text (作者/记者, 编辑/责任编辑, 来源, 摄影/审核 …) parsed with the labels table."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsspider.extract import labels, latinbylines
from newsspider.extract.labels import AUTHOR, EDITOR, SOURCE, VALUELESS_ROLES

_ANY_LABEL = rf"(?:{labels.label_pattern()})"
_LOOSE_LABEL = rf"(?:{labels.label_pattern(loose=True)})"
_STOP = r"\]】)）|｜│\n"
# A value ends at a bracket or bar, the next label with its colon (or, after a space, its slash or bar: 摄影/A 编辑/B,
# 文 | A 编辑 | B,
# or a loose label and a space: 来源：新闻网 记者 张三), a date, two spaces or the end of the line.
_VALUE_END = (
    rf"(?=\s*(?:[{_STOP}]|{_ANY_LABEL}\s*[:：]|(?<=\s){_ANY_LABEL}\s*[/｜|]|(?<=\s){_LOOSE_LABEL}\s|(?:19|20)\d\d\s*[-年/.]"
    rf"|\s{{2,}}|$))"
)
_LABELLED_RE = re.compile(
    rf"(?P<label>{_ANY_LABEL})\s*(?:[:：]|[/｜|](?!\s*{_ANY_LABEL}\s*[\s:：]))\s*(?P<value>[^{_STOP}]{{0,60}}?){_VALUE_END}"
)
_LOOSE_RE = re.compile(
    rf"(?:^|(?<=[\s\[【》」]))(?P<label>{_LOOSE_LABEL})\s+(?P<value>[^{_STOP}:：]{{2,40}}?){_VALUE_END}"
)
_CAPITALISED = r"[A-ZÀ-Ý][\w.'’-]+(?![\w'’-])"
_WORD = rf"(?!(?:{latinbylines.JOB_TITLE})(?![\w'’-])){_CAPITALISED}"  # a name's word: no job title


def _names(word: str) -> str:
    """Names made of ``word``s and particles (Jan de Vries), joined by commas, & or conjunctions (A, B and C)."""
    name = rf"{word}(?:\s+(?:(?:{latinbylines.PARTICLE})\s+)*{word}){{0,3}}"
    return rf"{name}(?:(?:\s*[,&]|\s+(?:{'|'.join(labels.NAME_CONJUNCTIONS)}))\s+{name})*"


_NAMES = _names(_WORD)
# "By A, Political Correspondent", "By A | Madrid", "Por A e B, Outlet — Campinas": job or outlet, then place
_PLACE = rf"(?:,\s+[^,|–—]{{1,40}}?)?(?:\s+[|–—]\s+{_WORD}(?:\s+{_WORD})?)?"
# "By Jane Smith and John Doe", "Door Jan de Vries", "di Marco Rossi" alone on a line (authors: the names group);
# any capitalised words after a byline word make the line a credit line ("By Staff Reporter")
_LATIN_BYLINE_RE = re.compile(rf"^(?:{latinbylines.BYLINE_WORD})\s+(?P<names>{_NAMES}){_PLACE}\.?$")
_BYLINE_LINE_RE = re.compile(rf"^(?:{latinbylines.BYLINE_WORD})\s+{_names(_CAPITALISED)}{_PLACE}\.?$")
# A Korean closing credit: 김서연 기자 kimsy@hanbitnews.co.kr, /이영희 특파원 (a name, its role word, an address)
_ROLE_SUFFIX_LINE_RE = re.compile(
    rf"^[/=]?\s*[가-힣]{{2,4}}(?:\s*[·,]\s*[가-힣]{{2,4}})*\s+(?:{latinbylines.ROLE_SUFFIX})(?:\s+[\w.+-]+@[\w.-]+\.\w+)?$"
)
# "Text: A, Fotos: B"
_ROLE_PART = rf"(?P<label>{latinbylines.ROLE_LABEL})\s*:\s*(?P<value>{_NAMES})(?!\s*:)"
_ROLE_PART_RE = re.compile(_ROLE_PART)
_ROLE_LINE_RE = re.compile(rf"^{_ROLE_PART}(?:\s*[,;|/·]\s*{_ROLE_PART.replace('?P<label>', '').replace('?P<value>', '')})*\.?$")
# wire credits "(Reporting by A; Editing by B)"
_WIRE_CREDIT_RE = re.compile(
    r"^\(?\s*(?:Additional\s+)?(?:Reporting|Editing|Writing)\s+by\s[^.!?]*\)?\.?$", re.IGNORECASE
)
_DATE_RE = re.compile(
    r"(?:19|20)\d\d\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}\s*日?(?:\s*\d{1,2}[:：]\d\d(?:[:：]\d\d)?)?"
)
_CREDIT_LINE_RE = re.compile(rf"^\s*[\[【(（]?\s*(?:{_ANY_LABEL})\s*[:：/｜|]|^\s*[\[【(（]?\s*{_LOOSE_LABEL}\s")
_STRIP = " \t\u3000:：,，;；"
_BRACKETED_RE = re.compile(r"\s*[（(][^()（）]*[)）]\s*")
_SENTENCE_END_RE = re.compile(r"[。！？!?，,]")
_BYLINE_SHAPES = ("outlet_reporter", "report")  # dateline shapes that are a whole line: a byline, not body text
_MAX_LEAD_PREFIX = 6
_MAX_CREDIT_LINE = 120


@dataclass
class LineCredits:
    """Values found in one line of text: authors, editors, the 来源 outlet and other roles as (role, value)."""

    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    source: str | None = None
    credits: list[tuple[str, str]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.authors or self.editors or self.source or self.credits)

    def add(self, role: str, value: str) -> None:
        """File ``value`` under ``role`` (author, editor, source or a credits role)."""
        if role == AUTHOR:
            self.authors.append(value)
        elif role == EDITOR:
            self.editors.append(value)
        elif role == SOURCE:
            self.source = self.source or value
        elif role not in VALUELESS_ROLES:
            self.credits.append((role, value))


def _matches(text: str):
    """(start, role, value) of every labelled and loosely labelled value in ``text``."""
    taken: list[tuple[int, int]] = []
    for pattern in (_LABELLED_RE, _LOOSE_RE):
        for match in pattern.finditer(text):
            if any(start <= match.start() < end for start, end in taken):
                continue
            taken.append(match.span())
            yield match.start(), labels.role_of(match.group("label")), match.group("value").strip(_STRIP)


def parse_line(text: str) -> LineCredits:
    """The labelled credits in ``text``, each filed under its label's role."""
    found = LineCredits()
    for _start, role, value in sorted(_matches(text), key=lambda found_match: found_match[0]):
        if value and role:
            found.add(role, value)
    return found


def parse_lead(text: str) -> list[str]:
    """Reporters named by a dateline or lead (新华社北京3月1日电（记者 张三）, 光明日报记者 X, ……。（张三））."""
    found = labels.dateline_names(text)
    return [found[1]] if found else []


def parse_latin_byline(text: str) -> LineCredits:
    """A byline line of its own: ``By A and B`` (authors) or ``Text: A, Fotos: B`` (each under its label's role)."""
    found = LineCredits()
    stripped = " ".join(text.split())
    byline = _LATIN_BYLINE_RE.match(stripped)
    if byline:
        found.add(AUTHOR, byline.group("names").rstrip("."))
    elif _ROLE_LINE_RE.match(stripped):
        for part in _ROLE_PART_RE.finditer(stripped):
            found.add(latinbylines.role_of_label(part.group("label")) or AUTHOR, part.group("value"))
    return found


def looks_like_credit_line(text: str) -> bool:
    """A short line made only of credit fields (``[来源:X] [作者:Y]``, ``责任编辑：Z``, ``(记者A 通讯员B)``)."""
    stripped = text.strip()
    if not stripped or len(stripped) > 200:
        return False
    if any(pattern.match(stripped) for pattern in (_BYLINE_LINE_RE, _ROLE_LINE_RE, _WIRE_CREDIT_RE, _ROLE_SUFFIX_LINE_RE)):
        return True
    if len(stripped) > _MAX_CREDIT_LINE:
        return False
    dateline = labels.dateline_names(stripped)
    if dateline and (dateline[0] in _BYLINE_SHAPES or (dateline[0] == "lead" and _lead_is_whole(stripped))):
        return True
    if not _CREDIT_LINE_RE.match(stripped):
        return False
    rest = _LOOSE_RE.sub("", _LABELLED_RE.sub("", stripped))
    rest = _DATE_RE.sub("", rest)
    return len(re.sub(rf"[\s\[\]【】()（）|｜:：,，/]|{_ANY_LABEL}", "", rest)) <= 4


def _lead_is_whole(text: str) -> bool:
    """Whether a bracketed credit is the whole line (``(记者A 通讯员B)``, ``本报讯（记者 A）``), not inside a sentence."""
    outside = _BRACKETED_RE.sub("", text)
    return len(outside) <= _MAX_LEAD_PREFIX and not _SENTENCE_END_RE.search(outside)
