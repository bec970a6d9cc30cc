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
    """A short, normalised reason for a failed request: 'HTTP 404', 'timeout', 'too large',
    'redirect loop', 'blocked by robots.txt', 'out of scope', ... (never a traceback's
    message: the report groups failures by these words)."""
    from scrapy import exceptions as scrapy_errors
    from scrapy.spidermiddlewares.httperror import HttpError
    from twisted.internet import error as neterr
    from twisted.web._newclient import ResponseNeverReceived

    value = failure.value
    message = str(value)
    low = message.lower()
    if failure.check(HttpError):
        status = value.response.status
        return f"HTTP {status}" + (" (after retries)" if status >= 500 else "")
    if "max size" in low or failure.check(getattr(scrapy_errors, "DownloadCancelledError", ())):
        return "too large"  # the only download Scrapy cancels is one over DOWNLOAD_MAXSIZE
    if failure.check(neterr.TimeoutError, neterr.TCPTimedOutError,
                     getattr(scrapy_errors, "DownloadTimeoutError", ())) or "took longer than" in low:
        return "timeout"
    if failure.check(neterr.ConnectionRefusedError, getattr(scrapy_errors, "DownloadConnectionRefusedError", ())):
        return "connection refused"
    if failure.check(neterr.DNSLookupError, getattr(scrapy_errors, "CannotResolveHostError", ())):
        return "DNS lookup failed"
    if failure.check(ResponseNeverReceived, neterr.ConnectionLost, neterr.ConnectionDone,
                     getattr(scrapy_errors, "ResponseDataLossError", ())):
        return "connection lost"
    if failure.check(IgnoreRequest):
        if "robots.txt unavailable" in low:
            return message.split(":", 1)[0]  # "robots.txt unavailable (HTTP 503)"
        if "robots.txt" in low:
            return "blocked by robots.txt"
        if "out of scope" in low:
            return "out of scope"
        if "redirect" in low:
            return "redirect loop (too many redirections)"
        if "offsite" in low:
            return "out of scope"
        return "ignored"
    return f"download error ({type(value).__name__})"
