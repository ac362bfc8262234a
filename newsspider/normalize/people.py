"""Clean person names: strip labels such as 记者/通讯员/文/图, split lists, de-duplicate."""

from __future__ import annotations

import re

from newsspider.normalize.months import MONTH_PATTERN

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_CJK_NAME_RE = re.compile(rf"^[{_CJK}·•]{{2,6}}$")
_CJK_CHAR_RE = re.compile(rf"[{_CJK}]")
# Role words in front of names: 本报记者, 新华社记者, 特约通讯员, 实习生, 文/图, 摄影 ...
_CJK_LABEL_RE = re.compile(
    r"(?:本报|本台|本刊|本网|新华社|央视网|中新网|人民网|特约|首席|实习|见习|驻\S{1,6})?"
    r"(?:记\s*者|通讯员|实习生|摄影记者|摄\s*影|撰\s*文|撰\s*稿|作\s*者|采\s*写|报\s*道|编\s*译|整\s*理|责任编辑|责\s*编|"
    r"值班编辑|编\s*辑)\s*[:：]?"
    r"|(?:^|(?<=\s))(?:(?:文\s*/\s*图|图\s*/\s*文)\s*[/|｜:：]?|(?:文图|图文|视频|图片|文|图|摄)\s*[/|｜:：])"
)
_CJK_SUFFIX_RE = re.compile(r"(?:摄影?|报道|整理|编译|供图|/摄|发自\S*|等|\+?关注)$")
# Any other role label (选稿：, 监制：) means the name after it is not an author or editor.
_OTHER_ROLE_RE = re.compile(rf"^[{_CJK}]{{2,4}}\s*[:：]")
_LATIN_LABEL_RE = re.compile(
    r"^\s*(?:(?:written|posted|published|reported|text|words|story|photos?|fotos?|view all posts|"
    r"(?:zeige )?alle beiträge|alle artikel|show all articles|all articles|post author|eingestellt|gespeichert|"
    r"veröffentlicht|geschrieben|publiziert|verfasst|erstellt|beitrag|artikel|ein beitrag|publié|escrito|"
    r"publicado)\s*(?:on|am|le|el)?\s*(?:by|von|par|por|de)?(?=(?-i:[A-ZÄÖÜ])|[\s:]|$)|"
    r"(?:by|von|vom|par|por|autor(?:in)?|author|auteur|text|texte|foto|fotos)(?![\w-]))\s*[:：]?\s*",
    re.IGNORECASE,
)
# A byline's name ends at a date, a separator or a time: "von eseppelt · 31. Oktober 2023", "Anna22. Februar".
_TRAILER_RE = re.compile(
    r"\s*(?:[|·»•–—]|\s-\s|\d{1,2}\.\s|\d{1,2}:\d\d|\d{4}|,\s*\d|\b(?:on|am|le|el|il)\s+\d|\bon\s+\w+\s+\d|"
    r"\b(?:mo|di|mi|do|fr|sa|so|mon|tue|wed|thu|fri|sat|sun)\.?,?\s*\d|"
    rf"\s\d{{1,2}}\.?\s+(?:{MONTH_PATTERN})\b).*$|\s*-$",
    re.IGNORECASE,
)
_SPLIT_RE = re.compile(
    r"\s*(?:[;、，,；|&]|/(?![\w.]+\.\w{2,})|\band\b|\bund\b|\bet\b|\by\b|\s和\s?|(?<=[\u4e00-\u9fff])和)\s*",
    re.IGNORECASE,
)
_JUNK_RE = re.compile(r"https?:|www\.|@|\d{4}|^\W+$")
# An editor's staff code after a CJK name: "杜智 PX209", "李曦_NN"
_STAFF_CODE_RE = re.compile(r"(?<=[\u3400-\u9fff])(?:\s+[A-Z]{1,4}\d{2,6}|_[A-Za-z0-9]{1,8})$")
_URL_RE = re.compile(r"https?:|www\.|\.(?:com|cn|net|org)\b")
_MAX_NAME = 60
_LONG_CJK_RE = re.compile(rf"^[{_CJK}]{{9,}}$")  # a job title or slogan, not a person


def clean_names(raw: list[str] | None) -> list[str]:
    """Return distinct cleaned names in page order."""
    names: list[str] = []
    for value in raw or []:
        for name in split_names(value):
            if name not in names:
                names.append(name)
    return names


def split_names(value: str) -> list[str]:
    """One credit value (``记者卢海浪 通讯员王小明``, ``By A and B``) as separate clean names."""
    text = " ".join(str(value).replace("\u3000", " ").split())
    if _URL_RE.search(text):
        return []
    text = _CJK_LABEL_RE.sub(" ", text).strip() if _CJK_CHAR_RE.search(text) else text
    if _OTHER_ROLE_RE.match(text):
        return []
    names: list[str] = []
    for part in _SPLIT_RE.split(_TRAILER_RE.sub("", _strip_labels(text))):
        names.extend(_split_cjk_spaces(_strip_labels(part)))
    return [name for name in names if name and len(name) <= _MAX_NAME and not _JUNK_RE.search(name)
            and not _LONG_CJK_RE.match(name)]  # fmt: skip


def _strip_labels(part: str) -> str:
    part = _TRAILER_RE.sub("", part).strip(" \t:：-–—()（）[]【】\"'“”«»")
    previous = None
    while previous != part:
        previous = part
        part = _LATIN_LABEL_RE.sub("", part).strip()
    part = _CJK_SUFFIX_RE.sub("", part).strip(" ·:：")
    return _STAFF_CODE_RE.sub("", part) if _CJK_CHAR_RE.match(part) else part


def _split_cjk_spaces(part: str) -> list[str]:
    """``卢海浪 王小明`` -> two names; ``王 五`` (a name padded to align) -> ``王五``."""
    tokens = part.split()
    if len(tokens) < 2 or not all(_CJK_CHAR_RE.match(token) for token in tokens):
        return [part]
    if all(_CJK_NAME_RE.match(token) for token in tokens):
        return tokens
    return (
        ["".join(tokens)]
        if all(_CJK_CHAR_RE.fullmatch(t) or _CJK_NAME_RE.match(t) for t in tokens)
        else [part]
    )


_SOURCE_LABEL_RE = re.compile(
    r"^\s*(?:稿件|信息|文章)?(?:来\s*源|出\s*处|source|quelle)\s*[:：]?\s*", re.IGNORECASE
)
_SOURCE_END_RE = re.compile(
    r"\s*(?:[|｜│\]】]|(?:作\s*者|编\s*辑|责任编辑|责\s*编|记\s*者|时\s*间|发布|点击|浏览)\s*[:：]|(?:19|20)\d\d\s*[-年/.]|\s{2,}).*$"
)


def clean_source(raw: str | None) -> str | None:
    """The outlet alone: no 来源 label, no trailing author/editor/date fields."""
    if not raw:
        return None
    text = " ".join(raw.replace("\u3000", " ").split(" ")).strip()
    text = _SOURCE_END_RE.sub("", _SOURCE_LABEL_RE.sub("", text)).strip(" :：,，;；-")
    if text.split() and _CJK_CHAR_RE.search(text.split()[0]):
        text = text.split()[0]  # CJK outlet names hold no spaces: drop what follows
    return " ".join(text.split()) or None
