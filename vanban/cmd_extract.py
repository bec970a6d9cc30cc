"""`vanban extract` and `vanban score`: the extractor's command-line contract."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


class NotText(ValueError):
    """An input that is not text (an executable, an image, a PDF): refused, not scanned."""


def _read_input(name: str) -> str:
    """The text of FILE, or of standard input for `-`, in whatever encoding it has;
    raises NotText for a binary file (NUL bytes once decoded: git's and grep's rule)."""
    from extract.textio import decode_bytes

    data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    text = decode_bytes(data).text
    if "\0" in text:
        raise NotText("not a text file (binary content); give the page's text "
                      "(PDF and DOCX attachments: `vanban crawl` reads them)")
    return text


@click.command("extract")
@click.option("--province", help="The province the pages speak for (completes 'UBND tỉnh').")
@click.option("--url", help="The pages' URL, recorded in the output; it may confirm the subject.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json"]), default="jsonl",
              show_default=True, help="One JSON object per line, or one indented array.")
@click.argument("files", nargs=-1, required=True)
def extract_command(province, url, fmt, files):
    """Extract documents, references, laws and relations from page texts.

    Prints one JSON object per input FILE (`-` reads standard input). A file that
    cannot be read is reported on standard error; the others are still processed
    and the exit status is 1.
    """
    from extract import extract_page

    failures = 0
    records = []
    for name in files:
        try:
            text = _read_input(name)
        except OSError as exc:
            failures += 1
            click.echo(f"vanban extract: cannot read {name}: {exc.strerror or exc}", err=True)
            continue
        except NotText as exc:
            failures += 1
            click.echo(f"vanban extract: {name}: {exc}", err=True)
            continue
        try:
            result = extract_page(text, province=province, url=url)
        except Exception as exc:  # one bad page must not stop the others
            failures += 1
            click.echo(f"vanban extract: failed on {name}: {type(exc).__name__}: {exc}",
                       err=True)
            continue
        record = {"path": name, "url": url, "province": province, **result.to_dict()}
        if fmt == "jsonl":
            click.echo(json.dumps(record, ensure_ascii=False))
        else:
            records.append(record)
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    if failures:
        sys.exit(1)


@click.command("score")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--no-misses", is_flag=True, help="Leave out the list of misses.")
def score_command(gold_dir: Path, as_json: bool, no_misses: bool):
    """Score the extractor on a gold folder (NAME.txt + NAME.json pairs, any depth).

    Prints precision, recall and F1 of references, laws and relations, and the
    accuracy of subjects and of reference kinds, dates and issuers.
    """
    from extract.score import format_score, score_corpus

    score, problems = score_corpus(gold_dir)
    for problem in problems:
        click.echo(f"vanban score: {problem}", err=True)
    if score.pages == 0:
        usable = " usable" if problems else ""
        raise click.ClickException(f"no{usable} NAME.txt + NAME.json pairs under {gold_dir}")
    if as_json:
        data = score.to_dict()
        if no_misses:
            data.pop("misses")
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(format_score(score, show_misses=not no_misses))
    if problems:
        sys.exit(1)
