"""The SSE frames of streamed answers, in Oru-el's documented framing: ``role`` on the first chunk; ``usage``
on the last content chunk together with ``finish_reason`` (not in a separate usage-only chunk); then
``data: [DONE]``. Built as a list of frames up front; asgi.py writes them, faults.py bends them."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from .replies import json_bytes

__all__ = ["DONE", "Choice", "chat_events", "sse", "text_events", "tool_call_events"]

DONE: Final = b"data: [DONE]\n\n"
# Tool-call arguments are streamed in pieces of this many characters.
_ARGUMENT_PIECE: Final = 8


@dataclass(slots=True)
class Choice:
    """One choice of a chat or text completion, as the pieces a stream sends (joined when not streaming)."""

    pieces: list[str]
    finish_reason: str
    completion_tokens: int


def sse(value: Any) -> bytes:
    return b"data: " + json_bytes(value) + b"\n\n"


def _encoded_pieces(pieces: Sequence[str], encode: Callable[[str], bytes]) -> list[bytes]:
    # Identical pieces give identical chunks: encode each distinct piece once (a bench stream repeats one
    # piece 20,000 times).
    cache: dict[str, bytes] = {}
    return [cache[p] if p in cache else cache.setdefault(p, encode(p)) for p in pieces]


def _chat_chunk(
    base: Mapping[str, Any], usage: Mapping[str, int]
) -> Callable[[Mapping[str, Any], str | None, bool], bytes]:
    def chunk(delta: Mapping[str, Any], finish: str | None = None, last: bool = False) -> bytes:
        value = {**base, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
        if last:
            value["usage"] = usage
        return sse(value)

    return chunk


def chat_events(base: Mapping[str, Any], choice: Choice, usage: Mapping[str, int]) -> list[bytes]:
    chunk = _chat_chunk(base, usage)
    pieces = choice.pieces
    if len(pieces) == 1:
        return [chunk({"role": "assistant", "content": pieces[0]}, choice.finish_reason, True), DONE]
    first = chunk({"role": "assistant", "content": pieces[0]}, None, False)
    middle = _encoded_pieces(pieces[1:-1], lambda p: chunk({"content": p}, None, False))
    last = chunk({"content": pieces[-1]}, choice.finish_reason, True)
    return [first, *middle, last, DONE]


def tool_call_events(
    base: Mapping[str, Any], call_id: str, name: str, arguments: str, usage: Mapping[str, int]
) -> list[bytes]:
    chunk = _chat_chunk(base, usage)
    opening = {"index": 0, "id": call_id, "type": "function", "function": {"name": name, "arguments": ""}}
    events = [chunk({"role": "assistant", "content": None, "tool_calls": [opening]}, None, False)]
    step = _ARGUMENT_PIECE
    pieces = [arguments[i : i + step] for i in range(0, len(arguments), step)] or [""]
    for number, piece in enumerate(pieces):
        delta = {"tool_calls": [{"index": 0, "function": {"arguments": piece}}]}
        last = number == len(pieces) - 1
        events.append(chunk(delta, "tool_calls" if last else None, last))
    events.append(DONE)
    return events


def text_events(base: Mapping[str, Any], choices: Sequence[Choice], usage: Mapping[str, int]) -> list[bytes]:
    events: list[bytes] = []
    for index, choice in enumerate(choices):

        def chunk(text: str, finish: str | None = None, last: bool = False, index: int = index) -> bytes:
            value = {**base, "choices": [{"index": index, "text": text, "finish_reason": finish}]}
            if last:
                value["usage"] = usage
            return sse(value)

        final = index == len(choices) - 1
        events.extend(_encoded_pieces(choice.pieces[:-1], chunk))
        events.append(chunk(choice.pieces[-1], choice.finish_reason, last=final))
    events.append(DONE)
    return events
