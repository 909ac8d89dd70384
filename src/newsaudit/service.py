"""The audit over HTTP: a FastAPI app, its limits, and the page a person uses.

Endpoints::

    POST /v1/analyze            {text | html | url, url?, site?, stages?, min_confidence?}
                                -> the report JSON (?format=html: the HTML report)
    GET  /v1/sources/{query}    a source's reputation, each rating cited
    GET  /healthz               ok once the models are loaded
    GET  /                      a page to paste text, HTML or a URL into
    GET  /docs                  OpenAPI documentation

Limits, each a :class:`ServiceConfig` field: the request body (5 MB), a time budget
per analysis (answered 504 past it), and a bounded queue: at most ``concurrency``
analyses run at once and at most ``queue`` wait; past that the answer is 503 with
``Retry-After`` at once, never a hang. URLs are fetched under the CLI's guards (no
private or loopback addresses unless the server was started with
``--allow-private``). Errors are JSON ``{"error": {"type", "message"}}`` with the
CLI's one-line messages.
"""

from __future__ import annotations

import asyncio
import os
import secrets
from dataclasses import dataclass, fields
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field, ValidationError, model_validator
from starlette.concurrency import run_in_threadpool

from . import errors
from .core import analyze, get_pipeline
from .options import Options
from .report_html import SCRIPT_HASH, STYLE_HASH

#: Seconds a client is told to wait when the queue is full.
RETRY_AFTER = 2


