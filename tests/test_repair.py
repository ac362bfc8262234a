"""Repair rules, one case per table entry: pinyin glosses, lost characters, double decodings."""

from __future__ import annotations

import pytest

from newsspider.normalize import mojibake, repair

GLOSS_CASES = {
    "ascii_brackets": ("新聞發(fā)布會", "新聞發布會"),
    "fullwidth_brackets": ("回應（yīng）社會", "回應社會"),
}


def test_every_gloss_pattern_has_a_case():
    assert {pattern.name for pattern in repair.GLOSS_PATTERNS} == set(GLOSS_CASES)


@pytest.mark.parametrize("name", sorted(GLOSS_CASES))
def test_gloss_pattern(name):
    text, expected = GLOSS_CASES[name]
    pattern = next(pattern for pattern in repair.GLOSS_PATTERNS if pattern.name == name)
    assert pattern.regex.search(text)
    assert repair.strip_glosses(text) == (expected, 1)


@pytest.mark.parametrize(
    "text",
    [
        "海口网2月29日消息(记者卢海浪)记者获悉",
        "《规划(2020—2025年)》已印发",
        "地区生产总值(GDP)增长",
        "无线局域网(Wi-Fi)覆盖",
        "第五代移动通信(5G)基站",
        "消费价格指数（CPI）上涨",
        "巴黎(Paris)和里昂(Lyon)",
        "法国夏季(été)活动",
        "语气词(de)不标声调",
        "占比30%(含)以上",
        "Pokémon(Pokémon)",
    ],
)
def test_ordinary_brackets_are_kept(text):
    assert repair.strip_glosses(text) == (text, 0)


@pytest.mark.parametrize(
    ("word", "expected"),
    [("fā", True), ("wǎng", True), ("yīng", True), ("guān", True), ("lǜ", True), ("zhuàng", True),
     ("de", False), ("GDP", False), ("été", False), ("café", False), ("fāfā", False), ("wǎngs", False)],
)  # fmt: skip
def test_is_pinyin_syllable(word, expected):
    assert repair.is_pinyin_syllable(word) is expected


def test_several_glosses_in_one_text():
    text = "海口網(wǎng)2月29日消息，在新聞發(fā)布會上回應(yīng)社會關(guān)切"
    assert repair.strip_glosses(text) == ("海口網2月29日消息，在新聞發布會上回應社會關切", 4)
    assert repair.count_glosses(text) == 4


LOSS_CASES = {
    "replacement_character": ("海口\ufffd\ufffd消息", 2),
    "question_marks_before_cjk": ("??口网2月29日消息", 2),
    "question_marks_after_cjk": ("驻村第一书记王??每天", 2),
    "question_mark_inside_cjk": ("驻村第一书记王?每天一早", 1),
}


def test_every_loss_pattern_has_a_case():
    assert {pattern.name for pattern in repair.LOSS_PATTERNS} == set(LOSS_CASES)


@pytest.mark.parametrize("name", sorted(LOSS_CASES))
def test_loss_pattern(name):
    text, lost = LOSS_CASES[name]
    pattern = next(pattern for pattern in repair.LOSS_PATTERNS if pattern.name == name)
    assert pattern.regex.search(text)
    assert repair.count_lost(text) == lost


@pytest.mark.parametrize(
    "text",
    ["真的吗??他说", "你敢玩吗?临清交警", "如何评判一个城市的好坏?专家说", "哪个好?聊城", "What? No.", "a ?? b",
     "海口网消息。"],
)  # fmt: skip
def test_questions_are_not_losses(text):
    assert repair.count_lost(text) == 0


def _sloppy_cp1252(data: bytes) -> str:
    undefined = (0x81, 0x8D, 0x8F, 0x90, 0x9D)  # no cp1252 character: browsers show a C1 control
    return "".join(chr(byte) if byte in undefined else bytes([byte]).decode("cp1252") for byte in data)


ORIGINAL = "海口市民政局有关负责人表示"
MOJIBAKE_CASES = {
    "utf8_read_as_gbk": "志愿者服务队".encode().decode("gbk"),
    "utf8_read_as_latin1": ORIGINAL.encode().decode("latin-1"),
    "utf8_read_as_cp1252": _sloppy_cp1252(ORIGINAL.encode()),
    "gbk_read_as_latin1": ORIGINAL.encode("gbk").decode("latin-1"),
}


def test_every_double_decoding_has_a_case():
    assert {mistake.name for mistake in mojibake.DOUBLE_DECODINGS} == set(MOJIBAKE_CASES)


@pytest.mark.parametrize("name", sorted(MOJIBAKE_CASES))
def test_double_decoding_is_reversed(name):
    expected = "志愿者服务队" if name == "utf8_read_as_gbk" else ORIGINAL
    fixed, runs = mojibake.undo_mojibake(f"前文。{MOJIBAKE_CASES[name]}。后文")
    assert fixed == f"前文。{expected}。后文"
    assert runs == 1


def test_gbk_mojibake_glued_to_clean_text_is_reversed_alone():
    text = "海口市民政局".encode().decode("gbk") + "有关负责人表示"
    assert mojibake.undo_mojibake(text) == ("海口市民政局有关负责人表示", 1)


def test_nbsp_turned_space_inside_a_cp1252_run():
    text = _sloppy_cp1252("共栽种三角梅".encode()).replace("\u00a0", " ")
    assert mojibake.undo_mojibake(text)[0] == "共栽种三角梅"


@pytest.mark.parametrize(
    "text",
    ["Größe und Länge", "café »déjà vu«", "é\u00a0» citation", "öööööööö", "海口网2月29日消息(记者卢海浪)记者获悉",
     "財政司司長今日發表新一年度財政預算案", "¹¦º¹¦ºº"],
)  # fmt: skip
def test_clean_text_is_not_touched(text):
    assert mojibake.undo_mojibake(text) == (text, 0)
    assert mojibake.count_broken(text) == 0


def test_gbk_mojibake_cut_short_is_reversed_up_to_the_loss():
    damaged = "新闻发布会".encode().decode("gbk", errors="replace").replace("\ufffd", "")
    fixed, runs = mojibake.undo_mojibake(damaged)
    assert (fixed, runs) == ("新闻发布\ufffd", 1)
    assert repair.count_lost(fixed) == 1


def test_irreversible_gbk_mojibake_is_counted():
    damaged = "琼山区三门坡镇".encode().decode("gbk", errors="replace")
    assert "\ufffd" in damaged
    assert mojibake.count_broken(damaged.replace("\ufffd", "")) > 0
