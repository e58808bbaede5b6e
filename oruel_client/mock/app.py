"""The local Oru-el-compatible server: a plain ASGI app (no framework), served by uvicorn (see server.py).

Everything about the API's surface comes from the spec it is given (spec.py: the embedded
``oruel_client._generated.document.DOCUMENT`` unless ``spec=`` / ``oruel mock --spec FILE`` names another):
the base path (from ``servers``), the routes and their methods (routing.py, templated paths included),
which operations need a key (``security``), and the request schemas, checked on every request
(validation.py; ``validate=False`` turns that off for benchmarks). Answers are deterministic: hand-written
for the operations answers/ knows (see content.py), built from the spec's response for every other one
(synthesized.py).

Order of checks: route (404 / 405), API key (401, for operations whose ``security`` is not empty: any
``Authorization: Bearer oruel_...``), rate limit (429, ratelimit.py), body (400: JSON, or a form read by
forms.py), spec validation (400 naming the field, e.g. ``temperature`` or ``messages.0.content``), then
fault injection (faults.py), then the answer (answers/, which also enforces a few documented rules the
schema cannot say: unique tool names, ``tool_choice`` naming an offered tool).

Every response carries ``x-request-id``; chat and text completions also ``x-oruel-tier`` (the tier asked
for). ``tier: turbo`` halves the ``slow-stream`` delay.

No framework: the plumbing Starlette would replace (reading the body, writing a response or a stream) is
the ~60 lines of asgi.py, and measured against it (starlette 1.10, in-process) a ``Response`` costs ~4 us more
per request and a ``StreamingResponse`` ~100 us more per stream (under uvicorn's ASGI 2.3 it runs a
disconnect-listener task, which would also take the ``http.disconnect`` the fault paths wait for).
"""

from __future__ import annotations

import collections
import json
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import urlsplit

from .._generated.document import DOCUMENT
from . import answers
from .asgi import Receive, Send, deliver, lifespan, read_body
from .conform import Drift
from .faults import STREAM_FAULTS, FaultCounter, FaultHeaderError, answer_early, deliver_with_fault, parse_fault
from .forms import FORM_TYPES, form_value, parse_form
from .ratelimit import RateLimiter, parse_rate
from .replies import ApiError, EventStream, Reply, Request
from .routing import Operation, Router
from .routing import operations as _operations
from .spec import Spec, embedded_spec
from .synthesized import SpecAnswers
from .traffic import TRAFFIC_PATH, TrafficCounter
from .validation import shared_validator

__all__ = ["BASE_PATH", "MockApp", "Operation", "RecordedRequest", "create_app", "operations"]

BASE_PATH: Final = urlsplit(DOCUMENT["servers"][0]["url"]).path.rstrip("/")


def operations(document: Mapping[str, Any] = DOCUMENT) -> dict[str, dict[str, Operation]]:
    """The spec's operations by path (relative to the base path), then by upper-case method."""
    return _operations(document)


