"""A document's neighbourhood drawn on the server: Graphviz `dot` -> inline SVG.

Only the document, what it points at and what points at it (at most `READABLE` each
way, then one node saying how many more) are drawn, never the whole graph; every node
links to its document page.
"""

from __future__ import annotations

import functools
import os
import re
import select
import shutil
import subprocess
import threading
import time
from typing import Any

from vanban.web.answers import doc_href

_PROLOGUE = re.compile(r"^.*?(?=<svg)", re.DOTALL)
_LATER_GRAPH = re.compile(r'(?<= id=")page\d+,\d+_')
_COLOURS = {"IMPLEMENTS": "#1b5e20", "BASED_ON": "#0d47a1", "CITES": "#9e9e9e"}


def _quoted(text: Any) -> str:
    """A DOT string literal: backslashes and quotes escaped, so nothing in a title or a
    number is DOT syntax (dot itself escapes the text it writes into SVG)."""
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace(
        "\n", " ").replace("\r", " ") + '"'


def _label(doc: dict[str, Any]) -> str:
    head = doc.get("number") or doc.get("name") or doc["key"]
    place = doc.get("locality") or ""
    when = doc.get("date") or (str(doc["year"]) if doc.get("year") else "")
    return "\n".join(x for x in (head, place, when) if x)


# what a reader takes in at once: beyond this many documents each way the picture says
# how many more there are (the page's lists have them all)
READABLE = 12
_DRAW_ORDER = {"IMPLEMENTS": 0, "BASED_ON": 1, "GUIDES": 2, "CITES": 9}


def neighbourhood_dot(doc: dict[str, Any], cites: dict[str, Any], cited_by: dict[str, Any],
                      limit: int = READABLE, href=doc_href,
                      more: str | None = None) -> str:
    """DOT source: the document, its outgoing and incoming relations (arrows from the
    citing document to the cited one), nodes linking to their pages (`href(key)`). At
    most `limit` documents each way, the lineage relations first; the others are one
    node saying how many (`more`, counted from the answers' `counts` when sliced)."""
    from vanban.web.labels import labels
    more = more or labels("vi")["more_relations"]
    nodes = {doc["key"]: doc}
    edges = []
    extra = {}
    for side, answer in (("out", cites), ("in", cited_by)):
        shown, drawn = 0, 0
        for r in sorted(answer["results"], key=lambda r: _DRAW_ORDER.get(r["type"], 5)):
            key = r["document"]["key"]
            if key not in nodes:
                if shown >= limit:
                    continue
                shown += 1
                nodes[key] = r["document"]
            edges.append((doc["key"], key, r["type"]) if side == "out"
                         else (key, doc["key"], r["type"]))
            drawn += 1
        total = answer.get("counts", {}).get(doc["key"], len(answer["results"]))
        if total > drawn:
            extra[side] = total - drawn
    ids = {key: f"n{i}" for i, key in enumerate(nodes)}
    lines = ["digraph neighbourhood {", "rankdir=BT; bgcolor=transparent;",
             'node [shape=box, style="rounded,filled", fillcolor="#f5f5f5", '
             'fontname="DejaVu Sans", fontsize=10];',
             'edge [fontname="DejaVu Sans", fontsize=8];']
    for key, n in nodes.items():
        focus = ', fillcolor="#ffe082", penwidth=2' if key == doc["key"] else ""
        label = "\\n".join(_quoted(part)[1:-1] for part in _label(n).split("\n"))
        lines.append(f'{ids[key]} [label="{label}", URL={_quoted(href(key))}, '
                     f'target="_top", tooltip={_quoted(n.get("title") or n.get("number") or key)}'
                     f"{focus}];")
    for src, dst, rtype in dict.fromkeys(edges):
        colour = _COLOURS.get(rtype, "#6d4c41")
        lines.append(f'{ids[src]} -> {ids[dst]} [label={_quoted(rtype.lower())}, '
                     f'color="{colour}", fontcolor="{colour}"];')
    for side, n in extra.items():
        lines.append(f'more_{side} [label={_quoted(more.format(n=n))}, shape=note, '
                     'style=dashed];')
        lines.append(f"{ids[doc['key']]} -> more_{side} [style=dashed, arrowhead=none];"
                     if side == "out" else
                     f"more_{side} -> {ids[doc['key']]} [style=dashed, arrowhead=none];")
    lines.append("}")
    return "\n".join(lines)


