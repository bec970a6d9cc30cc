"""The relation type vocabulary is defined once, in graph.relation_types."""

from graph import facts, queries, relation_types as rt


def test_groups_are_subsets_and_descent_and_citation_split_every_type():
    assert set(rt.IMPLEMENTATION_TYPES) <= set(rt.LINEAGE_TYPES) <= set(rt.DESCENT_TYPES)
    assert set(rt.DESCENT_TYPES) | set(rt.CITATION_TYPES) == set(rt.RELATION_TYPES)
    assert not set(rt.DESCENT_TYPES) & set(rt.CITATION_TYPES)


def test_users_import_the_one_vocabulary():
    from vanban import report
    assert facts.RELATION_TYPES is rt.RELATION_TYPES
    assert queries.ALL_TYPES is rt.RELATION_TYPES
    assert queries.LINEAGE_TYPES is rt.LINEAGE_TYPES
    assert report.LINEAGE_TYPES is rt.DESCENT_TYPES   # the report's drawings: descent
