"""Clean person names: strip labels such as 记者/通讯员/文/图, split lists, de-duplicate."""

from __future__ import annotations

import re

from newsspider.extract import labels, latinbylines
from newsspider.normalize.months import MONTH_PATTERN

_CJK = labels.CJK
_CJK_NAME_RE = re.compile(rf"^[{_CJK}·•]{{2,6}}$")
_CJK_CHAR_RE = re.compile(rf"[{_CJK}]")
# Role words and author/editor labels in front of names (本报记者, 南都记者, 特约通讯员, 实习生, 文/图, 责任编辑 ...);
# 记者/通讯员 may follow an outlet's or unit's name, which goes with them (南都记者 余毅菁 -> 余毅菁).
_ROLE_LABELS = labels.label_pattern((labels.AUTHOR, labels.EDITOR), separated=True)  # 葛　文 is a name, not 葛 + 文
_CJK_LABEL_RE = re.compile(
    rf"(?:(?<![^\s:：(（\[【])[{_CJK}]{{1,8}}?(?:{labels.words_pattern(labels.OUTLET_ROLE_WORDS)})(?=\s)"
    rf"|(?:{labels.words_pattern(labels.ROLE_PREFIXES)})?(?:{labels.words_pattern(labels.ROLE_WORDS)})"
    rf"|(?:{_ROLE_LABELS}))\s*[:：/｜|]?"
)
# A value's name part ends at a label of another role with its colon, glued or not (加拿大必读 发布时间：10-08,
# 张三 摄影：李四), or at a profile card's counters (股市行情 总篇数919篇 暂无简介).
_OTHER_ROLES = tuple({label.role for label in labels.LABELS} - {labels.AUTHOR, labels.EDITOR})
_LABEL_TAIL_RE = re.compile(
    rf"\s*(?:(?:{labels.label_pattern(_OTHER_ROLES)})\s*[:：]|{labels.words_pattern(labels.NAME_STOPS)}).*$"
)
_LEADING_LABEL_RE = re.compile(rf"^\s*(?:{_ROLE_LABELS})\s*[:：]\s*")
_INITIALS_RE = re.compile(r"\s*\((?:[a-zäöü]{2,4}|[A-Z]{2,4})\.?\)?\.?(?=\s*(?:[,;]|$))")
_CJK_SUFFIX_RE = re.compile(r"(?:摄影?|报道|整理|编译|供图|/摄|发自\S*|等|\+?关注)$")
# Any other role label (选稿：, 监制：) means the name after it is not an author or editor.
_OTHER_ROLE_RE = re.compile(rf"^[{_CJK}]{{2,4}}\s*[:：]")
_LATIN_LABEL_RE = re.compile(
    r"^\s*(?:(?:written|posted|published|reported|text|words|story|photos?|fotos?|view all posts|"
    r"(?:zeige )?alle beiträge|alle artikel|show all articles|all articles|post author|eingestellt|gespeichert|"
    r"veröffentlicht|geschrieben|publiziert|verfasst|erstellt|beitrag|artikel|ein beitrag|publié|escrito|"
    r"publicado)\s*(?:on|am|le|el)?\s*(?:by|von|par|por|de)?(?=(?-i:[A-ZÄÖÜ])|[\s:]|$)|"
    r"(?:by|von|vom|par|por|autor(?:in)?|author|auteur|text|texte|foto|fotos)(?![\w-])|"
    rf"(?-i:{latinbylines.BYLINE_WORD})(?=\s))\s*[:：]?\s*",
    re.IGNORECASE,
)
_ROLE_SUFFIX_RE = re.compile(rf"\s+(?:{latinbylines.ROLE_SUFFIX})$")  # 김민준 기자
# A byline's name ends at a date, a separator or a time: "von eseppelt · 31. Oktober 2023", "Anna22. Februar".
_TRAILER_RE = re.compile(
    r"\s*(?:[|·»•–—]|\s-\s|\d{1,2}\.\s|\d{1,2}:\d\d|\d{4}|,\s*\d|\b(?:on|am|le|el|il)\s+\d|\bon\s+\w+\s+\d|"
    r"\b(?:mo|di|mi|do|fr|sa|so|mon|tue|wed|thu|fri|sat|sun)\.?,?\s*\d|"
    rf"\s\d{{1,2}}\.?\s+(?:{MONTH_PATTERN})\b|\s(?:{MONTH_PATTERN})\.?\s+\d{{1,2}}\b|\s[\w.+-]+@[\w-]+\.).*$|\s*-$",
    re.IGNORECASE,
)
_SEPARATORS = "|".join(re.escape(sep) for sep in labels.NAME_SEPARATORS if sep not in "/和及")
_CONJUNCTIONS = "|".join(labels.NAME_CONJUNCTIONS)
_SPLIT_RE = re.compile(
    rf"\s*(?:{_SEPARATORS}|{latinbylines.JOIN_PATTERN}|/(?![\w.]+\.\w{{2,}})|(?:(?<=\s)|^)(?-i:{_CONJUNCTIONS})(?=\s+[A-ZÀ-ÞĀ-Ž])|\b(?i:and)\b|\s和\s?|"
    rf"(?<=[\u4e00-\u9fff])[和及])\s*"
)
_JUNK_RE = re.compile(rf"https?:|www\.|@|\d{{4}}|^\W+$|^\d{{1,2}}\.?\s+(?:{MONTH_PATTERN})\b", re.IGNORECASE)
# An editor's staff code after a CJK name: "杜智 PX209", "李曦_NN"
_STAFF_CODE_RE = re.compile(r"(?<=[\u3400-\u9fff])(?:\s+[A-Z]{1,4}\d{2,6}|_[A-Za-z0-9]{1,8})$")
_URL_RE = re.compile(r"https?:|www\.|\.(?:com|cn|net|org)\b")
_MAX_NAME = 60
_LONG_CJK_RE = re.compile(rf"^[{_CJK}]{{9,}}$")  # a job title or slogan, not a person


