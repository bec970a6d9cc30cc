"""Every example of the grammar's tables (`extract.grammar_examples`) runs through `extract_page`."""

from __future__ import annotations

import pytest

from extract import extract_page, grammar
from extract.grammar_examples import EXAMPLES


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: "+".join(e["tables"][:2]))
def test_example_is_found(example):
    result = extract_page(example["text"], province=example["province"])
    if "subject" in example:
        s = result.subject
        assert (s and (s.number, s.kind, s.issuer)) == example["subject"]
    if "references" in example:
        assert [(r.number, r.kind, r.date, r.issuer) for r in result.references] \
            == example["references"]
    if "laws" in example:
        assert [(law.name, law.year) for law in result.laws] == example["laws"]
    if "relations" in example:
        assert [(r.source, r.target, r.type, r.evidence.cue) for r in result.relations] \
            == example["relations"]


def test_examples_name_real_tables_and_cover_the_main_ones():
    named = {t for e in EXAMPLES for t in e["tables"]}
    assert {t for t in named if not hasattr(grammar, t)} == set()
    assert {"KIND_WORDS", "CUES", "PASSIVE_CUES", "CODE_ISSUERS", "SIDE_LIST_HEADINGS",
            "REPORTING_VERBS"} <= named