@dataclass(frozen=True, slots=True)
class ServiceConfig:
    """Limits and settings of one server process.

    Args:
        max_body: Largest request body accepted, in bytes.
        time_budget: Seconds one analysis may take before the request gets 504.
        concurrency: Analyses run at once (CPU-bound: about one per core of the worker).
        queue: Requests that may wait for a free slot; more get 503 at once.
        allow_private: Let URL fetches reach private and loopback addresses.
    """

    max_body: int = 5 * 1024 * 1024
    time_budget: float = 30.0
    concurrency: int = 1
    #: Two waiting per running analysis keep a request's wait near two analyses
    #: (p99 under 2 s for the example on 2 workers, benchmarks/serve.py); a longer
    #: queue answers fewer 503s but makes every request wait longer.
    queue: int = 2
    allow_private: bool = False

    @classmethod
    def from_env(cls) -> ServiceConfig:
        """The config from ``NEWSAUDIT_SERVE_<FIELD>`` variables (how ``serve`` passes it on
        to every uvicorn worker process)."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = os.environ.get(f"NEWSAUDIT_SERVE_{f.name.upper()}")
            if raw is not None:
                values[f.name] = raw == "1" if f.type == "bool" else \
                    float(raw) if f.type == "float" else int(raw)
        return cls(**values)

    def to_env(self) -> dict[str, str]:
        """The inverse of :meth:`from_env`."""
        return {f"NEWSAUDIT_SERVE_{f.name.upper()}":
                ("1" if v else "0") if isinstance(v, bool) else str(v)
                for f in fields(self) for v in [getattr(self, f.name)]}


class AnalyzeRequest(BaseModel):
    """One article to audit: exactly one of ``text``, ``html`` or ``url``."""

    text: str | None = Field(default=None, description="The article as plain text.")
    html: str | None = Field(default=None, description="The article's page as HTML.")
    url: str | None = Field(default=None, description="Fetched when neither text nor html "
                            "is given; otherwise the article's URL, used to rate its source.")
    site: str | None = Field(default=None, description="The publishing site's name, when known.")
    stages: list[str] | None = Field(default=None, description="Stage names to run instead of all.")
    min_confidence: float | None = Field(default=None, ge=0, le=1, description="Keep attributions "
                                         "at least this confident.")

    @model_validator(mode="after")
    def _one_input(self) -> AnalyzeRequest:
        if sum(x is not None for x in (self.text, self.html)) > 1:
            raise ValueError("give text or html, not both")
        if self.text is None and self.html is None and not self.url:
            raise ValueError("give one of text, html or url")
        return self


#: HTTP status of each error family; the most specific class listed wins.
STATUS: list[tuple[type[Exception], int]] = [
    (errors.InputTooLargeError, 413),
    (errors.ResponseTooLargeError, 502),
    (errors.BlockedAddressError, 403),
    (errors.UnsupportedURLError, 400),
    (errors.InputError, 422),
    (errors.FetchError, 502),
    (errors.PipelineError, 400),
    (errors.DataError, 503),
    (errors.NewsauditError, 500),
]


def _error(status: int, kind: str, message: str, headers: dict[str, str] | None = None,
           ) -> JSONResponse:
    return JSONResponse({"error": {"type": kind, "message": " ".join(message.split())}},
                        status_code=status, headers=headers)


def _domain_error(exc: errors.NewsauditError) -> JSONResponse:
    status = next(code for cls, code in STATUS if isinstance(exc, cls))
    return _error(status, type(exc).__name__, str(exc))


class _Gate:
    """At most ``concurrency`` running and ``queue`` waiting; the rest are turned away."""

    def __init__(self, concurrency: int, queue: int):
        self.slots = asyncio.Semaphore(concurrency)
        self.capacity = concurrency + queue
        self.inside = 0

    def try_enter(self) -> bool:
        if self.inside >= self.capacity:
            return False
        self.inside += 1
        return True

    def leave(self) -> None:
        self.inside -= 1


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise errors.InputTooLargeError(f"request body over {limit:,} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise errors.InputTooLargeError(f"request body over {limit:,} bytes")
    return bytes(body)


def _options(req: AnalyzeRequest, config: ServiceConfig) -> Options:
    # The time budget is also the article's deadline, so an analysis past it stops at
    # the next stage instead of running on in its thread after the 504 went out.
    return Options(allow_private=config.allow_private,
                   stages=tuple(req.stages) if req.stages else None,
                   min_attribution_confidence=req.min_confidence,
                   deadline=config.time_budget)


def _run(req: AnalyzeRequest, config: ServiceConfig) -> Any:
    options = _options(req, config)
    if req.text is not None or req.html is not None:
        # Bytes, never a str: a str naming a file on the server would be read from disk.
        body = (req.text if req.text is not None else req.html or "").encode("utf-8")
        return analyze(body, url=req.url, site=req.site, options=options)
    return analyze(str(req.url), site=req.site, options=options)


def create_app(config: ServiceConfig | None = None) -> FastAPI:
    """The service, with its models loaded before the first request is taken."""
    config = config or ServiceConfig.from_env()
    gate = _Gate(config.concurrency, config.queue)
    state: dict[str, Any] = {"ready": False}

    async def lifespan(app: FastAPI):  # type: ignore[no-untyped-def]
        await run_in_threadpool(_warm_up, config)
        state["ready"] = True
        yield

    app = FastAPI(title="newsaudit", version=_version(), lifespan=lifespan,
                  description="Audit news articles: provenance, sourcing, claims, signals, "
                              "source reputation and credibility, every finding anchored to "
                              "the exact words.")

    @app.exception_handler(errors.NewsauditError)
    async def _on_domain_error(request: Request, exc: errors.NewsauditError) -> JSONResponse:
        return _domain_error(exc)

    @app.get("/healthz")
    async def healthz() -> JSONResponse:
        """Ready when the models are loaded; also how busy the server is."""
        return JSONResponse({"status": "ok" if state["ready"] else "loading",
                             "in_flight": gate.inside, "capacity": gate.capacity},
                            status_code=200 if state["ready"] else 503)

    @app.post("/v1/analyze", response_model=None,
              openapi_extra={"requestBody": {"required": True, "content": {
                  "application/json": {"schema": AnalyzeRequest.model_json_schema()}}}})
    async def analyze_endpoint(request: Request, format: str = "json") -> Response:
        """Audit one article: the report JSON, or with ``?format=html`` the HTML report."""
        if format not in ("json", "html"):
            return _error(400, "UsageError", f"format must be json or html, not {format!r}")
        body = await _read_body(request, config.max_body)
        try:
            req = AnalyzeRequest.model_validate_json(body or b"{}")
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first.get("loc", ())) or "body"
            return _error(422, "RequestError", f"{where}: {first.get('msg')}")
        if not gate.try_enter():
            return _error(503, "Busy", "the server is at capacity; retry shortly",
                          {"Retry-After": str(RETRY_AFTER)})
        try:
            async with gate.slots:
                report = await asyncio.wait_for(run_in_threadpool(_run, req, config),
                                                timeout=config.time_budget)
        except TimeoutError:
            return _error(504, "Timeout", f"the analysis took over {config.time_budget:g} s")
        finally:
            gate.leave()
        if report.article.unfinished:
            # The deadline stopped the pipeline before the wait did: the same answer,
            # whichever of the two noticed first.
            return _error(504, "Timeout", f"the analysis took over {config.time_budget:g} s "
                          f"(stages not finished: {', '.join(report.article.unfinished)})")
        if format == "html":
            return HTMLResponse(report.to_html())
        return Response(report.to_json(indent=None), media_type="application/json")

    @app.get("/v1/sources/{query:path}")
    async def source(query: str) -> JSONResponse:
        """A source's reputation from the public ratings (name, domain or URL)."""
        from .judge.ratings import load_index
        from .judge.reputation import rate

        result = await run_in_threadpool(lambda: rate(load_index(), query))
        return JSONResponse(result, status_code=200 if result["label"] != "unknown" else 404)

    @app.get("/", response_class=HTMLResponse)
    async def page() -> HTMLResponse:
        """The page where a person pastes an article and reads its audit."""
        nonce = secrets.token_urlsafe(16)
        # The report shown in the frame (srcdoc) inherits this policy: allow its hashes.
        csp = (f"default-src 'none'; style-src 'nonce-{nonce}' {STYLE_HASH}; "
               f"script-src 'nonce-{nonce}' {SCRIPT_HASH}; connect-src 'self'; "
               "frame-src 'self'; form-action 'none'; base-uri 'none'")
        return HTMLResponse(_PAGE.replace("NONCE", nonce),
                            headers={"Content-Security-Policy": csp})

    return app


