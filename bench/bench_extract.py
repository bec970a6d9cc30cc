"""Extractor throughput in MB/s over the gold corpus replicated to N MB, single core.

    python bench/bench_extract.py [--mb 50] [--corpus ../shared/corpus]
    python bench/bench_extract.py --compare ../base [--mb 5] [--rounds 5] [--pairs 300]
    python bench/bench_extract.py --output-hash

Prints figures and ratios; never fails on a machine's speed. Rows:
- a bare scan with the number regex alone (the floor any extractor pays),
- the whole extractor (`extract_page` per page, as the crawler calls it),
- each call the engine makes (`read_page`, `find_mentions`, `find_laws`, the details
  step, `find_subject`, `find_relations`, `resolve_page`), timed alone on the inputs the
  calls before it made (over `--stage-mb`), so a slow stage shows where the time goes,
- the spaCy component on `spacy.blank("vi")` with spaCy's own Vietnamese tokenizer
  (`use_pyvi: false`; tokenisation + the same engine),
so the cost of each layer shows as a ratio to the bare scan.

The benchmark imports the `extract` of the checkout it lives in (not whatever copy
is installed). Pages repeat in the replicated corpus, so the engine's caches of
small strings (numbers, issuer names, cue phrases) hit as they would on a crawl of
one portal; no cache holds a page or a sentence.

`--compare PATH` times another checkout (PATH, e.g. the code before a change) against
this one: the whole extractor and each stage, in CPU time (`time.process_time`), each
round a fresh process per checkout, the two alternating: the best of `--rounds` for each,
and the median of the rounds' own ratios with its quartiles; then, in one process with
both checkouts' extractors loaded, `--pairs` pairs of passes over the corpus's pages in
turns, and the median of their ratios. On a shared machine only ratios mean anything, and
the last is the steadiest: the two of a pair are a few milliseconds apart, where two
processes are seconds apart (the same checkout against itself: 0.99 to 1.00).

`--output-hash` prints a hash of `extract_page`'s output (JSON) over the corpus's pages
(with their gold province) and the grammar examples: a change made for speed alone must
leave it as it was.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus"
# the checkout whose `extract` is timed: this one, or the one `--checkout` names
_CHECKOUT_FLAG = "--checkout"
if _CHECKOUT_FLAG in sys.argv:
    sys.path.insert(0, str(Path(sys.argv[sys.argv.index(_CHECKOUT_FLAG) + 1]).resolve()))
else:
    sys.path.insert(0, str(HERE.parent))


def load_pages(corpus: Path) -> list[str]:
    pages = [p.read_text(encoding="utf-8") for p in sorted(corpus.rglob("*.txt"))]
    if not pages:
        raise SystemExit(f"no .txt pages under {corpus}")
    return pages


def replicate(pages: list[str], megabytes: float) -> tuple[list[str], int]:
    target = int(megabytes * 1_000_000)
    out, size = [], 0
    while size < target:
        for page in pages:
            out.append(page)
            size += len(page.encode("utf-8"))
            if size >= target:
                break
    return out, size


def timed(fn, pages: list[str], clock=time.perf_counter) -> float:
    start = clock()
    for page in pages:
        fn(page)
    return clock() - start


def stage_rows(pages: list[str], clock=time.perf_counter) -> list[tuple[str, float]]:
    """(stage, seconds) for each call `extract.engine.extract_page` makes, in its order,
    each timed alone over `pages` on the inputs the calls before it produced."""
    from extract.laws import find_laws
    from extract.mentions import find_mentions
    from extract.page import read_page
    from extract.relations import find_relations
    from extract.resolve import resolve_page
    from extract.subject import find_subject
    try:
        from extract.subject import with_reported_details
        from extract.titles import with_side_item_issuers
    except ImportError:
        with_reported_details = with_side_item_issuers = None

    rows = []

    def run(label, fn, items):
        begin = clock()
        out = [fn(*item) for item in items]
        rows.append((label, clock() - begin))
        return out

    read = run("page (normalise, side lists, district)", read_page, [(p,) for p in pages])
    mentions = run("mentions (numbers, dates, issuers)", find_mentions, [(p,) for p in read])
    laws = run("laws by name", find_laws, [(p,) for p in read])
    if with_reported_details is not None:   # a checkout from before the step lacks it
        mentions = run("details (reported, side items)",
                       lambda p, ms: with_side_item_issuers(p, with_reported_details(p, ms)),
                       list(zip(read, mentions)))
    found = run("subject", find_subject, list(zip(read, mentions)))
    cited = [sorted(ms + ls, key=lambda m: m.start) for ms, ls in zip(mentions, laws)]
    statements = run("relations", find_relations,
                     [(p, c, f.mention if f else None) for p, c, f in zip(read, cited, found)])
    run("resolution", resolve_page, list(zip(read, mentions, laws, found, statements)))
    return rows


def worker(args) -> None:
    """One round of `--compare` in this process: CPU seconds of the whole extractor and
    of each stage over the corpus replicated to `--mb`, as one JSON line."""
    from extract import extract_page

    work, _size = replicate(load_pages(args.corpus), args.mb)
    for page in work[:50]:      # imports, compiled patterns and small caches: not timed
        extract_page(page)
    secs = {"extractor (extract_page)": timed(extract_page, work, time.process_time)}
    secs.update(stage_rows(work, time.process_time))
    print(json.dumps(secs))


def output_hash(corpus: Path) -> str:
    """SHA-256 of `extract_page`'s output over `corpus`'s pages and the grammar examples."""
    from extract import extract_page
    from extract.grammar_examples import EXAMPLES

    out = []
    for page in sorted(corpus.rglob("*.txt")):
        gold = page.with_suffix(".json")
        province = json.loads(gold.read_text(encoding="utf-8")).get("province") \
            if gold.exists() else None
        found = extract_page(page.read_text(encoding="utf-8"), province=province)
        out.append([page.relative_to(corpus).as_posix(), found.to_dict()])
    for example in EXAMPLES:
        found = extract_page(example["text"], province=example.get("province"))
        out.append(["example", found.to_dict()])
    blob = json.dumps(out, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def quartiles(values: list[float]) -> tuple[float, float, float]:
    """(lower quartile, median, upper quartile) of `values` (at least one)."""
    q = statistics.quantiles(values, n=4, method="inclusive") if len(values) > 1 else values * 3
    return q[0], q[1], q[2]


def extract_page_of(checkout: Path):
    """`extract.engine.extract_page` as `checkout` defines it, imported apart from any
    other checkout's: the `extract` modules loaded before are dropped from `sys.modules`
    first. The engine's own function, not the package's: that one imports the engine on
    its first call, which would find whichever checkout was loaded last."""
    import importlib

    for name in [n for n in sys.modules if n == "extract" or n.startswith("extract.")]:
        del sys.modules[name]
    sys.path.insert(0, str(checkout))
    try:
        engine = importlib.import_module("extract.engine")
    finally:
        sys.path.remove(str(checkout))
    if not Path(engine.__file__).resolve().is_relative_to(checkout.resolve()):
        raise SystemExit(f"{checkout} has no extract package of its own")
    return engine.extract_page


def paired_passes(other: Path, mine: Path, pages: list[str], pairs: int) -> list[float]:
    """The ratios this/base of `pairs` pairs of passes over `pages`, the two checkouts'
    extractors loaded in one process and run in turns (the first of each pair
    alternating), in CPU time. The two share every minute of the machine and each
    pass is short, so a slow spell slows both of a pair alike."""
    base_extract, this_extract = extract_page_of(other), extract_page_of(mine)
    for page in pages * 2:          # imports, compiled patterns and small caches
        base_extract(page)
        this_extract(page)

    def one_pass(extract) -> float:
        begin = time.process_time()
        for page in pages:
            extract(page)
        return time.process_time() - begin

    ratios = []
    for i in range(pairs):
        if i % 2 == 0:
            base_secs = one_pass(base_extract)
            secs = one_pass(this_extract)
        else:
            secs = one_pass(this_extract)
            base_secs = one_pass(base_extract)
        ratios.append(secs / base_secs)
    return ratios


def compare(args) -> None:
    """CPU seconds of `--compare`'s checkout and this one, alternating, over `--rounds`:
    the best of each, and the median (with its quartiles) of the rounds' own ratios. A
    round's two runs follow each other, so a slow minute of a shared machine slows both:
    its ratio is the steadier figure, the best of N the one nearer an idle machine. The
    two run in turns, the first of each round alternating."""
    mine, other = HERE.parent, args.compare.resolve()
    rounds: dict[Path, list[dict[str, float]]] = {mine: [], other: []}
    for i in range(args.rounds):
        # (the order turns each round: neither checkout always runs second)
        for checkout in (other, mine) if i % 2 == 0 else (mine, other):
            cmd = [sys.executable, str(Path(__file__).resolve()), "--worker",
                   _CHECKOUT_FLAG, str(checkout), "--mb", str(args.mb), "--corpus", str(args.corpus)]
            env = dict(os.environ, PYTHONPATH=str(checkout))
            line = subprocess.run(cmd, env=env, check=True, capture_output=True,
                                  text=True).stdout.strip().splitlines()[-1]
            rounds[checkout].append(json.loads(line))
    _work, size = replicate(load_pages(args.corpus), args.mb)
    print(f"{size / 1e6:.1f} MB, CPU seconds, {args.rounds} rounds; "
          f"base = {other}, this = {mine}")
    print(f"{'what':<46}{'base':>9}{'this':>9}{'this/base':>11}{'round ratios':>22}")
    print(f"{'':<46}{'best':>9}{'best':>9}{'best':>11}{'median [quartiles]':>22}")
    best = {checkout: {label: min(r[label] for r in runs) for label in runs[0]}
            for checkout, runs in rounds.items()}
    labels = list(best[mine]) + [label for label in best[other] if label not in best[mine]]
    for label in labels:
        base_secs, secs = best[other].get(label), best[mine].get(label)
        if base_secs is None or secs is None:   # a stage one checkout lacks
            print(f"{label:<46}{'-' if base_secs is None else f'{base_secs:.3f}':>9}"
                  f"{'-' if secs is None else f'{secs:.3f}':>9}{'-':>11}")
            continue
        low, median, high = quartiles([m[label] / o[label]
                                       for m, o in zip(rounds[mine], rounds[other])])
        spread = f"{median:.3f} [{low:.3f}-{high:.3f}]"
        print(f"{label:<46}{base_secs:>9.3f}{secs:>9.3f}{secs / base_secs:>11.3f}{spread:>22}")
    if args.pairs:
        pages = load_pages(args.corpus)
        low, median, high = quartiles(paired_passes(other, mine, pages, args.pairs))
        print(f"extractor in one process, {args.pairs} pairs of passes over the {len(pages)} "
              f"pages in turns: this/base median {median:.3f} [{low:.3f}-{high:.3f}]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="corpus size to replicate to")
    parser.add_argument("--spacy-mb", type=float, default=5.0,
                        help="size for the (slower) spaCy row")
    parser.add_argument("--stage-mb", type=float, default=10.0,
                        help="size for the per-stage rows")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--compare", type=Path, metavar="PATH",
                        help="another checkout to time against this one (CPU time)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of --compare")
    parser.add_argument("--pairs", type=int, default=300,
                        help="pairs of in-process passes of --compare (0: none)")
    parser.add_argument("--output-hash", action="store_true",
                        help="print a hash of the extractor's output instead of timing")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(_CHECKOUT_FLAG, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.output_hash:
        return print(output_hash(args.corpus))
    if args.worker:
        return worker(args)
    if args.compare:
        return compare(args)

    from extract import extract_page
    from extract.patterns import NUMBER

    pages = load_pages(args.corpus)
    work, size = replicate(pages, args.mb)
    mb = size / 1e6
    print(f"corpus: {len(pages)} pages replicated to {len(work)} pages, {mb:.1f} MB")

    bare = timed(lambda t: sum(1 for _ in NUMBER.finditer(t)), work)
    full = timed(extract_page, work)
    rows = [("bare number regex scan", mb, bare), ("extractor (extract_page)", mb, full)]
    st_work, st_size = replicate(pages, args.stage_mb)
    rows += [("  stage: " + label, st_size / 1e6, secs) for label, secs in stage_rows(st_work)]

    import spacy

    from extract.spacy_component import BLANK_VI_CONFIG

    nlp = spacy.blank("vi", config=BLANK_VI_CONFIG)
    nlp.add_pipe("vanban_citations")
    sp_work, sp_size = replicate(pages, args.spacy_mb)
    sp = timed(nlp, sp_work)
    rows.append(("spaCy blank('vi') + vanban_citations", sp_size / 1e6, sp))
    tok = timed(spacy.blank("vi", config=BLANK_VI_CONFIG), sp_work)
    rows.append(("spaCy blank('vi') tokenizer alone", sp_size / 1e6, tok))

    base = mb / bare
    print(f"{'what':<46}{'MB':>8}{'seconds':>10}{'MB/s':>10}{'vs bare':>10}")
    for label, size_mb, secs in rows:
        rate = size_mb / secs
        print(f"{label:<46}{size_mb:>8.1f}{secs:>10.2f}{rate:>10.2f}{rate / base:>10.3f}")


if __name__ == "__main__":
    main()
