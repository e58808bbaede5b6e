"""Answers for operations with no hand-written answer (answers/): built from the spec's response.

The documented success status (the lowest 2xx; 204 has no body), and by its media type:

* JSON: the spec's valid example, else a value synthesized from the schema (examples.py);
* ``text/event-stream``: one event per branch when the event schema is a union (``oneOf``/``anyOf``, so each
  event type is seen), else two events; then the stream ends, with ``data: [DONE]`` where the generated client
  expects one (``_ends_with_done``);
* binary (``format: binary``, ``application/octet-stream``, ``audio/*``, ``image/*``): real bytes (a WAV, an
  MP3, a PNG where the type says so; fixed bytes otherwise); ``text/*``: a string.

An operation offering both JSON and a stream streams when the request asks for it (``stream: true`` in the
body, or an ``Accept`` that names only ``text/event-stream``). A list answer to a request that carries a
cursor (``after``...) says ``has_more: false``, so that a client iterating pages stops.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any, Final
from urllib.parse import parse_qsl

from . import content
from .conform import mentions_done
from .examples import Examples
from .replies import EventStream, Reply, Request, json_bytes
from .routing import Operation
from .spec import Spec
from .streaming import DONE, sse

__all__ = ["SpecAnswers"]

_CURSORS: Final = frozenset({"after", "before", "starting_after", "ending_before", "cursor", "page_token"})
_PLAIN_STREAM_EVENTS: Final = 2


class SpecAnswers:
    """Answers drawn from one spec; ``answer`` is called with a routed operation."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.examples = Examples(spec)
        # Values are deterministic for an operation and media type: built once.
        self._values: dict[tuple[str, str, str], Any] = {}
        self._events: dict[tuple[str, str, str], list[bytes]] = {}

    def _value(self, key: tuple[str, str, str], media: Mapping[str, Any]) -> Any:
        if key not in self._values:
            self._values[key] = self.examples.for_media(media)
        return self._values[key]

    def answer(self, operation: Operation, request: Request) -> Reply | EventStream:
        status, response = self._success(operation.spec)
        media = response.get("content") if isinstance(response, Mapping) else None
        if status == 204 or not isinstance(media, Mapping) or not media:
            return Reply(status, b"", "")
        kind, media_type = _choose(media, request)
        chosen = self.spec.resolve(media[media_type]) or {}
        key = (operation.method, operation.path, media_type)
        if kind == "stream":
            if key not in self._events:
                self._events[key] = self._stream(operation, chosen)
            return EventStream(list(self._events[key]))
        if kind == "json":
            value = self._value(key, chosen)
            if isinstance(value, dict):
                value = self._echo(value, chosen.get("schema"), request)
            return Reply(status, json_bytes(value), media_type)
        if kind == "text":
            value = self._value(key, chosen)
            return Reply(status, str(value).encode(), media_type)
        return Reply(status, _binary(media_type, operation.operation_id), media_type)

    def _echo(self, value: dict[str, Any], schema: Any, request: Request) -> dict[str, Any]:
        """The request's own identity in the answer: ``GET /files/{file_id}`` answers with that id (when the
        schema allows it), and a request carrying a cursor gets the last page (``has_more: false``)."""
        if value.get("has_more") is True and _has_cursor(request.query):
            value = {**value, "has_more": False}
        resolved = self.spec.resolve(schema)
        properties = resolved.get("properties") if isinstance(resolved, Mapping) else None
        if request.params and isinstance(properties, Mapping):
            last = list(request.params.values())[-1]
            for name in ("id", *request.params):
                wanted = last if name == "id" else request.params[name]
                if name in value and name in properties and self.examples.valid(properties[name], wanted):
                    value = {**value, name: wanted}
        return value

    def _success(self, op: Mapping[str, Any]) -> tuple[int, Any]:
        responses = op.get("responses") or {}
        codes = sorted(str(c) for c in responses if str(c)[:1] == "2")
        if codes:
            code = codes[0]
            return (int(code) if code.isdigit() else 200), self.spec.resolve(responses[code])
        return 200, self.spec.resolve(responses.get("default", {}))

    def _stream(self, operation: Operation, media: Mapping[str, Any]) -> list[bytes]:
        schema = self.spec.resolve(media.get("schema", {}))
        branches: list[Any] = []
        if isinstance(schema, Mapping):
            for key in ("oneOf", "anyOf"):
                if isinstance(schema.get(key), list):
                    rest = {k: v for k, v in schema.items() if k not in (key, "discriminator")}
                    branches = [{"allOf": [rest, b]} if rest else b for b in schema[key]]
                    break
        if branches:
            events = [sse(self.examples.value(b)) for b in branches]
        else:
            events = [sse(self.examples.value(schema))] * _PLAIN_STREAM_EVENTS
        if _ends_with_done(operation.spec, media, typed=bool(branches)):
            events.append(DONE)
        return events


