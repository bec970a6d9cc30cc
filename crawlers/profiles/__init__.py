"""Portal profiles: how each site is laid out, as data (one JSON file per site here).

A profile names the start URLs (news and document categories), how to recognise
article and listing links (regexes searched in the URL), the next-page link, the
title/date/body/attachment selectors (CSS, tried in order) and the province. Every
field may be empty: the generic rules in `crawlers.spiders.portal` fill the gaps, and
`Profile.generic(start_url)` makes a profile for any site from one URL.
"""

from __future__ import annotations

import dataclasses
import json
import re
import urllib.parse
from dataclasses import dataclass, field, fields
from functools import cached_property
from pathlib import Path

from crawlers.scope import Scope, url_origin

__all__ = ["Profile", "load_profile", "profile_keys", "PROFILE_DIR"]

PROFILE_DIR = Path(__file__).resolve().parent

# URL shapes of articles on the CMSs Vietnamese portals run (Liferay, SharePoint, NukeViet, ...)
GENERIC_ARTICLE_PATTERNS = (
    r"/-/asset_publisher/[^/]+/content/",
    r"[?&]ItemID=\d+",
    r"-\d{2,}\.(?:html?|aspx)$",
    r"/chi-tiet[-/]",
    r"/bai-viet/",
    r"/\d{4}-\d{1,2}-\d{1,2}/[^/]+\.aspx$",
)
GENERIC_LISTING_PATTERNS = (r"[?&](?:page|Page|p|trang)=\d+", r"/trang-\d+(?:\.html?)?/?$", r"_cur=\d+")
GENERIC_DENY_PATTERNS = (
    r"/(?:dang-nhap|login|logout|tim-kiem|search|rss|feed|print|in-bai)\b",
    r"\.(?:jpe?g|png|gif|svg|webp|css|js|ico|mp4|mp3|avi|zip|rar|7z|xlsx?|pptx?)$",
    r"^(?:mailto|tel|javascript):",
)
GENERIC_NEXT_PAGE = ("a[rel=next]", "li.next a", "a.next", ".pagination a.next", "a[title='Trang sau']")
GENERIC_TITLE = ("h1",)
GENERIC_DATE: tuple[str, ...] = ()
GENERIC_BODY: tuple[str, ...] = ()
GENERIC_ATTACHMENTS: tuple[str, ...] = ()


@dataclass(frozen=True)
class Profile:
    """One portal's layout. Lists of regexes/selectors are tried in order."""

    key: str
    name: str = ""
    province: str | None = None
    # the hosts the crawl covers (crawlers.scope: exact hosts, host:port, origins, *.domain)
    hosts: tuple[str, ...] = ()
    start_urls: tuple[str, ...] = ()
    article_patterns: tuple[str, ...] = ()
    listing_patterns: tuple[str, ...] = ()
    deny_patterns: tuple[str, ...] = ()
    next_page: tuple[str, ...] = ()
    title: tuple[str, ...] = ()
    date: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    attachments: tuple[str, ...] = ()
    follow_nav: bool = False
    # a regex with named groups y, m, d: the date in an article's URL, used when the page gives none
    url_date: str = ""
    platform: str = ""          # "liferay", "sharepoint", ... (what the selectors were written for)
    archive: bool = False       # the portal of a body that no longer exists: crawled for its archive
    successor: str = ""         # the profile of the portal that took over (archive crawls)
    # what has not been checked against the live portal: field names, with a word on why
    unverified: tuple[str, ...] = field(default=(), compare=False)
    notes: str = field(default="", compare=False)

    @classmethod
    def from_dict(cls, data: dict) -> "Profile":
        """A profile from its JSON form (unknown keys are an error: typos must not pass silently)."""
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"profile {data.get('key')!r}: unknown fields {sorted(unknown)}")
        values = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}
        return cls(**values)

    @classmethod
    def generic(cls, start_url: str, province: str | None = None, key: str | None = None) -> "Profile":
        """A profile for any site from one start URL: stay on its origin (scheme, host and
        port), follow its navigation."""
        host = urllib.parse.urlsplit(start_url).hostname or ""
        return cls(key=key or host.replace(".", "-") or "site", name=host, province=province,
                   hosts=(url_origin(start_url),), start_urls=(start_url,), follow_nav=True)

    def with_start_urls(self, urls: list[str] | tuple[str, ...], *, province: str | None = None) -> "Profile":
        """The same profile on other start URLs (a mirror, the offline sample), confined to
        their origins."""
        hosts = tuple(sorted({url_origin(u) for u in urls}))
        # the profile's category paths are unknown at another address: follow its navigation
        changed = dataclasses.replace(self, start_urls=tuple(urls), hosts=hosts, follow_nav=True)
        return dataclasses.replace(changed, province=province) if province is not None else changed

    # compiled forms, generic rules after the profile's own
    @cached_property
    def article_res(self) -> list[re.Pattern[str]]:
        return [re.compile(p) for p in (*self.article_patterns, *GENERIC_ARTICLE_PATTERNS)]

    @cached_property
    def listing_res(self) -> list[re.Pattern[str]]:
        return [re.compile(p) for p in (*self.listing_patterns, *GENERIC_LISTING_PATTERNS)]

    @cached_property
    def deny_res(self) -> list[re.Pattern[str]]:
        return [re.compile(p, re.IGNORECASE) for p in (*self.deny_patterns, *GENERIC_DENY_PATTERNS)]

    @cached_property
    def scope(self) -> Scope:
        """The URLs this profile may fetch (its hosts, see crawlers.scope)."""
        return Scope(self.hosts)

    def in_scope(self, url: str) -> bool:
        """Whether `url` is on one of the profile's hosts and not denied."""
        return url in self.scope and not self.is_denied(url)

    @property
    def next_page_selectors(self) -> tuple[str, ...]:
        return (*self.next_page, *GENERIC_NEXT_PAGE)

    @property
    def title_selectors(self) -> tuple[str, ...]:
        return (*self.title, *GENERIC_TITLE)

    @cached_property
    def url_date_re(self) -> re.Pattern[str] | None:
        return re.compile(self.url_date) if self.url_date else None

    def date_in_url(self, url: str) -> str | None:
        """The ISO date an article's URL carries (`/Pages/2025-1-16/...`), if the profile says where."""
        m = self.url_date_re.search(url) if self.url_date_re else None
        if not m:
            return None
        from extract.normalize import iso_date

        return iso_date(int(m.group("d")), int(m.group("m")), int(m.group("y")))

    def is_article_url(self, url: str) -> bool:
        """Whether the URL has an article's shape on this portal."""
        return any(r.search(url) for r in self.article_res)

    def is_listing_url(self, url: str) -> bool:
        """Whether the URL has a listing page's shape on this portal."""
        return any(r.search(url) for r in self.listing_res)

    def is_denied(self, url: str) -> bool:
        """Whether the URL is never worth fetching (login, search, images, feeds)."""
        return any(r.search(url) for r in self.deny_res)


def profile_keys() -> list[str]:
    """The keys of the bundled profiles (file names without .json)."""
    return sorted(p.stem for p in PROFILE_DIR.glob("*.json"))


def load_profile(key_or_path: str) -> Profile:
    """A bundled profile by key (`daklak`) or a profile JSON file by path."""
    path = Path(key_or_path)
    if not path.suffix:
        path = PROFILE_DIR / f"{key_or_path}.json"
    if not path.is_file():
        raise KeyError(f"no portal profile {key_or_path!r}; known: {', '.join(profile_keys())}")
    return Profile.from_dict(json.loads(path.read_text(encoding="utf-8")))
