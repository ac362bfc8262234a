"""Forum threads: the first post is the article, the replies under it are not (Discuz!, phpwind markup)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lxml import etree

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# id prefixes of a post's message element, one per post of the thread (Discuz!: td.t_f#postmessage_<pid>,
# phpwind: div#read_tpc for the opening post, div#read_<pid> for replies); the page's first one opens the thread.
POST_ID_PREFIXES: tuple[str, ...] = ("postmessage_", "read_")
_POSTS = etree.XPath(
    " | ".join(f"//@id[starts-with(., '{prefix}')]/.." for prefix in POST_ID_PREFIXES)
)
_HINT = re.compile("|".join(f"id=[\"']?{prefix}" for prefix in POST_ID_PREFIXES))  # one pass over the page text


def first_post(root: HtmlElement, page_text: str) -> HtmlElement | None:
    """The opening post's message element of a thread with replies, else None (one post or no forum markup)."""
    if not _HINT.search(page_text):
        return None
    nodes = _POSTS(root)
    for prefix in POST_ID_PREFIXES:
        posts = [node for node in nodes if _is_post(node.get("id", ""), prefix)]
        opening = prefix != "read_" or posts[:1] and posts[0].get("id") == "read_tpc"  # read_<n> alone is no forum
        if len(posts) >= 2 and opening:
            return posts[0]
    return None


def _is_post(ident: str, prefix: str) -> bool:
    """``postmessage_3381206``, ``read_tpc`` (phpwind's opening post), ``read_1234``: one post's message."""
    suffix = ident[len(prefix) :] if ident.startswith(prefix) else ""
    return suffix.isdigit() or suffix == "tpc"
