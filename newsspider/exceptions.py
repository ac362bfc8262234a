"""Project exceptions.

NewsspiderError
 ├── ProfileError        a site profile is invalid (raised at import, never mid-crawl)
 └── ArticleRejected     a page yields no valid article; ``reason`` is the stats key suffix
"""

from __future__ import annotations


class NewsspiderError(Exception):
    """Base class of all newsspider errors."""


class ProfileError(NewsspiderError):
    """A site profile is invalid or unknown."""


class ArticleRejected(NewsspiderError):
    """The page does not give a valid article; ``reason`` names why (e.g. ``missing_title``)."""

    def __init__(self, reason: str, url: str | None = None):
        self.reason = reason
        self.url = url
        super().__init__(f"{reason}: {url}" if url else reason)
