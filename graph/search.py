"""Finding documents by what users type: a number in any spelling, or words of a title
or an issuer, with or without diacritics ("dân vận khéo" = "dan van kheo").

A number (`CT 33`, `33/CT-TTg 2021`, `Nghị quyết 25`) goes through the alias parser and
the store's number look-up (`graph.queries.search`). Words go to a full-text index kept
in the store itself and folded the same way as the query (`fold`: lower case, no
diacritics, `đ` -> `d`):

- SQLite: an FTS5 table `doc_fts` over the folded number, title, issuer and locality of
  each document. Triggers note the nodes a write changes the text of in `doc_fts_dirty`
  (an update that leaves the text as it was re-indexes nothing);
  `sqlite_sync`, called by the store at the end of every load, folds those in Python.
- Neo4j: a full-text index `document_text` with Lucene's `standard-folding` analyzer
  (ASCII folding maps `đ` to `d` too), which Neo4j keeps up to date by itself.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from extract.normalize import fold, issuers_match

_WORD = re.compile(r"[a-z0-9]+")
_YEAR_WORD = re.compile(r"(?:19|20)\d\d")
_FIELDS = ("number", "title", "issuer", "locality")

SQLITE_SCHEMA = """
CREATE VIRTUAL TABLE IF NOT EXISTS doc_fts USING fts5(text, tokenize='unicode61');
CREATE TABLE IF NOT EXISTS doc_fts_dirty(id INTEGER PRIMARY KEY);
CREATE TRIGGER IF NOT EXISTS doc_fts_new AFTER INSERT ON nodes
    BEGIN INSERT OR IGNORE INTO doc_fts_dirty(id) VALUES (new.id); END;
DROP TRIGGER IF EXISTS doc_fts_changed;
CREATE TRIGGER IF NOT EXISTS doc_fts_edited AFTER UPDATE OF number, title, issuer, locality,
    label ON nodes WHEN new.number IS NOT old.number OR new.title IS NOT old.title
    OR new.issuer IS NOT old.issuer OR new.locality IS NOT old.locality
    OR new.label IS NOT old.label
    BEGIN INSERT OR IGNORE INTO doc_fts_dirty(id) VALUES (new.id); END;
CREATE TRIGGER IF NOT EXISTS doc_fts_gone AFTER DELETE ON nodes
    BEGIN INSERT OR IGNORE INTO doc_fts_dirty(id) VALUES (old.id); END;
