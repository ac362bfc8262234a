"""Reprint detection loads numpy/datasketch/scipy (~70 MB) only when on: importing the crawl's components, or a
crawl with ``NEWSSPIDER_REPRINTS`` off, never imports them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from newsspider_testing import crawlrun

HEAVY = ("datasketch", "numpy", "scipy")

# Run in a fresh interpreter: a real crawl with a state folder (seen state, health, ...) and reprint detection
# off; then the reprint index imported by hand, as the reprint extension does when it is on.
SCRIPT = """
import json, sys, tempfile
from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings
from newsspider.demosite.portal import Portal, PortalServer

loaded = lambda: {name: name in sys.modules for name in %(heavy)r}
work = tempfile.mkdtemp()
settings = get_project_settings()
settings.setdict({**%(fast)r, "NEWSSPIDER_STATE_DIR": work + "/state", "NEWSSPIDER_OUTPUT_DIR": work + "/out",
                  "NEWSSPIDER_REPRINTS": False, "LOG_LEVEL": "WARNING"}, priority="cmdline")
portal = Portal("hanweb")
portal.home_mode = "empty"  # every page empty: no article
with PortalServer(portal) as server:
    process = CrawlerProcess(settings)
    process.crawl("news", start_url=server.base + "/")
    (crawler,) = process.crawlers
    process.start()
extensions = [type(extension).__name__ for extension in crawler.extensions.middlewares]
crawled = loaded()
import newsspider.reprintindex
print(json.dumps({"extensions": extensions, "crawled": crawled, "index": loaded()}))
"""


# Every component the project settings name (addons, extensions, middlewares, pipelines) and the spider.
IMPORTS = """
import json, sys
from scrapy.utils.misc import load_object
from scrapy.utils.project import get_project_settings
import newsspider.spiders.news
settings = get_project_settings()
for name in ("ADDONS", "EXTENSIONS", "ITEM_PIPELINES", "SPIDER_MIDDLEWARES", "DOWNLOADER_MIDDLEWARES"):
    for path, order in settings.getdict(name).items():
        if isinstance(path, str) and path.startswith("newsspider") and order is not None:
            load_object(path)
print(json.dumps({name: name in sys.modules for name in %(heavy)r}))
"""


def _run(script: str) -> dict:
    done = subprocess.run([sys.executable, "-c", script], cwd=crawlrun.ROOT, env=crawlrun.project_env(),
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.splitlines()[-1])


def test_importing_the_crawl_components_does_not_import_datasketch():
    assert _run(IMPORTS % {"heavy": HEAVY}) == dict.fromkeys(HEAVY, False)


@pytest.mark.slow
def test_a_crawl_without_reprint_detection_does_not_import_datasketch():
    found = _run(SCRIPT % {"heavy": HEAVY, "fast": crawlrun.FAST_SETTINGS})
    assert "SeenStateExtension" in found["extensions"] and "ReprintExtension" not in found["extensions"]
    assert found["crawled"] == dict.fromkeys(HEAVY, False)
    assert found["index"]["datasketch"] and found["index"]["numpy"]  # what the reprint extension loads when on
