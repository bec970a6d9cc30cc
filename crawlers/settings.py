"""Scrapy settings of the vanban crawler (a polite crawler of public portals).

Everything the crawler does is a component switched on here; `crawlers.runner`
adds the per-run settings (`VANBAN_DB`, `VANBAN_WARC_DIR`, Redis, ...).
"""

BOT_NAME = "vanban-graph"
SPIDER_MODULES = ["crawlers.spiders"]
NEWSPIDER_MODULE = "crawlers.spiders"

# a user agent that names the project and where to read about it
USER_AGENT = "vanban-graph/0.1 (+https://github.com/vanban-graph/vanban-graph; research crawler of public portals)"
ROBOTSTXT_OBEY = True

# politeness: few parallel requests per portal, adaptive delay
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.25
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0

# failures: time out, retry server errors with backoff, give up on huge bodies
DOWNLOAD_TIMEOUT = 30
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
RETRY_BACKOFF_BASE = 1.0
RETRY_BACKOFF_MAX = 30.0
REDIRECT_MAX_TIMES = 10
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
DEPTH_LIMIT = 0

DOWNLOADER_MIDDLEWARES = {
    # before robots.txt: a host out of scope is not even asked for its robots.txt
    "crawlers.middlewares.ScopeMiddleware": 50,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawlers.middlewares.RobotsTxtMiddleware": 100,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawlers.middlewares.BackoffRetryMiddleware": 550,
    "crawlers.middlewares.RedirectLoopMiddleware": 610,
    # after redirects and decompression (process_response runs from high to low)
    "crawlers.middlewares.WarcArchiveMiddleware": 585,
    "crawlers.middlewares.IncrementalMiddleware": 560,
}
ITEM_PIPELINES = {
    "crawlers.pipelines.TextPipeline": 300,
    "crawlers.pipelines.ChangePipeline": 400,
    "crawlers.pipelines.ExtractPipeline": 500,
    "crawlers.pipelines.StorePipeline": 600,
    "crawlers.pipelines.BookPipeline": 900,
}
EXTENSIONS = {
    "crawlers.extensions.CrawlBook": 100,
}

VANBAN_DB = None          # the graph store (default: graph.store.default_db_path())
VANBAN_LOCK = True
VANBAN_RECHECK = False
VANBAN_PROGRESS = 0
VANBAN_WARC_DIR = None    # set by the runner to <db>.warc
# reading one attachment (crawlers.limits): a DOCX zip bomb or an endless PDF is refused
VANBAN_PARSE_MAX_INFLATED = 64 * 1024 * 1024   # bytes of all zip entries, inflated
VANBAN_PARSE_MAX_XML = 16 * 1024 * 1024        # bytes of a DOCX's XML parts, inflated
VANBAN_PARSE_MAX_ENTRIES = 2000                # zip entries
VANBAN_PARSE_MAX_SECONDS = 60.0                # reading one attachment's text
VANBAN_PARSE_THREADS = 2                       # worker threads reading pages off the reactor
VANBAN_ROBOTS_RECHECK = 300.0  # seconds before a robots.txt that answered 5xx is asked again

LOG_LEVEL = "INFO"
TELNETCONSOLE_ENABLED = False
FEED_EXPORT_ENCODING = "utf-8"
