"""Latin-script byline words as data: what stands around a name without being part of it, and joins of two names.

The Chinese labels and the placeholders are in ``labels``; ``normalize/people`` builds its patterns from both.
"""

from __future__ import annotations

import re

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


def _words(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in sorted(words, key=len, reverse=True))


LEAD_RE = re.compile(rf"^\s*(?:{_words(NAME_LEADS)})\s+(?=\S)", re.IGNORECASE)
END_RE = re.compile(
    rf"\s+(?:(?:{_words(NAME_END_LABELS)})\s*(?::.*)?|(?:{_words(DAY_PREPOSITIONS)})\s+(?i:{_words(WEEKDAYS)})\b.*)$"
)
JOIN_PATTERN = rf"\s+(?i:{_words(NAME_JOINS)})\s+"
