"""Project settings: Scrapy's plus NEWSSPIDER_* keys. Site data lives in newsspider/sites, not here."""

import os

from newsspider.items import EXPORT_FIELDS

BOT_NAME = "newsspider"
SPIDER_MODULES = ["newsspider.spiders"]
NEWSPIDER_MODULE = "newsspider.spiders"
COMMANDS_MODULE = "newsspider.commands"

USER_AGENT = "newsspider/0.1 (+https://example.org/newsspider; regional news archive)"

# Politeness (README "Politeness and limits"): conservative defaults, overridable per profile
# (SiteProfile.politeness, "spider" priority) and always by -s on the command line.
ROBOTSTXT_OBEY = True  # robots 4xx: allow; 5xx/429/unreachable: host deferred; Crawl-delay applied per host
NEWSSPIDER_CRAWL_DELAY_MAX = 30.0  # a longer robots Crawl-delay defers the host (Nutch/StormCrawler: 30 s)
CONCURRENT_REQUESTS = 16  # across all hosts
CONCURRENT_REQUESTS_PER_DOMAIN = 1  # one connection per host (Nutch, StormCrawler)
CONCURRENT_ITEMS = 16  # per response; Scrapy's 100 starts 100 asyncio tasks per response (~1 ms/page)
DOWNLOAD_DELAY = 1.0  # minimum gap per host (StormCrawler 1 s; AutoThrottle may only raise it)
DOWNLOAD_DELAY_JITTER = 0.25  # gaps vary +-25 % (0.75-1.25 s); hosts with a Crawl-delay get none
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# Retries and backoff, per host (newsspider.middlewares.backoff).
RETRY_TIMES = 3  # retries per request after the first attempt
NEWSSPIDER_BACKOFF_BASE = 2.0  # seconds; failure n waits base * 2**(n-1), jittered to [50 %, 100 %]
NEWSSPIDER_BACKOFF_MAX = 120.0  # cap of the exponential wait
NEWSSPIDER_RETRY_AFTER_MAX = 300.0  # a 429/503 Retry-After up to this is waited out; longer suspends the host
NEWSSPIDER_HOST_MAX_FAILURES = 5  # consecutive failures that suspend a host for the rest of the run (Nutch)

# Limits.
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024  # also caps the decompressed size (gzip bombs)
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
DOWNLOAD_FAIL_ON_DATALOSS = True  # a body shorter than Content-Length is an error (retried), never a page
REDIRECT_MAX_TIMES = 5  # loops and long chains stop here (RFC 9309 uses 5 hops for robots.txt)
NEWSSPIDER_MAX_URL_LENGTH = 2083
URLLENGTH_LIMIT = 2083
DEPTH_LIMIT = 0  # listing depth is bounded by NEWSSPIDER_MAX_LISTING_PAGES instead

DOWNLOADER_MIDDLEWARES = {
    "newsspider.middlewares.safety.SafetyMiddleware": 40,  # before robots.txt: never contact a foreign host
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,  # Safety decides: scheme, host and port
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "newsspider.middlewares.robots.PoliteRobotsTxtMiddleware": 100,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "newsspider.middlewares.backoff.BackoffRetryMiddleware": 550,
    "newsspider.middlewares.sniff.ContentSniffMiddleware": 585,  # after decompression (590), before charset
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "newsspider.middlewares.limits.CountingRedirectMiddleware": 600,
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "newsspider.middlewares.limits.CountingHttpCompressionMiddleware": 590,  # caps decompressed size too
    "newsspider.middlewares.charset.CharsetMiddleware": 580,  # sees bodies after decompression (590)
    "newsspider.middlewares.warccapture.WarcCaptureMiddleware": 595,  # after redirects, before decompression
}

