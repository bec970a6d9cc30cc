"""`vanban run`: the whole pipeline on the bundled sample, offline; `vanban report`: the HTML report.

    vanban run                      # -> ./vanban-sample/{vanban.sqlite, records.jsonl, report/}
    vanban run --out /tmp/s --site backan --site ninhthuan
    vanban report --db ./vanban-sample/vanban.sqlite --out report/

`vanban run` serves the bundled sample's sites (vanban/sample/sites) on 127.0.0.1
(crawlers.localsite), crawls every sample portal with Scrapy through the real spider and
pipelines (text -> extract -> store), then asks the store the questions of the README (and
what Thái Nguyên covers since the 2025 merger) and writes the lineage report. Scrapy's reactor runs
once per process, so `run_sample` may be called once per process; `build_sample_store` runs it
in a child process for notebooks and tests.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import click

from vanban.sample.answers import (QUESTION_IMPLEMENTERS, QUESTION_IMPLEMENTS,  # noqa: F401
                                   QUESTION_SUCCESSION, answer_questions, implementer_rows,
                                   implements_rows, print_answers, succession_counts)
from vanban.sample.answers import doc_text as _doc_text

__all__ = ["run_sample", "build_sample_store", "sample_dir", "sample_profiles", "answer_questions",
           "write_store_report", "SampleRun", "QUESTION_IMPLEMENTERS", "QUESTION_IMPLEMENTS",
           "QUESTION_SUCCESSION", "succession_counts",
           "run_command", "report_command"]

DEFAULT_OUT = Path("vanban-sample")


class SampleError(click.ClickException):
    """A problem the user can fix (missing sample, unknown site, store in the way)."""


# --- the sample on disk ----------------------------------------------------------------------
def sample_dir(path: str | Path | None = None) -> Path:
    """The bundled sample (`vanban/sample/`, package data), or `path`; must hold sites/ and
    profiles/."""
    from vanban.sample import SAMPLE_DIR

    root = Path(path) if path else SAMPLE_DIR
    if not (root / "sites").is_dir() or not (root / "profiles").is_dir():
        where = "pass a directory laid out like it" if path else \
            "the installed package lacks its sample data: reinstall vanban-graph"
        raise SampleError(
            f"no sample at {root} (expected {root / 'sites'} and {root / 'profiles'}); {where}")
    return root


def sample_keys(root: Path) -> list[str]:
    """Site keys of the sample (one profile JSON per site)."""
    return sorted(p.stem for p in (root / "profiles").glob("*.json"))


def sample_profiles(root: Path, base_url: str, only: list[str] | None = None) -> list:
    """The sample's portal profiles with their start URLs on `base_url` (the local server)."""
    from crawlers.profiles import Profile

    keys = check_sites(root, only)
    profiles = []
    for key in only or keys:
        data = json.loads((root / "profiles" / f"{key}.json").read_text(encoding="utf-8"))
        profile = Profile.from_dict(data)
        profiles.append(profile.with_start_urls([base_url.rstrip("/") + u for u in profile.start_urls]))
    return profiles


def check_sites(root: Path, only: list[str] | None) -> list[str]:
    """The sample's site keys; raises SampleError naming the known ones for an unknown key."""
    keys = sample_keys(root)
    unknown = [k for k in (only or []) if k not in keys]
    if unknown:
        raise SampleError(f"unknown site {', '.join(map(repr, unknown))}; the sample has: {', '.join(keys)}")
    return keys


def _expected_pages(root: Path, keys: list[str]) -> int:
    """How many pages the crawl should store: articles, full texts and attachments."""
    total = 0
    for key in keys:
        site = root / "sites" / key
        for folder in ("tin-tuc", "van-ban"):
            total += sum(1 for p in (site / folder).glob("*.html")
                         if p.name != "index.html" and not p.name.startswith("trang-"))
        total += sum(1 for p in (site / "files").glob("*") if p.is_file())
    return total


# --- crawling -----------------------------------------------------------------------------------
def crawl_sites(profiles: list, db: Path, jsonl: Path | None,
                on_page: Callable[[dict], None] | None = None):
    """Crawl every profile with Scrapy in this process (one reactor run); returns the CrawlReport.

    All spiders share one run id and the store; the run lock is taken once for the whole run
    (each spider's own lock is switched off, as in a distributed crawl).
    """
    import logging
    import os

    from scrapy import signals
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    from crawlers.report import report_for_run
    from crawlers.runner import crawl_settings
    from crawlers.spiders.portal import PortalSpider
    from crawlers.state import CrawlLock, CrawlState, state_paths

    run_id = time.strftime("%Y%m%dT%H%M%S-") + os.urandom(3).hex()
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawlers.settings")
    settings = get_project_settings()
    settings.setdict(crawl_settings(db=db, warc=False, jsonl=str(jsonl) if jsonl else None,
                                    overrides={
                                        # a local server: no politeness delays needed
                                        "AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0,
                                        "LOG_LEVEL": "ERROR", "VANBAN_LOCK": False,
                                        "VANBAN_RUN_ID": run_id}), priority="cmdline")
    started = time.monotonic()
    with CrawlLock(state_paths(db)["lock"]):
        settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
        process = CrawlerProcess(settings)
        logging.getLogger("scrapy").setLevel(logging.ERROR)
        crawlers = []

        def scraped(item, **_):
            on_page(item)

        for profile in profiles:
            crawler = process.create_crawler(PortalSpider)
            if on_page is not None:
                # weak=False: Scrapy's dispatcher would otherwise drop a local function
                crawler.signals.connect(scraped, signal=signals.item_scraped, weak=False)
            process.crawl(crawler, profile=profile, portal=profile.key)
            crawlers.append(crawler)
        process.start()
    state = CrawlState(state_paths(db)["state"])
    try:
        report = report_for_run(state, run_id)
    finally:
        state.close()
    report.elapsed = time.monotonic() - started
    report.fetched = sum(c.stats.get_value("response_received_count", 0) for c in crawlers if c.stats)
    return report


