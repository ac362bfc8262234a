"""Table tests for headline choice and site-name stripping."""

from __future__ import annotations

import pytest

from newsspider.extract.titles import clean_title, strip_site


@pytest.mark.parametrize(
    ("title", "host", "expected"),
    [
        (
            "海南战“疫”、战“贫”两不误 巩固贫困县脱贫摘帽成果_海口网",
            None,
            "海南战“疫”、战“贫”两不误 巩固贫困县脱贫摘帽成果",
        ),
        ("全省春耕生产有序推进——示例日报", None, "全省春耕生产有序推进"),
        ("标题内容很长很长的新闻-新华网", None, "标题内容很长很长的新闻"),
        (
            "河北遵化：数字农机服务助力农业生产-新华网河北频道-新华网",
            None,
            "河北遵化：数字农机服务助力农业生产",
        ),
        ("南湖公园花展开幕_本地新闻_示例网", None, "南湖公园花展开幕"),
        (
            "Mit der richtigen Konfliktkultur zum Erfolg | erfolg magazin",
            None,
            "Mit der richtigen Konfliktkultur zum Erfolg",
        ),
        (
            "Ultium Cells erhöht Kapazität - Battery-News.de",
            "www.battery-news.de",
            "Ultium Cells erhöht Kapazität",
        ),
        (
            "Four Years Remaining » Blog Archive » Interning of Small Integers",
            None,
            "Interning of Small Integers",
        ),
        ("Lockdown: Gottesdienste bleiben möglich", None, "Lockdown: Gottesdienste bleiben möglich"),
        ("Können Fische Schmerzen spüren / empfinden?", None, "Können Fische Schmerzen spüren / empfinden?"),
        ("Einen Twitterfeed einbinden – so geht’s!", None, "Einen Twitterfeed einbinden – so geht’s!"),
    ],
)
def test_strip_site(title, host, expected):
    assert strip_site(title, host=host) == expected


@pytest.mark.parametrize(
    ("title", "h1s", "others", "expected"),
    [
        # the logo h1 is the site part of <title>: not the headline
        ("城区新增三处口袋公园_示例城市网", ["示例城市网", "城区新增三处口袋公园"], [], "城区新增三处口袋公园"),
        ("城区新增三处口袋公园_示例城市网", ["示例城市网"], [], "城区新增三处口袋公园"),
        # og:title within <title> wins over a longer unrelated h2-like candidate
        ("Bike lanes approved | Example Times", [], ["Bike lanes approved", "Subscribe now"], "Bike lanes approved"),
        # a single headline-like h1 is the visible headline even when <title> is an SEO variant
        ("Bloomberg faces questions - Example Times", ["As his first debate nears, Bloomberg answers"], [],
         "As his first debate nears, Bloomberg answers"),
        (None, [], ["Only an og:title | Site"], "Only an og:title"),
        (None, [], [], None),
    ],
)  # fmt: skip
def test_clean_title(title, h1s, others, expected):
    assert clean_title(title, h1s, others) == expected