EXTENSIONS = {
    "scrapy.extensions.throttle.AutoThrottle": None,
    "newsspider.extensions.throttle.FloorAutoThrottle": 0,  # AutoThrottle that keeps Crawl-delay floors
    "newsspider.extensions.slotguard.SlotGuard": 0,  # per-host concurrency also holds with DOWNLOAD_DELAY=0
    "newsspider.state.extension.SeenStateExtension": 100,  # commit seen keys after durable batches
    "newsspider.extensions.runreport.RunReportExtension": 110,  # JSON run report (NEWSSPIDER_RUN_REPORT)
    "newsspider.extensions.progress.ProgressExtension": 120,  # per-site progress: log line, file, live view
    "newsspider.health.collect.HealthExtension": 120,  # per-site field figures into <state>/health.sqlite3
    "newsspider.warc.archive.WarcArchive": 130,  # NEWSSPIDER_WARC: article pages into per-batch WARC files
    "newsspider.warc.batchhook.BatchCompanions": 140,  # after the seen state: WARC file, manifest, then batch
}

SPIDER_MIDDLEWARES = {
    "newsspider.state.middleware.SkipSeenMiddleware": 950,  # drop seen articles, stop stale pagination
    "newsspider.middlewares.identity.ArticleIdentityMiddleware": 940,  # one article, one identity (canonical)
}

ITEM_PIPELINES = {
    "newsspider.pipelines.UndoMojibakePipeline": 50,
    "newsspider.pipelines.StripGlossesPipeline": 60,
    "newsspider.pipelines.SimplifyScriptPipeline": 70,
    "newsspider.pipelines.FlagTextLossPipeline": 80,
    "newsspider.pipelines.CleanTextPipeline": 100,
    "newsspider.pipelines.NormalizeUrlsPipeline": 150,
    "newsspider.pipelines.NormalizeDatesPipeline": 200,
    "newsspider.pipelines.NormalizePeoplePipeline": 300,
    "newsspider.pipelines.NormalizeOriginPipeline": 350,
    "newsspider.pipelines.NormalizeSourcePipeline": 400,
    "newsspider.pipelines.ValidateArticlePipeline": 900,
    "newsspider.pipelines.FinalizeArticlePipeline": 990,
}

# Output: when no FEEDS/-o/-O is given, one folder per site and one file per run and batch.
FEED_EXPORT_ENCODING = "utf-8"
FEED_EXPORT_FIELDS = list(EXPORT_FIELDS)  # the key order of every line (newsspider.items.Article)
NEWSSPIDER_OUTPUT_DIR = "output"
NEWSSPIDER_BATCH_SIZE = 100  # articles per durable feed batch
FEED_STORAGES = {  # temp file + fsync + rename: a final file name only ever holds a whole batch
    "": "newsspider.state.feedstorage.AtomicFileFeedStorage",
    "file": "newsspider.state.feedstorage.AtomicFileFeedStorage",
}

# Incremental runs: articles are exported once across runs (see README "Cron crawls").
NEWSSPIDER_STATE_DIR = "state"  # SQLite seen store, run history, locks ("": no seen state)
NEWSSPIDER_SEEN_STORE = ""  # postgresql://user@host/db: the seen store in PostgreSQL (shared by machines)
NEWSSPIDER_STALE_LISTING_PAGES = 2  # all-seen listing pages in a row that end pagination (0: never)
NEWSSPIDER_STATE_LOCK_TIMEOUT = 30.0  # seconds a write waits for a locked seen store (then the batch fails)
NEWSSPIDER_DROP_RETRIES = 3  # a dropped article is fetched again on later runs until dropped this often (0: never)
NEWSSPIDER_DROP_RETRY_BACKOFF = 3600.0  # the first retry is the next run; later ones wait this, doubling
NEWSSPIDER_DROP_FAILS_SITE = 1  # drops of one article that count as site failures; later ones are tolerated
NEWSSPIDER_RUN_REPORT = ""  # path of the JSON run report ("": none); the cron command sets it
NEWSSPIDER_RUN_ID = ""  # names this run's batch files; default: the process start time (UTC)
NEWSSPIDER_TEST_EXIT_AFTER_RENAME = 0  # tests only: os._exit right after the N-th batch rename
FEED_EXPORTERS = {  # schema_version on every line; warc_file, warc_record_id with NEWSSPIDER_WARC
    "jsonlines": "newsspider.exporters.ArticleLinesExporter",
    "jsonl": "newsspider.exporters.ArticleLinesExporter",
}
NEWSSPIDER_WARC = False  # WARC 1.1 capture of article pages next to each batch (the cron command turns it on)
FEED_STORE_EMPTY = False  # a run without new articles writes no empty batch file
NEWSSPIDER_REVISIT_DAYS = 0  # re-fetch articles first exported in the last N days (0: no revisits)
ADDONS = {
    "newsspider.state.revisit.RevisitAddon": 0,  # adds the revisit middleware and pipeline when DAYS > 0
    "newsspider.extensions.reprints.ReprintAddon": 0,  # adds reprint detection when there is a state folder
    "newsspider.frontier.FrontierAddon": 0,  # shared leased queue on Redis when NEWSSPIDER_FRONTIER is set
}
NEWSSPIDER_REVISIT_HOURS = 6  # ... at most once per N hours each; a changed one is exported with "version"
NEWSSPIDER_REPRINTS = True  # flag near-duplicates of exported articles (duplicate_of); needs NEWSSPIDER_STATE_DIR
NEWSSPIDER_REPRINT_THRESHOLD = 0.5  # body similarity (estimated Jaccard, 5-character shingles) of a reprint
NEWSSPIDER_REPRINT_DAYS = 365  # forget fingerprints older than this (checked once a day; 0: keep them all)

