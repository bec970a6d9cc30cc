"""Distributed crawl: one frontier and one dupefilter in Redis, shared by several workers.

scrapy-redis provides the Redis request queue (`FifoQueue`) and dupefilter
(`RFPDupeFilter`). Its spiders seed through `start_requests()`, which current Scrapy
replaced with `async def start()`, so we do not use them: our PortalSpider seeds
through `start()`, and this adapter adds what a shared frontier needs to start once and
end cleanly.

The rules, all applied by atomic Lua scripts on the Redis server (one clock, no races):

- Join: a worker registers as *live* (a sorted set of expiry times, refreshed by a
  heartbeat) and *busy*. When no live worker and no queued request is left from before,
  stale keys of an earlier run are dropped and the run starts fresh; otherwise the worker
  joins the run in progress (or resumes a killed run's queue).
- Seed once: `SET seeded <worker> NX`; only the worker that wins passes its spider's
  `start()` requests on (`SeedOnceMiddleware`). The shared dupefilter keeps one copy of
  any URL in any case.
- Busy: popping a request and marking the worker busy is one script, so no other worker
  can see the queue empty while a popped request is not yet counted. A worker is marked
  idle again only from Scrapy's `spider_idle` signal, i.e. when its engine has nothing
  left: no download, no response being parsed, no callback or errback output not yet
  enqueued (Scrapy calls the scheduler's `enqueue_request` synchronously while it
  iterates a callback's output, before the response leaves the scraper). Download errors,
  errbacks, dropped and filtered requests all end the same way: the engine goes idle.
- Close: a worker closes when the shared queue is empty and no live worker is busy, seen
  on `VANBAN_REDIS_IDLE_CHECKS` consecutive idle checks (default 2, `VANBAN_REDIS_POLL`
  seconds apart). A worker that starts with an empty queue while another is still seeding
  or parsing waits for it. A crashed worker stops counting once its heartbeat expires
  (`VANBAN_REDIS_WORKER_TTL`, default 60 s).
- Share: a worker pops a request only while its downloader holds fewer than
  `VANBAN_REDIS_MAX_HELD` (default: `CONCURRENT_REQUESTS_PER_DOMAIN`), so one fast worker
  does not empty the queue into its own memory while the others wait.
- Leave: the last live worker to leave after a finished run deletes the run's keys, so
  the next run starts fresh (the store's seen-set keeps it incremental). A run ended any
  other way (Ctrl-C, kill) keeps its queue and dupefilter, and the next run continues it;
  requests a killed worker held in flight are fetched by the run after that.

- Redis lost: when Redis stops answering mid-crawl (down, restarted without its data,
  unreachable), the worker stops taking requests, lets the ones in flight finish and be
  stored, and closes with reason `frontier_lost` (`vanban crawl` then exits 1 and says
  so). Nothing stored is lost; run the same command again once Redis is back: with
  Redis's data kept, the run continues its queue; otherwise it starts again and the
  crawl state's seen-set makes it fetch only what was not stored.

Keys live under `<VANBAN_REDIS_PREFIX>:<portal>:` (queue, dupefilter, seeded, busy,
alive). Requests travel pickled (scrapy-redis's serializer): give the workers a Redis
only they can write to.
"""

from __future__ import annotations

import logging
import os
import time

from scrapy import signals
from scrapy.exceptions import CloseSpider, DontCloseSpider
from scrapy_redis.scheduler import Scheduler

__all__ = ["FRONTIER_LOST", "RedisFrontierScheduler", "SharedFrontier", "SeedOnceMiddleware", "FrontierUnavailable", "redis_settings",
           "check_redis", "frontier_keys"]

logger = logging.getLogger(__name__)

# every script reads the time from the Redis server: workers on several machines share one clock
_NOW = "local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)"

# KEYS: busy, alive, queue, dupefilter, seeded   ARGV: worker, ttl_ms
# -> {fresh (stale keys dropped), seeder (this worker seeds), live workers before, queued}
_JOIN = _NOW + """
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
for _, w in ipairs(redis.call('HKEYS', KEYS[1])) do
  if not redis.call('ZSCORE', KEYS[2], w) then redis.call('HDEL', KEYS[1], w) end
end
local live = redis.call('ZCARD', KEYS[2])
local queued = redis.call('LLEN', KEYS[3])
local fresh = 0
if live == 0 and queued == 0 then
  redis.call('DEL', KEYS[4], KEYS[5])
  fresh = 1
end
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), ARGV[1])
redis.call('HSET', KEYS[1], ARGV[1], 1)
local seeder = 0
if redis.call('SET', KEYS[5], ARGV[1], 'NX') then seeder = 1 end
return {fresh, seeder, live, queued}
"""

