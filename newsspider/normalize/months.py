"""Month names and time-zone abbreviations used by the date parser, as data."""

from __future__ import annotations

import re

_MONTHS = {
    1: "january jan januar janvier enero ene janeiro gennaio gen stycznia styczeń styczen januari jänner jaenner ocak",
    2: "february feb februar février fevrier févr fevr febrero fevereiro fev febbraio lutego luty februari şubat subat",
    3: "march mar märz maerz mars marzo março marco marca marzec maart mrt marts mart maret",
    4: "april apr avril avr abril abr aprile kwietnia kwiecień nisan",
    5: "may mai mayo maio maggio mag maja maj mei mayıs mayis",
    6: "june jun juni juin junio junho giugno giu czerwca czerwiec haziran",
    7: "july jul juli juillet juil julio julho luglio lug lipca lipiec temmuz",
    8: "august aug août aout agosto ago sierpnia sierpień augustus augusti agustus ağustos agustos",
    9: "september sep sept septembre septiembre setembro set settembre sett września wrzesnia eylül eylul",
    10: "october oct oktober octobre octubre outubro out ottobre ott października pazdziernika okt ekim",
    11: "november nov novembre noviembre novembro listopada listopad kasım kasim",
    12: "december dec dezember décembre decembre diciembre dic dezembro dez dicembre grudnia grudzień dezember "
    "desember aralık aralik",
}
MONTH_NUMBERS: dict[str, int] = {name: num for num, names in _MONTHS.items() for name in names.split()}
# Longest first so that "march" wins over "mar" in the alternation.
MONTH_PATTERN = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))

# Offsets in minutes of the abbreviations news pages print after a time.
ZONE_OFFSETS: dict[str, int] = {
    "z": 0, "utc": 0, "gmt": 0, "wet": 0, "bst": 60, "cet": 60, "mez": 60, "cest": 120, "mesz": 120,
    "eet": 120, "eest": 180, "msk": 180, "cdt": -300, "est": -300, "edt": -240,
    "mst": -420, "mdt": -360, "pst": -480, "pdt": -420, "jst": 540, "kst": 540, "hkt": 480, "sgt": 480,
    "aest": 600, "aedt": 660,
}  # fmt: skip
ZONE_PATTERN = "|".join(sorted(ZONE_OFFSETS, key=len, reverse=True))

# Words between a date and its time of day: "12 marzo 2024 ore 14:05", "12 mrt 2024 om 14:05", "12 mars 2024 kl. 14.05".
_CONNECTORS = ("at", "um", "à", "às", "a las", "o", "ore", "alle", "om", "kl.", "kl", "klo", "godz.", "saat")
TIME_CONNECTORS = "|".join(re.escape(word) for word in sorted(_CONNECTORS, key=len, reverse=True))