# Scale-out (README "Scale-out"): workers of one run share a leased queue and duplicate filter on Redis.
NEWSSPIDER_FRONTIER = ""  # redis://host:port/db ("": this process crawls alone with Scrapy's scheduler)
NEWSSPIDER_WORKER_ID = ""  # names this worker's leases, lock and batch files; default <hostname>-<pid>
NEWSSPIDER_FRONTIER_LEASE_TTL = 30.0  # seconds without a heartbeat before a worker's leases are requeued
NEWSSPIDER_FRONTIER_TICK = 0.5  # seconds between heartbeats / requeue checks / queue polls

# Site health (newsspider.health, README "Site health"): figures of every run, drift alerts in cron runs.
NEWSSPIDER_HEALTH_ENABLED = True  # record per-site figures in <NEWSSPIDER_STATE_DIR>/health.sqlite3
NEWSSPIDER_DRIFT_WINDOW_DAYS = 7.0  # a run is compared with the site's runs of the last N days
NEWSSPIDER_DRIFT_MIN_RUNS = 5  # runs with articles in that window before a site can alert
NEWSSPIDER_DRIFT_MIN_ARTICLES = 5  # new articles a run needs before its fill rates are compared
NEWSSPIDER_DRIFT_FILL_POINTS = 50.0  # a field's fill rate moving this many percentage points is drift
NEWSSPIDER_DRIFT_BODY_RATIO = 2.0  # the median body this many times shorter (or longer) is drift

# Crawl shape.
NEWSSPIDER_MAX_LISTING_PAGES = 200  # listing pages per run per site (0: unlimited)
NEWSSPIDER_MAX_ARTICLE_PAGES = 20  # pages of one multi-page article
NEWSSPIDER_DISCOVERY_PROBES = True  # generic mode: try robots.txt, /sitemap.xml, feed paths once per site
NEWSSPIDER_DISCOVERY_DEPTH = 2  # generic mode: section hops from a start page (nav, 栏目, 更多>>)
NEWSSPIDER_SITEMAP_MAX_AGE_DAYS = 0  # feed/sitemap entries dated older than this are skipped (0: no limit)
NEWSSPIDER_SOURCE_MAX_URLS = 10000  # article URLs taken from feeds and sitemaps per run
NEWSSPIDER_SITEMAP_MAX_BYTES = 50 * 1024 * 1024  # a sitemap larger than this once gunzipped is skipped
NEWSSPIDER_MAX_SITEMAPS = 50  # sitemaps and feeds requested per run (index children included)
NEWSSPIDER_EXTRACT_WORKERS = 1 if (os.cpu_count() or 1) >= 2 else 0  # extraction processes (0: in-process)

# Progress (newsspider.extensions.progress): per-site counters and rates while a crawl runs.
NEWSSPIDER_PROGRESS_INTERVAL = 60  # seconds between per-site progress log lines (0: none)
NEWSSPIDER_PROGRESS_FILE = ""  # JSON snapshot rewritten every second ("": none); the cron view reads it
NEWSSPIDER_PROGRESS_VIEW = "auto"  # live table on stderr; auto: on a terminal when the log goes to LOG_FILE

LOG_LEVEL = "INFO"
TELNETCONSOLE_ENABLED = False
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
