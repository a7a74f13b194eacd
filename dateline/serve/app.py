"""The read-only web app over a store: a JSON API under /api and the analyst's page at /.

FastAPI, because the OpenAPI document that scripts, the tests (schemathesis) and users read comes
from the same declarations that validate each parameter; it runs on Starlette and uvicorn, both
small and well kept. Every route calls a function of ``dateline.store.queries``, the library the
``dateline query`` command uses: the app adds paging limits, one error shape and security headers.
"""

from __future__ import annotations

import csv
import io
import threading
from contextlib import asynccontextmanager
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from fastapi import Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from ..store import Store, queries
from .models import (
    Actor,
    Article,
    DyadPoint,
    Edge,
    ErrorBody,
    Event,
    EventPlace,
    ExtractRequest,
    Occurrence,
    Page,
    QuoteRow,
)

MAX_PAGE = 1_000  # rows one request may ask for
MAX_BODY = 1_000_000  # bytes of a request body (the text to extract)
STATIC = resources.files("dateline") / "serve" / "static"
# No inline script, no script from anywhere but this server: article text can never run.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
           "Referrer-Policy": "no-referrer", "Cross-Origin-Resource-Policy": "same-origin"}
ERRORS = {400: {"model": ErrorBody, "description": "a bad parameter"},
          404: {"model": ErrorBody, "description": "no such item"}}


class ApiError(HTTPException):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(status, message)
        self.code = code


def error(status: int, code: str, message: str) -> JSONResponse:
    """The one error shape of every route: {"error": {"code": ..., "message": ...}}."""
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=HEADERS)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for e in exc.errors()[:3]:
        where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body"))
        parts.append(f"{where}: {e.get('msg')}" if where else str(e.get("msg")))
    return "; ".join(parts) or "bad request"


