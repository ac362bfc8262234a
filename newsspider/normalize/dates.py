"""Turn raw date strings into ISO 8601 datetimes with a UTC offset."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo


def parse_datetime(
    raw: str | None, tz: ZoneInfo, *, url: str | None = None, fetched_at: datetime | None = None
) -> datetime | None:
    """Parse ``raw`` into an aware datetime; naive values are taken in ``tz`` (placeholder)."""
    if not raw:
        return None
    try:
        value = datetime.fromisoformat(raw.strip())
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=tz)
