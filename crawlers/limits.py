"""How much an attachment may cost to read: inflated size, zip entries and time.

A DOCX is a zip: 200 kB can inflate to 64 MB of XML, which python-docx parses in
46 s and 1.4 GB. Before a DOCX is handed to python-docx its entries are counted and
inflated once, in bounded chunks, against these limits; a PDF's pages are read
against the time limit. Going over a limit raises `NotReadable("too large: ...")`
or `NotReadable("parse timeout: ...")`: the page is reported as refused.

The crawl takes the limits from its settings (`ParseLimits.from_settings`, the
`VANBAN_PARSE_*` settings declared in crawlers/settings.py); `vanban reextract` and
direct callers get the same defaults.
"""

from __future__ import annotations

import time
import zipfile
from dataclasses import dataclass

__all__ = ["ParseLimits", "Deadline", "check_zip"]

MB = 1024 * 1024


@dataclass(frozen=True)
class ParseLimits:
    """Limits on reading one attachment (defaults are those of crawlers/settings.py)."""

    max_inflated: int = 64 * MB   # all entries of a zip, inflated
    max_xml: int = 16 * MB        # the XML parts python-docx parses (word/*.xml, rels, ...)
    max_entries: int = 2000       # entries of a zip
    max_seconds: float = 60.0     # reading one attachment's text

    @classmethod
    def from_settings(cls, settings) -> "ParseLimits":
        return cls(max_inflated=settings.getint("VANBAN_PARSE_MAX_INFLATED"),
                   max_xml=settings.getint("VANBAN_PARSE_MAX_XML"),
                   max_entries=settings.getint("VANBAN_PARSE_MAX_ENTRIES"),
                   max_seconds=settings.getfloat("VANBAN_PARSE_MAX_SECONDS"))

    def deadline(self) -> "Deadline":
        return Deadline(self.max_seconds)


class Deadline:
    """A point in time after which reading stops (checked between chunks and pages)."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def check(self, what: str) -> None:
        if time.monotonic() > self.end:
            from crawlers.textual import NotReadable

            raise NotReadable(f"parse timeout: {what} took over {self.seconds:g} s")


def check_zip(zf: zipfile.ZipFile, limits: ParseLimits, deadline: Deadline, what: str = "DOCX") -> None:
    """Raise NotReadable unless every entry of `zf` inflates within the limits.

    The sizes a zip declares may lie, so the entries are inflated (1 MB at a time) and
    the bytes counted; nothing is kept.
    """
    from crawlers.textual import NotReadable

    infos = zf.infolist()
    if len(infos) > limits.max_entries:
        raise NotReadable(f"too large: {what} has {len(infos)} zip entries (limit {limits.max_entries})")
    total = xml = 0
    for info in infos:
        is_xml = info.filename.endswith((".xml", ".rels"))
        with zf.open(info) as fh:
            while chunk := fh.read(MB):
                total += len(chunk)
                xml += len(chunk) if is_xml else 0
                if total > limits.max_inflated:
                    raise NotReadable(f"too large: {what} inflates past {limits.max_inflated // MB} MB")
                if xml > limits.max_xml:
                    raise NotReadable(f"too large: {what} XML inflates past {limits.max_xml // MB} MB")
                deadline.check(what)
