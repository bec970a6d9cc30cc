"""The Neo4j store's own answers to the look-ups that have a generic default in `Store`
(built from `walk`, `edges` and `documents`): the same rows, in one query each."""

from __future__ import annotations

import pytest

from graph.relation_types import IMPLEMENTATION_TYPES, LINEAGE_TYPES, RELATION_TYPES
from graph.store import Store
from tests.graph.records import ALL
from tests.graph.test_contract_bulk import MORE

pytestmark = pytest.mark.neo4j


@pytest.fixture
def loaded(neo4j_store):
    neo4j_store.load_pages(ALL + MORE)
    return neo4j_store


def test_reach_and_edge_keys_are_what_the_generic_walk_gives(loaded):
    keys = [n["key"] for n in loaded.iter_nodes()]
    assert len(keys) > 10
    for types in (IMPLEMENTATION_TYPES, LINEAGE_TYPES, RELATION_TYPES):
        for direction in ("in", "out"):
            assert loaded.edge_keys(keys, direction, types) == \
                Store.edge_keys(loaded, keys, direction, types)
            for key in keys:
                for depth in (1, 2, 10):
                    assert loaded.reach(key, direction, types, depth) == \
                        Store.reach(loaded, key, direction, types, depth), (key, direction)


def test_reach_of_nothing(loaded):
    assert loaded.reach("no such key", "in", IMPLEMENTATION_TYPES, 5) == []
    assert loaded.reach(next(loaded.iter_nodes())["key"], "in", (), 5) == []
    assert loaded.edge_keys([], "in", IMPLEMENTATION_TYPES) == []


def test_sources_for_many_keys_is_sources_of_each(loaded):
    keys = [n["key"] for n in loaded.iter_nodes()]
    for limit in (1, 20):
        assert loaded.sources_for(keys, limit) == {
            k: loaded.sources(k, limit) for k in keys if loaded.sources(k, limit)}
    assert loaded.sources_for([], 5) == {}
