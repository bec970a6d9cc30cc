"""The scorer's rules (ANNOTATION.md version 2): a table of gold/found pairs and the figures."""

from __future__ import annotations

import pytest

from extract.score import Score, format_score, score_page


def _page(issuer, ref_issuer):
    return {"subject": {"number": "21/KH-UBND", "kind": "KH", "date": "2025-01-16",
                        "issuer": issuer, "signer": None, "title": None},
            "references": [{"number": "33/CT-TTg", "kind": "CT", "date": "2021-11-26",
                            "issuer": ref_issuer}],
            "laws": [], "relations": []}


# (gold issuer, found issuer) -> (correct, total, counted apart)
ISSUER_CASES = [
    ("Ủy ban nhân dân tỉnh Bắc Kạn", "UBND tỉnh Bắc Kạn", (1, 1, 0)),     # abbreviation folded
    ("Ủy ban nhân dân tỉnh Bắc Kạn", "Ủy ban nhân dân tỉnh", (1, 1, 0)),  # one inside the other
    ("Thủ tướng Chính phủ", "thu tuong chinh phu", (1, 1, 0)),            # case, diacritics
    ("Thủ tướng Chính phủ", None, (0, 1, 0)),                             # missed
    ("Thủ tướng Chính phủ", "Văn phòng Chính phủ", (0, 1, 0)),            # wrong body
    (None, "Thủ tướng Chính phủ", (0, 0, 1)),                             # gold has none: apart
    (None, None, (0, 0, 0)),                                              # nothing to score
]


@pytest.mark.parametrize("gold,found,expected", ISSUER_CASES)
def test_issuers_are_scored_over_gold_issuers_that_are_not_null(gold, found, expected):
    score = Score()
    score_page(_page(gold, gold), _page(found, found), "p.txt", score)
    for accuracy, extra in ((score.subject_issuer, score.extra_subject_issuers),
                            (score.reference_issuer, score.extra_reference_issuers)):
        assert (accuracy.correct, accuracy.total, extra) == expected
    assert "counted apart): subjects %d, references %d" % (expected[2], expected[2]) \
        in format_score(score)


def test_score_to_dict_carries_the_issuers_counted_apart():
    score = Score()
    score_page(_page(None, None), _page("Chính phủ", "Chính phủ"), "p.txt", score)
    figures = score.to_dict()
    assert figures["extra_subject_issuers"] == 1 and figures["extra_reference_issuers"] == 1
    assert figures["reference_issuer"]["total"] == 0
