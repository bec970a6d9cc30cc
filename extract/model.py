"""What the extractor returns: plain dataclasses that serialise to the `vanban extract` JSON."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# The longest evidence window (characters of the input text)
EVIDENCE_WINDOW = 300


@dataclass(slots=True)
class Reference:
    """A document named by its number in the text (ANNOTATION.md §3).

    `start`/`end` are offsets into the input text of the first mention that carries
    the most detail; `mentions` lists every (start, end) of the same number.
    """

    number: str
    kind: str | None
    date: str | None
    issuer: str | None
    start: int
    end: int
    mentions: list[tuple[int, int]] = field(default_factory=list)
    in_side_list: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "kind": self.kind, "date": self.date,
                "issuer": self.issuer, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Subject:
    """The document the page is, or reports (ANNOTATION.md §2)."""

    number: str
    kind: str | None
    date: str | None = None
    issuer: str | None = None
    signer: str | None = None
    title: str | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "kind": self.kind, "date": self.date,
                "issuer": self.issuer, "signer": self.signer, "title": self.title}


@dataclass(slots=True)
class Law:
    """A law or code cited by name, without a number."""

    name: str
    year: int | None
    start: int = -1
    end: int = -1

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "year": self.year}


@dataclass(slots=True)
class Evidence:
    """Where a relation is stated: a window of the sentence around the cue and the number
    (at most `EVIDENCE_WINDOW` characters, cut at word boundaries, so a page that is one
    long line costs output linear in its length), its offsets, the cue words, and the
    offsets of the whole sentence (`sentence_start`, `sentence_end`)."""

    sentence: str
    start: int
    end: int
    cue: str
    sentence_start: int = -1
    sentence_end: int = -1

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Relation:
    """A typed, directed link between two documents (numbers, or a law's name)."""

    source: str
    target: str
    type: str
    evidence: Evidence

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "target": self.target, "type": self.type,
                "evidence": self.evidence.to_dict()}


@dataclass(slots=True)
class PageExtraction:
    """Everything found on one page."""

    subject: Subject | None
    references: list[Reference]
    laws: list[Law]
    relations: list[Relation]

    def to_dict(self) -> dict[str, Any]:
        """The `vanban extract` record (without `path`, `url`, `province`)."""
        return {
            "subject": self.subject.to_dict() if self.subject else None,
            "references": [r.to_dict() for r in self.references],
            "laws": [law.to_dict() for law in self.laws],
            "relations": [r.to_dict() for r in self.relations],
        }
