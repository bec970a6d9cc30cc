"""graph.plan: the store-independent planning both stores write from."""

from graph.facts import page_facts
from graph.plan import (aggregate_laws, decide_mentions, earliest, number_serial, province_of,
                        serial_key)

from tests.graph.records import CT33, NINH_THUAN, doc, page


def test_identity_columns():
    assert serial_key("05") == "5" and serial_key("000") == "0" and serial_key("12") == "12"
    assert number_serial("05-CT/TW") == "5" and number_serial("33/CT-TTg") == "33"
    assert province_of("Ninh Thuận/Ninh Phước") == "Ninh Thuận"
    assert province_of("?/Cam Lộ") is None and province_of(None) is None
    assert earliest(None, 3) == 3 and earliest(2, None) == 2 and earliest(2, 3) == 2
    assert earliest(None, None) is None


def test_decided_mentions_and_the_numbers_to_decide_again():
    undated = page("https://backan.example/a", "Bắc Kạn",
                   subject=doc("21/KH-UBND", "KH", "2025-01-16", "Ủy ban nhân dân tỉnh Bắc Kạn"),
                   references=[doc("33/CT-TTg", "CT")], published="2025-01-20")
    pages = [page_facts(NINH_THUAN), page_facts(undated)]
    plan = decide_mentions(pages)
    mentions = [mf.mention for p in pages for mf in p.mentions]
    decided = {m.mid for m in mentions if m.mid in plan.decided}
    partial = [m for m in mentions if m.mid not in plan.decided]
    assert partial and decided
    # every partial mention's number is to be decided again
    assert {m.number_key for m in partial} <= plan.dirty
    # each decided document keeps its mentions' contributions, and a sample mention
    assert set(plan.contributions) == {k for k, _ in plan.decided.values()}
    assert set(plan.sample) == set(plan.contributions)
    ct33_key = next(k for k in plan.contributions if k.startswith("33/CT-TTG"))
    assert plan.numbers_of([ct33_key]) == {plan.sample[ct33_key].number_key}
    assert CT33["number"] == plan.sample[ct33_key].number


def test_laws_aggregate_whatever_the_order():
    a = page("https://x.example/a", "Bắc Kạn", laws=[{"name": "Luật Đất đai", "year": 2024}],
             published="2024-08-01")
    b = page("https://x.example/b", "Bắc Kạn", laws=[{"name": "Luật  Đất đai", "year": 2013}],
             published="2023-02-01")
    forward = aggregate_laws([page_facts(a), page_facts(b)])
    backward = aggregate_laws([page_facts(b), page_facts(a)])
    assert forward == backward
    (law,) = forward.values()
    assert law["year"] == 2013 and law["seen"] == "2023-02-01"
