"""`vanban crawl` and `vanban reextract`: portals -> pages -> the store."""

from __future__ import annotations

import json
import sys

import click


@click.command("crawl")
@click.option("--site", help="A bundled portal profile: daklak, ninhthuan, backan, quangtri, camlo.")
@click.option("--profile", "profile_file", type=click.Path(exists=True, dir_okay=False),
              help="A portal profile JSON file of your own (instead of --site).")
@click.option("--host", "hosts", multiple=True, metavar="HOST",
              help="A host the crawl may fetch, instead of the profile's (repeatable; host, host:port, "
                   "http://host:port or *.domain).")
@click.option("--start-url", help="Crawl any site from this URL (with --site/--profile: that profile at this address).")
@click.option("--province", help="The province the site speaks for (stored with each page).")
@click.option("--db", type=click.Path(dir_okay=False), help="The SQLite store (default: the user data dir).")
@click.option("--redis", "redis_url", help="Share one frontier and dupefilter through Redis (distributed crawl).")
@click.option("--recheck", is_flag=True, help="Fetch known pages again even without ETag/Last-Modified.")
@click.option("--no-warc", is_flag=True, help="Do not archive raw responses.")
@click.option("--jsonl", type=click.Path(dir_okay=False), help="Also append each stored record to this JSONL file.")
@click.option("--max-nav-depth", type=click.IntRange(min=0), default=2, show_default=True,
              help="How deep a --start-url crawl follows navigation links.")
@click.option("--progress", type=click.FloatRange(min=0), default=5.0, show_default=True,
              help="Seconds between progress lines on stderr (0: none).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("-s", "--set", "set_", multiple=True, metavar="NAME=VALUE",
              help="Override a Scrapy setting (e.g. -s DOWNLOAD_DELAY=1).")
@click.option("-v", "--verbose", is_flag=True, help="Scrapy's INFO log and tracebacks on stderr.")
def crawl_command(site, profile_file, hosts, start_url, province, db, redis_url, recheck, no_warc, jsonl, max_nav_depth, progress,
                  as_json, set_, verbose):
    """Crawl a portal into the store and print the crawl report.

    A second run fetches only what is new or changed. Exit status: 0 when the crawl
    ran (failed pages are listed in the report), 1 when nothing it asked for was fetched
    (the report lists why), on an unreachable Redis (at the start or midway), a store that
    cannot be opened, a bad profile file or an error that stopped the crawl itself; 2 on
    bad arguments (a --start-url that is not an http(s) URL or is outside --host) and when
    another crawl holds the lock on this store. Errors are one line; Scrapy's tracebacks
    only with -v.
    """
    from crawlers.runner import CrawlFailed, CrawlLocked, StartUrlRefused, run_crawl
    try:   # scrapy-redis is the [distributed] extra: only --redis needs it
        from crawlers.distributed import FRONTIER_LOST, FrontierUnavailable
    except ModuleNotFoundError:
        if redis_url:
            raise
        FRONTIER_LOST, FrontierUnavailable = object(), CrawlFailed

    if not site and not start_url and not profile_file:
        raise click.UsageError("give --site, --profile or --start-url")
    if site and profile_file:
        raise click.UsageError("give --site or --profile, not both")
    verbose = verbose or bool(click.get_current_context().find_root().params.get("verbose"))
    overrides = {"LOG_LEVEL": "INFO"} if verbose else {}
    for pair in set_:
        name, sep, value = pair.partition("=")
        if not sep:
            raise click.UsageError(f"-s wants NAME=VALUE, got {pair!r}")
        overrides[name] = value
    try:
        report = run_crawl(site=site, start_url=start_url, province=province, db=db, redis_url=redis_url,
                           progress=progress, recheck=recheck, warc=not no_warc, jsonl=jsonl,
                           max_nav_depth=max_nav_depth, overrides=overrides, profile=profile_file,
                           hosts=list(hosts) or None, verbose=verbose)
    except (CrawlLocked, StartUrlRefused) as exc:
        click.echo(f"vanban crawl: {exc}", err=True)
        sys.exit(2)
    except (FrontierUnavailable, CrawlFailed) as exc:
        click.echo(f"vanban crawl: {exc}", err=True)
        sys.exit(1)
    except KeyError as exc:
        raise click.UsageError(str(exc.args[0])) from None
    except json.JSONDecodeError as exc:
        click.echo(f"vanban crawl: {profile_file}: not JSON ({exc.msg}, line {exc.lineno})", err=True)
        sys.exit(1)
    except UnicodeDecodeError as exc:
        click.echo(f"vanban crawl: {profile_file}: not UTF-8 JSON (byte 0x{exc.object[exc.start]:02x} "
                   f"at offset {exc.start})", err=True)
        sys.exit(1)
    except ValueError as exc:  # a profile file with unknown fields, a host entry that is no host
        click.echo(f"vanban crawl: {exc}", err=True)
        sys.exit(1)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        click.echo(report.summary())
    if report.reason == FRONTIER_LOST:
        click.echo(f"vanban crawl: lost Redis at {redis_url} midway; the {report.new + report.changed} page(s) "
                   "stored this run are kept. Run the same command again once Redis answers to continue.",
                   err=True)
        sys.exit(1)
    if report.nothing_fetched:
        click.echo(f"vanban crawl: {report.nothing_fetched}", err=True)
        sys.exit(1)


@click.command("reextract")
@click.option("--db", type=click.Path(dir_okay=False), help="The store whose WARC archive is replayed.")
@click.option("--warc", "warc_paths", multiple=True, type=click.Path(exists=True),
              help="WARC files or folders to replay (default: the store's archive).")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def reextract_command(db, warc_paths, as_json):
    """Rebuild the graph from the archived responses with the current extractor (no network)."""
    from crawlers.reextract import reextract

    import contextlib
    import io
    import sqlite3
    warnings = io.StringIO()   # warcio writes its complaints about a bad archive to stderr
    try:
        with contextlib.redirect_stderr(warnings):
            counts = reextract(db=db, warc_paths=list(warc_paths) or None)
    except sqlite3.Error:
        from vanban.cmd_graph import _open as open_chosen_store   # the one message for a bad --db

        open_chosen_store(db, None, None, None, must_exist=False).close()
        raise
    except FileNotFoundError as exc:
        raise click.ClickException(f"no WARC archive at {exc.filename} (was the store crawled "
                                   "with --no-warc?); give --warc FILE_OR_DIR") from None
    if warnings.getvalue().strip():
        first = warnings.getvalue().strip().splitlines()[0].strip()
        click.echo(f"vanban reextract: warning: malformed WARC records skipped ({first})", err=True)
    if not counts["archived"]:
        raise click.ClickException(f"no archived pages in {', '.join(warc_paths) or 'the archive'}"
                                   " (not WARC, or empty)")
    if as_json:
        click.echo(json.dumps(counts, ensure_ascii=False))
    else:
        click.echo("reextract: " + " · ".join(f"{k} {v}" for k, v in counts.items() if k != "failures"))
        for f in counts.get("failures", []):
            click.echo(f"  {f['reason']}: {f['url']}")