def _version() -> str:
    from .about import __version__

    return __version__


def _warm_up(config: ServiceConfig) -> None:
    """Load every model once, before the first request (the first audit pays the loads)."""
    req = AnalyzeRequest(text="Officials said on Monday that the talks would continue, "
                              "according to a report.")
    get_pipeline(_options(req, config))
    _run(req, config)


#: The page at ``/``: a form, and the HTML report shown in a sandboxed frame (its script
#: runs there, in an opaque origin, with the report's own Content-Security-Policy).
_PAGE = """<!doctype html><html lang=en><head><meta charset=utf-8>
<meta name=viewport content="width=device-width, initial-scale=1"><title>newsaudit</title>
<style nonce="NONCE">
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d2329}
form{max-width:1400px;margin:0 auto;padding:1em;display:grid;gap:.5em}
textarea{width:100%;min-height:10em;font:13px monospace}
.row{display:flex;gap:.5em;align-items:center;flex-wrap:wrap}
input[type=text]{flex:1;min-width:16em;padding:.3em}
button{padding:.4em 1.2em;font-size:1em}#status{color:#68737d}
#err{color:#b3261e}iframe{border:0;width:100%;height:85vh;border-top:1px solid #ddd}
</style></head><body>
<form id=f><h1>newsaudit</h1>
<p>Paste an article's text or HTML, or give its URL: where the story came from, whom it
cites and on what authority, what it claims, and how far to trust it.</p>
<textarea id=text name=text placeholder="Article text or HTML"></textarea>
<div class=row><input type=text id=url name=url placeholder="URL (fetched when no text is given)">
<input type=text id=site name=site placeholder="Site name (optional)">
<button type=submit id=go>Audit</button><span id=status></span></div>
<div id=err role=alert></div></form>
<iframe id=report title="newsaudit report" sandbox="allow-scripts"></iframe>
<script nonce="NONCE">
document.getElementById('f').addEventListener('submit',function(ev){ev.preventDefault();
var t=document.getElementById('text').value,u=document.getElementById('url').value.trim(),
s=document.getElementById('site').value.trim(),body={};
if(t.trim()){body[/^\\s*</.test(t)?'html':'text']=t;}if(u)body.url=u;if(s)body.site=s;
var st=document.getElementById('status'),er=document.getElementById('err');
er.textContent='';st.textContent='auditing…';
fetch('/v1/analyze?format=html',{method:'POST',headers:{'Content-Type':'application/json'},
body:JSON.stringify(body)}).then(function(r){return r.text().then(function(x){return [r,x];});})
.then(function(p){var r=p[0],x=p[1];st.textContent='';if(!r.ok){var m=x;
try{m=JSON.parse(x).error.message;}catch(e){}er.textContent=r.status+': '+m;return;}
document.getElementById('report').srcdoc=x;})
.catch(function(e){st.textContent='';er.textContent=String(e);});});
</script></body></html>"""


def app_factory() -> FastAPI:
    """The app for ``uvicorn --factory`` (each worker process builds its own)."""
    return create_app(ServiceConfig.from_env())


__all__ = ["AnalyzeRequest", "ServiceConfig", "app_factory", "create_app"]