# --- the report --------------------------------------------------------------------------------
def _answers_html(answers: dict, link: Callable[[dict], str],
                  href: Callable[[str], str | None]) -> list[tuple[str, str]]:
    import html

    out = []
    for (question, _, _), rows in ((QUESTION_IMPLEMENTERS, implementer_rows(answers["implementers"])),
                                   (QUESTION_IMPLEMENTS, implements_rows(answers["implements"]))):
        if not rows:
            out.append((question, "<p>nothing found</p>"))
            continue
        body = []
        for row in rows:
            evidence = "".join(
                f'<div class="ev">{html.escape(ev.get("sentence") or "")}'
                + _source_page(ev.get("page"), href)
                + "</div>" for ev in row["evidence"][:2])
            body.append(f"<tr><td>{row['depth']}</td><td>{html.escape(row['relation'])}</td>"
                        f"<td>{link(row['document'])}</td><td>{html.escape(row.get('via') or '')}</td>"
                        f"<td>{evidence}</td></tr>")
        out.append((question, "<table><tr><th>depth</th><th>relation</th><th>document</th><th>via</th>"
                              f"<th>evidence</th></tr>{''.join(body)}</table>"))
    return out


def _source_page(url: str | None, href: Callable[[str], str | None]) -> str:
    """` — source page`, a link where `href` gives one, else the URL as text (javascript:,
    data:, relative: never a link)."""
    import html

    if not url:
        return ""
    target = href(url)
    if target is None:
        return f' — source page: <span class="url">{html.escape(url)}</span>'
    return f' — <a href="{html.escape(target)}">source page</a>'


def write_store_report(store, out_dir: Path, *, answers: dict | None = None,
                       source_href: Callable[[str], str | None] | None = None,
                       progress: Callable[[int, int], None] | None = None) -> Path:
    """The HTML lineage report of a whole store (plus the answers, if given); returns index.html."""
    import html

    from vanban.report import LineageView, page_name, write_report

    view = LineageView.from_store(store)

    def link(doc: dict) -> str:
        d = view.docs.get(doc.get("key", ""))
        if d is None:
            return html.escape(_doc_text(doc))
        return f'<a href="docs/{page_name(d)}">{html.escape(d.label)}</a>'

    def href(url: str) -> str | None:   # the sample's copy, else only an http(s) address
        from vanban.web.answers import web_url

        return (source_href(url) if source_href else None) or web_url(url)

    questions = _answers_html(answers, link, href) if answers else None
    return write_report(view, out_dir, questions=questions, source_href=source_href, progress=progress)


# --- the whole run -----------------------------------------------------------------------------
@dataclass
class SampleRun:
    """What `run_sample` produced."""

    out: Path
    db: Path
    records: Path
    report: Path
    crawl: Any = None
    answers: dict = field(default_factory=dict)


