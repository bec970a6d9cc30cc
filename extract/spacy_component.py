"""A spaCy component over the same engine: `nlp.add_pipe("vanban_citations")`.

    import spacy, extract.spacy_component  # registers the factory
    nlp = spacy.blank("vi")
    nlp.add_pipe("vanban_citations", config={"province": "Bắc Kạn"})
    doc = nlp(text)
    doc.spans["vanban"]            # every document number and law, labelled by kind
    doc._.vanban_subject            # the subject as a dict (or None)
    doc._.vanban_relations          # typed relations with evidence
    spacy.displacy.render(doc, style="span", options={"spans_key": "vanban"})

No grammar of its own: it calls `extract.extract_page` and maps the offsets onto
tokens, so the component and the command line always agree.
"""

from __future__ import annotations

from typing import Any

try:
    from spacy.language import Language
    from spacy.tokens import Doc, Span
except ModuleNotFoundError as exc:   # spaCy is the [spacy] extra
    raise ModuleNotFoundError("the spaCy component needs spaCy: pip install 'vanban-graph[spacy]'",
                              name=exc.name) from None

from extract import extract_page
from extract.grammar import OTHER_KIND

SPANS_KEY = "vanban"

for _name, _default in (("vanban_subject", None), ("vanban_relations", None),
                        ("vanban_laws", None), ("vanban_result", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)
for _name in ("vanban_number", "vanban_kind", "vanban_date", "vanban_issuer"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


class CitationComponent:
    """Puts the extractor's references, laws and relations on a Doc."""

    def __init__(self, nlp: Language, name: str, province: str | None, spans_key: str,
                 set_ents: bool):
        self.name = name
        self.province = province
        self.spans_key = spans_key
        self.set_ents = set_ents

    def __call__(self, doc: Doc) -> Doc:
        result = extract_page(doc.text, province=self.province)
        spans: list[Span] = []
        for ref in result.references:
            for start, end in ref.mentions or [(ref.start, ref.end)]:
                span = doc.char_span(start, end, label=ref.kind or OTHER_KIND,
                                     alignment_mode="expand")
                if span is None:
                    continue
                span._.vanban_number = ref.number
                span._.vanban_kind = ref.kind
                span._.vanban_date = ref.date
                span._.vanban_issuer = ref.issuer
                spans.append(span)
        subject = result.subject
        if subject is not None and subject.start is not None:
            span = doc.char_span(subject.start, subject.end, label="SUBJECT",
                                 alignment_mode="expand")
            if span is not None:
                span._.vanban_number = subject.number
                span._.vanban_kind = subject.kind
                span._.vanban_date = subject.date
                span._.vanban_issuer = subject.issuer
                spans.append(span)
        for law in result.laws:
            span = doc.char_span(law.start, law.end, label="LUAT", alignment_mode="expand")
            if span is not None:
                span._.vanban_number = law.name
                span._.vanban_kind = "L"
                spans.append(span)
        spans.sort(key=lambda s: (s.start, -s.end))
        doc.spans[self.spans_key] = spans
        if self.set_ents:
            doc.ents = _non_overlapping(spans)
        doc._.vanban_result = result
        doc._.vanban_subject = subject.to_dict() if subject else None
        doc._.vanban_relations = [r.to_dict() for r in result.relations]
        doc._.vanban_laws = [law.to_dict() for law in result.laws]
        return doc


def _non_overlapping(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    last_end = -1
    for span in spans:
        if span.start >= last_end:
            out.append(span)
            last_end = span.end
    return out


@Language.factory(
    "vanban_citations",
    default_config={"province": None, "spans_key": SPANS_KEY, "set_ents": False},
)
def make_citation_component(nlp: Language, name: str, province: str | None, spans_key: str,
                            set_ents: bool) -> CitationComponent:
    """The `vanban_citations` factory."""
    return CitationComponent(nlp, name, province, spans_key, set_ents)


# spaCy's Vietnamese tokenizer imports pyvi unless told not to; pyvi's word segmentation
# is 8x slower and gives the component the same spans, so the project does without it
BLANK_VI_CONFIG = {"nlp": {"tokenizer": {"use_pyvi": False}}}


def blank_pipeline(**config: Any) -> Language:
    """`spacy.blank("vi", config=BLANK_VI_CONFIG)` with the component added: the quickest
    way to a Doc."""
    import spacy

    nlp = spacy.blank("vi", config=BLANK_VI_CONFIG)
    nlp.add_pipe("vanban_citations", config=config)
    return nlp
