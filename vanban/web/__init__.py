"""`vanban serve`: a read-only web application over the lineage graph (Starlette,
Jinja2 templates, uvicorn). `create_app(open_store)` builds it; see vanban/web/app.py."""

from vanban.web.app import create_app

__all__ = ["create_app"]
