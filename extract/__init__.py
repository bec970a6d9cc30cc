"""Text of a Vietnamese government page -> its documents, their kinds, dates, issuers and relations.

    >>> from extract import extract_page
    >>> result = extract_page(text, province="Bắc Kạn")
    >>> result.to_dict()   # the `vanban extract` record

`extract.engine.extract_page` runs the stages in this order, one module each; every
stage reads the grammar's tables (`extract.grammar`, compiled in `extract.patterns`)
and no word of its own (`grammar_issuers` and `patterns_issuers` are parts of those two):

=========  ==============  ========================================================
stage      module          grammar tables it reads
=========  ==============  ========================================================
page       `page`          SIDE_LIST_HEADINGS, DISTRICT_WORD_TAIL
mentions   `mentions`      KIND_WORDS, CODE_KINDS, KNOWN_CODES, NUMBERED_CODES,
                           OTHER_KIND, PLENUM_ISSUER (and `issuers` for the issuer)
(issuers)  `issuers`       ISSUER_WORDS, ISSUER_STOP_PAIRS, DEPARTMENT_HEADS,
                           DEPARTMENT_NAMES, JOINT_ISSUERS, NAME_ENDING_WORDS,
                           NAME_COMMA_WORDS, PROPER_NAMES, HEADER_BODIES, PROVINCES,
                           ISSUER_ABBREVIATIONS, ISSUER_SPELLINGS, LOCAL_ISSUER_ENDINGS,
                           CITY_ISSUER_ENDINGS, PEOPLES_BODIES, CENTRAL_CITIES,
                           CITY/PROVINCE_LOCALITY, STANDING_COMMITTEE, OFFICIAL_TITLES,
                           HEADER_NAMES, NUMBERED_NAME_WORDS
(codes)    `issuer_codes`  CODE_ISSUERS, MINISTRY_CODE_*, JOINT_ISSUER_JOIN (the body
                           a number's codes name; `normalize` reads PARTY_ISSUER_CODES)
laws       `laws`          LAW_START_PIECES, LAW_STOP, LAW_STOP_PAIRS, LAW_NAME_*,
                           LAW_INNER_*, CONSTITUTION, KIND_WORDS
subject    `subject`       REPORTING_VERBS, TYPE_LINES, SIGNATURE_TITLES,
                           HISTORY_HEADING, DISTRICT_PARTY_COMMITTEES, PEOPLE
(titles)   `titles`        ABOUT_WHAT, DATABASE_DATE_LABEL, RECIPIENTS_WORD,
                           TITLE_RUN_ON_TAILS, YEAR_WORD (a subject's title and signer)
(cues)     `cues`          CUES, PASSIVE_CUES, PASSIVE_BEFORE, PASSIVE_AFTER
(preamble) `preamble`      ISSUING_VERBS, ACTING_VERBS, PREAMBLE_CONTINUATIONS,
                           PAST_WORK_PERIODS, PAST_WORK_SPAN, REPORTING_VERBS ("Thực hiện
                           X, <body> ban hành Y"; statements about past work)
relations  `relations`     BLOCKING_WORDS, KIND_WORDS, AND (and `cues` for the cues)
resolve    `resolve`       CODE_ISSUERS (through `issuer_codes`)
=========  ==============  ========================================================

Between the stages: a `page.Page` (built once), `mentions.Mention`s (never changed once
built), a `subject.SubjectFind`, `relations.Statement`s whose page-subject end is
`relations.SUBJECT`; `resolve` turns them into the `extract.model` records.
`extract.normalize` holds the normalisation rules every other module imports.
"""

import functools

from extract.model import Evidence, Law, PageExtraction, Reference, Relation, Subject

__all__ = ["extract_page", "PageExtraction", "Reference", "Subject", "Law", "Relation", "Evidence"]


def extract_page(text: str, *, province: str | None = None,
                 url: str | None = None) -> PageExtraction:
    """Extract the subject, references, laws and typed relations of one page's text.

    `province` is the province the page's portal speaks for: it completes issuers the
    text names only as "UBND tỉnh", "Tỉnh ủy" (§6). `url`, the page's address, may
    confirm or choose the subject among the numbers the text gives (legal databases
    name it in their addresses), never supply one. Offsets in the result point into
    `text` exactly as given.
    """
    return _engine().extract_page(text, province=province, url=url)


@functools.cache
def _engine():
    """The engine, imported on the first page (importing `extract.normalize` alone, as the
    graph does, need not compile every pattern); cached, as an import statement run per
    page costs more than the call."""
    from extract import engine

    return engine
