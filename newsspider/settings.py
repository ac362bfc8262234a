"""Project settings: Scrapy's plus NEWSSPIDER_* keys. Site data lives in newsspider/sites, not here."""

BOT_NAME = "newsspider"
SPIDER_MODULES = ["newsspider.spiders"]
NEWSPIDER_MODULE = "newsspider.spiders"
COMMANDS_MODULE = "newsspider.commands"

USER_AGENT = "newsspider/0.1 (+https://example.org/newsspider; regional news archive)"

# Politeness: conservative defaults, overridable per profile and always by -s on the command line.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
RANDOMIZE_DOWNLOAD_DELAY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# Limits.
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
REDIRECT_MAX_TIMES = 5
DEPTH_LIMIT = 0  # listing depth is bounded by NEWSSPIDER_MAX_LISTING_PAGES instead
RETRY_TIMES = 3

DOWNLOADER_MIDDLEWARES = {
    "newsspider.middlewares.charset.CharsetMiddleware": 580,  # sees bodies after decompression (590)
}

EXTENSIONS = {
    "newsspider.extensions.seenstate.SeenStateExtension": 100,  # commit seen keys after durable batches
    "newsspider.extensions.runreport.RunReportExtension": 110,  # JSON run report (NEWSSPIDER_RUN_REPORT)
}

SPIDER_MIDDLEWARES = {
    "newsspider.middlewares.seen.SkipSeenMiddleware": 950,  # drop seen articles, stop stale pagination
}

ITEM_PIPELINES = {
    "newsspider.pipelines.CleanTextPipeline": 100,
    "newsspider.pipelines.NormalizeUrlsPipeline": 150,
    "newsspider.pipelines.NormalizeDatesPipeline": 200,
    "newsspider.pipelines.NormalizePeoplePipeline": 300,
    "newsspider.pipelines.NormalizeSourcePipeline": 400,
    "newsspider.pipelines.ValidateArticlePipeline": 900,
    "newsspider.pipelines.FinalizeArticlePipeline": 990,
}

# Output: when no FEEDS/-o/-O is given, one folder per site and one file per run and batch.
FEED_EXPORT_ENCODING = "utf-8"
NEWSSPIDER_OUTPUT_DIR = "output"
NEWSSPIDER_BATCH_SIZE = 100  # articles per durable feed batch
FEED_STORAGES = {  # temp file + fsync + rename: a final file name only ever holds a whole batch
    "": "newsspider.feedstorage.AtomicFileFeedStorage",
    "file": "newsspider.feedstorage.AtomicFileFeedStorage",
}

# Incremental runs: articles are exported once across runs (see README "Cron crawls").
NEWSSPIDER_STATE_DIR = "state"  # SQLite seen store, run history, locks ("": no seen state)
NEWSSPIDER_STALE_LISTING_PAGES = 2  # all-seen listing pages in a row that end pagination (0: never stop early)
NEWSSPIDER_RUN_REPORT = ""  # path of the JSON run report ("": none); the cron command sets it
NEWSSPIDER_RUN_ID = ""  # names this run's batch files; default: the process start time (UTC)
NEWSSPIDER_TEST_EXIT_AFTER_RENAME = 0  # tests only: os._exit right after the N-th batch rename
FEED_STORE_EMPTY = False  # a run without new articles writes no empty batch file

# Crawl shape.
NEWSSPIDER_MAX_LISTING_PAGES = 200  # listing pages per run per site (0: unlimited)
NEWSSPIDER_MAX_ARTICLE_PAGES = 20  # pages of one multi-page article

LOG_LEVEL = "INFO"
TELNETCONSOLE_ENABLED = False
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
