"""Rules of Latin-script and Korean bylines as data: byline words, name particles, role labels, role suffixes."""

from __future__ import annotations

import re

from newsspider.extract.labels import AUTHOR, EDITOR

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


def _alternation(words) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


# "By", "by", "Door", "door" ... and the lower-case-only words, as a pattern (no group).
BYLINE_WORD = "|".join(
    [f"[{word[0].upper()}{word[0]}]{re.escape(word[1:])}" for word in sorted(BYLINE_WORDS, key=len, reverse=True)]
    + [re.escape(word) for word in BYLINE_WORDS_LOWER]
)
PARTICLE = _alternation(NAME_PARTICLES)
ROLE_LABEL = _alternation(label for label, _role in ROLE_LABELS)
ROLE_SUFFIX = _alternation(NAME_ROLE_SUFFIXES)
JOB_TITLE = _alternation(JOB_TITLES)


def role_of_label(text: str) -> str | None:
    """The role of a credit-line label (``Fotos`` -> ``photo``), else None."""
    return next((role for label, role in ROLE_LABELS if label == text), None)