def clean_names(raw: list[str] | None, language: str | None = None) -> list[str]:
    """Return distinct cleaned names in page order (``language`` ja: ``山田 花子`` is one name)."""
    names: list[str] = []
    for value in raw or []:
        for name in split_names(value, language):
            if name not in names:
                names.append(name)
    return names


_OUTLET_RE = re.compile(rf"^[{_CJK}]{{1,12}}(?:{labels.words_pattern(labels.OUTLET_ENDINGS)})$")


def is_outlet_name(name: str) -> bool:
    """Whether ``name`` is a Chinese outlet's (新京报, 新华社, 中国新闻网; either script), not a person's."""
    return len(name) >= 3 and bool(_OUTLET_RE.match(name))


def clean_credits(raw: list | None, language: str | None = None) -> list[dict]:
    """(role, value) pairs as distinct ``{"role", "name"}`` dicts in page order, one per name."""
    found: list[dict] = []
    for role, value in raw or []:
        for name in split_names(value, language):
            entry = {"role": role, "name": name}
            if entry not in found:
                found.append(entry)
    return found


def split_names(value: str, language: str | None = None) -> list[str]:
    """One credit value (``记者卢海浪 通讯员王小明``, ``By A and B``) as separate clean names."""
    text = " ".join(str(value).replace("\u3000", " ").split())
    if _URL_RE.search(text) or labels.is_company(text) or labels.is_profile_card(text) or labels.LATIN_SOURCE_RE.match(text):
        return []
    if labels.is_placeholder(_LEADING_LABEL_RE.sub("", text)):
        return []
    if _CJK_CHAR_RE.search(text):
        text = _CJK_LABEL_RE.sub(" ", _LABEL_TAIL_RE.sub("", text)).strip()
        if _OTHER_ROLE_RE.match(text):
            return []
    text = _INITIALS_RE.sub("", text)
    names: list[str] = []
    for part in _SPLIT_RE.split(_TRAILER_RE.sub("", _strip_labels(text))):
        part = _strip_labels(part)
        names.extend([part] if _family_given(language) else _split_cjk_spaces(part))
    return [name for name in names if name and len(name) <= _MAX_NAME and not _JUNK_RE.search(name)
            and not _LONG_CJK_RE.match(name) and not labels.is_placeholder(name)]  # fmt: skip


def _strip_labels(part: str) -> str:
    part = _TRAILER_RE.sub("", part).strip(" \t:：-–—()（）[]【】\"'“”«»")
    previous = None
    while previous != part:
        previous = part
        part = latinbylines.LEAD_RE.sub("", _LATIN_LABEL_RE.sub("", part)).strip()
    part = latinbylines.END_RE.sub("", part)
    part = latinbylines.JOB_TAIL_RE.sub(r"\g<name>", part)
    part = _ROLE_SUFFIX_RE.sub("", _CJK_SUFFIX_RE.sub("", part)).strip(" ·:：")
    return _STAFF_CODE_RE.sub("", part) if _CJK_CHAR_RE.match(part) else part


def _family_given(language: str | None) -> bool:
    """Japanese names are written family name, space, given name (山田 花子): never split there."""
    return bool(language and language.lower().startswith("ja"))


def _split_cjk_spaces(part: str) -> list[str]:
    """``卢海浪 王小明`` -> two names; ``王 五`` (a name padded to align) -> ``王五``."""
    tokens = part.split()
    if len(tokens) < 2 or not all(_CJK_CHAR_RE.match(token) for token in tokens):
        return [part]
    if all(_CJK_NAME_RE.match(token) for token in tokens):
        return tokens
    if not all(_CJK_CHAR_RE.fullmatch(t) or _CJK_NAME_RE.match(t) for t in tokens):
        return [part]
    names: list[str] = []  # 孟　欣　刘嘉琪: characters padded to a name's width are one name, whole names stay apart
    for token in tokens:
        if len(token) == 1 and names and names[-1].endswith("\0"):
            names[-1] = names[-1][:-1] + token + "\0"
        else:
            names.append(token + "\0" if len(token) == 1 else token)
    return [name.replace("\0", "") for name in names]


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
