"""SplitSearch answers exactly as the regex it splits (BOILERPLATE_LINE and patterns that must not be split)."""

from __future__ import annotations

import re

import pytest

from newsspider.extract.boilerplate import _BOILERPLATE_SEARCH, BOILERPLATE_LINE
from newsspider.extract.linesearch import SplitSearch, leading_literal, top_level_alternatives

LINES = (
    "您当前的位置：首页 > 新闻", "当前位置 首页", "首页 > 本地", "分享到：微信 微博", "扫描二维码 关注我们",
    "【打印】【关闭】", "字号：大 中 小", "版权所有 © 某某网", "未经本网授权不得转载", "未经书面许可，禁止复制",
    "粤ICP备12345678号", "icp 备 123", "ıCP证", "İCP备", "ALL RIGHTS RESERVED.", "all rights reserved",
    "aLl RiGhTs ReSeRvEd", "Share this article", "ſhare this", "Follow us on X", "Read more: the story",
    "read more", "Lesen Sie auch:", "欢迎关注我们的公众号", "长按识别二维码", "Copyright © 2024 Foo",
    "copyright 2021", "COPYRIGHT (c) Bar", "© 2023 Baz", "相关新闻", "责任编辑：王五", "免责声明：本文仅代表作者观点",
    "2024-05-20 12:30", "12:30", "这是正文……阅读全文", "The story goes on... read more", "more...", "…更多",
    "A normal sentence about copyrights and ICP rules in 2024.", "正文第一段，没有任何样板。", "", " ",
    "The Kelvin sign \u212a and long s \u017f are here", "Ending with a newline\n", "Un texte français où l'on parle.",
)  # fmt: skip


@pytest.mark.parametrize("line", LINES)
def test_boilerplate_split_agrees_with_the_regex(line):
    assert _BOILERPLATE_SEARCH.search(line) == bool(BOILERPLATE_LINE.search(line))


def test_some_lines_are_boilerplate_and_some_are_not():
    answers = {_BOILERPLATE_SEARCH.search(line) for line in LINES}
    assert answers == {True, False}


def test_alternatives_rejoin_into_the_pattern():
    assert "|".join(top_level_alternatives(BOILERPLATE_LINE.pattern)) == BOILERPLATE_LINE.pattern
    assert top_level_alternatives(r"a[|\]]b|(c|d)|e\|f|[]|]g") == [r"a[|\]]b", "(c|d)", r"e\|f", "[]|]g"]


@pytest.mark.parametrize(
    ("alternative", "literal"),
    [(r"ICP\s*备", "ICP"), ("All Rights Reserved", "All Rights Reserved"), ("colou?r", "colo"), ("ab{0,2}", "a"),
     ("ab+c", "ab"), ("(?:x)", ""), ("^abc", "")],
)  # fmt: skip
def test_leading_literal(alternative, literal):
    assert leading_literal(alternative) == literal


@pytest.mark.parametrize(
    ("pattern", "texts"),
    [
        (re.compile(r"(?i)abc|defg"), ["DEFG", "xx ABC", "none"]),  # a global inline flag: not split
        (re.compile(r"(a)x|bcd\1", re.IGNORECASE), ["BCDA", "bcd", "AX"]),  # a backreference across alternatives
        (re.compile(r"abc def|ghij", re.VERBOSE), ["abcdef", "abc def", "GHIJ", "ghij"]),
        (re.compile(r"^start|middle word|中文|(?:\.{3}|…)$", re.IGNORECASE), ["START x", "a MIDDLE WORD", "x…"]),
    ],
)
def test_split_search_agrees_on_other_patterns(pattern, texts):
    split = SplitSearch.of(pattern)
    for text in [*texts, "", "nothing here"]:
        assert split.search(text) == bool(pattern.search(text)), text
