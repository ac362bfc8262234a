"""BatchCompanions: on ``batch_prepared`` (after the keys are pending), seal and publish a batch's companions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsspider import manifest
from newsspider.state.feedstorage import run_id, temp_path
from newsspider.state.signals import batch_prepared
from newsspider.warc.archive import archive_of

if TYPE_CHECKING:
    from pathlib import Path

    from scrapy.crawler import Crawler


class BatchCompanions:
    """The WARC file (NEWSSPIDER_WARC) and the manifest of each batch reach their final names before the batch.

    Connected after the seen state (a later EXTENSIONS entry), so a killed run's pending batch names them and
    the next run's repair removes them; raising here (a WARC write failed) stops the batch's rename.
    """

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.run_id = run_id(crawler.settings)
        self.archive = None  # the crawl's WarcArchive, found on the first batch (extensions are built in order)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BatchCompanions:
        hook = cls(crawler)
        crawler.signals.connect(hook.batch_prepared, batch_prepared)
        return hook

    def batch_prepared(self, path: Path, temp: Path, **_batch) -> None:
        archive = self.archive = self.archive or archive_of(self.crawler)
        warcs = archive.seal(path) if archive is not None else []  # raises: the batch is not renamed
        manifest.write_part(path, manifest.build(path, temp, self.run_id, [(w, temp_path(w)) for w in warcs]))
        if archive is not None:
            archive.publish(path)
        manifest.publish(path)
