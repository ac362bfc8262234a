"""The date rules as data: where markup keeps dates, the labels around a shown date, and the noise blocks."""

from __future__ import annotations

import re

from newsspider.extract import labels

# <meta> names/properties (lower-cased) holding the publication date, most specific first.
META_PUBLISHED = (
    "article:published_time", "og:article:published_time", "og:published_time", "datepublished",
    "article.published", "published_time", "publishdate", "publish_date", "publish-date", "pubdate",
    "pubtime", "publishtime", "publish_time", "parsely-pub-date", "sailthru.date", "dc.date.issued",
    "dcterms.issued", "dc.date.created", "dcterms.created", "date.created", "citation_publication_date",
    "article:post_date", "og:pubdate", "release_date", "og:release_date", "datecreated", "dc.date", "date",
)  # fmt: skip
META_UPDATED = (
    "article:modified_time", "og:article:modified_time", "og:updated_time", "datemodified",
    "article.updated", "last-modified", "lastmod", "dcterms.modified", "dc.date.modified", "dateupdate",
    "updatetime", "update_time",
)  # fmt: skip
# Elements whose attribute or text is the publication date, in document order: itemprop=datePublished (found
# through the attribute axis: faster than a predicate on every element), <time datetime>, <abbr class=published>.
MARKUP_XPATH = (
    'descendant-or-self::*/@itemprop[. = "datePublished"]/.. | descendant-or-self::time[@datetime] | '
    'descendant-or-self::abbr[contains(@class, "published")][@title]'
)

# Words in front of a shown date (within a few characters) naming what it is; update labels are tested first.
PUBLISHED_LABELS = (
    "时间", "日期", "發佈", "发布于", "发表于", "發佈於", "發表於", "published", "posted", "veröffentlicht", "erschienen",
    "publié", "publiée", "publicado", "pubblicato", "opublikowano", "date", "datum", "fecha", "data",
    "erstellt", "gepubliceerd", "publicerad", "publiceret", "publisert", "julkaistu", "yayınlanma", "입력", "등록",
)  # fmt: skip
UPDATED_LABELS = (
    "更新", "修改", "update", "updated", "modified", "aktualisiert", "geändert", "mis à jour", "actualizado",
    "aggiornato", "zaktualizowano", "aktualizacja", "modifié", "mise à jour", "bijgewerkt", "uppdaterad",
    "opdateret", "oppdatert", "päivitetty", "güncelleme", "güncellendi", "atualizado", "actualizada", "수정",
)  # fmt: skip
# Words right behind a shown date: "2019-06-12 08:15更新", "2024-05-10 发布".
TRAILING_PUBLISHED = ("发布", "發佈", "发表", "發表", "首发")
TRAILING_UPDATED = ("更新", "修改")
# A credit label (with its colon) on the same line as a date makes the line the article's date line: the labels
# of the author, editor and source roles in labels.LABELS (both scripts, spaced or not).
CREDIT_ON_LINE_ROLES = labels.FIELD_ROLES
# class tokens of the date element itself naming it
CLASS_UPDATED = ("updated", "modified", "aktualisiert")
CLASS_PUBLISHED = ("date", "datum", "time", "publi", "posted", "fecha")

# Blocks whose dates belong to other articles: tags, and class/id fragments (anywhere in a token, or at its start).
NOISE_TAGS = ("nav", "aside", "footer", "form")
NOISE_WORDS = (
    "relat", "rank", "paihang", "recomm", "tuijian", "xgxw", "xgwz", "sidebar", "side-bar", "widget", "footer",
    "comment", "reply", "menu", "crumb", "similar", "popular", "trending", "latest", "archive", "calendar",
    "weather", "banner", "topnews", "toplist", "newslist", "news-list", "listbox", "list-box", "marquee", "scroll",
)  # fmt: skip
NOISE_WORD_STARTS = ("hot", "nav", "more")  # "hot-list", not "shot"; "nav", not "canvas"
RELATED_WORDS = ("relat", "rank", "paihang", "recomm", "tuijian", "xgxw", "xgwz", "similar", "popular", "trending")
RELATED_WORD_STARTS = ("hot",)
# Taxonomy tokens (WordPress "category-latest-news") name the article's category, not a block.
TAXONOMY_PREFIXES = ("category", "tag", "format", "type", "location", "section", "topic", "feature", "post", "term")
# An <aside> with one of these class/id words holds the article's own byline and date.
META_ASIDE_WORDS = ("meta", "byline", "dateline")


def _words(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def label_alternation(words: tuple[str, ...]) -> str:
    """Labels as whole words where they are Latin-script words (``date``, never the ``date`` of "dates for")."""
    latin = tuple(word for word in words if _LATIN_WORD.fullmatch(word))
    other = tuple(word for word in words if word not in latin)
    return "|".join(filter(None, (rf"(?<![^\W\d_])(?:{_words(latin)})(?![^\W\d_])" if latin else "", _words(other))))


_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f ]+")
PUBLISHED_LABEL_RE = re.compile(label_alternation(PUBLISHED_LABELS), re.IGNORECASE)
UPDATED_LABEL_RE = re.compile(label_alternation(UPDATED_LABELS), re.IGNORECASE)
TRAILING_PUBLISHED_RE = re.compile(rf"^\s*(?:{_words(TRAILING_PUBLISHED)})")
TRAILING_UPDATED_RE = re.compile(rf"^\s*(?:{_words(TRAILING_UPDATED)})")
CREDIT_ON_LINE_RE = re.compile(rf"(?<![{labels.CJK}])(?:{labels.label_pattern(CREDIT_ON_LINE_ROLES)})\s*[:：]")  # not 图片编辑
CLASS_UPDATED_RE = re.compile(_words(CLASS_UPDATED), re.IGNORECASE)
CLASS_PUBLISHED_RE = re.compile(_words(CLASS_PUBLISHED), re.IGNORECASE)
NOISE_ATTR_RE = re.compile(rf"{_words(NOISE_WORDS)}|(?<![a-z])(?:{_words(NOISE_WORD_STARTS)})", re.IGNORECASE)
RELATED_ATTR_RE = re.compile(rf"{_words(RELATED_WORDS)}|(?<![a-z])(?:{_words(RELATED_WORD_STARTS)})", re.IGNORECASE)
TAXONOMY_RE = re.compile(rf"(?:{_words(TAXONOMY_PREFIXES)})-", re.IGNORECASE)
META_ASIDE_RE = re.compile(rf"(?<![a-z])(?:{_words(META_ASIDE_WORDS)})", re.IGNORECASE)
