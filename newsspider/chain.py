"""The one extraction chain: raw fields -> normalised, validated article, used by crawl and offline."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from itemadapter import ItemAdapter

from newsspider import chainrepair
from newsspider.exceptions import ArticleRejected
from newsspider.extract import mirror
from newsspider.extract.article import extract_raw
from newsspider.extract.page import Page
from newsspider.extract.urlid import clean_url
from newsspider.items import ARTICLE_FIELDS, Article, ChainContext
from newsspider.normalize.dates import shown_date
from newsspider.normalize.people import clean_credits, clean_names, clean_source, is_outlet_name
from newsspider.normalize.text import clean_body, clean_inline
from newsspider.normalize.zones import Zone, infer_zone, render
from newsspider.sites import get_profile
from newsspider.sites.profile import SiteProfile

MIN_BODY_CHARS = 20
# A 200 page that says "not found" (soft 404): its title, or the whole of a short body, says so.
_SOFT_404_RE = re.compile(
    r"^\W*(?:error\W*)?404\W*$|\b404\W*(?:not found|error|错误|页面)|^\W*(?:page\W+)?not found\W*$"
    r"|页面不存在|页面未找到|找不到(?:该|此|您要的)?页面|(?:页面|文章|内容|信息)(?:已被?删除|不存在)",
    re.IGNORECASE,
)
SOFT_404_BODY_CHARS = 200
# Garbage guard, in characters: a longer field means extraction went wrong, not a long article.
FIELD_LIMITS = {
    "url": 2083, "canonical_url": 2083, "title": 500, "body": 1_000_000, "description": 5_000,
    "section": 500, "source": 200, "published_at_raw": 200,
}  # fmt: skip


def start_item(
    page: Page,
    *,
    site: str | None = None,
    profile: SiteProfile | None = None,
    fetched_at: datetime | None = None,
    last_use: bool = False,
) -> Article:
    """Extract the raw fields of one page; the context the normalisers need rides along as ``item.context``.

    The profile is given by id (``site``) or as the object itself (worker processes get the object, so a
    profile registered at run time needs no import there). ``last_use``: the caller reads ``page.tree`` no
    more, so body extraction prunes it instead of a copy (``Page.working_tree``).
    """
    profile = profile or (get_profile(site) if site else None)
    page, page_repairs = mirror.unmirror(page, profile)
    origin = mirror.find_origin(page)  # before extract_raw: the body extractor may take the tree over
    tags = mirror.language_tags(page)
    raw = extract_raw(page, profile, last_use=last_use)
    context = ChainContext(
        timezone=profile.timezone if profile else None,
        site_name=profile.name if profile else None,
        phrases=tuple(profile.boilerplate_phrases) if profile else (),
        script=profile.script if profile else None,
        domains=tuple(profile.domains) if profile else (),
        language_tags=tuple(tags),
        origin=(origin.outlet, origin.url) if origin else None,
        repair_counts=dict(page_repairs),
        **raw.side,
    )
    item = Article(raw.fields, context=context)
    item["site"] = profile.id if profile else urlsplit(page.url).hostname
    item["pages"] = 1
    item["fetched_at"] = (fetched_at or datetime.now(UTC)).isoformat(timespec="seconds")
    return item


def merge_continuation(item: Article, part: Article) -> Article:
    """Append one continuation page's body and new images to the article begun on page 1."""
    item["body"] = "\n".join(filter(None, (item.get("body"), part.get("body")))) or None
    images = item.get("images") or []
    item["images"] = images + [image for image in part.get("images") or [] if image not in images]
    item["pages"] += 1
    return item


def clean_text(item: Article) -> Article:
    """Whitespace and phrase hygiene on title and body."""
    item["title"] = clean_inline(item.get("title"))
    item["body"] = clean_body(item.get("body"), item.context.phrases)
    item["description"] = clean_inline(item.get("description"))
    item["section"] = clean_inline(item.get("section"))
    return item


def normalize_urls(item: Article) -> Article:
    """canonical_url: rel=canonical, else the URL without tracking parameters."""
    canonical = item.get("canonical_url")
    if not canonical or urlsplit(canonical).scheme not in ("http", "https"):
        canonical = clean_url(item["url"])
    item["canonical_url"] = canonical
    return item


def _zone(item: Article) -> Zone | None:
    """The profile's zone, else one inferred from the page's language, region or country domain (zones.py)."""
    if item.context.timezone:
        return Zone(ZoneInfo(item.context.timezone), "profile")
    host = urlsplit(item.get("url") or "").hostname
    inferred = infer_zone(item.get("language"), item.context.region, host)
    return Zone(inferred, "inferred") if inferred else None