def _draw(dot_source: str, timeout: float) -> str | None:
    dot = shutil.which("dot")
    if dot is None:
        return None
    try:
        done = subprocess.run([dot, "-Tsvg"], input=dot_source.encode("utf-8"),
                              capture_output=True, timeout=timeout, check=True)
    except (subprocess.SubprocessError, OSError):
        return None
    return _PROLOGUE.sub("", done.stdout.decode("utf-8"), count=1)


class _DotWorker:
    """One `dot -Tsvg` process kept running for the web pages: dot reads graph after
    graph on its input and writes each drawing as soon as the graph is read, so a page
    pays for the drawing, not for starting dot (most of the 25-50 ms a fresh `dot` takes).
    One drawing at a time; a drawing that does not come within the timeout, or a dot
    that died, costs that process, and the next drawing starts another."""

    _END = b"</svg>\n"

    def __init__(self):
        self._proc: subprocess.Popen | None = None
        self._lock = threading.Lock()

    def draw(self, dot_source: str, timeout: float) -> str | None:
        with self._lock:
            proc = self._running()
            if proc is None:
                return None
            try:
                proc.stdin.write(dot_source.encode("utf-8") + b"\n")
                proc.stdin.flush()
                svg = self._read_one(proc, time.monotonic() + timeout)
            except (OSError, ValueError):
                svg = None
            if svg is None:
                self._stop()
                return None
            # dot names the elements of its second and later graphs `page0,N_node1`...
            return _LATER_GRAPH.sub("", _PROLOGUE.sub("", svg.decode("utf-8"), count=1))

    def _running(self) -> subprocess.Popen | None:
        if self._proc is not None and self._proc.poll() is None:
            return self._proc
        dot = shutil.which("dot")
        if dot is None:
            return None
        try:
            self._proc = subprocess.Popen([dot, "-Tsvg"], stdin=subprocess.PIPE,
                                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        except OSError:
            return None
        return self._proc

    def _read_one(self, proc: subprocess.Popen, deadline: float) -> bytes | None:
        out = b""
        fd = proc.stdout.fileno()
        while not out.endswith(self._END):
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                return None
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                return None      # dot exited (a graph it could not read)
            out += chunk
        return out

    def _stop(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait()
            self._proc = None


_WORKER = _DotWorker() if os.name == "posix" else None   # select() needs POSIX pipes


class _NoPicture(Exception):
    pass


@functools.lru_cache(maxsize=512)
def _drawn(dot_source: str, timeout: float) -> str:
    svg = _WORKER.draw(dot_source, timeout) if _WORKER else _draw(dot_source, timeout)
    if svg is None:
        raise _NoPicture   # not cached: dot may answer next time
    return svg


def render_svg(dot_source: str, timeout: float = 10.0) -> str | None:
    """The drawing as an <svg> element, or None when `dot` is missing or fails. The
    same source draws the same picture: a page asked again does not start dot again."""
    try:
        return _drawn(dot_source, timeout)
    except _NoPicture:
        return None


def render_svgs(dot_sources: list[str], timeout: float = 600.0) -> list[str | None]:
    """Many drawings through one `dot` process (the static report draws one per
    document): dot writes one SVG document per graph of its input, in order."""
    if not dot_sources:
        return []
    both = _draw("\n".join(dot_sources), timeout)
    if both is None:
        return [None] * len(dot_sources)
    parts = [_PROLOGUE.sub("", p, count=1) for p in re.split(r"(?=<\?xml )", both) if "<svg" in p]
    if len(parts) != len(dot_sources):        # should not happen; draw them one by one
        return [render_svg(src) for src in dot_sources]
    return parts
