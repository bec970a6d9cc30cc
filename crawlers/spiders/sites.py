"""One spider per bundled portal profile (`scrapy crawl daklak`): the generic spider bound
to the profile's data. Adding a portal means adding a JSON file to crawlers/profiles/."""

from __future__ import annotations

from crawlers.profiles import profile_keys
from crawlers.spiders.portal import PortalSpider

__all__ = ["SITE_SPIDERS", "spider_for"]


def spider_for(key: str) -> type[PortalSpider]:
    """The PortalSpider subclass registered for profile `key`."""
    return type(f"{key.title()}Spider", (PortalSpider,), {"name": key, "profile_key": key,
                                                         "__module__": __name__})


SITE_SPIDERS: dict[str, type[PortalSpider]] = {key: spider_for(key) for key in profile_keys()}
# module-level names so Scrapy's spider loader finds them
globals().update({cls.__name__: cls for cls in SITE_SPIDERS.values()})
