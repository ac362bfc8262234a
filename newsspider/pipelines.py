"""Item pipelines: one normalisation concern each, wrapping the pure steps of newsspider.chain."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy.exceptions import DropItem

from newsspider import chain, chainrepair
from newsspider.exceptions import ArticleRejected
from newsspider.health import collect as health
from newsspider.items import Article

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class _StepPipeline:
    """Apply one chain step; an ArticleRejected becomes a counted, logged DropItem."""

    step = staticmethod(lambda item: item)

    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        return cls(crawler)

    def process_item(self, item: Article) -> Article:
        try:
            return type(self).step(item)
        except ArticleRejected as exc:
            stats = self.crawler.stats
            stats.inc_value(f"newsspider/dropped/{exc.reason}")
            if item.get("site"):
                stats.inc_value(f"newsspider/site/{item['site']}/dropped/{exc.reason}")
            raise DropItem(f"{exc.reason}: {item.get('url')}", log_level="INFO") from exc


class _RepairPipeline(_StepPipeline):
    """Run one repair step and count it: items repaired and fixes made, overall and per site."""

    repair = ""

    def process_item(self, item: Article) -> Article:
        item = super().process_item(item)
        count = item.context.repair_counts.get(self.repair, 0)  # includes the whole-page repair
        if count:
            stats = self.crawler.stats
            for prefix in ("newsspider", f"newsspider/site/{item.get('site')}"):
                stats.inc_value(f"{prefix}/repairs/{self.repair}")
                stats.inc_value(f"{prefix}/repairs/{self.repair}/count", count)
        return item


class UndoMojibakePipeline(_RepairPipeline):
    """Reverse exact double decodings (UTF-8 read as GBK or latin-1)."""

    step = staticmethod(chainrepair.undo_mojibake)
    repair = "mojibake_reversed"


class StripGlossesPipeline(_RepairPipeline):
    """Remove pinyin glosses after CJK characters."""

    step = staticmethod(chainrepair.strip_glosses)
    repair = "pinyin_glosses"


class SimplifyScriptPipeline(_RepairPipeline):
    """Traditional -> simplified on mirror-converted pages and simplified-publishing profiles."""

    step = staticmethod(chainrepair.simplify_script)
    repair = "traditional_to_simplified"


class FlagTextLossPipeline(_RepairPipeline):
    """Count characters lost before the crawl (lost_chars, repairs "text_loss")."""

    step = staticmethod(chainrepair.flag_text_loss)
    repair = "text_loss"


class CleanTextPipeline(_StepPipeline):
    """Whitespace and boilerplate-phrase hygiene on title, body and description."""

    step = staticmethod(chain.clean_text)


class NormalizeUrlsPipeline(_StepPipeline):
    """canonical_url from rel=canonical or the URL without tracking parameters."""

    step = staticmethod(chain.normalize_urls)


class NormalizeDatesPipeline(_StepPipeline):
    """published_at / updated_at as ISO 8601 with offset."""

    step = staticmethod(chain.normalize_dates)


class NormalizePeoplePipeline(_StepPipeline):
    """authors and editors as clean name lists."""

    step = staticmethod(chain.normalize_people)


class NormalizeOriginPipeline(_StepPipeline):
    """origin_url of mirrors and reprints that name their origin."""

    step = staticmethod(chainrepair.normalize_origin)

    def process_item(self, item: Article) -> Article:
        item = super().process_item(item)
        if item.get("origin_url"):
            self.crawler.stats.inc_value("newsspider/origin_url")
            self.crawler.stats.inc_value(f"newsspider/site/{item.get('site')}/origin_url")
        return item


class NormalizeSourcePipeline(_StepPipeline):
    """source outlet, defaulting to the site's own name."""

    step = staticmethod(chain.normalize_source)


class ValidateArticlePipeline(_StepPipeline):
    """Drop items without title or body, with the reason counted in stats."""

    step = staticmethod(chain.validate)


class FinalizeArticlePipeline(_StepPipeline):
    """Keep exactly the exported fields in schema order; count the article per site."""

    step = staticmethod(chain.finalize)

    def process_item(self, item: Article) -> Article:
        item = super().process_item(item)
        self.crawler.stats.inc_value(f"newsspider/site/{item['site']}/articles")
        origins = item.context.origins
        if origins is not None:  # which rule found each field: for site health, never exported
            self.crawler.signals.send_catch_log(health.item_origins, url=item["url"], origins=origins)
        return item