# KEYS: queue, busy   ARGV: worker  -> the encoded request or nil; marks the worker busy with it
_POP = """
local data = redis.call('RPOP', KEYS[1])
if data then redis.call('HSET', KEYS[2], ARGV[1], 1) end
return data
"""

# KEYS: busy, alive, queue   ARGV: worker, ttl_ms  -> {queued, busy live workers}
_IDLE = _NOW + """
redis.call('HSET', KEYS[1], ARGV[1], 0)
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), ARGV[1])
local busy = 0
local flags = redis.call('HGETALL', KEYS[1])
for i = 1, #flags, 2 do
  if flags[i + 1] == '1' then
    local expiry = redis.call('ZSCORE', KEYS[2], flags[i])
    if expiry and tonumber(expiry) > now then busy = busy + 1 end
  end
end
return {redis.call('LLEN', KEYS[3]), busy}
"""

# KEYS: alive   ARGV: worker, ttl_ms
_BEAT = _NOW + "redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1]) return 1"

# KEYS: busy, alive, queue, dupefilter, seeded   ARGV: worker, finished (1/0)  -> 1 when the keys were cleared
_LEAVE = _NOW + """
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
if ARGV[2] == '1' and redis.call('ZCARD', KEYS[2]) == 0 and redis.call('LLEN', KEYS[3]) == 0 then
  redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5])
  return 1
end
return 0
"""


FRONTIER_LOST = "frontier_lost"  # the close reason of a worker whose Redis stopped answering


class FrontierUnavailable(RuntimeError):
    """The Redis server of a distributed crawl cannot be reached."""


def redis_settings(redis_url: str) -> dict:
    """The Scrapy settings that put the frontier and dupefilter in Redis at `redis_url`."""
    return {
        "SCHEDULER": "crawlers.distributed.RedisFrontierScheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.FifoQueue",
        "SCHEDULER_PERSIST": True,
        "REDIS_URL": redis_url,
        # a Redis that hangs must end in an error, not a stuck worker
        "REDIS_PARAMS": {"socket_timeout": 15, "socket_connect_timeout": 10, "retry_on_timeout": True},
        "SPIDER_MIDDLEWARES": {"crawlers.distributed.SeedOnceMiddleware": 10},
        # workers coordinate through Redis, not through the store's run lock
        "VANBAN_LOCK": False,
    }


def check_redis(redis_url: str, timeout: float = 5.0) -> None:
    """Raise FrontierUnavailable with a clear message unless `redis_url` answers PING."""
    import redis

    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=timeout, socket_timeout=timeout).ping()
    except (redis.exceptions.RedisError, OSError, ValueError) as exc:
        raise FrontierUnavailable(f"cannot reach Redis at {redis_url}: {exc}") from None


def frontier_keys(prefix: str, portal: str) -> dict[str, str]:
    """The Redis keys of one portal's shared frontier: queue, dupefilter, seeded, busy, alive."""
    base = f"{prefix}:{portal}"
    return {name: f"{base}:{name}" for name in ("queue", "dupefilter", "seeded", "busy", "alive")}


class SharedFrontier:
    """The coordination state of one portal's shared frontier, for one worker.

    Each method is one atomic script on the Redis server; see the module docstring for
    the rules. `server` is a redis client, `keys` comes from `frontier_keys`.
    """

    def __init__(self, server, keys: dict[str, str], worker: str, ttl_ms: int = 60_000):
        self.server, self.keys, self.worker, self.ttl_ms = server, keys, worker, int(ttl_ms)
        self._join, self._pop = server.register_script(_JOIN), server.register_script(_POP)
        self._idle, self._beat = server.register_script(_IDLE), server.register_script(_BEAT)
        self._leave = server.register_script(_LEAVE)

    def _all(self) -> list[str]:
        k = self.keys
        return [k["busy"], k["alive"], k["queue"], k["dupefilter"], k["seeded"]]

    def join(self) -> dict:
        """Register this worker (live, busy). Returns {"fresh": stale keys were dropped,
        "seeder": this worker seeds the run, "live": other live workers, "queued": n}."""
        fresh, seeder, live, queued = self._join(keys=self._all(), args=[self.worker, self.ttl_ms])
        return {"fresh": bool(fresh), "seeder": bool(seeder), "live": int(live), "queued": int(queued)}

    def pop(self) -> bytes | None:
        """The next encoded request (None when the queue is empty); marks this worker busy."""
        return self._pop(keys=[self.keys["queue"], self.keys["busy"]], args=[self.worker])

    def idle(self) -> tuple[int, int]:
        """Mark this worker idle; returns (queued requests, live workers still busy)."""
        queued, busy = self._idle(keys=[self.keys["busy"], self.keys["alive"], self.keys["queue"]],
                                  args=[self.worker, self.ttl_ms])
        return int(queued), int(busy)

    def heartbeat(self) -> None:
        """Tell the others this worker is alive for another `ttl_ms`."""
        self._beat(keys=[self.keys["alive"]], args=[self.worker, self.ttl_ms])

    def leave(self, finished: bool) -> bool:
        """Unregister; returns True when this was the last live worker of a finished run
        and the run's keys were cleared."""
        return bool(self._leave(keys=self._all(), args=[self.worker, 1 if finished else 0]))


