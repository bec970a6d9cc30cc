"""The relation types of the lineage graph, named once: the stores, the queries and the
HTML report all import them from here.

A relation `source -TYPE-> target` says that the source document (the page's subject)
does TYPE to the target. The groups below are the questions that follow some of them:

- `RELATION_TYPES`: every type a store keeps (the only strings ever put into a
  relationship type in Cypher, never taken from input);
- `IMPLEMENTATION_TYPES`: what makes a document an implementer of another
  (`queries.implementers`);
- `LINEAGE_TYPES`: the chains `queries.lineage` walks up (ancestors) and down
  (descendants): implementing it or being based on it;
- `DESCENT_TYPES`: what makes a document a descendant of another in the HTML report's
  lineage drawings: the lineage types, and guiding it;
- `CITATION_TYPES`: the rest, a document naming another without descending from it.
"""

RELATION_TYPES = ("IMPLEMENTS", "BASED_ON", "GUIDES", "AMENDS", "REPLACES", "REPEALS", "CITES")
IMPLEMENTATION_TYPES = ("IMPLEMENTS",)
LINEAGE_TYPES = ("IMPLEMENTS", "BASED_ON")
DESCENT_TYPES = (*LINEAGE_TYPES, "GUIDES")
CITATION_TYPES = tuple(t for t in RELATION_TYPES if t not in DESCENT_TYPES)

__all__ = ["RELATION_TYPES", "IMPLEMENTATION_TYPES", "LINEAGE_TYPES", "DESCENT_TYPES",
           "CITATION_TYPES"]