def _fresh_store(db: Path, out: Path, explicit: bool) -> None:
    """Make room for a fresh store; never delete a store the user named that the sample did not make."""
    from crawlers.state import state_paths

    related = [db, *state_paths(db).values(), db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")]
    if db.exists() and explicit and not (out / ".vanban-sample").exists():
        raise SampleError(f"{db} already exists: the sample run needs a fresh store "
                          "(delete it, or choose another --db)")
    for path in related:
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


def run_sample(out: str | Path = DEFAULT_OUT, *, db: str | Path | None = None,
               sample: str | Path | None = None, sites: list[str] | None = None,
               console=None) -> SampleRun:
    """Serve, crawl, extract, store, answer, report: the sample end to end, in this process."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from crawlers.localsite import LocalSite
    from graph import open_store

    console = console or Console(stderr=True)
    root = sample_dir(sample)
    check_sites(root, sites)          # before anything is written
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    db_path = Path(db) if db else out / "vanban.sqlite"
    _fresh_store(db_path, out, explicit=db is not None)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    (out / ".vanban-sample").write_text("made by `vanban run`; safe to delete\n", encoding="utf-8")
    records = out / "records.jsonl"
    if records.exists():
        records.unlink()
    report_dir = out / "report"
    if report_dir.exists():
        shutil.rmtree(report_dir)

    with LocalSite(root / "sites") as site:
        profiles = sample_profiles(root, site.base, sites)
        keys = [p.key for p in profiles]
        console.print(f"serving the sample ({', '.join(keys)}) at {site.base}/")
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), console=console, transient=False) as bar:
            task = bar.add_task("crawl → extract → store", total=_expected_pages(root, keys))
            report = crawl_sites(profiles, db_path, records,
                                 on_page=lambda item: bar.advance(task) if item.get("type") == "page" else None)
        base = site.base
    console.print(f"crawl: {report.new} new · {report.changed} changed · {report.unchanged} unchanged · "
                  f"{report.failed} failed, {report.fetched} responses in {report.elapsed:.1f}s")
    for failure in report.failures:
        console.print(f"  [red]failed[/red] {failure['url']}: {failure['reason']}")

    # the report links to the copy of the sample it was crawled from, so its links outlive the server
    shutil.copytree(root / "sites", report_dir / "sources")

    def source_href(url: str) -> str | None:
        return "sources/" + url[len(base) + 1:] if url.startswith(base + "/") else None

    with open_store(db=db_path) as store:
        answers = answer_questions(store)
        print_answers(answers, console)
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                      console=console, transient=True) as bar:
            task = bar.add_task("report", total=None)
            index = write_store_report(store, report_dir, answers=answers, source_href=source_href,
                                       progress=lambda done, total: bar.update(task, completed=done, total=total))
    console.print(f"\nstore:   {db_path}\nrecords: {records}\n[bold]report:  {index}[/bold]"
                  f"\nbrowse:  vanban serve --db '{db_path}'\n         "
                  "then open http://127.0.0.1:8000/")
    return SampleRun(out=out, db=db_path, records=records, report=index, crawl=report, answers=answers)


def build_sample_store(out: str | Path, *, sites: list[str] | None = None, timeout: float = 600) -> Path:
    """Run the sample in a child process (Scrapy's reactor runs once per process); returns the db path.

    For notebooks and tests: `store = open_store(build_sample_store(tmpdir))`.
    """
    cmd = [sys.executable, "-m", "vanban.cmd_run", "--out", str(out)]
    for key in sites or []:
        cmd += ["--site", key]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"`vanban run` failed ({done.returncode}):\n{done.stderr[-4000:]}")
    return Path(out) / "vanban.sqlite"


# --- commands ------------------------------------------------------------------------------------
@click.command("run")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT, show_default=True,
              help="Work directory: store, records.jsonl and report/ go here (rewritten on each run).")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="SQLite store to create (default: OUT/vanban.sqlite); must not exist yet.")
@click.option("--site", "sites", multiple=True, metavar="KEY",
              help="Crawl only these sample sites (repeatable; default: all).")
@click.option("--sample", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Another sample directory with sites/ and profiles/ (default: the bundled one).")
def run_command(out, db, sites, sample):
    """Run the whole pipeline on the bundled offline sample and write the lineage report.

    Serves six sample portals on 127.0.0.1, crawls them with Scrapy, extracts, resolves and
    stores, then answers "which documents implement 33/CT-TTg?" and "what does 21/KH-UBND of
    Bắc Kạn implement?" with their evidence, shows what Thái Nguyên covers since the 2025
    merger (Bắc Kạn's documents too), and says where the HTML report is.
    """
    from rich.console import Console

    run_sample(out, db=db, sample=sample, sites=list(sites) or None, console=Console())


@click.command("report")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="SQLite store (default: user data dir/vanban-graph/vanban.sqlite).")
@click.option("--neo4j", "neo4j_uri", envvar="NEO4J_URI", default=None,
              help="Neo4j Bolt URI (default: $NEO4J_URI); overrides --db.")
@click.option("--neo4j-user", envvar="NEO4J_USER", default=None, help="default: $NEO4J_USER")
@click.option("--neo4j-password", envvar="NEO4J_PASSWORD", default=None, help="default: $NEO4J_PASSWORD")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("vanban-report"),
              show_default=True, help="Directory to write the report into.")
def report_command(db, neo4j_uri, neo4j_user, neo4j_password, out):
    """Write the HTML lineage report of a store: index, a page per document, drawings."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from vanban.cmd_graph import _open as open_chosen_store   # the one rule for --db / --neo4j

    console = Console(stderr=True)
    store = open_chosen_store(db, neo4j_uri, neo4j_user, neo4j_password)
    with store, Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                         console=console, transient=True) as bar:
        task = bar.add_task("report", total=None)
        index = write_store_report(store, out, progress=lambda d, t: bar.update(task, completed=d, total=t))
    click.echo(f"report: {index}")


if __name__ == "__main__":
    # `python -m vanban.cmd_run ...` = `vanban run ...` (used by build_sample_store)
    run_command(prog_name="vanban run")
