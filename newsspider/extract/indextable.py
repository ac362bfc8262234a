"""Disclosure index blocks of government portals (索引号, 发布机构, 发文日期 …): the page's metadata, never body."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# Cell labels of a 政府信息公开 index table, as written in their own cell (a colon after them is allowed).
INDEX_LABELS = frozenset(
    (
        "索引号", "分类", "主题分类", "体裁分类", "发布机构", "发文机关", "发文机构", "生成日期", "成文日期", "发文日期",
        "发布日期", "文号", "发文字号", "主题词", "名称", "标题", "有效性", "公开方式", "公开范围", "公开时限", "所属机构",
    )
)  # fmt: skip
INDEX_TAGS = ("table", "dl", "ul")
MIN_LABELS = 3  # distinct labels that make a block the index, not a table in the article
_MAX_LABEL = 6  # characters of a label cell


def is_index_block(element: HtmlElement) -> bool:
    """A table or list whose cells name at least ``MIN_LABELS`` index labels (索引号 | 发布机构 | 发文日期)."""
    if element.tag not in INDEX_TAGS:
        return False
    found: set[str] = set()
    for cell in element.iter("th", "td", "dt", "b", "strong", "span", "li"):
        text = (cell.text or "").strip().rstrip(":：").strip()
        if 0 < len(text) <= _MAX_LABEL and text in INDEX_LABELS:
            found.add(text)
            if len(found) >= MIN_LABELS:
                return True
    return False
