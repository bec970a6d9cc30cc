"""The generic portal spider: listings -> articles -> attachments, for any portal profile.

It only parses. From a listing it yields article, attachment and next-page requests
(stopping the paging when a page holds only known items, once an earlier run finished);
from an article it yields a page item with the raw body plus the article's attachment
requests; from an attachment, a page item. Failures come back as outcome items with a
reason. Text, extraction, storage and bookkeeping are the item pipelines' job.
"""

from __future__ import annotations

import dataclasses
import urllib.parse

import scrapy
from scrapy.http import Response, TextResponse

from crawlers.extensions import crawlbook
from crawlers.failures import describe_failure, is_not_modified
from crawlers.profiles import Profile, load_profile
from crawlers.textual import expected_kind

__all__ = ["PortalSpider", "NEXT_WORDS"]

NEXT_WORDS = {"sau", "trang sau", "tiếp", "trang tiếp", "tiếp theo", "»", "›", ">", ">>", "next", "xem tiếp"}
# containers whose links are side lists, menus or footers, not the listing's items
_ASIDE = ("lien-quan", "lienquan", "related", "sidebar", "side-bar", "tin-khac", "tinkhac", "other-news",
          "menu", "footer", "header", "banner", "logo", "breadcrumb", "paging", "pagination", "tin-moi", "most-view", "xem-nhieu")
_ASIDE_XPATH = " or ".join(["self::nav", "self::header", "self::footer", "self::aside"]
                           + [f"contains(@class,'{w}')" for w in _ASIDE] + [f"contains(@id,'{w}')" for w in _ASIDE])
_MAIN_ANCHORS = f"//a[@href][not(ancestor::*[{_ASIDE_XPATH}])]"
# navigation to follow on a generic crawl: menus too, but not footers and side lists
_NAV_ANCHORS = "//a[@href][not(ancestor::*[self::footer or contains(@id,'footer') or contains(@class,'footer')])]"
# Vietnamese words are syllables: a headline has many ("Xem tất cả tin tức" is navigation)
_HEADLINE_WORDS = 6
_NAV_STARTS = ("xem ", "chi tiết", "đọc tiếp", "trở về", "quay lại", "tải về", "tải xuống")


def _headline(text: str) -> bool:
    low = text.lower()
    return len(text.split()) >= _HEADLINE_WORDS and not low.startswith(_NAV_STARTS)