"""

NEO4J_INDEX = ("CREATE FULLTEXT INDEX document_text IF NOT EXISTS FOR (d:Document) "
               "ON EACH [d.number, d.title, d.issuer, d.locality] "
               "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}}")


def folded_words(text: str | None) -> list[str]:
    """The words of a text as the index holds them: folded, letters and digits only."""
    return _WORD.findall(fold(text or ""))


# --- SQLite ------------------------------------------------------------------------

def sqlite_prepare(conn) -> None:
    """Create the FTS table and its triggers; a store written before they existed gets
    every node marked for indexing (the next load, or `sqlite_sync`, fills it)."""
    fresh = conn.execute("SELECT 1 FROM sqlite_master WHERE name='doc_fts'").fetchone() is None
    for stmt in SQLITE_SCHEMA.split(";\n"):
        if stmt.strip():
            conn.execute(stmt)
    if fresh:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT OR IGNORE INTO doc_fts_dirty(id) SELECT id FROM nodes")
        sqlite_sync(conn)
        conn.execute("COMMIT")


def sqlite_sync(conn) -> None:
    """Re-index the nodes written since the last sync (inside the caller's transaction)."""
    ids = [r[0] for r in conn.execute("SELECT id FROM doc_fts_dirty")]
    if not ids:
        return
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        conn.execute(f"DELETE FROM doc_fts WHERE rowid IN ({marks})", chunk)
        rows = conn.execute(f"SELECT id, number, title, issuer, locality FROM nodes "
                            f"WHERE id IN ({marks}) AND label='Document'", chunk).fetchall()
        conn.executemany("INSERT INTO doc_fts(rowid, text) VALUES (?, ?)",
                         [(r[0], " ".join(folded_words(" ".join(v or "" for v in r[1:]))))
                          for r in rows])
    conn.execute("DELETE FROM doc_fts_dirty")


# a search ranks at most this many of the documents that have every word (the most
# recently indexed): the ranking function reads each one's statistics, so words that
# most documents have ("huyen uy") would otherwise cost a read of every such document
RANKED = 1000

# FTS5's bm25 constants (fts5_aux.c); `_bm25` computes its score with the same
# operations in the same order, so the scores are the same doubles
_K1, _B = 1.2, 0.75


def sqlite_words(store, words: list[str], limit: int) -> list[str]:
    """Keys of documents with every word, best (bm25) first, then by key; when more than
    `RANKED` documents have them, the best of the `RANKED` last indexed.

    FTS5's bm25() counts, in every query, the documents that have each word (a read of
    the word's whole list: most documents for "uy" or "huyen"). Here those counts are
    kept while the store is unchanged (`_corpus`), and the score is computed from the
    ranked documents' indexed text, the same value bm25() gives."""
    # every word must occur; each quoted, so nothing the user types is FTS syntax
    match = " ".join(f'"{w}"' for w in words)
    corpus = _corpus(store)
    if corpus is None:     # no statistics to read: FTS5 ranks (and counts) itself
        return [r[0] for r in store._conn.execute(
            "SELECT n.key FROM (SELECT rowid AS id, bm25(doc_fts) AS score FROM doc_fts "
            "WHERE doc_fts MATCH ? ORDER BY rowid DESC LIMIT ?) f JOIN nodes n ON n.id = f.id "
            "WHERE n.label = 'Document' ORDER BY f.score, n.key LIMIT ?",
            (match, RANKED, limit))]
    idf = [corpus.idf(store, w) for w in words]
    # the window in one row (a JSON array of [key, text]): Python's sqlite3 gives up and
    # takes back the interpreter lock at every row, and with other requests' threads
    # waiting for it each take-back can wait a switch interval (5 ms)
    (window,) = store._conn.execute(
        "SELECT json_group_array(json_array(n.key, f.text)) FROM (SELECT rowid AS id, text "
        "FROM doc_fts WHERE doc_fts MATCH ? ORDER BY rowid DESC LIMIT ?) f "
        "JOIN nodes n ON n.id = f.id WHERE n.label = 'Document'", (match, RANKED)).fetchone()
    # a score depends on the document's size and its count of each word only: documents
    # of the same shape (most, in a window of similar titles) are scored once
    scores: dict[tuple[int, ...], float] = {}
    ranked = []
    for key, text in json.loads(window):
        tokens = text.split()
        shape = (len(tokens), *map(tokens.count, words))
        score = scores.get(shape)
        if score is None:
            score = scores[shape] = _bm25(shape, idf, corpus.avgdl)
        ranked.append((score, key))
    ranked.sort()
    return [key for _, key in ranked[:max(0, limit)]]


def _bm25(shape: tuple[int, ...], idf: list[float], avgdl: float) -> float:
    """fts5_aux.c's bm25 of a document of `shape` (its number of tokens, then how often
    it has each word of the query) for single-word phrases, operation for operation."""
    size = float(shape[0])
    score = 0.0
    for count, weight in zip(shape[1:], idf):
        freq = float(count)
        score += weight * ((freq * (_K1 + 1.0)) / (freq + _K1 * (1 - _B + _B * size / avgdl)))
    return -1.0 * score


class _Corpus:
    """What bm25 reads of the whole index: the number of documents and of tokens (FTS5's
    averages record) and, asked for word by word, how many documents have each word."""

    def __init__(self, rows: int, tokens: int):
        self.rows = max(rows, 1)
        self.avgdl = float(tokens) / float(self.rows)
        self._having: dict[str, int] = {}

    def idf(self, store, word: str) -> float:
        having = self._having.get(word)
        if having is None:
            conn = store._conn
            # a per-connection view of the index's words (temp schema: nothing written)
            conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.doc_fts_words "
                         "USING fts5vocab(main, doc_fts, 'row')")
            row = conn.execute("SELECT doc FROM temp.doc_fts_words WHERE term = ?",
                               (word,)).fetchone()
            having = self._having[word] = row[0] if row else 0
        idf = math.log((self.rows - having + 0.5) / (having + 0.5))
        return idf if idf > 0.0 else 1e-6


# (store path, change token) -> its _Corpus, for the stores of this process
_CORPORA: dict[tuple[str, Any], _Corpus] = {}


