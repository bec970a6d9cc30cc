"""Extractor throughput in MB/s over the gold corpus replicated to N MB, single core.

    python bench/bench_extract.py [--mb 50] [--corpus ../shared/corpus]

Prints figures and ratios; never fails on a machine's speed. Three rows:
- a bare scan with the number regex alone (the floor any extractor pays),
- the whole extractor (`extract_page` per page, as the crawler calls it),
- the spaCy component on `spacy.blank("vi")` (tokenisation + the same engine),
so the cost of each layer shows as a ratio to the bare scan.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus"


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


def timed(fn, pages: list[str]) -> float:
    start = time.perf_counter()
    for page in pages:
        fn(page)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="corpus size to replicate to")
    parser.add_argument("--spacy-mb", type=float, default=5.0,
                        help="size for the (slower) spaCy row")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()

    from extract import extract_page
    from extract.patterns import NUMBER

    pages = load_pages(args.corpus)
    work, size = replicate(pages, args.mb)
    mb = size / 1e6
    print(f"corpus: {len(pages)} pages replicated to {len(work)} pages, {mb:.1f} MB")

    bare = timed(lambda t: sum(1 for _ in NUMBER.finditer(t)), work)
    full = timed(extract_page, work)
    rows = [("bare number regex scan", mb, bare), ("extractor (extract_page)", mb, full)]

    import spacy

    import extract.spacy_component  # noqa: F401

    nlp = spacy.blank("vi")
    nlp.add_pipe("vanban_citations")
    sp_work, sp_size = replicate(pages, args.spacy_mb)
    sp = timed(nlp, sp_work)
    rows.append(("spaCy blank('vi') + vanban_citations", sp_size / 1e6, sp))
    tok = timed(spacy.blank("vi"), sp_work)
    rows.append(("spaCy blank('vi') tokenizer alone", sp_size / 1e6, tok))

    base = mb / bare
    print(f"{'what':<40}{'MB':>8}{'seconds':>10}{'MB/s':>10}{'vs bare':>10}")
    for label, size_mb, secs in rows:
        rate = size_mb / secs
        print(f"{label:<40}{size_mb:>8.1f}{secs:>10.2f}{rate:>10.2f}{rate / base:>10.3f}")


if __name__ == "__main__":
    main()
