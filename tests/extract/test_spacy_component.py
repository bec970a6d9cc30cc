"""The spaCy component puts the engine's results on a Doc, on a blank Vietnamese pipeline."""

from __future__ import annotations

import spacy
from spacy import displacy

import extract.spacy_component  # noqa: F401  (registers the factory)
from extract import extract_page

TEXT = ("Số: 21/KH-UBND\nBắc Kạn, ngày 16 tháng 01 năm 2025\nKẾ HOẠCH\nTHỰC HIỆN CÔNG TÁC DÂN VẬN\n"
        "Căn cứ Kế hoạch số 141-KH/BDVTU ngày 27/12/2024 của Ban Dân vận Tỉnh ủy; thực hiện "
        "Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ theo Luật Thực hiện dân "
        "chủ ở cơ sở năm 2023.")


def test_component_on_blank_vi_matches_the_engine():
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("vanban_citations", config={"province": "Bắc Kạn"})
    doc = nlp(TEXT)
    engine = extract_page(TEXT, province="Bắc Kạn")
    spans = doc.spans["vanban"]
    numbers = [s._.vanban_number for s in spans if s.label_ not in ("SUBJECT", "LUAT")]
    assert numbers == [r.number for r in engine.references]
    assert {s.label_ for s in spans} >= {"KH", "CT", "SUBJECT", "LUAT"}
    ct = next(s for s in spans if s._.vanban_number == "33/CT-TTg")
    assert ct.text == "33/CT-TTg" and ct._.vanban_date == "2021-11-26"
    assert doc._.vanban_subject["number"] == "21/KH-UBND"
    assert {(r["target"], r["type"]) for r in doc._.vanban_relations} == {
        (r.target, r.type) for r in engine.relations}


def test_displacy_renders_the_spans():
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("vanban_citations", config={"set_ents": True})
    doc = nlp(TEXT)
    html = displacy.render(doc, style="span", options={"spans_key": "vanban"}, page=False)
    assert "TTg" in html and ">CT<" in html.replace(" ", "").replace("\n", "")
    assert any(e.label_ == "CT" for e in doc.ents)