def _ends_with_done(op: Mapping[str, Any], media: Mapping[str, Any], typed: bool) -> bool:
    """Whether a stream ends with ``data: [DONE]``, decided as the generated client expects it (generator/plan.py):
    ``x-oruel-stream-terminator`` when given; else when the operation says so; else chunk streams do (as chat
    completions do) and typed-event streams (a union of event schemas) end with the body."""
    terminator = media.get("x-oruel-stream-terminator", op.get("x-oruel-stream-terminator", "default"))
    if terminator != "default":
        return bool(terminator == "[DONE]")
    return mentions_done(op) or "[DONE]" in str(media.get("description", "")) or not typed


def _choose(media: Mapping[str, Any], request: Request) -> tuple[str, str]:
    kinds = {name: _kind_of(name, media[name]) for name in media}
    streams = [n for n, k in kinds.items() if k == "stream"]
    others = [n for n, k in kinds.items() if k != "stream"]
    accept = request.headers.get("accept", "")
    wants_stream = (isinstance(request.body, Mapping) and request.body.get("stream") is True) or (
        "text/event-stream" in accept and "json" not in accept
    )
    if streams and (wants_stream or not others):
        return "stream", streams[0]
    preferred = [n for n in others if kinds[n] == "json"] or others
    for name in preferred:  # an Accept naming one of them picks it (speech's audio formats, say)
        if name.lower() in accept.lower():
            return kinds[name], name
    return kinds[preferred[0]], preferred[0]


def _kind_of(media_type: str, media: Any) -> str:
    name = media_type.split(";")[0].strip().lower()
    schema = media.get("schema", {}) if isinstance(media, Mapping) else {}
    if name == "text/event-stream":
        return "stream"
    if name == "application/json" or name.endswith("+json") or name == "*/*" and _kind_hint(schema) != "binary":
        return "json"
    if _kind_hint(schema) == "binary" or not name.startswith("text/"):
        return "binary"
    return "text"


def _kind_hint(schema: Any) -> str:
    if isinstance(schema, Mapping) and (schema.get("format") == "binary" or "contentMediaType" in schema):
        return "binary"
    return ""


def _has_cursor(query: bytes) -> bool:
    return any(name in _CURSORS for name, _ in parse_qsl(query.decode("latin-1")))


def _binary(media_type: str, operation_id: str) -> bytes:
    name = media_type.split(";")[0].strip().lower()
    if name in ("audio/wav", "audio/x-wav", "audio/wave"):
        return content.wav(content.pcm_tone(440.0, 0.2))
    if name == "audio/mpeg":
        return content.mp3_silence(0.2)
    if name in ("audio/ogg", "audio/opus"):
        return content.opus_silence(0.2)
    if name == "audio/flac":
        return content.flac(content.pcm_tone(440.0, 0.2))
    if name.startswith("audio/"):
        return content.pcm_tone(440.0, 0.2)
    if name == "image/png":
        return content.png(8, 8, (32, 96, 160))
    return hashlib.shake_256(operation_id.encode()).digest(256)
