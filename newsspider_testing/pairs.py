"""The repository's fixture pairs (``fixtures/pages``), in the format of ``newsspider.pairs``."""

from __future__ import annotations

from pathlib import Path

from newsspider.pairs import FixturePair, dump_pair, pairs_in
from newsspider_testing import REPO_ROOT

PAGES = REPO_ROOT / "fixtures" / "pages"


def fixture_pairs(folder: Path = PAGES) -> list[FixturePair]:
    """Every fixture pair in ``folder`` (the repository's by default), sorted by name."""
    return pairs_in(folder)


__all__ = ["PAGES", "FixturePair", "dump_pair", "fixture_pairs"]
