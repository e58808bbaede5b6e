"""The local Oru-el-compatible server: a plain ASGI app (no framework), served by uvicorn (see server.py).

Everything about the API's surface comes from the spec, ``oruel_client._generated.document.DOCUMENT``: the base path
(from ``servers``), the routes and their methods, which operations need a key (``security``), and the
request schemas, which openapi-core checks on every request (``validate=False`` turns that off for
benchmarks). Answers are deterministic: see content.py.

Order of checks: route (404 / 405), API key (401, for operations whose ``security`` is not empty: any
``Authorization: Bearer oruel_...``), JSON body (400), spec validation (400 naming the field, e.g.
``temperature`` or ``messages.0.content``), a few documented rules the schema cannot say (unique tool names,
``tool_choice`` naming an offered tool), then fault injection (faults.py), then the answer.

Mock control headers besides the fault headers:

* ``x-oruel-mock-chunks: N`` (chat and text completions): the answer is N one-token pieces ``"x"``; with
  ``stream: true`` they are sent as N chunks written in large batches, for SSE throughput benchmarks.
* ``x-oruel-mock-dim: N`` (embeddings): vectors of N floats instead of EMBEDDING_DIM.

Every response carries ``x-request-id``; chat and text completions also ``x-oruel-tier`` (the tier asked
for). ``tier: turbo`` halves the ``slow-stream`` delay.

Speech is real audio in the requested format, 0.1 s per word (0.2 to 2 s): a sine tone whose pitch comes from
the voice in ``wav`` (RIFF/WAVE), ``flac`` (uncompressed frames) and ``pcm`` (raw 16-bit little-endian mono
samples at 24 kHz, OpenAI's meaning of ``pcm``); silence of the same length in ``mp3`` and ``opus`` (Ogg),
whose encoders are beyond a mock. Images are solid-colour PNGs (see content.image_size).
"""

from __future__ import annotations

import asyncio
import base64
import collections
import copy
import functools
import hashlib
import json
import os
import threading
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final
from urllib.parse import parse_qsl, urlsplit

from .._generated.document import DOCUMENT
from . import content
from .faults import (
    HTML_BODY,
    STATUS_FAULTS,
    STREAM_FAULTS,
    Fault,
    FaultCounter,
    FaultHeaderError,
    abort_connection,
    error_envelope,
    parse_fault,
)
from .ratelimit import RateLimiter, parse_rate

__all__ = [
    "BASE_PATH",
    "CHUNKS_HEADER",
    "DIM_HEADER",
    "MODELS",
    "ApiError",
    "MockApp",
    "RecordedRequest",
    "SpecValidator",
    "create_app",
    "operations",
]

Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

BASE_PATH: Final = urlsplit(DOCUMENT["servers"][0]["url"]).path.rstrip("/")
CHUNKS_HEADER: Final = "x-oruel-mock-chunks"
DIM_HEADER: Final = "x-oruel-mock-dim"
MAX_CHUNKS: Final = 1_000_000
MAX_DIM: Final = 16_384
MAX_IMAGES: Final = 128
# Bench streams are written this many events per ASGI message: one socket write per event would make the
# server, not the client, the bottleneck.
_BATCH: Final = 512
_SPEECH_TYPES: Final = {
    "mp3": "audio/mpeg",
    "wav": "audio/wav",
    "opus": "audio/ogg",
    "flac": "audio/flac",
    "pcm": "audio/pcm",
}
MODELS: Final[tuple[dict[str, Any], ...]] = (
    {"id": "llama-4-maverick", "object": "model", "created": 1743897600, "owned_by": "meta"},
    {"id": "llama-4-scout", "object": "model", "created": 1743897600, "owned_by": "meta"},
    {"id": "qwen3-235b-a22b", "object": "model", "created": 1745884800, "owned_by": "qwen"},
    {"id": "deepseek-v3", "object": "model", "created": 1735084800, "owned_by": "deepseek"},
    {"id": "bge-m3", "object": "model", "created": 1706486400, "owned_by": "baai"},
    {"id": "flux-1-schnell", "object": "model", "created": 1722470400, "owned_by": "black-forest-labs"},
    {"id": "kokoro-82m", "object": "model", "created": 1735689600, "owned_by": "hexgrad"},
)
_DONE: Final = b"data: [DONE]\n\n"