def _corpus(store) -> _Corpus | None:
    """The store's `_Corpus`, kept while its change token stays the same (a store with
    no token, in memory, reads it anew); None when the averages record is missing."""
    token = store.change_token() if hasattr(store, "change_token") else None
    ident = (str(getattr(store, "path", "")), token)
    corpus = _CORPORA.get(ident) if token is not None else None
    if corpus is None:
        row = store._conn.execute("SELECT block FROM doc_fts_data WHERE id = 1").fetchone()
        numbers = _varints(row[0]) if row and isinstance(row[0], bytes) else []
        if len(numbers) < 2:
            return None
        corpus = _Corpus(numbers[0], numbers[1])
        if token is not None:
            for old in [k for k in list(_CORPORA) if k[0] == ident[0]]:
                _CORPORA.pop(old, None)     # the same store before a change
            _CORPORA[ident] = corpus
    return corpus


def _varints(blob: bytes) -> list[int]:
    """The numbers of an FTS5 record (SQLite varints: 7 bits a byte, high bit set when
    more follow, the ninth byte whole); the averages record holds the number of rows,
    then the tokens of each column."""
    out, i = [], 0
    while i < len(blob):
        value = 0
        for n in range(9):
            if i >= len(blob):
                return out
            byte = blob[i]
            i += 1
            if n == 8:
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if not byte & 0x80:
                break
        out.append(value)
    return out


# --- Neo4j -------------------------------------------------------------------------

def neo4j_prepare(session) -> None:
    """Create the full-text index (idempotent); Neo4j maintains it on every write."""
    session.run(NEO4J_INDEX).consume()


def neo4j_words(store, words: list[str], limit: int) -> list[str]:
    # words are [a-z0-9]+ only, so the Lucene query has no syntax of the user's
    query = " AND ".join(words)
    return [r["key"] for r in store._read(
        "CALL db.index.fulltext.queryNodes('document_text', $q) YIELD node, score "
        "RETURN node.key AS key ORDER BY score DESC, key LIMIT $limit", q=query, limit=limit)]


def word_keys(store, words: list[str], limit: int) -> list[str]:
    """Keys of the documents whose number, title, issuer or locality has every word
    (each store answers from its own index: `sqlite_words` or `neo4j_words`)."""
    if not words:
        return []
    return store.word_keys(words, limit)


# --- the search -----------------------------------------------------------------------

def search(store, text: str | None = None, *, kind: str | None = None,
           issuer: str | None = None, year: int | None = None, province: str | None = None,
           limit: int = 50) -> dict[str, Any]:
    """Documents for what a user typed: `{"query", "parsed", "mode", "results"}`.

    A number or a kind and a serial (`CT 33`) is looked up as a number (`mode`
    "number"); other text as words (`mode` "words"); no text lists by the filters."""
    from graph import queries
    from graph.aliases import parse_alias
    alias = parse_alias(text) if text and text.strip() else None
    accepted = set(queries.province_filter(province)) if province else None
    if alias is None or alias.number_key or alias.serial:
        # the store filters by the province and its predecessors itself
        result = queries.search(store, text, kind=kind, issuer=issuer, year=year,
                                province=province, limit=limit)
        result["mode"] = "number" if alias else "filters"
        return result
    words = folded_words(text)
    year = year or next((int(w) for w in words if _YEAR_WORD.fullmatch(w)), None)
    words = [w for w in words if not _YEAR_WORD.fullmatch(w)] or words
    keys = word_keys(store, words, max(limit * 20, 500)) if limit > 0 else []
    rows = []
    # the facts of the best keys first, a page more at a time while the filters drop
    # some: without filters the documents shown are the only ones read
    step = max(limit, 1)
    for start in range(0, len(keys), step):
        docs = store.documents(keys[start:start + step])
        for key in keys[start:start + step]:
            d = docs.get(key)
            if d is None or (kind and d.get("kind") != kind):
                continue
            if issuer and not (d.get("issuer") and issuers_match(issuer, d["issuer"])):
                continue
            if year and d.get("year") != int(year) and (d.get("date") or "")[:4] != str(year):
                continue
            if accepted is not None and not _in(d, accepted):
                continue
            rows.append(d)
            if len(rows) >= limit:
                break
        if len(rows) >= limit:
            break
        step = min(step * 4, 1000)
    return {"query": text, "parsed": alias.to_dict(), "mode": "words",
            "results": [queries._brief(d) for d in rows]}


def _in(doc: dict[str, Any], accepted: set[str]) -> bool:
    return (doc.get("province") or (doc.get("locality") or "").split("/")[0]) in accepted