def normalize_dates(item: Article) -> Article:
    """published_at / updated_at as ISO 8601 with the page's, the profile's or an inferred offset, else none;
    published_at_tz says which, published_at_precision what the page showed (a day alone is never midnight)."""
    zone = _zone(item)
    fetched = datetime.fromisoformat(item["fetched_at"]) if item.get("fetched_at") else None
    when: dict[str, Any] = {"url": item.get("url"), "fetched_at": fetched}
    published = shown_date(item.get("published_at_raw"), **when)
    offset = item.context.published_offset  # the page's offset read off its UTC markup and shown local time
    if published is not None and offset is not None:
        published = replace(published, offset=offset)
    item["published_at"], tz_source = render(published, zone)
    item["published_at_tz"] = tz_source
    item["published_at_precision"] = published.precision if published else None
    item["updated_at"] = render(shown_date(item.context.updated_at_raw, **when), zone)[0]
    item["published_at_raw"] = clean_inline(item.get("published_at_raw"))
    return item


def normalize_people(item: Article) -> Article:
    """authors, editors and other credits as clean names; an editor or the 来源 outlet is not an author, and a
    Chinese outlet credited as author (作者：新京报) is the source when the page names none."""
    language = item.get("language")
    item["editors"] = clean_names(item.get("editors"), language)
    outlet = clean_source(clean_inline(item.get("source")))
    taken = {*item["editors"], outlet, item.context.site_name}
    names = [name for name in clean_names(item.get("authors"), language) if name not in taken]
    outlets = [name for name in names if is_outlet_name(name)]
    item["authors"] = [name for name in names if name not in outlets]
    if outlets and not outlet:
        item["source"] = outlets[0]
    item["credits"] = clean_credits(item.get("credits"), language)
    return item


def normalize_source(item: Article) -> Article:
    """source: the 来源 outlet, else the site's own name; never a person named as author/editor."""
    source = clean_source(clean_inline(item.get("source")))
    if source and source in item.get("authors", []) + item.get("editors", []):
        source = None
    item["source"] = source or item.context.site_name
    return item


def validate(item: Article) -> Article:
    """Reject an item without title or body, a soft 404 or an over-long field; ArticleRejected.reason names the cause."""
    if item.context.rejected:  # extraction refused the page (e.g. too_deep)
        raise ArticleRejected(item.context.rejected, item.get("url"))
    if not item.get("title"):
        raise ArticleRejected("missing_title", item.get("url"))
    if not item.get("body") or len(item["body"]) < MIN_BODY_CHARS:
        raise ArticleRejected("missing_body", item.get("url"))
    if _is_soft_404(item["title"], item["body"]):
        raise ArticleRejected("soft_404", item.get("url"))
    if any(len(item.get(key) or "") > limit for key, limit in FIELD_LIMITS.items()):
        raise ArticleRejected("field_too_long", item.get("url"))
    return item


def _is_soft_404(title: str, body: str) -> bool:
    return bool(_SOFT_404_RE.search(title) or (len(body) < SOFT_404_BODY_CHARS and _SOFT_404_RE.search(body)))


def finalize(item: Article) -> Article:
    """Exactly the exported fields, in schema order (None where unknown)."""
    return Article({key: item.get(key) for key in ARTICLE_FIELDS}, context=item.context)


STEPS = (
    *chainrepair.STEPS, clean_text, normalize_urls, normalize_dates, normalize_people,
    chainrepair.normalize_origin, normalize_source, validate, finalize,
)  # fmt: skip


def run_steps(item: Article) -> Article:
    """Apply every normalisation step in pipeline order."""
    for step in STEPS:
        item = step(item)
    return item


def extract_article(
    body: bytes,
    url: str,
    headers: dict | None = None,
    site: str | None = None,
    *,
    fetched_at: datetime | None = None,
) -> dict:
    """Return exactly the dict a crawl exports for this page; raise ArticleRejected if it would drop it."""
    page = Page.from_bytes(body, url, headers)
    return as_dict(run_steps(start_item(page, site=site, fetched_at=fetched_at, last_use=True)))


_SCALARS = (str, int, float, bool, type(None))  # exact types: no item adapter ever takes one of these


def as_dict(item: Article) -> dict:
    """``ItemAdapter(item).asdict()``, faster: itemadapter asks every adapter class whether each string in a
    field is an item (a third of a millisecond a page); a value of an exact scalar type is returned as it is."""
    return {key: _plain(value) for key, value in ItemAdapter(item).items()}


def _plain(value: Any) -> Any:
    if type(value) in _SCALARS:
        return value
    if isinstance(value, dict):
        return {key: _plain(entry) for key, entry in value.items()}
    if isinstance(value, (list, set, tuple)):
        return value.__class__(_plain(entry) for entry in value)
    return ItemAdapter._asdict(value)  # anything else exactly as itemadapter converts it
