"""Table tests for credit lines: authors, editors and 来源 from labelled text, and is_credit_line."""

from __future__ import annotations

import pytest

from newsspider.extract.creditlines import parse_lead, parse_line
from newsspider.extract.credits import is_credit_line
from newsspider.normalize.people import clean_names


@pytest.mark.parametrize(
    ("line", "authors", "editors", "source"),
    [
        ("[来源:海口网] [作者:卢海浪] [编辑:云梦怡]", ["卢海浪"], ["云梦怡"], "海口网"),
        # the editor must not become the author (one-field extractors return 云梦怡 here)
        ("来源：海南日报 作者：卢海浪 责任编辑：云梦怡", ["卢海浪"], ["云梦怡"], "海南日报"),
        ("来源：新华社 作者：张三、李四", ["张三", "李四"], [], "新华社"),
        ("作者：张三 李四", ["张三", "李四"], [], None),
        ("来源：新闻网 记者 张三", ["张三"], [], "新闻网"),  # a loose label ends the outlet
        ("作者：张三 通讯员 李四", ["张三", "李四"], [], None),
        ("文/图 王五", ["王五"], [], None),
        ("文/王五", ["王五"], [], None),
        ("本报记者 卢海浪 通讯员 王小明", ["卢海浪", "王小明"], [], None),
        ("责编：牛镛、岳弘彬", [], ["牛镛", "岳弘彬"], None),
        ("编辑：云梦怡 审核：张三", [], ["云梦怡"], None),
        ("来源: 人民网-人民日报 2020-02-29 12:20", [], [], "人民网-人民日报"),
        ("海口网 时间:2020-02-29 12:20 来源：海口网", [], [], "海口网"),
        ("记者从海口市了解到，今年一季度全市经济平稳", [], [], None),
        ("没有任何署名的普通句子。", [], [], None),
    ],
)
def test_parse_line(line, authors, editors, source):
    found = parse_line(line)
    assert clean_names(found.authors) == authors
    assert clean_names(found.editors) == editors
    assert found.source == source


@pytest.mark.parametrize(
    ("text", "authors"),
    [
        ("(记者卢海浪 通讯员王小明)2月29日，海口市召开会议。", ["卢海浪", "王小明"]),
        ("本报讯（记者 卢海浪）近日，海口市召开会议。", ["卢海浪"]),
        ("新华社海口2月29日电（记者卢海浪、张三）近日", ["卢海浪", "张三"]),
        ("会议指出(记者注：此处为补充说明)要加强管理。" * 3, []),
        ("海口市召开会议。", []),
    ],
)
def test_parse_lead(text, authors):
    assert clean_names(parse_lead(text)) == authors


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[来源:海口网] [作者:卢海浪] [编辑:云梦怡]", True),
        ("来源：海南日报 作者：卢海浪 责任编辑：云梦怡", True),
        ("【责任编辑：云梦怡】", True),
        ("(记者卢海浪 通讯员王小明)", True),
        ("文/图 王五", True),
        ("来源：人民网 2020-02-29 12:20", True),
        ("(记者卢海浪)2月29日，海口市召开会议，部署春耕生产工作。", False),
        ("来源于群众的意见和建议，是改进工作的重要依据。", False),
        ("编辑部今天收到了很多读者来信，反映小区停车难的问题。", False),
        ("The council voted on Friday.", False),
        ("By Jane Smith and John Doe", True),
        ("Von Max Müller", True),
        ("(Reporting by Jane Smith; Editing by John Doe)", True),
        ("By the end of the year the council had approved twelve new lanes.", False),
        ("By Monday, officials said, the lanes will be open to cyclists.", False),
        ("", False),
    ],
)
def test_is_credit_line(text, expected):
    assert is_credit_line(text) is expected
