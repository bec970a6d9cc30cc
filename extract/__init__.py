"""Text of a Vietnamese government page -> its documents, their kinds, dates, issuers and relations.

    >>> from extract import extract_page
    >>> result = extract_page(text, province="Bắc Kạn", url="https://backan.gov.vn/...")
    >>> result.to_dict()   # the `vanban extract` record

The citation grammar is data (`extract.grammar`), compiled once; `extract.normalize`
holds the normalisation rules every other module imports.
"""

from extract.model import Evidence, Law, PageExtraction, Reference, Relation, Subject

__all__ = ["extract_page", "PageExtraction", "Reference", "Subject", "Law", "Relation", "Evidence"]


def extract_page(text: str, *, province: str | None = None, url: str | None = None,
                 published: str | None = None) -> PageExtraction:
    """Extract the subject, references, laws and typed relations of one page's text.

    Offsets in the result point into `text` exactly as given.
    """
    from extract.engine import extract_page as _extract

    return _extract(text, province=province, url=url, published=published)
