"""Table tests for person-name cleaning: labels stripped, lists split, CJK names kept whole."""

from __future__ import annotations

import pytest

from newsspider.normalize.people import clean_names, clean_source


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (["卢海浪"], ["卢海浪"]),
        (["记者卢海浪 通讯员王小明"], ["卢海浪", "王小明"]),
        (["本报记者 卢海浪"], ["卢海浪"]),
        (["特约记者 张三 实习生 李四"], ["张三", "李四"]),
        (["文/图 王五"], ["王五"]),
        (["张三、李四，王五"], ["张三", "李四", "王五"]),
        (["张三和李四"], ["张三", "李四"]),
        (["王　五"], ["王五"]),  # a two-character name padded to align with three-character ones
        (["张三摄"], ["张三"]),
        (["By Jane Smith and John Doe"], ["Jane Smith", "John Doe"]),
        (["Von Max Müller und Erika Muster"], ["Max Müller", "Erika Muster"]),
        (["Veröffentlicht vonChris Jung"], ["Chris Jung"]),
        (["von eseppelt · 31. Oktober 2023"], ["eseppelt"]),
        (["Posted on"], []),
        (["https://www.facebook.com/someone"], []),
        (["Jane Smith", "jane smith", "Jane Smith"], ["Jane Smith", "jane smith"]),
        (["Jean-Luc Picard"], ["Jean-Luc Picard"]),
        ([], []),
        (None, []),
    ],
)
def test_clean_names(raw, expected):
    assert clean_names(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("海口网", "海口网"),
        ("来源：新华社", "新华社"),
        ("新华社 作者：张三", "新华社"),
        ("人民网-人民日报 2020-02-29 12:20", "人民网-人民日报"),
        ("海南日报 | 编辑：云梦怡", "海南日报"),
        ("  ", None),
        (None, None),
    ],
)
def test_clean_source(raw, expected):
    assert clean_source(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Von Christian Thiele, 07 Dezember, 2022", ["Christian Thiele"]),
        ("von lupa am 26/10/13, 03:48 pm", ["lupa"]),
        ("VON MORITZ GATHMANN am 21. April 2020", ["MORITZ GATHMANN"]),
        ("Von Tomas Spahn Fr, 18. Oktober 2019", ["Tomas Spahn"]),
        ("Zeige alle Beiträge von Cem Basman", ["Cem Basman"]),
        ("Janic Cathomen, 01.12.2021", ["Janic Cathomen"]),
    ],
)
def test_byline_trailers_are_cut(raw, expected):
    assert clean_names([raw]) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Post author By Helge Fahrnberger", ["Helge Fahrnberger"]),
        ("Eingestellt von der Michel", ["der Michel"]),
        ("Gespeichert von rasos am 3.4.2019", ["rasos"]),
        ("Emily Burack 8 January 2020", ["Emily Burack"]),
        ("Maria Mai", ["Maria Mai"]),  # a month name is cut only after a day number
    ],
)
def test_more_byline_labels_and_trailers(raw, expected):
    assert clean_names([raw]) == expected


@pytest.mark.parametrize(
    ("raw", "language", "expected"),
    [
        (["Maria London"], "en", ["Maria London"]),  # one name, in order
        (["山田 花子"], "ja", ["山田 花子"]),  # Japanese family and given name stay one name
        (["张三 李四"], "zh", ["张三", "李四"]),  # Chinese names split on the space
        (["Maria London, Jan Berg und Tom Ng"], "de", ["Maria London", "Jan Berg", "Tom Ng"]),  # never one string
        (["Trine Holm og Tor Berg"], "da", ["Trine Holm", "Tor Berg"]),
        (["Chemnitzer Verlag und Druck GmbH & Co. KG"], "de", []),  # a company is no author
        (["Elena Muster (emu), Otto Beispiel (obe.)"], "de", ["Elena Muster", "Otto Beispiel"]),  # initials dropped
        (["作者：张三  发布时间：2024年03月16日"], "zh", ["张三"]),  # label words never in a name
        (["科技小站发布时间：09"], "zh", ["科技小站"]),  # account name glued to the next label
        (["记者 张三 通讯员 李四"], "zh", ["张三", "李四"]),  # a name before a role word is not an outlet
        (["南都记者 余毅菁 向雪妮"], "zh", ["余毅菁", "向雪妮"]),  # outlet prefix dropped with the role word
        (["作者：未知"], "zh", []),
        (["整合"], "zh", []),
        (["股市行情 总篇数919篇 暂无简介"], "zh", []),  # a column's profile card
    ],
)
def test_name_classes(raw, language, expected):
    assert clean_names(raw, language) == expected
