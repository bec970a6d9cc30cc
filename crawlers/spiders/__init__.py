"""Spiders: the generic portal spider and one thin registration per bundled profile."""

from crawlers.spiders.portal import PortalSpider
from crawlers.spiders.sites import SITE_SPIDERS

__all__ = ["PortalSpider", "SITE_SPIDERS"]
