"""Header lines that are only dates, their labels and a reading time never reach the body; sentences do."""

from __future__ import annotations

import pytest

from newsspider.extract import boilerplate
from newsspider.extract.metalines import LINE_WORDS, READING_TIME, is_meta_line


@pytest.mark.parametrize(
    "line",
    ["Opublikowano: 18.11.2024, 07:45 Aktualizacja: 18.11.2024, 09:10", "2024年3月12日 9時41分",
     "12 aprile 2025 | 07:30 Tempo di lettura: 3 min", "Stand: 14.08.2024, 06:30 Uhr",
     "Updated: March 4, 2025 11:31 a.m.", "香港時間15時30分", "北京时间 09:30"],
)  # fmt: skip
def test_metadata_lines(line):
    assert is_meta_line(line)


@pytest.mark.parametrize("words", READING_TIME + LINE_WORDS)
def test_every_reading_time_note_beside_a_date(words):
    assert is_meta_line(f"14.08.2024 · 3 {words}")


@pytest.mark.parametrize(
    "line",
    ["On 18.11.2024 the council voted to raise fares.", "2024年3月12日，东京都宣布新措施。",
     "Minister Stand spoke on 3 March 2024.", "Termin: 21.02.2020, 19 Uhr",
     "Die Sitzung dauerte bis 14.08.2024, 23:30 Uhr und endete ohne Einigung.", "Lesezeit und Leserschaft"],
)  # fmt: skip
def test_sentences_with_dates_stay(line):
    assert not is_meta_line(line)


def test_a_paragraph_named_as_dateline_holding_a_sentence_is_the_lead():
    import lxml.html

    lead = "OSLO, Norway, June 3, 2025 /GlobeWire/ -- Halvorsen Marine Systems ASA today introduced HydroDrive 800, " * 2
    assert boilerplate.is_named_lead(lxml.html.fragment_fromstring(f'<p class="dateline">{lead.strip()}.</p>'))
    assert not boilerplate.is_named_lead(lxml.html.fragment_fromstring('<p class="dateline">OSLO, June 3, 2025</p>'))
    assert not boilerplate.is_named_lead(lxml.html.fragment_fromstring(f'<p class="share dateline">{lead}.</p>'))
    assert not boilerplate.is_named_lead(lxml.html.fragment_fromstring(f'<div class="dateline">{lead}.</div>'))
