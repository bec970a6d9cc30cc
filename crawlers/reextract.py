"""Rebuild the store from the WARC archive with the current extractor (no network).

The crawler archives every 200 response with its crawl context (crawlers.middlewares.
WarcArchiveMiddleware); this replays the latest response of each article and attachment
through the same text -> extract -> store steps as the crawl.
"""

from __future__ import annotations

import urllib.parse
from pathlib import Path

from crawlers.pipelines import build_record, content_hash
from crawlers.state import state_paths
from crawlers.textual import NotReadable, expected_kind, page_text

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
    """Replay the archive into the store at `db`; returns counts and failures."""
    from extract import extract_page

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
    store = open_store(db=db)
    try:
        for url, (ctx, ctype, body) in latest.items():
            key = ctx.get("portal")
            if key not in profiles:
                try:
                    profiles[key] = load_profile(key) if key else None
                except KeyError:
                    profiles[key] = None
            expect = "html" if ctx["kind"] == "article" else expected_kind(url)
            try:
                text = page_text(body, url=url, content_type=ctype, profile=profiles[key], expect=expect)
            except NotReadable as exc:
                counts["failed"] += 1
                counts["failures"].append({"url": url, "reason": exc.reason})
                continue
            item = {"url": url, "portal": key, "province": ctx.get("province"),
                    "published": ctx.get("published_hint") or text.published,
                    "page_title": ctx.get("title_hint") if ctx["kind"] == "attachment" and ctx.get("title_hint")
                    else (text.title or ctx.get("title_hint")),
                    "source": text.source, "content_hash": content_hash(text.text)}
            item["extraction"] = extract_page(text.text, province=item["province"]).to_dict()
            store.upsert_page(build_record(item))
            counts["stored"] += 1
    finally:
        store.close()
    return counts
