"""The extraction engine: one page's text -> subject, references, laws, typed relations.

The stages, in order, each a module of its own (the table in `extract`'s docstring says
which grammar tables each reads):

1. `read_page`        the page normalised and lower-cased, its side lists and district
2. `find_mentions`    every document number, with its kind, date and issuer as written
3. `find_laws`        laws cited by name
   (details)          a mention a sentence reports as issued takes the sentence's date
                      and actor (`with_reported_details`), a side-list item's its closing
                      "do ... ban hành" (`with_side_item_issuers`)
4. `find_subject`     the document the page is or reports
5. `find_relations`   statements of typed relations from cue phrases, with evidence
6. `resolve_page`     one reference per number, one law per name, relations named by
                      number, offsets mapped back into the input

Every stage reads the page's normalised text; only `resolve_page` goes back to the input's.
"""

from __future__ import annotations

import operator

from extract.laws import find_laws
from extract.mentions import find_mentions
from extract.model import PageExtraction
from extract.page import read_page
from extract.relations import find_relations
from extract.resolve import resolve_page
from extract.subject import find_subject, with_reported_details
from extract.titles import with_side_item_issuers


# a mention's start, read in C (`sorted` calls its key once per mention)
_START = operator.attrgetter("start")


def extract_page(text: str, *, province: str | None = None,
                 url: str | None = None) -> PageExtraction:
    """Extract one page (see `extract.extract_page`)."""
    page = read_page(text, province, url)
    mentions = find_mentions(page)
    laws = find_laws(page)
    mentions = with_side_item_issuers(page, with_reported_details(page, mentions))
    found = find_subject(page, mentions)
    cited = sorted(mentions + laws, key=_START)
    statements = find_relations(page, cited, found.mention if found else None)
    return resolve_page(page, mentions, laws, found, statements)