def _json(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()


def _sse(value: Any) -> bytes:
    return b"data: " + _json(value) + b"\n\n"


def _spec_default(schema: str, prop: str) -> Any:
    """A request field's server default, as the spec states it."""
    return DOCUMENT["components"]["schemas"][schema]["properties"][prop].get("default")


def _sampling_default(prop: str) -> Any:
    return _spec_default("SamplingParameters", prop)


@dataclass(frozen=True, slots=True)
class Operation:
    operation_id: str
    method: str
    path: str
    public: bool
    has_body: bool


def operations(document: Mapping[str, Any] = DOCUMENT) -> dict[str, dict[str, Operation]]:
    """The spec's operations by path (relative to the base path), then by upper-case method."""
    default_security = document.get("security", [])
    table: dict[str, dict[str, Operation]] = {}
    for path, item in document["paths"].items():
        for method, op in item.items():
            if not isinstance(op, Mapping) or "operationId" not in op:
                continue  # path-level keys such as parameters or summary
            public = not op.get("security", default_security)
            table.setdefault(path, {})[method.upper()] = Operation(
                op["operationId"], method.upper(), path, public, "requestBody" in op
            )
    return table


class ApiError(Exception):
    """An answer in the error envelope."""

    def __init__(
        self,
        status: int,
        message: str,
        type_: str = "invalid_request_error",
        code: str | None = None,
        param: str | None = None,
        headers: Sequence[tuple[str, str]] = (),
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.type = type_
        self.code = code
        self.param = param
        self.headers = list(headers)

    def reply(self) -> Reply:
        body = error_envelope(self.message, self.type, self.code, self.param)
        return Reply(self.status, body, "application/json", self.headers)


@dataclass(slots=True)
class Reply:
    status: int
    body: bytes
    content_type: str
    headers: list[tuple[str, str]] = field(default_factory=list)


@dataclass(slots=True)
class EventStream:
    events: list[bytes]
    headers: list[tuple[str, str]] = field(default_factory=list)
    batch: bool = False


@dataclass(frozen=True, slots=True)
class RecordedRequest:
    """A request as the server saw it (the Authorization value redacted)."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass(slots=True)
class _Request:
    method: str
    path: str
    headers: dict[str, str]
    body: Any


class _OpenAPIRequest:
    """The request as openapi-core's ``Request`` protocol wants it."""

    host_url = "http://mock"  # not compared: the validator's spec has a path-only server URL

    def __init__(self, method: str, path: str, query: bytes, headers: Mapping[str, str], body: bytes) -> None:
        from openapi_core.datatypes import RequestParameters
        from werkzeug.datastructures import Headers, ImmutableMultiDict

        self.method = method.lower()
        self.path = path
        self.body = body or None
        self.content_type = headers.get("content-type", "").lower()
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(parse_qsl(query.decode("latin-1"))), header=Headers(list(headers.items()))
        )


def _branch_mismatch(error: Any, parent: Any) -> bool:
    # A oneOf branch the caller plainly did not mean: its tag (a const such as role) differs, or the value
    # is not even of the branch's type.
    if error.validator == "const":
        return True
    return bool(error.validator == "type" and error.absolute_path == parent.absolute_path)


def _most_specific(error: Any) -> Any:
    """Descend into a oneOf/anyOf failure when exactly one branch fits the value's tag and type, so that
    ``{"role": "user", "content": 5}`` is reported at ``messages.0.content``, not ``messages.0``."""
    while error.validator in ("oneOf", "anyOf") and error.context:
        branches: dict[Any, list[Any]] = {}
        for sub in error.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
        viable = [errs for errs in branches.values() if not any(_branch_mismatch(e, error) for e in errs)]
        if len(viable) != 1:
            break
        error = max(viable[0], key=lambda e: len(e.absolute_path))
    return error


def _to_api_error(exc: Exception) -> ApiError:
    schema_errors = list(getattr(exc.__cause__, "schema_errors", None) or [])
    if not schema_errors:
        return ApiError(400, f"Invalid request: {exc}", code="invalid_request")
    error = _most_specific(schema_errors[0])
    path = [str(p) for p in error.absolute_path]
    if error.validator == "required" and isinstance(error.instance, Mapping):
        missing = next((n for n in error.validator_value if n not in error.instance), None)
        if missing is not None:
            param = ".".join([*path, str(missing)])
            return ApiError(400, f"Missing required parameter: '{param}'.", code="invalid_parameter", param=param)
    param = ".".join(path)
    detail = error.message if len(error.message) <= 300 else error.message[:297] + "..."
    where = f"'{param}'" if param else "request body"
    return ApiError(400, f"Invalid {where}: {detail}", code="invalid_parameter", param=param or None)


class SpecValidator:
    """openapi-core request validation against the spec. Building it takes ~0.2 s (openapi-core also checks
    the spec itself), so ``shared_validator`` makes one per process and base path."""

    def __init__(self, base_path: str = BASE_PATH) -> None:
        from openapi_core import OpenAPI
        from openapi_core.validation.request.exceptions import MissingRequestBody, SecurityValidationError

        document = copy.deepcopy(DOCUMENT)
        # A path-only server URL: openapi-core then matches the path alone, whatever host and port we got.
        document["servers"] = [{"url": base_path or "/"}]
        self._validator = OpenAPI.from_dict(document).request_validator
        # Keys are checked by MockApp (401, not 400); an absent optional body is fine.
        self._ignored = (SecurityValidationError, MissingRequestBody)

    def check(self, method: str, path: str, query: bytes, headers: Mapping[str, str], body: bytes) -> None:
        request = _OpenAPIRequest(method, path, query, headers, body)
        for exc in self._validator.iter_errors(request):
            if not isinstance(exc, self._ignored):
                raise _to_api_error(exc)


@functools.cache
def shared_validator(base_path: str = BASE_PATH) -> SpecValidator:
    return SpecValidator(base_path)


def _int_header(headers: Mapping[str, str], name: str, low: int, high: int) -> int | None:
    raw = headers.get(name)
    if raw is None:
        return None
    try:
        value = int(raw)
    except ValueError:
        value = low - 1
    if not low <= value <= high:
        raise ApiError(400, f"{name} must be a whole number from {low} to {high}", code="invalid_header", param=name)
    return value


def _stops(stop: Any) -> list[str]:
    if isinstance(stop, str):
        return [stop]
    return [s for s in stop if isinstance(s, str)] if isinstance(stop, list) else []


def _hex_id(seed: int, salt: str) -> str:
    return hashlib.sha256(f"{salt}:{seed}".encode()).hexdigest()[:24]


@dataclass(slots=True)
class _Choice:
    pieces: list[str]
    finish_reason: str
    completion_tokens: int


class MockApp:
    """The ASGI app. ``validate=False`` skips openapi-core (everything else, auth included, stays).

    ``requests`` is a copy of the last 1000 requests received; ``faults`` counts requests per fault id.
    """

    def __init__(
        self, *, validate: bool = True, base_path: str = BASE_PATH, rate_limit: str | float | None = None
    ) -> None:
        self.base_path = base_path.rstrip("/")
        # Past this many requests per second and key: 429 with Retry-After (see ratelimit.py).
        self.rate_limiter = RateLimiter(parse_rate(rate_limit)) if rate_limit is not None else None
        self.validate = validate
        self._validator = shared_validator(self.base_path) if validate else None
        self._routes = operations()
        self.faults = FaultCounter()
        # Set by shutdown(): slow-stream pauses end early, so stopping the server never waits on them.
        self.closing = threading.Event()
        self._recorded: collections.deque[RecordedRequest] = collections.deque(maxlen=1000)
        self._recorded_lock = threading.Lock()  # tests read from their own thread while the server appends
        self._handlers: dict[str, Callable[[_Request], Reply | EventStream]] = {
            "createChatCompletion": self._chat_completion,
            "createCompletion": self._completion,
            "createEmbedding": self._embedding,
            "listModels": self._list_models,
            "createImage": self._image,
            "createSpeech": self._speech,
        }

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
            await self._lifespan(receive, send)
        elif scope["type"] == "http":
            await self._http(scope, receive, send)

    @staticmethod
    async def _lifespan(receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _http(self, scope: Mapping[str, Any], receive: Receive, send: Send) -> None:
        method: str = scope["method"]
        path: str = scope["path"]
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        body = await _read_body(receive)
        redacted = {k: ("<redacted>" if k == "authorization" else v) for k, v in headers.items()}
        with self._recorded_lock:
            self._recorded.append(RecordedRequest(method, path, redacted, body))
        common = [("x-request-id", "req_" + os.urandom(12).hex())]
        try:
            operation = self._route(method, path)
            _authenticate(operation, headers)
            if self.rate_limiter is not None:
                _rate_limit(self.rate_limiter, headers)
            data = _parse_body(operation, body)
            if self._validator is not None:
                self._validator.check(method, path, scope.get("query_string", b""), headers, body)
            turbo = isinstance(data, Mapping) and data.get("tier") == "turbo"
            fault = parse_fault(headers, self.faults, turbo=turbo)
            if fault is not None and await self._early_fault(fault, data, receive, send, common):
                return
            result = self._answer(operation, _Request(method, path, headers, data))
        except ApiError as exc:
            result = exc.reply()
        except FaultHeaderError as exc:
            result = ApiError(400, str(exc), code="invalid_header", param=exc.header).reply()
        else:
            if fault is not None and fault.kind in STREAM_FAULTS:
                await self._deliver_with_fault(result, fault, receive, send, common)
                return
        await _deliver(result, send, common)

    def _route(self, method: str, path: str) -> Operation:
        relative = path[len(self.base_path) :] if path.startswith(self.base_path + "/") else None
        methods = self._routes.get(relative) if relative is not None else None
        if methods is None:
            raise ApiError(404, f"Unknown request URL: {method} {path}.", code="unknown_url")
        if method not in methods:
            allow = ", ".join(sorted(methods))
            raise ApiError(
                405, f"Method {method} not allowed for {path}; use {allow}.", code="method_not_allowed",
                headers=[("allow", allow)],
            )  # fmt: skip
        return methods[method]

    def _answer(self, operation: Operation, request: _Request) -> Reply | EventStream:
        handler = self._handlers.get(operation.operation_id)
        if handler is None:
            raise ApiError(501, f"The mock server has no answer for {operation.operation_id}.", "server_error")
        try:
            return handler(request)
        except ApiError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
            # Only reachable with validate=False: the body did not have the shape the spec requires.
            raise ApiError(400, f"Could not process the request body: {exc!r}", code="invalid_request") from exc

    async def _early_fault(self, fault: Fault, data: Any, receive: Receive, send: Send, common: list[Any]) -> bool:
        """Faults that replace the answer; True when the request is done."""
        streaming = isinstance(data, Mapping) and data.get("stream") is True
        if fault.kind == "drop":
            if abort_connection(send):
                await _wait_disconnect(receive)
                return True
            raise ApiError(500, "Mock fault drop (this server cannot close the connection).", "server_error")
        if fault.kind in STATUS_FAULTS:
            status = int(fault.kind)
            kind = "rate_limit_error" if status == 429 else "server_error"
            code = "rate_limit_exceeded" if status == 429 else "mock_fault"
            raise ApiError(status, f"Mock fault {status}.", kind, code, headers=fault.retry_headers())
        if fault.kind == "html":
            await _deliver(Reply(502, HTML_BODY, "text/html; charset=utf-8", fault.retry_headers()), send, common)
            return True
        if fault.kind in ("error-event", "error-data") and not streaming:
            raise ApiError(500, f"Mock fault {fault.kind}.", "server_error", "mock_fault")
        return False

    async def _deliver_with_fault(
        self, result: Reply | EventStream, fault: Fault, receive: Receive, send: Send, common: list[Any]
    ) -> None:
        if isinstance(result, EventStream):
            await _stream_with_fault(result, fault, receive, send, common, self.closing)
            return
        if fault.kind == "slow-stream":
            if not await _pause(fault.delay, self.closing):
                await _close(send, receive)
                return
        elif fault.kind == "malformed-chunk" and result.status == 200:
            result = Reply(200, result.body[: len(result.body) // 2], result.content_type, result.headers)
        elif fault.kind == "drop-mid-stream":
            await _start(send, result.status, result.content_type, [*common, *result.headers], len(result.body))
            await send({"type": "http.response.body", "body": result.body[: len(result.body) // 2], "more_body": True})
            await _close(send, receive)
            return
        await _deliver(result, send, common)

    # ------------------------------------------------------------------ operations

    def _list_models(self, request: _Request) -> Reply:
        return Reply(200, _json({"object": "list", "data": list(MODELS)}), "application/json")

    def _chat_completion(self, request: _Request) -> Reply | EventStream:
        body: Mapping[str, Any] = request.body
        seed = content.request_seed(body)
        completion_id = "chatcmpl-" + _hex_id(seed, "chat")
        created = int(time.time())
        model = body["model"]
        messages = body["messages"]
        usage_prompt = max(1, sum(content.count_tokens(content.message_text(m.get("content"))) for m in messages))
        tier = [("x-oruel-tier", str(body.get("tier", _sampling_default("tier"))))]
        base = {"id": completion_id, "object": "chat.completion.chunk", "created": created, "model": model}
        tool = _chosen_tool(body)
        chunks = _int_header(request.headers, CHUNKS_HEADER, 1, MAX_CHUNKS)
        streaming = body.get("stream") is True

        if tool is not None and chunks is None:
            function = tool["function"]
            call_id = "call_" + _hex_id(seed, function["name"])
            arguments = content.tool_arguments(function.get("parameters"), seed)
            usage = _usage(usage_prompt, content.count_tokens(arguments))
            if streaming:
                return EventStream(_tool_call_events(base, call_id, function["name"], arguments, usage), tier)
            call = {"id": call_id, "type": "function", "function": {"name": function["name"], "arguments": arguments}}
            message: dict[str, Any] = {"role": "assistant", "content": None, "tool_calls": [call]}
            return _chat_reply(base, message, "tool_calls", usage, tier)

        if chunks is not None:
            choice = _Choice(["x"] * chunks, "stop", chunks)
        else:
            json_mode = (body.get("response_format") or {}).get("type") == "json_object"
            generate = content.generate_json_text if json_mode else content.generate_text
            result = generate(seed, max_tokens=body.get("max_tokens"), stop=_stops(body.get("stop")))
            choice = _Choice(content.split_pieces(result.text), result.finish_reason, result.completion_tokens)
        usage = _usage(usage_prompt, choice.completion_tokens)
        if streaming:
            return EventStream(_chat_events(base, choice, usage), tier, batch=chunks is not None)
        message = {"role": "assistant", "content": "".join(choice.pieces)}
        return _chat_reply(base, message, choice.finish_reason, usage, tier)

    def _completion(self, request: _Request) -> Reply | EventStream:
        body: Mapping[str, Any] = request.body
        seed = content.request_seed(body)
        prompts = body["prompt"] if isinstance(body["prompt"], list) else [body["prompt"]]
        chunks = _int_header(request.headers, CHUNKS_HEADER, 1, MAX_CHUNKS)
        choices: list[_Choice] = []
        for index in range(len(prompts)):
            if chunks is not None:
                choices.append(_Choice(["x"] * chunks, "stop", chunks))
                continue
            result = content.generate_text(
                seed + index, max_tokens=body.get("max_tokens"), stop=_stops(body.get("stop")), lead=" "
            )
            choices.append(_Choice(content.split_pieces(result.text), result.finish_reason, result.completion_tokens))
        usage = _usage(
            max(1, sum(content.count_tokens(p) for p in prompts if isinstance(p, str))),
            sum(c.completion_tokens for c in choices),
        )
        base = {
            "id": "cmpl-" + _hex_id(seed, "text"),
            "object": "text_completion",
            "created": int(time.time()),
            "model": body["model"],
        }
        tier = [("x-oruel-tier", str(body.get("tier", _sampling_default("tier"))))]
        if body.get("stream") is True:
            return EventStream(_text_events(base, choices, usage), tier, batch=chunks is not None)
        out = [{"index": i, "text": "".join(c.pieces), "finish_reason": c.finish_reason} for i, c in enumerate(choices)]
        return Reply(200, _json({**base, "choices": out, "usage": usage}), "application/json", tier)

    def _embedding(self, request: _Request) -> Reply:
        body: Mapping[str, Any] = request.body
        inputs = body["input"] if isinstance(body["input"], list) else [body["input"]]
        dim = _int_header(request.headers, DIM_HEADER, 1, MAX_DIM) or content.EMBEDDING_DIM
        encoding = body.get("encoding_format") or _spec_default("EmbeddingRequest", "encoding_format")
        vector = content.embedding_base64 if encoding == "base64" else content.embedding_floats
        data = [{"object": "embedding", "index": i, "embedding": vector(text, dim)} for i, text in enumerate(inputs)]
        tokens = max(1, sum(content.count_tokens(text) for text in inputs))
        answer = {
            "object": "list",
            "data": data,
            "model": body["model"],
            "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
        }
        return Reply(200, _json(answer), "application/json")

    def _image(self, request: _Request) -> Reply:
        body: Mapping[str, Any] = request.body
        count = body.get("n", _spec_default("ImageGenerationRequest", "n"))
        if count > MAX_IMAGES:
            raise ApiError(400, f"The mock makes at most {MAX_IMAGES} images.", code="invalid_parameter", param="n")
        width, height = content.image_size(
            body.get("width", _spec_default("ImageGenerationRequest", "width")),
            body.get("height", _spec_default("ImageGenerationRequest", "height")),
        )
        as_url = (body.get("response_format") or _spec_default("ImageGenerationRequest", "response_format")) == "url"
        seed = content.request_seed(body)
        data = []
        for index in range(count):
            digest = hashlib.sha256(f"{seed}:{index}".encode()).digest()
            encoded = _b64(content.png(width, height, (digest[0], digest[1], digest[2])))
            image = {"url": "data:image/png;base64," + encoded} if as_url else {"b64_json": encoded}
            data.append({**image, "revised_prompt": body["prompt"]})
        return Reply(200, _json({"created": int(time.time()), "data": data}), "application/json")

    def _speech(self, request: _Request) -> Reply:
        body: Mapping[str, Any] = request.body
        fmt = body.get("response_format") or _spec_default("SpeechRequest", "response_format")
        content_type = _SPEECH_TYPES[fmt]
        seconds = min(2.0, max(0.2, 0.1 * content.count_tokens(body["input"])))
        pitch = 220 + int.from_bytes(hashlib.sha256(str(body["voice"]).encode()).digest()[:2], "big") % 440
        seconds = round(seconds, 1)
        pcm = content.pcm_tone(float(pitch), seconds)
        audio = {
            "pcm": lambda: pcm,
            "wav": lambda: content.wav(pcm),
            "flac": lambda: content.flac(pcm),
            "mp3": lambda: content.mp3_silence(seconds),
            "opus": lambda: content.opus_silence(seconds),
        }[fmt]()
        return Reply(200, audio, content_type)


def create_app(*, validate: bool = True) -> MockApp:
    """The app, for ``uvicorn --factory oruel_client.mock.app:create_app``."""
    return MockApp(validate=validate)


# ---------------------------------------------------------------------- helpers


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _usage(prompt: int, completion: int) -> dict[str, int]:
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


def _rate_limit(limiter: RateLimiter, headers: Mapping[str, str]) -> None:
    wait = limiter.check(limiter.key(headers))
    if wait is not None:
        message = f"Rate limit of {limiter.rate:g} requests per second reached; retry after {wait:.3f} s."
        retry = limiter.retry_after_headers(wait)
        raise ApiError(429, message, "rate_limit_error", "rate_limit_exceeded", headers=retry)


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


def _parse_body(operation: Operation, body: bytes) -> Any:
    if not operation.has_body:
        return None
    if not body:
        raise ApiError(400, "A JSON request body is required.", code="missing_body")
    try:
        return json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ApiError(400, f"The request body is not valid JSON: {exc}", code="invalid_json") from None


def _chosen_tool(body: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The tool to call: the one tool_choice names, or with "auto" (the default when tools are offered) the
    first tool whose name the last user message mentions. Also enforces the documented rules the schema
    cannot state: tool names are unique, and a named tool_choice names an offered tool."""
    tools = body.get("tools") or []
    by_name: dict[str, Mapping[str, Any]] = {}
    for index, tool in enumerate(tools):
        name = tool["function"]["name"]
        if name in by_name:
            raise ApiError(
                400, f"Tool names must be unique; {name!r} appears twice.", code="invalid_parameter",
                param=f"tools.{index}.function.name",
            )  # fmt: skip
        by_name[name] = tool
    choice = body.get("tool_choice")
    if isinstance(choice, Mapping):
        name = choice["function"]["name"]
        if name not in by_name:
            raise ApiError(
                400, f"tool_choice names {name!r}, which is not among the tools.", code="invalid_parameter",
                param="tool_choice.function.name",
            )  # fmt: skip
        return by_name[name]
    if choice == "none" or not by_name:
        return None
    last_user = next((m for m in reversed(body["messages"]) if m.get("role") == "user"), None)
    text = content.message_text(last_user.get("content")) if last_user else ""
    return next((tool for name, tool in by_name.items() if name in text), None)


def _chat_reply(
    base: Mapping[str, Any], message: Mapping[str, Any], finish: str, usage: Mapping[str, int], headers: list[Any]
) -> Reply:
    answer = {
        **base,
        "object": "chat.completion",
        "choices": [{"index": 0, "message": message, "finish_reason": finish}],
        "usage": usage,
    }
    return Reply(200, _json(answer), "application/json", headers)


def _encoded_pieces(pieces: Sequence[str], encode: Callable[[str], bytes]) -> list[bytes]:
    # Identical pieces give identical chunks: encode each distinct piece once (a bench stream repeats one
    # piece 20,000 times).
    cache: dict[str, bytes] = {}
    return [cache[p] if p in cache else cache.setdefault(p, encode(p)) for p in pieces]


def _chat_events(base: Mapping[str, Any], choice: _Choice, usage: Mapping[str, int]) -> list[bytes]:
    def chunk(delta: Mapping[str, Any], finish: str | None = None, last: bool = False) -> bytes:
        value = {**base, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
        if last:
            value["usage"] = usage
        return _sse(value)

    pieces = choice.pieces
    # Oru-el's documented framing: role on the first chunk; usage on the last content chunk, together with
    # finish_reason (not in a separate usage-only chunk); then [DONE].
    if len(pieces) == 1:
        return [chunk({"role": "assistant", "content": pieces[0]}, choice.finish_reason, last=True), _DONE]
    first = chunk({"role": "assistant", "content": pieces[0]})
    middle = _encoded_pieces(pieces[1:-1], lambda p: chunk({"content": p}))
    last = chunk({"content": pieces[-1]}, choice.finish_reason, last=True)
    return [first, *middle, last, _DONE]


def _tool_call_events(
    base: Mapping[str, Any], call_id: str, name: str, arguments: str, usage: Mapping[str, int]
) -> list[bytes]:
    def chunk(delta: Mapping[str, Any], finish: str | None = None, last: bool = False) -> bytes:
        value = {**base, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
        if last:
            value["usage"] = usage
        return _sse(value)

    opening = {"index": 0, "id": call_id, "type": "function", "function": {"name": name, "arguments": ""}}
    events = [chunk({"role": "assistant", "content": None, "tool_calls": [opening]})]
    pieces = [arguments[i : i + 8] for i in range(0, len(arguments), 8)] or [""]
    for number, piece in enumerate(pieces):
        delta = {"tool_calls": [{"index": 0, "function": {"arguments": piece}}]}
        last = number == len(pieces) - 1
        events.append(chunk(delta, "tool_calls" if last else None, last=last))
    events.append(_DONE)
    return events


def _text_events(base: Mapping[str, Any], choices: Sequence[_Choice], usage: Mapping[str, int]) -> list[bytes]:
    events: list[bytes] = []
    for index, choice in enumerate(choices):

        def chunk(text: str, finish: str | None = None, last: bool = False, index: int = index) -> bytes:
            value = {**base, "choices": [{"index": index, "text": text, "finish_reason": finish}]}
            if last:
                value["usage"] = usage
            return _sse(value)

        final = index == len(choices) - 1
        events.extend(_encoded_pieces(choice.pieces[:-1], chunk))
        events.append(chunk(choice.pieces[-1], choice.finish_reason, last=final))
    events.append(_DONE)
    return events


async def _read_body(receive: Receive) -> bytes:
    parts: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        parts.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(parts)


async def _wait_disconnect(receive: Receive) -> None:
    # Returning earlier would make uvicorn log "returned without completing response" for the closed
    # connection; it reports the disconnect one loop turn after the close.
    try:
        async with asyncio.timeout(5):
            while (await receive())["type"] != "http.disconnect":
                pass
    except TimeoutError:
        pass


async def _start(
    send: Send, status: int, content_type: str, headers: Iterable[tuple[str, str]], length: int | None
) -> None:
    raw = [(b"content-type", content_type.encode())]
    if length is not None:
        raw.append((b"content-length", str(length).encode()))
    raw.extend((k.encode("latin-1"), v.encode("latin-1")) for k, v in headers)
    await send({"type": "http.response.start", "status": status, "headers": raw})


async def _deliver(result: Reply | EventStream, send: Send, common: list[tuple[str, str]]) -> None:
    if isinstance(result, Reply):
        await _start(send, result.status, result.content_type, [*common, *result.headers], len(result.body))
        await send({"type": "http.response.body", "body": result.body, "more_body": False})
        return
    await _start(send, 200, "text/event-stream", [("cache-control", "no-cache"), *common, *result.headers], None)
    events = result.events
    step = _BATCH if result.batch else 1
    for i in range(0, len(events), step):
        await send({"type": "http.response.body", "body": b"".join(events[i : i + step]), "more_body": True})
    await send({"type": "http.response.body", "body": b"", "more_body": False})


async def _pause(seconds: float, closing: threading.Event) -> bool:
    """Sleep, in short steps so that a server shutdown is noticed; False if it was."""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        if closing.is_set():
            return False
        await asyncio.sleep(min(left, 0.05))
    return not closing.is_set()


async def _close(send: Send, receive: Receive) -> None:
    """End the response early: close the connection, or (under a server where that is impossible) end the
    body where it is."""
    if abort_connection(send):
        await _wait_disconnect(receive)
    else:
        await send({"type": "http.response.body", "body": b"", "more_body": False})


async def _stream_with_fault(
    result: EventStream,
    fault: Fault,
    receive: Receive,
    send: Send,
    common: list[tuple[str, str]],
    closing: threading.Event,
) -> None:
    await _start(send, 200, "text/event-stream", [("cache-control", "no-cache"), *common, *result.headers], None)
    events = result.events
    drop_at = max(1, len(events) // 2)
    for index, event in enumerate(events):
        if fault.kind == "drop-mid-stream" and index == drop_at:
            await _close(send, receive)
            return
        if index == 1 and fault.kind in ("error-event", "error-data"):
            error = error_envelope("Mock fault: the model failed mid-stream.", "server_error", "mock_fault")
            frame = b"event: error\ndata: " if fault.kind == "error-event" else b"data: "
            await send({"type": "http.response.body", "body": frame + error + b"\n\n", "more_body": True})
            break
        if index == 1 and fault.kind == "malformed-chunk":
            await send({"type": "http.response.body", "body": b'data: {"id": "oops", not json\n\n', "more_body": True})
        if fault.kind == "slow-stream" and not await _pause(fault.delay, closing):
            await _close(send, receive)
            return
        await send({"type": "http.response.body", "body": event, "more_body": True})
    await send({"type": "http.response.body", "body": b"", "more_body": False})
