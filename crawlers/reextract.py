"""Rebuild the store from the WARC archive with the current extractor (no network).

The crawler archives every 200 response with its crawl context (crawlers.middlewares.
WarcArchiveMiddleware); this replays the latest response of each article and attachment
through the same text -> extract -> store functions as the crawl.
"""

from __future__ import annotations

import urllib.parse
from pathlib import Path

from crawlers.pipelines import build_record, content_hash, extract_item, fill_page_item, read_page
from crawlers.state import state_paths
from crawlers.textual import expected_kind

__all__ = ["reextract", "iter_archived"]


def _warc_files(paths: list[str | Path]) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        files.extend(sorted(p.glob("*.warc.gz")) + sorted(p.glob("*.warc")) if p.is_dir() else [p])
    return files


def iter_archived(paths: list[str | Path]):
    """(url, context dict, content type, body) of every archived page/attachment, in archive order."""
    from warcio.archiveiterator import ArchiveIterator

    for path in _warc_files(paths):
        with open(path, "rb") as fh:
            try:
                for record in ArchiveIterator(fh):
                    if record.rec_type != "response":
                        continue
                    h = record.rec_headers
                    kind = h.get_header("Vanban-Kind")
                    if kind not in ("article", "attachment"):
                        continue
                    ctx = {name: urllib.parse.unquote(h.get_header(f"Vanban-{name.title().replace('_', '-')}") or "")
                           or None for name in ("portal", "province", "parent", "title_hint", "published_hint")}
                    ctx["kind"] = kind
                    ctype = record.http_headers.get_header("Content-Type") if record.http_headers else None
                    yield h.get_header("WARC-Target-URI"), ctx, ctype, record.content_stream().read()
            except Exception:  # a truncated archive (killed run): keep what was read
                continue


def reextract(db: str | Path | None = None, warc_paths: list[str | Path] | None = None) -> dict:
    """Replay the archive into the store at `db`; returns counts and failures.

    Each page item is built by the crawl's own functions (`read_page`, `fill_page_item`,
    `extract_item`), so a replayed page is the page the crawl stored."""
    try:
        from graph import open_store
    except ImportError:
        from graph.store import open_store
    from crawlers.profiles import load_profile

    if db is None:
        from graph.store import default_db_path

        db = default_db_path()
    paths = warc_paths or [state_paths(db)["warc"]]
    latest: dict[str, tuple] = {}
    for url, ctx, ctype, body in iter_archived(paths):
        latest[url] = (ctx, ctype, body)  # later responses of a URL win
    counts = {"archived": len(latest), "stored": 0, "failed": 0, "failures": []}
    profiles: dict[str, object] = {}
    published: dict[str, str] = {}  # article URL -> its date, for the attachments it links
    store = open_store(db=db)
    try:
        # articles first: an attachment is published when the article that links it is
        for url, (ctx, ctype, body) in sorted(latest.items(), key=lambda kv: kv[1][0]["kind"] != "article"):
            key = ctx.get("portal")
            if key not in profiles:
                try:
                    profiles[key] = load_profile(key) if key else None
                except KeyError:
                    profiles[key] = None
            item = {"url": url, "kind": ctx["kind"], "portal": key, "province": ctx.get("province"),
                    "content_type": ctype, "title_hint": ctx.get("title_hint"),
                    "published_hint": ctx.get("published_hint"), "parent_url": ctx.get("parent"),
                    "expect": "html" if ctx["kind"] == "article" else expected_kind(url),
                    "url_date": profiles[key].date_in_url(url) if profiles[key] else None}
            fill_page_item(item, read_page(body, item, profiles[key]), published.get(item["parent_url"] or ""))
            if item.get("outcome") != "failed":
                item["content_hash"] = content_hash(item["text"])
                extract_item(item)
            if item.get("outcome") == "failed":
                counts["failed"] += 1
                counts["failures"].append({"url": url, "reason": item["reason"]})
                continue
            if item["kind"] == "article" and item.get("published"):
                published[url] = item["published"]
            store.upsert_page(build_record(item))
            counts["stored"] += 1
    finally:
        store.close()
    return counts