@dataclass(frozen=True, slots=True)
class RecordedRequest:
    """A request as the server saw it (the Authorization value redacted)."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


class MockApp:
    """The ASGI app. ``validate=False`` skips openapi-core (everything else, auth included, stays).

    ``requests`` is a copy of the last 1000 requests received; ``faults`` counts requests per fault id.
    """

    def __init__(
        self,
        *,
        validate: bool = True,
        base_path: str | None = None,
        rate_limit: str | float | None = None,
        spec: Spec | None = None,
    ) -> None:
        self.spec = spec or embedded_spec()
        self.base_path = (self.spec.base_path if base_path is None else base_path).rstrip("/")
        # Past this many requests per second and key: 429 with Retry-After (see ratelimit.py).
        self.rate_limiter = RateLimiter(parse_rate(rate_limit)) if rate_limit is not None else None
        self.validate = validate
        self._validator = shared_validator(self.base_path, self.spec) if validate else None
        self._router = Router(_operations(self.spec.document))
        self._synthesized = SpecAnswers(self.spec)
        # Under a spec other than the embedded one, hand-written answers and errors take its shapes.
        self._drift = None if self.spec.embedded else Drift(self.spec, embedded_spec(), self._synthesized.examples)
        self.faults = FaultCounter()
        # Arrivals and 429s, readable from another process at TRAFFIC_PATH (see traffic.py).
        self.traffic = TrafficCounter()
        # Set by shutdown(): slow-stream pauses end early, so stopping the server never waits on them.
        self.closing = threading.Event()
        self._recorded: collections.deque[RecordedRequest] = collections.deque(maxlen=1000)
        self._recorded_lock = threading.Lock()  # tests read from their own thread while the server appends

    def shutdown(self) -> None:
        """Cut short the pauses of slow-stream answers in flight (call before stopping the server)."""
        self.closing.set()

    def reset(self) -> None:
        """Forget the fault counters and the recorded requests."""
        self.faults.reset()
        with self._recorded_lock:
            self._recorded.clear()

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._recorded_lock:
            return list(self._recorded)

    async def __call__(self, scope: Mapping[str, Any], receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await lifespan(receive, send)
        elif scope["type"] == "http":
            await self._http(scope, receive, send)

    async def _http(self, scope: Mapping[str, Any], receive: Receive, send: Send) -> None:
        method: str = scope["method"]
        path: str = scope["path"]
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        body = await read_body(receive)
        if path == TRAFFIC_PATH:
            await deliver(self._traffic(method), send, [])
            return
        redacted = {k: ("<redacted>" if k == "authorization" else v) for k, v in headers.items()}
        with self._recorded_lock:
            self._recorded.append(RecordedRequest(method, path, redacted, body))
        common = [("x-request-id", "req_" + os.urandom(12).hex())]
        query: bytes = scope.get("query_string", b"")
        try:
            operation, params = self._route(method, path)
            _authenticate(operation, headers)
            if self.rate_limiter is not None:
                try:
                    _rate_limit(self.rate_limiter, headers)
                except ApiError:
                    self.traffic.record(rate_limited=True)
                    raise
            self.traffic.record(rate_limited=False)
            data, form_schema = self._parse_body(operation, headers, body)
            if self._validator is not None:
                self._validator.check(method, path, query, headers, body, form=form_schema is not None)
                if form_schema is not None:
                    self._validator.check_form(form_schema, data)
            turbo = isinstance(data, Mapping) and data.get("tier") == "turbo"
            fault = parse_fault(headers, self.faults, turbo=turbo)
            if fault is not None and await answer_early(fault, data, receive, send, common):
                return
            result = self._answer(operation, Request(method, path, headers, data, query, params))
        except ApiError as exc:
            result = exc.reply() if self._drift is None else self._drift.error(exc.reply())
        except FaultHeaderError as exc:
            result = ApiError(400, str(exc), code="invalid_header", param=exc.header).reply()
        else:
            if fault is not None and fault.kind in STREAM_FAULTS:
                await deliver_with_fault(result, fault, receive, send, common, self.closing)
                return
        await deliver(result, send, common)

    def _traffic(self, method: str) -> Reply:
        if method == "POST":
            self.traffic.reset()
        elif method != "GET":
            return ApiError(405, f"{TRAFFIC_PATH} takes GET or POST", code="method_not_allowed").reply()
        return Reply(200, json.dumps(self.traffic.snapshot().to_json()).encode(), "application/json")

    def _route(self, method: str, path: str) -> tuple[Operation, dict[str, str]]:
        relative = path[len(self.base_path) :] if path.startswith(self.base_path + "/") else None
        if relative is None:
            raise ApiError(404, f"Unknown request URL: {method} {path}.", code="unknown_url")
        return self._router.match(method, relative)

    def _answer(self, operation: Operation, request: Request) -> Reply | EventStream:
        # A hand-written answer where there is one for the operation (answers/), else one from the spec.
        if operation.operation_id in answers.HANDLERS:
            try:
                result = answers.answer(operation.operation_id, request)
            except ApiError as exc:
                if self._drift is None or exc.__cause__ is None:
                    raise
                # Another spec's operation of the same name, whose body the hand-written answer cannot read.
                return self._synthesized.answer(operation, request)
            if self._drift is not None:
                result = self._drift.answer(operation.operation_id, operation.spec, result)
            return result
        return self._synthesized.answer(operation, request)

    def _parse_body(self, operation: Operation, headers: Mapping[str, str], body: bytes) -> tuple[Any, Any]:
        """The body as answers see it, and the body's schema when it is a form (checked by check_form)."""
        if not operation.has_body:
            return None, None
        if not body:
            if operation.body_required:
                raise ApiError(400, "A request body is required.", code="missing_body")
            return None, None
        content_type = headers.get("content-type", "").lower()
        if content_type.startswith("application/json"):
            media: Mapping[str, Any] = {}  # the common case: no need to look at the spec
        else:
            media = self.spec.resolve(operation.spec.get("requestBody")).get("content") or {}
        if content_type.startswith(FORM_TYPES):
            declared = next((m for m in media if content_type.startswith(m.lower())), None)
            schema = self.spec.resolve(media[declared]).get("schema", {}) if declared is not None else {}
            fields = parse_form(body, headers.get("content-type", ""))
            return form_value(fields, schema, self.spec.resolve), schema
        if content_type and "json" not in content_type and not any("json" in m for m in media):
            return body, None  # a raw body (application/octet-stream, text/plain...)
        try:
            return json.loads(body), None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ApiError(400, f"The request body is not valid JSON: {exc}", code="invalid_json") from None


def create_app(*, validate: bool = True) -> MockApp:
    """The app, for ``uvicorn --factory oruel_client.mock.app:create_app``."""
    return MockApp(validate=validate)


def _authenticate(operation: Operation, headers: Mapping[str, str]) -> None:
    if operation.public:
        return
    value = headers.get("authorization")
    if not value:
        raise ApiError(
            401,
            "You didn't provide an API key. Send it as 'Authorization: Bearer oruel_...'.",
            "authentication_error",
            "missing_api_key",
        )
    scheme, _, token = value.partition(" ")
    if scheme.lower() != "bearer" or not token.strip().startswith("oruel_"):
        # Never echo the key back.
        raise ApiError(401, "Invalid API key: keys start with 'oruel_'.", "authentication_error", "invalid_api_key")


def _rate_limit(limiter: RateLimiter, headers: Mapping[str, str]) -> None:
    wait = limiter.check(limiter.key(headers))
    if wait is not None:
        message = f"Rate limit of {limiter.rate:g} requests per second reached; retry after {wait:.3f} s."
        retry = limiter.retry_after_headers(wait)
        raise ApiError(429, message, "rate_limit_error", "rate_limit_exceeded", headers=retry)
