"""Latin-script byline words as data: what stands around a name without being part of it, and joins of two names.

Also the byline itself: byline words, name particles, job titles, role labels of a credit line and Korean role
suffixes (``extract/creditlines`` and ``extract/bylinelines`` read byline lines with them). The Chinese labels and
the placeholders are in ``labels``; ``normalize/people`` builds its patterns from both.
"""

from __future__ import annotations

import re

from newsspider.extract.labels import AUTHOR, EDITOR

# Behind the name: a link to the writer's other articles (김서연 기자 다른기사 보기) ends the name.
NAME_END_LINKS: tuple[str, ...] = ("다른기사", "다른 기사", "기사 더보기", "기자의 다른기사", "기사 구독", "구독하기")
# In front of the name: a link to the writer's other articles or the kind of piece (Alles von Jana Roth).
NAME_LEADS: tuple[str, ...] = (
    "Alles von", "Mehr von", "Mehr Artikel von", "Pressemitteilung von", "Gastbeitrag von", "Ein Gastbeitrag von",
    "Kommentar von", "Ein Kommentar von", "More from", "More by", "All articles by", "Plus d'articles de",
    "Más de", "Más artículos de",
)  # fmt: skip
# Behind the name: a date label whose date was cut off (Jana Roth Stand: 12.03.) ends the name.
NAME_END_LABELS: tuple[str, ...] = (
    "Stand", "Aktualisiert", "Veröffentlicht", "Updated", "Published", "Mis à jour", "Publié", "Actualizado",
    "Publicado",
)  # fmt: skip
# Behind the name: "am Samstag", "on Monday", "le lundi" (the day of publication) ends the name; the preposition
# in lower case, as a byline writes it ("The Mail On Sunday" is a name).
DAY_PREPOSITIONS: tuple[str, ...] = ("am", "on", "le", "el")
WEEKDAYS: tuple[str, ...] = (
    "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonnabend", "Sonntag", "Monday",
    "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "lundi", "mardi", "mercredi", "jeudi",
    "vendredi", "samedi", "dimanche", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo",
)  # fmt: skip
# Between two names: an interview credits both (Jana Roth im Gespräch mit Paul Berg).
NAME_JOINS: tuple[str, ...] = ("im Gespräch mit", "in conversation with", "en conversation avec", "en conversación con")

# Byline words in front of the names (By X, Von X, Door X, Av X, Przez X), matched with either case of their first
# letter; the lower-case-only ones are name particles when capitalised (di Marco Rossi, but Di Maio).
BYLINE_WORDS: tuple[str, ...] = ("by", "written by", "von", "vom", "par", "por", "door", "av", "af", "przez")
BYLINE_WORDS_LOWER: tuple[str, ...] = ("di",)
# Lower-case particles inside a name (Jan de Vries, Ana da Silva, Ludwig van Beethoven).
NAME_PARTICLES: tuple[str, ...] = (
    "de", "van", "der", "den", "von", "zu", "da", "di", "del", "della", "du", "dos", "das", "ter", "ten", "la", "le",
)  # fmt: skip
# Job titles after a byline's names ("By Tom Harris, Political Correspondent"): never part of a name.
JOB_TITLES: tuple[str, ...] = (
    "Correspondent", "Reporter", "Editor", "Writer", "Staff", "Columnist", "Contributor", "Producer", "Journalist",
    "Korrespondent", "Korrespondentin", "Redakteur", "Redakteurin", "Reporterin", "Journalistin", "Correspondant",
    "Correspondante", "Corresponsal", "Redactor", "Redactora", "Repórter", "Redattore", "Inviato", "Inviata",
)  # fmt: skip
# Role labels of a credit line (Text: X, Fotos: Y): author, editor or a credits role (as in labels.LABELS).
ROLE_LABELS: tuple[tuple[str, str], ...] = (
    ("Text", AUTHOR), ("Texte", AUTHOR), ("Tekst", AUTHOR), ("Texto", AUTHOR), ("Testo", AUTHOR),
    ("Fotos", "photo"), ("Foto", "photo"), ("Photos", "photo"), ("Photo", "photo"), ("Bilder", "photo"),
    ("Bild", "photo"), ("Video", "video"), ("Grafik", "graphics"), ("Redaktion", EDITOR),
)  # fmt: skip
# Role words written after a name (김민준 기자, 이영희 특파원): stripped from it.
NAME_ROLE_SUFFIXES: tuple[str, ...] = ("기자", "특파원", "선임기자", "수습기자", "객원기자", "논설위원")


def _words(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in sorted(words, key=len, reverse=True))


LEAD_RE = re.compile(rf"^\s*(?:{_words(NAME_LEADS)})\s+(?=\S)", re.IGNORECASE)
END_RE = re.compile(
    rf"\s+(?:(?:{_words(NAME_END_LABELS)})\s*(?::.*)?|(?:{_words(DAY_PREPOSITIONS)})\s+(?i:{_words(WEEKDAYS)})\b.*"
    rf"|(?:{_words(NAME_END_LINKS)}).*)$"
)
# A job title behind a given name and a family name, without a comma (Karin Sjöberg Reporter: a name, its title);
# not behind a desk or an agency (AP Sports Writer, Online News Editor stay as they are).
_NAME_WORD = r"[A-ZÀ-ÞĀ-Ž][a-zß-ÿā-ž'’]+(?:-[A-ZÀ-ÞĀ-Ž][a-zß-ÿā-ž'’]+)?"
JOB_TAIL_RE = re.compile(rf"^(?P<name>{_NAME_WORD}\s+{_NAME_WORD})\s+(?:{_words(JOB_TITLES)})$")
JOIN_PATTERN = rf"\s+(?i:{_words(NAME_JOINS)})\s+"
# "By", "by", "Door", "door" ... and the lower-case-only words, as a pattern (no group).
BYLINE_WORD = "|".join(
    [f"[{word[0].upper()}{word[0]}]{_words((word[1:],))}" for word in sorted(BYLINE_WORDS, key=len, reverse=True)]
    + [re.escape(word) for word in BYLINE_WORDS_LOWER]
)
PARTICLE = _words(NAME_PARTICLES)
ROLE_LABEL = _words(tuple(label for label, _role in ROLE_LABELS))
ROLE_SUFFIX = _words(NAME_ROLE_SUFFIXES)
JOB_TITLE = _words(JOB_TITLES)


def role_of_label(text: str) -> str | None:
    """The role of a credit-line label (``Fotos`` -> ``photo``), else None."""
    return next((role for label, role in ROLE_LABELS if label == text), None)
