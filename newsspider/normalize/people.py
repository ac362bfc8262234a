"""Clean person names: strip labels such as 记者/通讯员/文/图, split lists, de-duplicate."""

from __future__ import annotations


def clean_names(raw: list[str] | None) -> list[str]:
    """Return distinct cleaned names in page order (placeholder)."""
    names: list[str] = []
    for value in raw or []:
        name = " ".join(value.split())
        if name and name not in names:
            names.append(name)
    return names
