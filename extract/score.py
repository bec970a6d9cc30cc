"""Score the extractor against gold files (ANNOTATION.md §8): precision, recall, F1 per field.

    vanban score ../shared/corpus            # every NAME.txt with a NAME.json beside it

References are matched by number (`number_key`: case and leading zeros ignored);
dates, kinds and issuers are scored on the references both sides found; relations are
scored typed (source, target, type) and untyped (source, target).

Issuers follow the guide's version 2 (§6): compared loosely (case, diacritics,
abbreviations and the Party term folded; one name inside the other matches), over the
gold issuers that are not null. Where gold has no issuer and the extractor gives one,
the case is counted apart (`extra issuers`), neither right nor wrong.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from extract.normalize import fold, issuers_match, number_key


@dataclass
class Counts:
    """True positives, false positives, false negatives of one set-valued field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Accuracy:
    """Correct out of total, for a field compared item by item."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 1.0


@dataclass
class Score:
    """Every figure the scorer reports, and the misses behind them."""

    pages: int = 0
    references: Counts = field(default_factory=Counts)
    laws: Counts = field(default_factory=Counts)
    typed_relations: Counts = field(default_factory=Counts)
    untyped_relations: Counts = field(default_factory=Counts)
    subject_number: Accuracy = field(default_factory=Accuracy)
    subject_kind: Accuracy = field(default_factory=Accuracy)
    subject_date: Accuracy = field(default_factory=Accuracy)
    subject_issuer: Accuracy = field(default_factory=Accuracy)
    subject_title: Accuracy = field(default_factory=Accuracy)
    subject_signer: Accuracy = field(default_factory=Accuracy)
    reference_kind: Accuracy = field(default_factory=Accuracy)
    reference_date: Accuracy = field(default_factory=Accuracy)
    reference_issuer: Accuracy = field(default_factory=Accuracy)
    # issuers given where gold has none (§6: counted apart, not in the accuracy)
    extra_subject_issuers: int = 0
    extra_reference_issuers: int = 0
    misses: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"pages": self.pages}
        for name in ("references", "laws", "typed_relations", "untyped_relations"):
            c: Counts = getattr(self, name)
            out[name] = {"precision": round(c.precision, 4), "recall": round(c.recall, 4),
                         "f1": round(c.f1, 4), "tp": c.tp, "fp": c.fp, "fn": c.fn}
        for name in ("subject_number", "subject_kind", "subject_date", "subject_issuer",
                     "subject_title", "subject_signer", "reference_kind", "reference_date",
                     "reference_issuer"):
            a: Accuracy = getattr(self, name)
            out[name] = {"accuracy": round(a.value, 4), "correct": a.correct, "total": a.total}
        out["extra_subject_issuers"] = self.extra_subject_issuers
        out["extra_reference_issuers"] = self.extra_reference_issuers
        out["misses"] = self.misses
        return out


def _ref_key(value: str) -> str:
    """A relation end: a number's key, or a law's folded name."""
    return number_key(value) if any(ch.isdigit() for ch in value) and "/" in value else \
        "law:" + fold(value)


def _count(gold: set, found: set, counts: Counts, page: str, label: str,
           misses: list[str]) -> None:
    counts.tp += len(gold & found)
    counts.fp += len(found - gold)
    counts.fn += len(gold - found)
    for item in sorted(map(str, gold - found)):
        misses.append(f"{page}: missed {label} {item}")
    for item in sorted(map(str, found - gold)):
        misses.append(f"{page}: spurious {label} {item}")


def _compare(acc: Accuracy, gold: Any, found: Any, page: str, label: str, misses: list[str],
             same: Callable[[Any, Any], bool] = lambda a, b: a == b) -> None:
    acc.total += 1
    if same(gold, found):
        acc.correct += 1
    else:
        misses.append(f"{page}: {label} gold={gold!r} found={found!r}")


def _compare_issuer(acc: Accuracy, gold: str | None, found: str | None, page: str,
                    label: str, misses: list[str]) -> int:
    """Compare an issuer as §6 says; returns 1 when gold has none and `found` gives one
    (counted apart by the caller), else 0."""
    if not gold:
        if found:
            misses.append(f"{page}: extra {label} found={found!r} (gold has none)")
            return 1
        return 0
    _compare(acc, gold, found, page, label, misses, issuers_match)
    return 0


def _same_title(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return not a and not b
    return fold(a).strip(" .") == fold(b).strip(" .")


def score_page(gold: dict[str, Any], found: dict[str, Any], page: str, score: Score) -> None:
    """Add one page's comparison to `score`."""
    score.pages += 1
    misses = score.misses
    gs, fs = gold.get("subject"), found.get("subject")
    _compare(score.subject_number, gs and number_key(gs["number"]),
             fs and number_key(fs["number"]), page, "subject", misses)
    if gs and fs and number_key(gs["number"]) == number_key(fs["number"]):
        _compare(score.subject_kind, gs.get("kind"), fs.get("kind"), page, "subject kind", misses)
        _compare(score.subject_date, gs.get("date"), fs.get("date"), page, "subject date", misses)
        score.extra_subject_issuers += _compare_issuer(
            score.subject_issuer, gs.get("issuer"), fs.get("issuer"), page, "subject issuer",
            misses)
        _compare(score.subject_title, gs.get("title"), fs.get("title"), page, "subject title",
                 misses, _same_title)
        _compare(score.subject_signer, gs.get("signer"), fs.get("signer"), page,
                 "subject signer", misses)

    gold_refs = {number_key(r["number"]): r for r in gold.get("references", [])}
    found_refs = {number_key(r["number"]): r for r in found.get("references", [])}
    _count(set(gold_refs), set(found_refs), score.references, page, "reference", misses)
    for key in sorted(set(gold_refs) & set(found_refs)):
        g, f = gold_refs[key], found_refs[key]
        _compare(score.reference_kind, g.get("kind"), f.get("kind"), page,
                 f"kind of {g['number']}", misses)
        _compare(score.reference_date, g.get("date"), f.get("date"), page,
                 f"date of {g['number']}", misses)
        score.extra_reference_issuers += _compare_issuer(
            score.reference_issuer, g.get("issuer"), f.get("issuer"), page,
            f"issuer of {g['number']}", misses)

    _count({fold(law["name"]) for law in gold.get("laws", [])},
           {fold(law["name"]) for law in found.get("laws", [])}, score.laws, page, "law", misses)

    def rel_set(rels, typed: bool) -> set:
        return {(_ref_key(r["source"]), _ref_key(r["target"])) + ((r["type"],) if typed else ())
                for r in rels}

    _count(rel_set(gold.get("relations", []), True), rel_set(found.get("relations", []), True),
           score.typed_relations, page, "relation", misses)
    _count(rel_set(gold.get("relations", []), False), rel_set(found.get("relations", []), False),
           score.untyped_relations, page, "untyped relation", [])


