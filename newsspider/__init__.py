"""newsspider: crawl regional news sites into clean JSON-lines articles."""

from newsspider.chain import extract_article
from newsspider.exceptions import ArticleRejected

__all__ = ["ArticleRejected", "extract_article"]
