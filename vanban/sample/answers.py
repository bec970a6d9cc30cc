"""The questions `vanban run` asks the sample's store, and how their answers print on the
terminal. Split from vanban/cmd_run.py, which re-exports them (and writes the report)."""

from __future__ import annotations

from typing import Any

QUESTION_IMPLEMENTERS = ("Which documents implement 33/CT-TTg?", "33/CT-TTg", None)
QUESTION_IMPLEMENTS = ("What does 21/KH-UBND of Bắc Kạn implement?", "21/KH-UBND", "Bắc Kạn")
QUESTION_SUCCESSION = ("Which documents does Thái Nguyên cover since the 2025 merger?", None, "Thái Nguyên")


def answer_questions(store) -> dict[str, Any]:
    """The README's questions, answered by graph.queries: {"implementers", "implements",
    "succession" (what `--province "Thái Nguyên"` covers since the 2025 merger)}."""
    from graph import queries

    _, number, province = QUESTION_IMPLEMENTERS
    implementers = queries.implementers(store, number, province=province)
    _, number, province = QUESTION_IMPLEMENTS
    lineage = queries.lineage(store, number, province=province, types=("IMPLEMENTS", "BASED_ON"))
    _, _, province = QUESTION_SUCCESSION
    # a province of today covers the former provinces it took in (Bắc Kạn, for Thái Nguyên)
    succession = queries.search(store, province=province, limit=100_000)
    return {"implementers": implementers, "implements": lineage, "succession": succession}


def _flatten(tree: list[dict], depth: int = 1, via: str | None = None) -> list[dict]:
    """Rows (depth, document, relation, evidence, via) of a queries.lineage tree."""
    rows = []
    for node in tree:
        rows.append({"depth": depth, "document": node["document"], "relation": node["relation"],
                     "evidence": node.get("evidence") or [], "via": via})
        rows.extend(_flatten(node.get("children") or [], depth + 1, node["document"].get("number")))
    return rows


def implementer_rows(answer: dict) -> list[dict]:
    """Rows of the implementers answer: depth, document, via (what it implements), evidence."""
    rows = []
    for r in answer["results"]:
        last = r["evidence"][0] if r["evidence"] else {}
        via_key = r["path"][1] if len(r["path"]) > 1 else None
        via_doc = next((x["document"] for x in answer["results"] if x["document"]["key"] == via_key), None)
        rows.append({"depth": r["depth"], "document": r["document"], "relation": "IMPLEMENTS",
                     "via": via_doc["number"] if via_doc else None, "evidence": last.get("evidence") or []})
    return rows


def implements_rows(answer: dict) -> list[dict]:
    """Rows of "what does X implement": every ancestor with its relation and evidence."""
    rows = []
    for lineage in answer["lineages"]:
        rows.extend(_flatten(lineage["ancestors"]))
    return rows


def doc_text(doc: dict) -> str:
    from graph.provinces import display_locality

    parts = [doc.get("number") or doc.get("name") or doc.get("key", "?")]
    if doc.get("province"):
        parts.append(display_locality(doc["province"]))   # "Bắc Kạn (nay thuộc Thái Nguyên)"
    if doc.get("date"):
        parts.append(doc["date"])
    return " · ".join(parts)


def succession_counts(answer: dict) -> dict[str, int]:
    """Documents of the succession answer per issuing province, as `display_locality` shows it."""
    from graph.provinces import display_locality

    counts: dict[str, int] = {}
    for doc in answer["results"]:
        if doc.get("province"):
            shown = display_locality(doc["province"])
            counts[shown] = counts.get(shown, 0) + 1
    return dict(sorted(counts.items()))


def print_answers(answers: dict, console) -> None:
    """The answers with their evidence, for the terminal."""
    from rich.markup import escape

    for (question, _, _), rows, resolved in (
            (QUESTION_IMPLEMENTERS, implementer_rows(answers["implementers"]), answers["implementers"]["resolved"]),
            (QUESTION_IMPLEMENTS, implements_rows(answers["implements"]), answers["implements"]["resolved"])):
        console.print(f"\n[bold]{escape(question)}[/bold]")
        if not resolved:
            console.print("  the store holds no such document")
            continue
        console.print("  resolved: " + "; ".join(escape(doc_text(d)) for d in resolved))
        if not rows:
            console.print("  nothing found")
        for row in rows:
            via = f"  via {row['via']}" if row.get("via") else ""
            console.print(f"  {'  ' * (row['depth'] - 1)}[cyan]{row['relation']}[/cyan] "
                          f"[bold]{escape(doc_text(row['document']))}[/bold]  (depth {row['depth']}){escape(via)}")
            for ev in row["evidence"][:2]:
                sentence = " ".join((ev.get("sentence") or "").split())
                if len(sentence) > 220:
                    sentence = sentence[:217] + "..."
                console.print(f"  {'  ' * row['depth']}[dim]“{escape(sentence)}”[/dim]")
                if ev.get("page"):
                    console.print(f"  {'  ' * row['depth']}[dim]{escape(ev['page'])}[/dim]")
    if "succession" in answers:
        from graph.provinces import LEGAL_BASIS

        console.print(f"\n[bold]{escape(QUESTION_SUCCESSION[0])}[/bold]")
        counts = succession_counts(answers["succession"])
        console.print("  " + escape("; ".join(f"{n} of {where}" for where, n in counts.items())
                                    or "none in the store"))
        console.print(f"  [dim]{escape(LEGAL_BASIS)}; `vanban query search --province "
                      f"\"Thái Nguyên\"` lists them[/dim]")
