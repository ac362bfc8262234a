"""NamedPattern: one named regular expression in a rule table (tests pick each entry by its name)."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class NamedPattern:
    """One way a page or a converter writes something, as a compiled regular expression with a name."""

    name: str
    regex: re.Pattern
