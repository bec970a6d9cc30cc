"""Why a request failed, in words the crawl report prints."""

from __future__ import annotations

from scrapy.exceptions import IgnoreRequest

__all__ = ["NotModified", "describe_failure", "is_not_modified"]


class NotModified(IgnoreRequest):
    """A known page the incremental crawl did not fetch again (no validators to ask with)."""


def is_not_modified(failure) -> bool:
    """Whether the failure is our 'known, not fetched again' signal rather than an error."""
    return failure.check(NotModified) is not None


def describe_failure(failure) -> str:
    """A short reason for a failed request: 'HTTP 404', 'timeout', 'redirect loop', ..."""
    from scrapy.spidermiddlewares.httperror import HttpError
    from twisted.internet import error as neterr

    value = failure.value
    message = str(value)
    if failure.check(HttpError):
        status = value.response.status
        return f"HTTP {status}" + (" (after retries)" if status >= 500 else "")
    if "larger than download max size" in message:
        return "too large: " + message.split(" in request", 1)[0]
    if failure.check(neterr.TimeoutError, neterr.TCPTimedOutError) or "took longer than" in message:
        return "timeout"
    if failure.check(neterr.ConnectionRefusedError):
        return "connection refused"
    if failure.check(neterr.DNSLookupError):
        return "DNS lookup failed"
    if failure.check(IgnoreRequest):
        low = message.lower()
        if "max redirections" in low or "redirect" in low:
            return "redirect loop (too many redirections)"
        if "robots.txt" in low:
            return "blocked by robots.txt"
        if "offsite" in low or "filtered offsite" in low:
            return "off-site redirect"
        return f"ignored: {message}" if message else "ignored"
    name = type(value).__name__
    return f"{name}: {message}" if message else name
