"""Fold the JSON chunks of a streamed completion into the JSON of the equivalent non-streamed response.

Works on plain JSON values (what ``json.loads`` gives for each event), so it serves the chat and the text
completion streams of Oru-el and of other OpenAI-compatible servers alike.

Rules, beyond the obvious concatenation of ``content`` / ``text``:

* Top-level keys: the first non-null value of each key wins (``id``, ``created``, ``model``,
  ``system_fingerprint`` and any unknown key); ``id``, ``created`` and ``model`` are always present (null if
  no chunk had them). ``object`` maps ``chat.completion.chunk`` to ``chat.completion`` (any ``X.chunk`` to
  ``X``); without one it is inferred from the choices (``delta`` means chat, ``text`` means completion).
* ``usage``: the last non-null one seen, on whatever chunk it came (Oru-el puts it on the last content chunk,
  OpenAI on a final chunk with no choices); the key is omitted when none came.
* Per choice (by ``index``): ``finish_reason`` is the last non-null one; ``role`` the first, defaulting to
  ``"assistant"``. ``logprobs`` lists are concatenated (``content`` / ``refusal`` for chat; ``tokens``,
  ``token_logprobs``, ... for completions) and the key is kept if any chunk had it. Other string delta
  fields (``refusal``, ``reasoning_content``...) are concatenated too; other non-string fields, of the
  delta or of the choice, keep their last non-null value.
* ``tool_calls`` are merged by their ``index``: ``id``, ``type`` and ``function.name`` are taken when first
  present (``type`` defaults to ``"function"``), ``function.arguments`` concatenate. A fragment without an
  ``index`` continues the last call unless it brings a new ``id``. The key is omitted when no call came.
* ``content`` is None when no non-empty content arrived and tool calls did; otherwise the joined text
  (``""`` if there was none).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol


class _Model(Protocol):
    """A generated model, such as the ChatCompletionChunk items a Stream yields."""

    def to_dict(self) -> dict[str, Any]: ...


__all__ = ["ChunkAccumulator", "accumulate_chunks"]

_CHAT = "chat"
_TEXT = "text"


class _Parts(list[str]):
    """Marks an extra field whose string pieces are concatenated."""


def _merge_logprobs(current: Any, new: Any) -> Any:
    if new is None:
        return current
    if not isinstance(new, Mapping):
        return new
    merged: dict[str, Any] = dict(current) if isinstance(current, Mapping) else {}
    for key, value in new.items():
        if isinstance(value, list):
            old = merged.get(key)
            # Copy on first sight so that extending never mutates a list that belongs to a chunk.
            merged[key] = [*old, *value] if isinstance(old, list) else list(value)
        elif value is not None or key not in merged:
            merged[key] = value
    return merged


def _add_extra(extras: dict[str, Any], key: str, value: Any) -> None:
    if isinstance(value, str):
        parts = extras.get(key)
        if isinstance(parts, _Parts):
            parts.append(value)
        else:
            extras[key] = _Parts([value])
    elif value is not None or key not in extras:
        extras[key] = value


def _render_extras(extras: Mapping[str, Any]) -> dict[str, Any]:
    return {key: "".join(value) if isinstance(value, _Parts) else value for key, value in extras.items()}


class _ToolCall:
    __slots__ = ("id", "type", "name", "arguments")

    def __init__(self) -> None:
        self.id: str | None = None
        self.type: str | None = None
        self.name: str | None = None
        self.arguments: list[str] = []

    def add(self, fragment: Mapping[str, Any]) -> None:
        if self.id is None and fragment.get("id") is not None:
            self.id = fragment["id"]
        if self.type is None and fragment.get("type") is not None:
            self.type = fragment["type"]
        function = fragment.get("function")
        if isinstance(function, Mapping):
            if self.name is None and function.get("name") is not None:
                self.name = function["name"]
            arguments = function.get("arguments")
            if isinstance(arguments, str):
                self.arguments.append(arguments)

    def render(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type or "function",
            "function": {"name": self.name, "arguments": "".join(self.arguments)},
        }


class _Choice:
    __slots__ = (
        "index",
        "kind",
        "role",
        "parts",
        "tool_calls",
        "last_tool_index",
        "finish_reason",
        "has_logprobs",
        "logprobs",
        "delta_extras",
        "choice_extras",
    )

    def __init__(self, index: int, kind: str) -> None:
        self.index = index
        self.kind = kind
        self.role: str | None = None
        # Pieces of message.content (chat) or of text (completion).
        self.parts: list[str] = []
        self.tool_calls: dict[int, _ToolCall] = {}
        self.last_tool_index: int | None = None
        self.finish_reason: Any = None
        self.has_logprobs = False
        self.logprobs: Any = None
        self.delta_extras: dict[str, Any] = {}
        self.choice_extras: dict[str, Any] = {}

    def add(self, choice: Mapping[str, Any]) -> None:
        for key, value in choice.items():
            if key == "index":
                continue
            if key == "delta":
                if isinstance(value, Mapping):
                    self._add_delta(value)
            elif key == "text":
                if isinstance(value, str):
                    self.parts.append(value)
            elif key == "finish_reason":
                if value is not None:
                    self.finish_reason = value
            elif key == "logprobs":
                self.has_logprobs = True
                self.logprobs = _merge_logprobs(self.logprobs, value)
            elif value is not None or key not in self.choice_extras:
                self.choice_extras[key] = value

    def _add_delta(self, delta: Mapping[str, Any]) -> None:
        for key, value in delta.items():
            if key == "content":
                if isinstance(value, str):
                    self.parts.append(value)
            elif key == "role":
                if self.role is None and value is not None:
                    self.role = value
            elif key == "tool_calls":
                if isinstance(value, list):
                    for fragment in value:
                        if isinstance(fragment, Mapping):
                            self._add_tool_call(fragment)
            else:
                _add_extra(self.delta_extras, key, value)

    def _add_tool_call(self, fragment: Mapping[str, Any]) -> None:
        index = fragment.get("index")
        if not isinstance(index, int):
            # No index (some servers omit it): a fragment with an id we have not seen opens a new call,
            # anything else continues the last one.
            new_id = fragment.get("id")
            last = self.last_tool_index
            if last is None or (new_id is not None and self.tool_calls[last].id not in (None, new_id)):
                index = max(self.tool_calls, default=-1) + 1
            else:
                index = last
        call = self.tool_calls.get(index)
        if call is None:
            call = self.tool_calls[index] = _ToolCall()
        call.add(fragment)
        self.last_tool_index = index

    def render(self) -> dict[str, Any]:
        out: dict[str, Any] = {"index": self.index}
        text = "".join(self.parts)
        if self.kind == _TEXT:
            out["text"] = text
        else:
            message: dict[str, Any] = {
                "role": self.role or "assistant",
                "content": None if not text and self.tool_calls else text,
            }
            if self.tool_calls:
                message["tool_calls"] = [self.tool_calls[i].render() for i in sorted(self.tool_calls)]
            for key, value in _render_extras(self.delta_extras).items():
                message.setdefault(key, value)
            out["message"] = message
        if self.has_logprobs:
            out["logprobs"] = self.logprobs
        out["finish_reason"] = self.finish_reason
        for key, value in self.choice_extras.items():
            out.setdefault(key, value)
        return out


class ChunkAccumulator:
    """Add stream chunks one by one with ``add``; ``result()`` gives the non-streamed response so far."""

    def __init__(self) -> None:
        self._top: dict[str, Any] = {}
        self._object: str | None = None
        self._kind: str | None = None
        self._choices: dict[int, _Choice] = {}
        self._usage: Any = None

    def add(self, chunk: Mapping[str, Any]) -> None:
        for key, value in chunk.items():
            if key == "choices":
                continue
            if key == "usage":
                if value is not None:
                    self._usage = value
            elif key == "object":
                if self._object is None and isinstance(value, str):
                    self._object = value  # the kind comes from the choices' shape; see _fallback_kind
            elif self._top.get(key) is None:
                self._top[key] = value
        for choice in chunk.get("choices") or ():
            if not isinstance(choice, Mapping):
                continue
            index = choice.get("index")
            if not isinstance(index, int):
                index = 0
            acc = self._choices.get(index)
            if acc is None:
                if self._kind is None and ("delta" in choice or "text" in choice):
                    self._kind = _CHAT if "delta" in choice else _TEXT
                acc = self._choices[index] = _Choice(index, self._kind or self._fallback_kind())
            acc.add(choice)

    def _fallback_kind(self) -> str:
        """Chat or text when no choice has shown a delta or a text yet: then the object name decides."""
        return _TEXT if (self._object or "").startswith("text_completion") else _CHAT

    def result(self) -> dict[str, Any]:
        """The response as it stands; can be called at any point, any number of times."""
        if self._object is not None:
            obj = self._object.removesuffix(".chunk")
        else:
            obj = "text_completion" if self._kind == _TEXT else "chat.completion"
        out: dict[str, Any] = {
            "id": self._top.get("id"),
            "object": obj,
            "created": self._top.get("created"),
            "model": self._top.get("model"),
        }
        for key, value in self._top.items():
            out.setdefault(key, value)
        out["choices"] = [self._choices[i].render() for i in sorted(self._choices)]
        if self._usage is not None:
            out["usage"] = self._usage
        return out


def accumulate_chunks(chunks: Iterable[Mapping[str, Any] | _Model]) -> dict[str, Any]:
    """The JSON of the non-streamed response equivalent to these chunks (JSON dicts, or the typed chunks a
    Stream yields); ``ChatCompletion.from_dict(accumulate_chunks(stream))`` gives the typed completion."""
    acc = ChunkAccumulator()
    for chunk in chunks:
        acc.add(chunk if isinstance(chunk, Mapping) else chunk.to_dict())
    return acc.result()