class RedisFrontierScheduler(Scheduler):
    """scrapy-redis's scheduler (queue + dupefilter in Redis) with a shared, race-free ending.

    Settings: `VANBAN_REDIS_PREFIX` (key prefix, default "vanban"), `VANBAN_WORKER` (this
    worker's name, default host:pid), `VANBAN_REDIS_IDLE_CHECKS`, `VANBAN_REDIS_POLL`,
    `VANBAN_REDIS_WORKER_TTL`, `VANBAN_REDIS_MAX_HELD` (see the module docstring).
    """

    @classmethod
    def from_crawler(cls, crawler):
        instance = super().from_crawler(crawler)
        settings = crawler.settings
        instance.crawler = crawler
        instance.prefix = settings.get("VANBAN_REDIS_PREFIX") or "vanban"
        instance.worker = settings.get("VANBAN_WORKER") or f"{os.uname().nodename}:{os.getpid()}"
        instance.idle_checks = max(1, settings.getint("VANBAN_REDIS_IDLE_CHECKS", 2))
        instance.poll = max(0.05, settings.getfloat("VANBAN_REDIS_POLL", 1.0))
        instance.ttl_ms = int(1000 * max(1.0, settings.getfloat("VANBAN_REDIS_WORKER_TTL", 60.0)))
        # a worker takes no more from the shared queue than it can download at once: the
        # rest stays in Redis for the other workers (and is not lost if this one is killed)
        instance.max_held = settings.getint("VANBAN_REDIS_MAX_HELD", 0) or \
            settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN", 8)
        instance.seeder = False
        instance.quiet, instance.quiet_since = 0, 0.0
        instance._wake_call = None
        instance._beat = None
        instance.lost: str | None = None   # why Redis was lost, once it was
        crawler.signals.connect(instance._on_idle, signal=signals.spider_idle)
        return instance

    # lifecycle ---------------------------------------------------------------
    def open(self, spider):
        from scrapy.utils.misc import load_object
        from twisted.internet import task

        self.keys = frontier_keys(self.prefix, getattr(spider, "portal", None) or spider.name)
        # the queue and dupefilter classes of scrapy-redis, on our keys
        self.queue_key = self.keys["queue"]
        self.dupefilter_key = self.keys["dupefilter"]
        self.spider = spider
        self.queue = load_object(self.queue_cls)(server=self.server, spider=spider, key=self.queue_key,
                                                 serializer=self.serializer)
        self.df = load_object(self.dupefilter_cls)(self.server, key=self.dupefilter_key,
                                                   debug=spider.settings.getbool("DUPEFILTER_DEBUG"))
        self.frontier = SharedFrontier(self.server, self.keys, self.worker, self.ttl_ms)
        joined = self.frontier.join()
        self.seeder = joined["seeder"]
        logger.info("frontier %s: worker %s joined (%s run, %d other live worker(s), %d queued, %s)",
                    self.keys["queue"], self.worker, "fresh" if joined["fresh"] else "continued",
                    joined["live"], joined["queued"], "seeding" if self.seeder else "not seeding")
        if self.stats:
            self.stats.set_value("frontier/seeder", self.seeder)
        self._beat = task.LoopingCall(self._send_heartbeat)
        self._beat.start(max(0.5, self.ttl_ms / 3000), now=False)

    def close(self, reason):
        if self._beat is not None and self._beat.running:
            self._beat.stop()
        if self._wake_call is not None and self._wake_call.active():
            self._wake_call.cancel()
        if self.lost:
            return  # nothing to tell a Redis that is gone; our heartbeat expires on its own
        try:
            cleared = self.frontier.leave(finished=reason == "finished")
        except _redis_errors() as exc:
            logger.error("frontier %s: worker %s could not leave (%s); its heartbeat will expire",
                         self.keys["queue"], self.worker, exc)
            return
        logger.info("frontier %s: worker %s left (%s)%s", self.keys["queue"], self.worker, reason,
                    "; last one out, keys cleared" if cleared else "")

    def _lose(self, exc: BaseException) -> None:
        """Redis stopped answering: take no more requests; close once in-flight work is done."""
        if self.lost is None:
            self.lost = f"{type(exc).__name__}: {exc}"
            logger.error("frontier %s: lost Redis (%s); worker %s stops taking requests and closes once "
                         "the pages in flight are stored", self.keys["queue"], self.lost, self.worker)
            if self.stats:
                self.stats.set_value("frontier/lost", self.lost)
            if self._beat is not None and self._beat.running:
                self._beat.stop()

    # the queue ---------------------------------------------------------------
    def enqueue_request(self, request):
        """Queue `request` in Redis unless the shared dupefilter has seen it (False then)."""
        if self.lost:
            return False
        try:
            if not request.dont_filter and self.df.request_seen(request):
                self.df.log(request, self.spider)
                return False
            self.queue.push(request)
        except _redis_errors() as exc:
            self._lose(exc)  # the link is found again by the next run, from its listing
            return False
        if self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self):
        """Pop one request and mark this worker busy, atomically (see the module docstring)."""
        if self.lost or self._held() >= self.max_held:
            return None  # the engine asks again when a download ends
        try:
            data = self.frontier.pop()
        except _redis_errors() as exc:
            self._lose(exc)
            return None
        if data is None:
            return None
        request = self.queue._decode_request(data)  # noqa: SLF001 - scrapy-redis's own codec
        if self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def _held(self) -> int:
        """The requests this worker's downloader holds (queued in its slots or in flight)."""
        downloader = getattr(getattr(self.crawler, "engine", None), "downloader", None)
        return len(getattr(downloader, "active", ()))

    def has_pending_requests(self):
        if self.lost:
            return False
        try:
            return len(self.queue) > 0
        except _redis_errors() as exc:
            self._lose(exc)
            return False

    # ending ------------------------------------------------------------------
    def _send_heartbeat(self):
        try:
            self.frontier.heartbeat()
        except _redis_errors() as exc:
            self._lose(exc)

    def _on_idle(self, spider):
        """This engine has nothing left: mark the worker idle; stay open unless the whole
        frontier is done (queue empty, no live worker busy) on enough consecutive checks."""
        if not self.lost:
            try:
                queued, busy = self.frontier.idle()
            except _redis_errors() as exc:
                self._lose(exc)
        if self.lost:
            raise CloseSpider(FRONTIER_LOST)
        now = time.monotonic()
        if queued == 0 and busy == 0:
            if self.quiet == 0:
                self.quiet_since = now
            self.quiet += 1
            # enough checks, and spread over time (the engine may call twice in a row)
            if self.quiet >= self.idle_checks and now - self.quiet_since >= (self.idle_checks - 1) * self.poll:
                return  # let Scrapy close the spider ("finished")
        else:
            self.quiet = 0
        self._wake_later()
        raise DontCloseSpider

    def _wake_later(self):
        """Look at the frontier again in `poll` seconds (Scrapy's own heartbeat is 5 s)."""
        from twisted.internet import reactor

        if self._wake_call is None or not self._wake_call.active():
            self._wake_call = reactor.callLater(self.poll, self._wake)

    def _wake(self):
        slot = getattr(getattr(self.crawler, "engine", None), "_slot", None)
        if slot is not None and getattr(slot, "nextcall", None) is not None:
            slot.nextcall.schedule()


def _redis_errors() -> tuple[type[BaseException], ...]:
    """The exceptions that mean Redis did not answer (down, hung, or restarted)."""
    import redis

    return (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)


class SeedOnceMiddleware:
    """Pass the spider's `start()` requests on only in the worker that seeds this run.

    The seeding worker is chosen by the frontier (`SET seeded NX` when it joins); the
    others take their work from the shared queue. Without a Redis frontier it passes
    everything through.
    """

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_start(self, start):
        frontier = self.crawler.engine.scheduler
        frontier = frontier if isinstance(frontier, RedisFrontierScheduler) else None
        if frontier is not None and not frontier.seeder:
            return
        async for item_or_request in start:
            yield item_or_request