def gold_pages(root: Path) -> list[tuple[Path, Path]]:
    """(text, gold) pairs under `root`, in name order."""
    pairs = []
    for gold in sorted(root.rglob("*.json")):
        text = gold.with_suffix(".txt")
        if text.exists():
            pairs.append((text, gold))
    return pairs


def gold_problem(gold) -> str | None:
    """What makes a gold record unusable (the shape of ANNOTATION.md), or None."""
    if not isinstance(gold, dict):
        return "not a JSON object"
    subject = gold.get("subject")
    if subject is not None and not (isinstance(subject, dict)
                                    and isinstance(subject.get("number"), str)):
        return "'subject' must be null or an object with a 'number' string"
    for part, required in (("references", ("number",)), ("laws", ("name",)),
                            ("relations", ("source", "target", "type"))):
        items = gold.get(part, [])
        if not isinstance(items, list):
            return f"'{part}' must be a list"
        for i, item in enumerate(items):
            if not isinstance(item, dict) or not all(isinstance(item.get(k), str)
                                                     for k in required):
                return f"{part}[{i}] must be an object with {', '.join(map(repr, required))} strings"
    return None


def score_corpus(root: Path) -> tuple[Score, list[str]]:
    """The score of every usable gold page under `root`, and one line per page that is
    not (unreadable, not JSON, not the annotation guide's shape): skipped, not fatal."""
    from extract import extract_page

    score, problems = Score(), []
    for text_path, gold_path in gold_pages(root):
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            text = text_path.read_text(encoding="utf-8")
        except OSError as exc:
            problems.append(f"{gold_path}: cannot read ({exc.strerror or exc})")
            continue
        except UnicodeDecodeError:
            problems.append(f"{gold_path} or its text: not UTF-8")
            continue
        except json.JSONDecodeError as exc:
            problems.append(f"{gold_path}: not JSON ({exc.msg}, line {exc.lineno})")
            continue
        except RecursionError:
            problems.append(f"{gold_path}: JSON nested too deep")
            continue
        problem = gold_problem(gold)
        if problem:
            problems.append(f"{gold_path}: {problem}")
            continue
        found = extract_page(text, province=gold.get("province"), url=gold.get("url")).to_dict()
        score_page(gold, found, str(text_path.relative_to(root)), score)
    return score, problems


def format_score(score: Score, *, show_misses: bool = True) -> str:
    """The report `vanban score` prints."""
    lines = [f"pages scored: {score.pages}", "",
             f"{'field':<22}{'precision':>10}{'recall':>10}{'F1':>10}{'tp/fp/fn':>14}"]
    for label, c in (("references", score.references), ("laws", score.laws),
                     ("typed relations", score.typed_relations),
                     ("untyped relations", score.untyped_relations)):
        lines.append(f"{label:<22}{c.precision:>10.3f}{c.recall:>10.3f}{c.f1:>10.3f}"
                     f"{f'{c.tp}/{c.fp}/{c.fn}':>14}")
    lines += ["", f"{'field':<22}{'accuracy':>10}{'correct/total':>16}"]
    for label, a in (("subject number", score.subject_number),
                     ("subject kind", score.subject_kind), ("subject date", score.subject_date),
                     ("subject issuer", score.subject_issuer),
                     ("subject title", score.subject_title),
                     ("subject signer", score.subject_signer),
                     ("reference kind", score.reference_kind),
                     ("reference date", score.reference_date),
                     ("reference issuer", score.reference_issuer)):
        lines.append(f"{label:<22}{a.value:>10.3f}{f'{a.correct}/{a.total}':>16}")
    lines += ["", "issuers given where gold has none (counted apart): "
              f"subjects {score.extra_subject_issuers}, references {score.extra_reference_issuers}"]
    if show_misses and score.misses:
        lines += ["", f"misses ({len(score.misses)}):"] + [f"  {m}" for m in score.misses]
    return "\n".join(lines)
