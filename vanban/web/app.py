"""The web application: search, document pages, coverage, and the JSON/CSV API.

Read-only. Every answer comes from the functions `vanban query` uses (graph.queries,
graph.search, graph.coverage), so `/api/implementers?q=...` returns exactly the JSON of
`vanban query implementers ... --format json`. A store that stops answering gives a 503
page (or JSON error), never a traceback.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from vanban.web import answers, labels, picture
from vanban.web.cache import AnswerCache

HERE = Path(__file__).parent
PAGE_SIZE = 25    # results of each depth (and citing documents) a document page shows
log = logging.getLogger("vanban.web")


def template_environment() -> Environment:
    """The Jinja2 environment of the pages (autoescaped), shared with `vanban report`."""
    env = Environment(loader=FileSystemLoader(HERE / "templates"),
                      autoescape=select_autoescape(["html", "svg", "xml"], default=True))
    env.globals.update(doc_href=answers.doc_href, web_url=answers.web_url,
                       province_href=answers.province_href,
                       marked=answers.marked, first_evidence=answers.first_evidence)
    return env


class StoreUnavailable(RuntimeError):
    """The store cannot be opened or stopped answering."""


class Stores:
    """The store of each worker thread, opened on first use and dropped after a failure,
    so the next request tries again. SQLite: one connection per thread (requests run at
    once); Neo4j: one store for all, its driver being thread-safe with its own pool."""

    def __init__(self, opener: Callable[[], Any]):
        from graph.reach_index import ReachKeeper
        self._opener = opener
        self._local = threading.local()
        self._shared = None
        self.answers = AnswerCache()
        # the walks of every thread's SQLite store, from one index in memory
        self.reach = ReachKeeper(opener)

    def get(self):
        store = getattr(self._local, "store", None) or self._shared
        if store is None:
            try:
                store = self._opener()
            except Exception as exc:    # Neo4jUnavailable, a file that cannot be opened
                raise StoreUnavailable(str(exc)) from exc
            if type(store).__name__ == "Neo4jStore":
                self._shared = store
            else:
                store.reach_keeper = self.reach
                self._local.store = store

        return store

    def kept(self, asked, fn: Callable, *args, **kwargs):
        """`run(fn, ...)`, or the answer kept for `asked` while the store is unchanged
        (vanban/web/cache.py)."""
        has_token = getattr(self.get(), "change_token", None) is not None
        token = self.run(lambda store: store.change_token()) if has_token else None
        return self.answers.get(token, asked, lambda: self.run(fn, *args, **kwargs))

    def warm(self) -> None:
        """At start-up: build the reach index of a SQLite store in the background."""
        try:
            store = self.get()
            if getattr(store, "reach_keeper", None) is not None:
                self.reach.start(store.change_token())
        except Exception as exc:    # the first request says so, as a 503
            log.warning("store not ready at start-up: %s", exc)

    def status(self) -> dict[str, Any]:
        """`/api/status`: the store's description and the reach index's state."""
        store = self.get()
        # the worker process (`vanban serve --workers N`): each keeps its own index
        out: dict[str, Any] = {"store": store.describe(), "worker": os.getpid()}
        if getattr(store, "reach_keeper", None) is not None:
            out["reach_index"] = self.reach.state()
        return out

    def run(self, fn: Callable, *args, **kwargs):
        store = self.get()
        try:
            return fn(store, *args, **kwargs)
        except Exception as exc:
            if _lost(store, exc):
                if store is self._shared:
                    self._shared = None
                else:
                    self._local.store = None
                try:
                    store.close()
                except Exception:
                    pass
                raise StoreUnavailable(f"{store.describe()}: {exc}") from exc
            raise


def _lost(store, exc: BaseException) -> bool:
    import sqlite3
    lost = getattr(store, "_store_lost", None)
    return bool(lost and lost(exc)) or isinstance(exc, (sqlite3.DatabaseError, ConnectionError))


def _params(request: Request) -> dict[str, Any]:
    """q, province, kind, year from the query string (year an int, or a 400)."""
    qp = request.query_params
    year = (qp.get("year") or "").strip()
    if year and not (year.isascii() and year.isdigit()):
        raise HTTPException(400, "year must be a number")
    return {"q": (qp.get("q") or "").strip(), "province": (qp.get("province") or "").strip()
            or None, "kind": (qp.get("kind") or "").strip() or None,
            "year": int(year) if year else None}


def _number(request: Request, name: str) -> int | None:
    """A non-negative whole number from the query string, None when absent, else a 400."""
    value = (request.query_params.get(name) or "").strip()
    if not value:
        return None
    if not (value.isascii() and value.isdigit()) or len(value) > 9:
        raise HTTPException(400, f"{name} must be a number")
    return int(value)


class _SourcesOnce:
    """A store as one document page uses it: its answers each list the source pages of
    the same document (thousands for a central one); the store is asked once."""

    def __init__(self, store):
        self._store = store
        self._sources: dict[str, tuple[int, list[str]]] = {}

    def sources(self, key: str, limit: int = 20) -> list[str]:
        asked, found = self._sources.get(key, (-1, []))
        if limit > asked:   # the first `limit` of a longer sorted list are its head
            asked, found = self._sources[key] = (limit, self._store.sources(key, limit))
        return found[:limit]

    def __getattr__(self, name: str):
        return getattr(self._store, name)


_SLICED = {"implementers": ("limit", "offset", "depth"), "lineage": ("limit", "offset"),
           "cites": ("limit", "offset"), "cited-by": ("limit", "offset"), "search": ("limit",)}


def _slice(request: Request, kind: str) -> dict[str, int]:
    """`limit`, `offset` (and `depth` for implementers) as the query function takes
    them; none when not asked for, so the answer is then the whole one."""
    asked = {name: _number(request, name) for name in _SLICED.get(kind, ())}
    return {name: value for name, value in asked.items() if value is not None}


def create_app(opener: Callable[[], Any], *, debug: bool = False) -> Starlette:
    """The application over the stores `opener()` returns (called once per worker thread)."""
    from graph import queries, search
    from graph.coverage import coverage, province_summary

    stores = Stores(opener)
    env = template_environment()

    def lang_of(request: Request) -> str:
        lang = request.query_params.get("lang", "vi")
        return lang if lang in labels.LANGS else "vi"

    def page(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
        lang = lang_of(request)
        t = labels.labels(lang)

        def link(path: str, **params) -> str:
            params = {k: v for k, v in params.items() if v not in (None, "")}
            if lang != "vi":
                params["lang"] = lang
            return path + ("?" + urlencode(params) if params else "")

        other = dict(request.query_params)
        other["lang"] = "vi" if lang == "en" else "en"
        from graph.provinces import LEGAL_BASIS
        kinds = labels.kinds()
        html = env.get_template(name).render(
            t=t, lang=lang, link=link, kinds=kinds, kind_words=dict(kinds), request=request,
            legal_basis=LEGAL_BASIS,
            other_lang_url=request.url.path + "?" + urlencode(other), **context)
        return HTMLResponse(html, status_code=status)

    # --- the API ------------------------------------------------------------------

    def answer(kind: str, fn: Callable, needs_query: bool = True):
        def endpoint(request: Request) -> Response:
            p = _params(request)
            if needs_query and not p["q"]:
                raise HTTPException(400, "q is required")
            if kind == "search":
                result = stores.run(search.search, p["q"] or None, kind=p["kind"],
                                    year=p["year"], province=p["province"],
                                    **_slice(request, kind))
            else:
                sliced = _slice(request, kind)
                result = stores.kept((kind, p["q"], p["province"], p["year"],
                                      tuple(sorted(sliced.items()))),
                                     fn, p["q"], province=p["province"], year=p["year"],
                                     **sliced)
            if request.query_params.get("format") == "csv":
                name = f"{kind}.csv"
                return Response(answers.to_csv(kind, result), media_type="text/csv; charset=utf-8",
                                headers={"Content-Disposition": f'attachment; filename="{name}"'})
            return Response(json.dumps(result, ensure_ascii=False, indent=2),
                            media_type="application/json")
        return endpoint

    def province_api(request: Request) -> Response:
        p = _params(request)
        if not p["q"]:
            raise HTTPException(400, "q is required")
        result = stores.kept(("province", p["q"]), province_summary, p["q"])
        if result is None:
            raise HTTPException(404, "no such province")
        return Response(json.dumps(result, ensure_ascii=False, indent=2),
                        media_type="application/json")

    # --- the pages ------------------------------------------------------------------

    def search_page(request: Request) -> HTMLResponse:
        p = _params(request)
        result = None
        if p["q"] or p["province"] or p["kind"] or p["year"]:
            result = stores.run(search.search, p["q"] or None, kind=p["kind"], year=p["year"],
                                province=p["province"])
        from graph.provinces import SUCCESSION
        return page(request, "search.html", params=p, result=result,
                    provinces=list(SUCCESSION))

    def doc_page(request: Request) -> HTMLResponse:
        key = request.path_params["key"]
        depth, offset = _number(request, "depth"), _number(request, "offset") or 0
        cited_offset = _number(request, "cited_offset") or 0

        def gather(store):
            store = _SourcesOnce(store)
            docs = store.documents([key])
            doc = docs.get(key)
            if doc is None:
                return None
            # a central document has thousands of implementers: the page reads a slice
            # of each answer (the first PAGE_SIZE of each depth, or the page asked for)
            return {"doc": doc,
                    "sources": [(u, answers.web_url(u)) for u in store.sources(key, 50)],
                    "implementers": queries.implementers(
                        store, key, limit=PAGE_SIZE, offset=offset if depth else 0,
                        depth=depth),
                    "lineage": queries.lineage(store, key, max_nodes=300, limit=PAGE_SIZE,
                                               sides=("ancestors",)),
                    "cites": queries.cites(store, key, limit=PAGE_SIZE * 4),
                    "cited_by": queries.cited_by(store, key, limit=PAGE_SIZE,
                                                 offset=cited_offset),
                    "unresolved_refs": store.unresolved_naming([key])}

        data = stores.kept(("doc", key, depth, offset, cited_offset), gather)
        if data is None:
            raise HTTPException(404, "no such document")
        levels = answers.implementers_levels(data["implementers"], key)
        svg = picture.render_svg(picture.neighbourhood_dot(
            data["doc"], data["cites"], data["cited_by"],
            more=labels.labels(lang_of(request))["more_relations"]))
        ancestors = data["lineage"]["lineages"][0]["ancestors"] if data["lineage"]["lineages"] \
            else []
        return page(request, "doc.html", key=key, levels=levels, depth=depth, offset=offset,
                    cited_offset=cited_offset, page_size=PAGE_SIZE, svg=svg,
                    ancestors=ancestors, **data)

    def coverage_page(request: Request) -> HTMLResponse:
        p = _params(request)
        result = stores.kept(("coverage", p["q"], None, p["year"], ()), coverage, p["q"],
                             year=p["year"]) if p["q"] else None
        return page(request, "coverage.html", params=p, result=result)

    def province_page(request: Request) -> Response:
        from graph.provinces import SUCCESSION, successor
        name = request.path_params.get("name", "").strip()
        if not name:
            return page(request, "provinces.html", provinces=[
                (p, answers.province_href(p), olds[1:] if olds[0] == p else olds)
                for p, olds in SUCCESSION.items()])
        today = successor(name)
        if today is None:
            raise HTTPException(404, "no such province")
        if today != name:       # a former province or another spelling: today's page
            target = answers.province_href(today)
            if lang_of(request) != "vi":
                target += "?lang=" + lang_of(request)
            return RedirectResponse(target, status_code=303)
        summary = stores.kept(("province", today), province_summary, today)
        return page(request, "province.html", summary=summary)

    # --- errors ---------------------------------------------------------------------

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    def on_http_error(request: Request, exc: HTTPException) -> Response:
        if wants_json(request):
            return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
        title = "not_found" if exc.status_code == 404 else "error"
        return page(request, "error.html", status=exc.status_code, title_key=title,
                    detail=exc.detail if exc.status_code == 400 else None)

    def on_unavailable(request: Request, exc: StoreUnavailable) -> Response:
        log.error("store unavailable: %s", exc)
        if wants_json(request):
            return JSONResponse({"error": "store unavailable"}, status_code=503)
        return page(request, "error.html", status=503, title_key="unavailable", detail=None)

    def on_error(request: Request, exc: Exception) -> Response:
        log.exception("error answering %s", request.url.path)
        if wants_json(request):
            return JSONResponse({"error": "internal error"}, status_code=500)
        return page(request, "error.html", status=500, title_key="error", detail=None)

    routes = [
        Route("/", search_page), Route("/search", search_page),
        Route("/doc/{key:path}", doc_page), Route("/coverage", coverage_page),
        Route("/province", province_page), Route("/province/{name:path}", province_page),
        Route("/api/implementers", answer("implementers", queries.implementers)),
        Route("/api/lineage", answer("lineage", queries.lineage)),
        Route("/api/cites", answer("cites", queries.cites)),
        Route("/api/cited-by", answer("cited-by", queries.cited_by)),
        Route("/api/search", answer("search", search.search, needs_query=False)),
        Route("/api/coverage", answer("coverage", coverage)),
        Route("/api/province", province_api),
        Route("/api/status", lambda request: JSONResponse(stores.status())),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    @contextlib.asynccontextmanager
    async def lifespan(app):
        stores.warm()
        yield

    return Starlette(debug=debug, routes=routes, lifespan=lifespan, exception_handlers={
        HTTPException: on_http_error, StoreUnavailable: on_unavailable, Exception: on_error})
