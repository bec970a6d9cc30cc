"""Which URLs a crawl may fetch: the hosts its profile covers, judged as Scrapy will fetch.

A profile lists its hosts: `daklak.gov.vn` (that host, http or https on the default
port), `127.0.0.1:8123` (that host and port), `http://127.0.0.1:8123` (that scheme,
host and port: an origin) or `*.quangtri.gov.vn` (every subdomain, where meant; the
domain itself is listed on its own). Nothing else is in scope: not a subdomain, not
another port of the same host.

A URL is judged by the host Scrapy will connect to, so it is first normalised as
`scrapy.Request` does (w3lib's WHATWG-style parsing: `https://evil.com\\@daklak.gov.vn/a`
goes to evil.com). URLs with user information (`user@host`) are never in scope: a
portal does not link to them, and they are how a link disguises its host.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass

from w3lib.url import safe_url_string

__all__ = ["Scope", "url_origin"]

DEFAULT_PORTS = {"http": 80, "https": 443}


def _parts(url: str) -> tuple[str, str, int] | None:
    """(scheme, host, port) of the URL as Scrapy would fetch it, or None if it is no web URL."""
    try:
        parts = urllib.parse.urlsplit(safe_url_string(url.strip()))
        port = parts.port
    except ValueError:  # a port that is not a number, a broken IPv6 literal
        return None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or "@" in parts.netloc or "\\" in parts.netloc:
        return None
    host = (parts.hostname or "").rstrip(".")
    if not host:
        return None
    return scheme, host, port or DEFAULT_PORTS[scheme]


def url_origin(url: str) -> str:
    """`scheme://host:port` of a URL (what a generic crawl stays on)."""
    parts = _parts(url)
    if parts is None:
        raise ValueError(f"not an http(s) URL: {url!r}")
    return f"{parts[0]}://{parts[1]}:{parts[2]}"


@dataclass(frozen=True)
class Scope:
    """The hosts a crawl covers (see the module docstring for the forms of an entry)."""

    entries: tuple[str, ...]

    def __post_init__(self):
        origins, host_ports, hosts, suffixes = set(), set(), set(), []
        for raw in self.entries:
            entry = raw.strip().lower()
            if not entry:
                continue
            if "://" in entry:
                parts = _parts(entry)
                if parts is None:
                    raise ValueError(f"not a host entry: {raw!r}")
                origins.add(parts)
            elif entry.startswith("*."):
                suffixes.append(entry[1:].rstrip("."))  # ".quangtri.gov.vn"
            elif ":" in entry and not entry.startswith("["):
                host, _, port = entry.rpartition(":")
                if not port.isdigit():
                    raise ValueError(f"not a host entry: {raw!r}")
                host_ports.add((host.rstrip("."), int(port)))
            else:
                hosts.add(entry.rstrip("."))
        object.__setattr__(self, "_origins", frozenset(origins))
        object.__setattr__(self, "_host_ports", frozenset(host_ports))
        object.__setattr__(self, "_hosts", frozenset(hosts))
        object.__setattr__(self, "_suffixes", tuple(suffixes))

    def __contains__(self, url: str) -> bool:
        parts = _parts(url)
        if parts is None:
            return False
        scheme, host, port = parts
        if parts in self._origins or (host, port) in self._host_ports:
            return True
        if port != DEFAULT_PORTS[scheme]:
            return False
        return host in self._hosts or any(host.endswith(s) for s in self._suffixes)

    def hostnames(self) -> list[str]:
        """Bare host names (for Scrapy's `allowed_domains` and messages)."""
        names = {h for _, h, _ in self._origins} | {h for h, _ in self._host_ports} | set(self._hosts)
        return sorted(names | {s.lstrip(".") for s in self._suffixes})
