"""Header lines that are only metadata (dates with their labels, a reading time): never a body line."""

from __future__ import annotations

import re

from newsspider.extract.daterules import PUBLISHED_LABEL_RE, UPDATED_LABEL_RE, label_alternation
from newsspider.normalize.dates import find_date

# A reading-time note beside the date line ("4 Min", "Lesezeit: 3 Minuten", "Tempo di lettura: 3 min").
READING_TIME: tuple[str, ...] = (
    "min read", "minute read", "minutes read", "read time", "reading time", "lesezeit", "lesedauer", "minuten",
    "tempo di lettura", "temps de lecture", "tiempo de lectura", "tempo de leitura", "leestijd", "czas czytania",
    "lästid", "lesetid", "okuma süresi", "min", "阅读时间", "読了時間", "分钟",
)  # fmt: skip
# Words of a date line that are no date label elsewhere ("Stand: 14.08.2024": in a sentence, "Stand" is "as of").
LINE_WORDS: tuple[str, ...] = ("stand", "zuletzt", "uhr", "gmt", "utc")
_OTHER_WORDS_RE = re.compile(label_alternation(READING_TIME + LINE_WORDS), re.I)  # whole words: not the min of Termin
MAX_META_LINE = 120  # characters: a longer line is a sentence, whatever it holds
MAX_REST = 3  # letters left once dates, labels and reading time are taken out
_MAX_DATES = 4
_NOT_LETTERS = re.compile(r"[\W\d_]+")
# A time of day alone under its clock's name, the line after a press release's date (香港時間15時30分)
_CLOCK_LINE = re.compile(
    r"(?:香港|北京|台北|澳门|澳門)?(?:时间|時間)\s*\d{1,2}\s*[:：时時]\s*[0-5]\d(?:\s*[:：分]\s*[0-5]\d)?\s*分?"
)


def is_meta_line(text: str) -> bool:
    """Whether ``text`` holds at least one date and, besides dates, date labels and a reading time, almost nothing
    (``Opublikowano: 18.11.2024, 07:45 Aktualizacja: 18.11.2024, 09:10``, ``2024年3月12日 9時41分``)."""
    if len(text) > MAX_META_LINE or not any(char.isdigit() for char in text):
        return False
    rest, dates = text, 0
    while dates < _MAX_DATES and (found := find_date(rest)) is not None:
        rest, dates = f"{rest[: found.start()]} {rest[found.end() :]}", dates + 1
    if not dates:
        return bool(_CLOCK_LINE.fullmatch(text.strip()))
    for pattern in (PUBLISHED_LABEL_RE, UPDATED_LABEL_RE, _OTHER_WORDS_RE):
        rest = pattern.sub(" ", rest)
    return len(_NOT_LETTERS.sub("", rest)) <= MAX_REST
