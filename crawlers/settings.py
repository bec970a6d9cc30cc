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

# every VANBAN_* setting the crawler reads, with its default (crawlers.runner sets the per-run ones)
VANBAN_DB = None          # the graph store (default: graph.store.default_db_path())
VANBAN_STORE = True       # upsert each record into the store
VANBAN_JSONL = None       # also append each record to this JSON Lines file
VANBAN_LOCK = True        # take the store's crawl lock (a distributed crawl coordinates through Redis)
VANBAN_RECHECK = False    # fetch known pages without validators again
VANBAN_PROGRESS = 0       # seconds between progress lines on stderr, 0 = none
VANBAN_WARC = True        # archive every response as WARC
VANBAN_WARC_DIR = None    # the WARC archive folder (default <db>.warc)
VANBAN_RUN_ID = None      # this run's id in the crawl state (default: made when the run starts)
VANBAN_WORKER = None      # this worker's name (default host:pid)
VANBAN_REDIS_PREFIX = "vanban"   # distributed crawl (crawlers.distributed): key prefix
VANBAN_REDIS_POLL = 1.0          # seconds between idle checks
VANBAN_REDIS_IDLE_CHECKS = 2     # consecutive idle checks before a worker ends
VANBAN_REDIS_WORKER_TTL = 60.0   # seconds before a silent worker stops counting
VANBAN_REDIS_MAX_HELD = 0        # requests a worker holds at once; 0 = CONCURRENT_REQUESTS_PER_DOMAIN
# reading one attachment (crawlers.limits): a DOCX zip bomb or an endless PDF is refused
VANBAN_PARSE_MAX_INFLATED = 64 * 1024 * 1024   # bytes of all zip entries, inflated
VANBAN_PARSE_MAX_XML = 16 * 1024 * 1024        # bytes of a DOCX's XML parts, inflated
VANBAN_PARSE_MAX_ENTRIES = 2000                # zip entries
VANBAN_PARSE_MAX_SECONDS = 60.0                # reading one attachment's text
VANBAN_PARSE_THREADS = 2                       # worker threads reading pages off the reactor
VANBAN_PARSE_INLINE_BYTES = 256 * 1024         # smaller HTML pages (and texts) are read on the reactor
VANBAN_ROBOTS_RECHECK = 300.0  # seconds before a robots.txt that answered 5xx is asked again

LOG_LEVEL = "INFO"
TELNETCONSOLE_ENABLED = False
FEED_EXPORT_ENCODING = "utf-8"
