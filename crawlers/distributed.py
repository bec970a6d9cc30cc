"""Distributed crawl: one frontier and one dupefilter in Redis, shared by several workers.

scrapy-redis provides the Redis queue and dupefilter; its spiders seed through
`start_requests()`, which current Scrapy replaced with `async def start()`. We do not use
its spiders: our PortalSpider seeds through `start()`, every worker seeds the same start
URLs and the shared dupefilter keeps one copy. This adapter adds what a shared frontier
needs to end cleanly: a worker stays open while the queue has requests or another worker
is still busy (a Redis counter of requests in flight), and the last worker to leave
clears the run's keys so the next run starts fresh. A killed run leaves its keys, and the
next run continues from its queue.
"""

from __future__ import annotations

from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy_redis.scheduler import Scheduler

__all__ = ["RedisFrontierScheduler", "redis_settings"]


def redis_settings(redis_url: str) -> dict:
    """The Scrapy settings that put the frontier and dupefilter in Redis at `redis_url`."""
    return {
        "SCHEDULER": "crawlers.distributed.RedisFrontierScheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.FifoQueue",
        "SCHEDULER_QUEUE_KEY": "vanban:%(spider)s:requests",
        "SCHEDULER_DUPEFILTER_KEY": "vanban:%(spider)s:dupefilter",
        "SCHEDULER_PERSIST": True,
        "REDIS_URL": redis_url,
        "VANBAN_LOCK": False,
    }


class RedisFrontierScheduler(Scheduler):
    """scrapy-redis's scheduler with a shared in-flight count and a clean, shared ending."""

    @classmethod
    def from_crawler(cls, crawler):
        instance = super().from_crawler(crawler)
        instance.crawler = crawler
        crawler.signals.connect(instance._idle, signal=signals.spider_idle)
        crawler.signals.connect(instance._done, signal=signals.response_received)
        crawler.signals.connect(instance._dropped, signal=signals.request_dropped)
        return instance

    def open(self, spider):
        super().open(spider)
        self.inflight_key = f"vanban:{spider.name}:inflight"
        self.workers_key = f"vanban:{spider.name}:workers"
        self.server.incr(self.workers_key)

    def next_request(self):
        request = super().next_request()
        if request is not None:
            self.server.incr(self.inflight_key)
        return request

    def _done(self, response, request, spider):
        self.server.decr(self.inflight_key)

    def _dropped(self, request, spider):
        pass

    def _idle(self, spider):
        # others may still add links from pages they are parsing: wait for them
        if len(self.queue) > 0 or int(self.server.get(self.inflight_key) or 0) > 0:
            raise DontCloseSpider

    def close(self, reason):
        left = self.server.decr(self.workers_key)
        if left <= 0 and reason == "finished" and len(self.queue) == 0:
            self.server.delete(self.inflight_key, self.workers_key)
            self.flush()
