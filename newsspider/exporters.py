"""The JSON-lines exporter of articles: ``schema_version`` on every line and, with WARC capture, its record."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy.exporters import JsonLinesItemExporter

from newsspider.items import export_line
from newsspider.state.feedstorage import is_temp_name
from newsspider.warc.archive import archive_of

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from newsspider.warc.archive import WarcArchive


def batch_path(file: Any) -> Path | None:
    """The final path of the batch whose hidden temp file ``file`` is (None for other feed files)."""
    name = getattr(file, "name", None)
    if not isinstance(name, str):
        return None
    path = Path(name)
    if not is_temp_name(path.name):
        return None
    return path.with_name(path.name[1 : -len(".part")])


class ArticleLinesExporter(JsonLinesItemExporter):
    """``jsonlines``: each article line gains ``schema_version``; with NEWSSPIDER_WARC also ``warc_file`` and
    ``warc_record_id``, whose records are written first (if that fails, disk full, the line is not written)."""

    def __init__(self, file, *, archive: WarcArchive | None = None, **kwargs):
        super().__init__(file, **kwargs)
        self.archive = archive
        self.batch = batch_path(file)

    @classmethod
    def from_crawler(cls, crawler: Crawler, file, **kwargs) -> ArticleLinesExporter:
        return cls(file, archive=archive_of(crawler), **kwargs)

    def export_item(self, item: Any) -> None:
        if not isinstance(item, Mapping) or not item.get("url"):  # an Article (scrapy.Item) or a plain dict
            super().export_item(item)
            return
        archived = None
        if self.archive is not None and self.batch is not None:
            archived = self.archive.archive_item(self.batch, item)
        super().export_item(export_line(item, archived))