def create_app(db: str | Path, *, allow_extract: bool = False, pipeline=None) -> FastAPI:
    """The app over the store at ``db``, opened read-only. ``pipeline`` (a ``Pipeline``) serves
    POST /api/extract when ``allow_extract``; by default one is built on first use."""
    store = Store(db, read_only=True)

    @asynccontextmanager
    async def lifespan(app):
        yield
        store.close()

    app = FastAPI(title="dateline", version="3", description="Read-only access to a dateline store: "
                  "articles, events, occurrences, quotes, actors, dyads and the actor network.",
                  docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.store = store
    extractor = {"pipeline": pipeline, "lock": threading.Lock()}

    def con():
        return store.con.cursor()  # one cursor per request: DuckDB connections are not shared across threads

    @app.exception_handler(RequestValidationError)
    async def _bad_params(request, exc):
        return error(400, "bad_parameter", _validation_message(exc))

    @app.exception_handler(HTTPException)
    async def _http(request, exc):
        code = getattr(exc, "code", None) or {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "error")
        return error(exc.status_code, code, str(exc.detail))

    @app.exception_handler(ValueError)
    async def _bad_value(request, exc):
        return error(400, "bad_parameter", str(exc))

    @app.exception_handler(Exception)
    async def _internal(request, exc):
        return error(500, "internal", f"{type(exc).__name__}: the server could not answer this request")

    @app.middleware("http")
    async def _guard(request: Request, call_next):
        length = request.headers.get("content-length")
        if length and (not length.isdigit() or int(length) > MAX_BODY):
            return error(413, "too_large", f"request bodies are limited to {MAX_BODY:,} bytes")
        response = await call_next(request)
        for k, v in HEADERS.items():
            response.headers.setdefault(k, v)
        return response

    # -- articles ----------------------------------------------------------------------------
    @app.get("/api/articles", response_model=Page[Article], responses=ERRORS, tags=["articles"])
    def list_articles(q: str | None = Query(None, max_length=200, description="every word in the title or text"),
                      date_from: date | None = Query(None, alias="from"), date_to: date | None = Query(None, alias="to"),
                      source: str | None = Query(None, max_length=200, description="the outlet"),
                      language: str | None = Query(None, pattern="^[a-z]{2}$"),
                      limit: int = Query(100, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0, le=10**9)):
        rows = queries.articles(con(), q=q, date_from=date_from, date_to=date_to, source=source,
                                language=language, limit=limit, offset=offset)
        return {"items": rows, "limit": limit, "offset": offset}

    @app.get("/api/articles/{article_id}", responses=ERRORS, tags=["articles"],
             response_model=dict[str, Any], description="The full record, `dateline.article/N`.")
    def get_article(article_id: str = PathParam(..., max_length=200)):
        rec = queries.article(con(), article_id)
        if rec is None:
            raise ApiError(404, "not_found", f"no article {article_id!r}")
        return rec

    # -- events ------------------------------------------------------------------------------
    def event_rows(type, source, target, country, date_from, date_to, status, min_confidence, occurrences,
                   sort, limit, offset):
        return queries.events(con(), type=type, source=source, target=target, country=country,
                              date_from=date_from, date_to=date_to, status=status, min_confidence=min_confidence,
                              occurrences=occurrences, sort=sort, limit=limit, offset=offset)

    def event_filters(type: str | None = Query(None, pattern="^[A-Za-z_]{2,20}$", description="PLOVER type"),
                      source: str | None = Query(None, pattern="^[A-Za-z]{3}[A-Za-z]{0,3}$", description="CHN or CHNGOV"),
                      target: str | None = Query(None, pattern="^[A-Za-z]{3}[A-Za-z]{0,3}$"),
                      country: str | None = Query(None, pattern="^[A-Za-z]{3}$", description="either side"),
                      date_from: date | None = Query(None, alias="from"), date_to: date | None = Query(None, alias="to"),
                      status: Literal["asserted", "planned", "negated", "hypothetical", "reported"] | None = None,
                      min_confidence: float | None = Query(None, ge=0, le=1),
                      occurrences: bool = Query(False, description="merged occurrences instead of mentions"),
                      sort: Literal["date", "mentions"] = "date",
                      limit: int = Query(100, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0, le=10**9)):
        return (type, source, target, country, date_from, date_to, status, min_confidence, occurrences, sort,
                limit, offset)

    @app.get("/api/events", response_model=Page[Event], response_model_exclude_unset=True, responses=ERRORS,
             tags=["events"])
    def list_events(f: tuple = Depends(event_filters)):
        return {"items": event_rows(*f), "limit": f[-2], "offset": f[-1]}

    @app.get("/api/events.csv", responses={**ERRORS, 200: {"content": {"text/csv": {}}}}, tags=["events"],
             response_class=Response, description="The same rows as /api/events, as CSV.")
    def events_csv(f: tuple = Depends(event_filters)):
        rows = event_rows(*f)
        buf = io.StringIO()
        names = list(rows[0]) if rows else list(Event.model_fields)
        w = csv.writer(buf)
        w.writerow(names)
        for r in rows:
            w.writerow(["" if r.get(n) is None else r.get(n) for n in names])
        return Response(buf.getvalue(), media_type="text/csv",
                        headers={"Content-Disposition": 'attachment; filename="events.csv"'})

    @app.get("/api/occurrences/{occurrence_id}", response_model=Occurrence, responses=ERRORS, tags=["events"])
    def get_occurrence(occurrence_id: int = PathParam(..., ge=0, le=2**53)):
        occ = queries.occurrence(con(), occurrence_id)
        if occ is None:
            raise ApiError(404, "not_found", f"no occurrence {occurrence_id}")
        return occ

    @app.get("/api/places", response_model=list[EventPlace], responses=ERRORS, tags=["events"],
             description="Places where events happened, with their coordinates, for the map.")
    def event_places(date_from: date | None = Query(None, alias="from"),
                     date_to: date | None = Query(None, alias="to"),
                     limit: int = Query(500, ge=1, le=MAX_PAGE)):
        return queries.event_places(con(), date_from=date_from, date_to=date_to, limit=limit)

    # -- quotes, actors, dyads, network --------------------------------------------------------
    @app.get("/api/quotes", response_model=Page[QuoteRow], responses=ERRORS, tags=["quotes"])
    def list_quotes(q: str | None = Query(None, max_length=200, description="every word in the quote"),
                    speaker: str | None = Query(None, max_length=200),
                    limit: int = Query(100, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0, le=10**9)):
        return {"items": queries.quotes(con(), speaker=speaker, text=q, limit=limit, offset=offset),
                "limit": limit, "offset": offset}

    @app.get("/api/actors", response_model=list[Actor], responses=ERRORS, tags=["actors"])
    def list_actors(q: str | None = Query(None, max_length=200, description="a code or name prefix"),
                    country: str | None = Query(None, pattern="^[A-Za-z]{3}$"),
                    limit: int = Query(50, ge=1, le=MAX_PAGE)):
        return queries.actors(con(), top=limit, q=q, country=country)

    @app.get("/api/dyads/{source}/{target}", response_model=list[DyadPoint], responses=ERRORS, tags=["dyads"])
    def dyad(source: str = PathParam(..., pattern="^[A-Za-z]{3}[A-Za-z]{0,3}$"),
             target: str = PathParam(..., pattern="^[A-Za-z]{3}[A-Za-z]{0,3}$"),
             by: Literal["day", "week", "month"] = "month",
             date_from: date | None = Query(None, alias="from"), date_to: date | None = Query(None, alias="to")):
        return queries.dyad(con(), source, target, by=by, date_from=date_from, date_to=date_to)

    @app.get("/api/network", response_model=list[Edge], responses=ERRORS, tags=["dyads"])
    def network(date_from: date | None = Query(None, alias="from"), date_to: date | None = Query(None, alias="to"),
                min_weight: int = Query(1, ge=1, le=10**9)):
        return queries.network(con(), date_from=date_from, date_to=date_to, min_weight=min_weight)

    # -- extract -----------------------------------------------------------------------------
    @app.post("/api/extract", response_model=dict[str, Any], tags=["extract"],
              responses={**ERRORS, 403: {"model": ErrorBody, "description": "the server was not started "
                                                                            "with --allow-extract"},
                         413: {"model": ErrorBody, "description": "more than 1 MB of text"}},
              description="Run dateline on a text and return its record, without storing it.")
    def extract(body: ExtractRequest):
        if not allow_extract:
            raise ApiError(403, "forbidden", "extraction is off: start the server with --allow-extract")
        with extractor["lock"]:  # one article at a time: the pipeline is not shared across threads
            if extractor["pipeline"] is None:
                from ..pipeline import default_pipeline

                extractor["pipeline"] = default_pipeline()
            rec = extractor["pipeline"].extract(body.text, body.date.isoformat() if body.date else None,
                                                title=body.title)
        return rec.to_dict()

    # -- the page ----------------------------------------------------------------------------
    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def index():
        return FileResponse(str(STATIC / "index.html"), media_type="text/html")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon():
        return Response(status_code=204)

    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    return app
