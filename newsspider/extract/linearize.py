"""Turn article container(s) into text lines (one per block) and image records, leaving captions out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from newsspider.extract.density import BLOCK_TAGS, weight

SKIP_TAGS = frozenset(("figcaption", "script", "style", "noscript", "button", "select", "textarea", "sup"))
IMAGE_ATTRS = ("src", "data-src", "data-original", "data-lazy-src", "data-url", "original")
BAD_IMAGE = re.compile(
    r"^data:|logo|icon|avatar|pixel|spacer|blank|qrcode|erweima|ewm|share|button|loading|placeholder|"
    r"\.svg(?:$|\?)|1x1|transparent",
    re.IGNORECASE,
)
CAPTION_NAME = re.compile(
    r"caption|pic_?txt|img_?desc|photo_?desc|pictext|tuzhu|desc|(?:pic|img|photo)[-_]?(?:note|info|title|ms)", re.IGNORECASE
)
CENTER_STYLE = re.compile(r"text-align\s*:\s*center", re.IGNORECASE)
MIN_IMAGE_SIDE = 80
MAX_CAPTION = 120  # weighted characters
MIN_PANEL_PARAGRAPHS = 2


@dataclass
class Line:
    """One block's text with how much of it is link text and whether it looks like a caption."""

    text: str
    link: int = 0
    caption_like: bool = False
    after_image: bool = False


@dataclass
class Collector:
    """State of one walk: finished lines, the line being built, images seen so far."""

    base_url: str
    lines: list[Line] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    link: int = 0
    caption_like: bool = False
    images: list[dict] = field(default_factory=list)
    image_pending: bool = False

    def add(self, text: str | None, in_link: bool) -> None:
        """Append inline text to the current line."""
        if text and text.strip():
            self.parts.append(text)
            if in_link:
                self.link += weight(text)

    def flush(self) -> None:
        """Close the current line (if it holds text)."""
        text = " ".join("".join(self.parts).split())
        if text:
            self.lines.append(Line(text, self.link, self.caption_like, self.image_pending))
            self.image_pending = False
        self.parts, self.link, self.caption_like = [], 0, False


def _image_url(img, base_url: str) -> str | None:
    for attr in IMAGE_ATTRS:
        value = (img.get(attr) or "").strip()
        if value and not value.startswith("data:"):
            return urljoin(base_url, value)
    return None


def _keep_image(img, url: str | None) -> bool:
    if not url or BAD_IMAGE.search(url):
        return False
    for attr in ("width", "height"):
        value = (img.get(attr) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) < MIN_IMAGE_SIDE:
            return False
    return True


def _add_image(img, out: Collector) -> None:
    url = _image_url(img, out.base_url)
    if _keep_image(img, url) and all(image["url"] != url for image in out.images):
        alt = " ".join((img.get("alt") or "").split()) or None
        out.images.append({"url": url, "caption": alt if alt and len(alt) > 4 else None})
        out.image_pending = True


def _looks_like_caption(el) -> bool:
    names = f"{el.get('class') or ''} {el.get('id') or ''}"
    if el.tag == "figcaption" or CAPTION_NAME.search(names):
        return True
    return bool(el.get("align") == "center" or CENTER_STYLE.search(el.get("style") or ""))


def _caption_of(figure) -> str | None:
    for cap in figure.iter("figcaption"):
        if _is_text_panel(cap):
            continue
        text = " ".join(cap.text_content().split())
        if text:
            return text
    return None


def _add_preformatted(el, out: Collector) -> None:
    """Code and poems keep their own line breaks: one body line per non-empty line."""
    out.flush()
    for line in el.text_content().splitlines():
        out.add(line, False)
        out.flush()


def _is_text_panel(figcaption) -> bool:
    """A "caption" made of several paragraphs is the article's text set beside a picture (slide lists)."""
    return sum(1 for child in figcaption if child.tag == "p") >= MIN_PANEL_PARAGRAPHS


def walk(el, out: Collector, in_link: bool = False) -> None:
    """Depth-first text collection; block elements start and end lines."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in SKIP_TAGS and not (tag == "figcaption" and _is_text_panel(el)):
        return
    if tag == "img":
        _add_image(el, out)
        return
    if tag == "pre":
        _add_preformatted(el, out)
        return
    block = tag in BLOCK_TAGS or tag == "figure"
    if block:
        out.flush()
        out.caption_like = _looks_like_caption(el)
    count_before = len(out.images)
    in_link = in_link or tag == "a"
    out.add(el.text, in_link)
    for child in el:
        walk(child, out, in_link)
        out.add(child.tail, in_link)  # a tail inside <a> (after a block child) is link text too
    if tag == "figure" and len(out.images) > count_before:
        caption = _caption_of(el)
        if caption:
            out.images[-1]["caption"] = caption
    if block:
        out.flush()


def linearize(containers: list, base_url: str) -> Collector:
    """Lines and images of ``containers`` in document order."""
    out = Collector(base_url)
    for container in containers:
        walk(container, out)
        out.flush()
    return out