class PortalSpider(scrapy.Spider):
    """Crawl one portal by its profile, or any site from `start_url` (generic profile).

    Arguments (also `-a name=value` on `scrapy crawl`): `start_url`, `province`,
    `profile` (key or JSON path), `hosts` (comma-separated, instead of the profile's),
    `portal` (the site key stored with each page),
    `max_nav_depth` (how deep a generic crawl follows navigation links, default 2).
    """

    name = "portal"
    profile_key: str | None = None  # set by the per-site registrations in crawlers.spiders.sites

    def __init__(self, start_url: str | None = None, province: str | None = None, profile=None,
                 portal: str | None = None, max_nav_depth: int | str = 2, hosts=None, **kwargs):
        super().__init__(**kwargs)
        if profile is None and self.profile_key:
            profile = self.profile_key
        if isinstance(profile, str):
            profile = load_profile(profile)
        if profile is None:
            if not start_url:
                raise ValueError("a start_url or a profile is needed")
            profile = Profile.generic(start_url, province)
        elif start_url:
            profile = profile.with_start_urls([start_url], province=province)
        elif province:
            profile = dataclasses.replace(profile, province=province)
        if hosts:
            # the hosts it may fetch, instead of the profile's (a test host, a mirror)
            hosts = hosts.split(",") if isinstance(hosts, str) else hosts
            profile = dataclasses.replace(profile, hosts=tuple(h.strip() for h in hosts if h.strip()))
        self.profile: Profile = profile
        self.portal = portal or profile.key
        # scope is the ScopeMiddleware's (every request, redirects included), not Scrapy's
        # OffsiteMiddleware's, which admits every subdomain and every port
        self.max_nav_depth = int(max_nav_depth)
        # set by the bookkeeping extension when it opens: may listings stop at known items?
        self.incremental_stop = False

    # bookkeeping the spider may consult (read only) ------------------------
    def _known(self, url: str) -> bool:
        book = crawlbook(self.crawler)
        return bool(book) and book.state.known(url)

    # requests ----------------------------------------------------------------
    async def start(self):
        """Seed the crawl with the profile's start URLs (Scrapy >= 2.13 entry point)."""
        for url in self.profile.start_urls:
            yield self._listing(url, page_no=1, nav_depth=0)

    def _listing(self, url: str, *, page_no: int, nav_depth: int) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse, errback=self.on_error,
                              meta={"kind": "listing", "page_no": page_no, "nav_depth": nav_depth,
                                    "portal": self.portal, "province": self.profile.province,
                                    "handle_httpstatus_list": [304]})

    def _article(self, url: str, title: str | None) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse, errback=self.on_error,
                              meta={"kind": "article", "title_hint": title, "portal": self.portal,
                                    "province": self.profile.province, "handle_httpstatus_list": [304]})

    def _attachment(self, url: str, title: str | None, parent: Response, published: str | None) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse_attachment, errback=self.on_error,
                              meta={"kind": "attachment", "title_hint": title, "parent_url": parent.url,
                                    "published_hint": published, "portal": self.portal,
                                    "province": self.profile.province, "handle_httpstatus_list": [304]})

    # link classification -----------------------------------------------------
    def _in_scope(self, url: str) -> bool:
        return self.profile.in_scope(url)

    def _links(self, response: TextResponse, xpath: str = _MAIN_ANCHORS) -> list[tuple[str, str]]:
        seen: set[str] = set()
        out = []
        for a in response.xpath(xpath):
            href = (a.attrib.get("href") or "").strip()
            if not href or href.startswith("#"):
                continue
            url = urllib.parse.urldefrag(response.urljoin(href))[0]
            if url in seen or url == response.url or not self._in_scope(url):
                continue
            seen.add(url)
            out.append((url, " ".join(" ".join(a.css("::text").getall()).split())))
        return out

    def _attachments(self, response: TextResponse) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        for css in self.profile.attachments:
            try:
                for a in response.css(css):
                    href = a.attrib.get("href")
                    if href:
                        found.append((response.urljoin(href), " ".join(" ".join(a.css("::text").getall()).split())))
            except Exception:  # a bad selector in a profile must not stop the crawl
                continue
        for url, text in self._links(response, "//a[@href]"):
            if expected_kind(url):
                found.append((url, text))
        out, seen = [], set()
        for url, text in found:
            url = urllib.parse.urldefrag(url)[0]
            if url not in seen and self._in_scope(url):
                seen.add(url)
                out.append((url, text))
        return out

    def _next_page(self, response: TextResponse, page_no: int) -> str | None:
        for css in self.profile.next_page_selectors:
            try:
                href = response.css(css).attrib.get("href")
            except Exception:
                continue
            if href:
                url = urllib.parse.urldefrag(response.urljoin(href))[0]
                if url != response.url and self._in_scope(url):
                    return url
        for url, text in self._links(response, "//a[@href]"):
            low = text.lower().strip()
            if low in NEXT_WORDS or low == str(page_no + 1):
                return url
        return None

    # callbacks ---------------------------------------------------------------
    def parse(self, response: Response, **kwargs):
        """A listing or an article (told apart by URL shape and link structure)."""
        meta = response.meta
        if response.status == 304:
            yield {"type": "outcome", "url": response.url, "outcome": "unchanged", "reason": "304 Not Modified",
                   "kind": meta.get("kind")}
            book = crawlbook(self.crawler)
            for url, title in (book.state.attachments(response.url) if book else []):
                yield self._attachment(url, title, response, None)
            return
        if not isinstance(response, TextResponse) or expected_kind(response.url):
            # a link without a document extension that served a PDF/DOCX: an attachment
            yield from self.parse_attachment(response)
            return
        links = self._links(response)
        article_links = [(u, t) for u, t in links if not expected_kind(u) and not self.profile.is_listing_url(u)
                         and (self.profile.is_article_url(u) or _headline(t))]
        is_article = (self.profile.is_article_url(response.url) and not self.profile.is_listing_url(response.url)) \
            or (meta.get("kind") == "article" and len(article_links) < 4)
        if not is_article and len(article_links) < 4 and not self.profile.is_listing_url(response.url) \
                and meta.get("kind") != "listing":
            is_article = True
        validators = {"etag": _header(response, "ETag"), "last_modified": _header(response, "Last-Modified")}
        if is_article:
            attachments = self._attachments(response)
            if attachments:
                # recorded before the page itself, so a killed run never knows a page without them
                yield {"type": "links", "url": response.url, "attachments": attachments}
            yield {"type": "page", "url": response.url, "kind": "article", "portal": self.portal,
                   "province": self.profile.province, "body": response.body,
                   "content_type": _header(response, "Content-Type"), "title_hint": meta.get("title_hint"),
                   "published_hint": None, "url_date": self.profile.date_in_url(response.url),
                   "expect": "html", **validators}
            for url, text in attachments:
                yield self._attachment(url, text or meta.get("title_hint"), response, None)
            if not meta.get("from_article"):
                # the body's own links (a news item's "full text" link): one step, no chains
                for url, text in links:
                    if not expected_kind(url) and not self.profile.is_listing_url(url):
                        request = self._article(url, text)
                        request.meta["from_article"] = True
                        yield request
            return
        # a listing
        yield {"type": "listing", "url": response.url, "kind": "listing", "portal": self.portal, **validators}
        for url, text in article_links:
            yield self._article(url, text)
        for url, text in self._attachments(response):
            yield self._attachment(url, text, response, None)
        page_no = int(meta.get("page_no") or 1)
        next_url = self._next_page(response, page_no)
        all_known = bool(article_links) and all(self._known(u) for u, _ in article_links)
        if next_url and not (self.incremental_stop and all_known):
            yield self._listing(next_url, page_no=page_no + 1, nav_depth=int(meta.get("nav_depth") or 0))
        if self.profile.follow_nav and int(meta.get("nav_depth") or 0) < self.max_nav_depth:
            chosen = {u for u, _ in article_links} | ({next_url} if next_url else set())
            for url, text in self._links(response, _NAV_ANCHORS):
                if url not in chosen and not expected_kind(url):
                    yield self._listing(url, page_no=1, nav_depth=int(meta.get("nav_depth") or 0) + 1)

    def parse_attachment(self, response: Response, **kwargs):
        """A PDF/DOCX (or whatever the link served): one page item for the pipelines."""
        if response.status == 304:
            yield {"type": "outcome", "url": response.url, "outcome": "unchanged", "reason": "304 Not Modified",
                   "kind": "attachment"}
            return
        meta = response.meta
        yield {"type": "page", "url": response.url, "kind": "attachment", "portal": self.portal,
               "province": self.profile.province, "body": response.body,
               "content_type": _header(response, "Content-Type"), "title_hint": meta.get("title_hint"),
               "published_hint": meta.get("published_hint"), "parent_url": meta.get("parent_url"),
               "expect": expected_kind(response.url), "etag": _header(response, "ETag"),
               "last_modified": _header(response, "Last-Modified")}

    def on_error(self, failure):
        """Any failed request: an outcome item with the reason (known-and-skipped is 'unchanged')."""
        request = failure.request
        if is_not_modified(failure):
            yield {"type": "outcome", "url": request.url, "outcome": "unchanged",
                   "reason": str(failure.value) or "known", "kind": request.meta.get("kind")}
            return
        # report the URL the crawl asked for, not the last hop of its redirects
        asked = (request.meta.get("redirect_urls") or [request.url])[0]
        yield {"type": "outcome", "url": asked, "outcome": "failed", "reason": describe_failure(failure),
               "kind": request.meta.get("kind")}


def _header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
