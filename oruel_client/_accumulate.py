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

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any, Protocol


class _Model(Protocol):
    """A generated model, such as the ChatCompletionChunk items a Stream yields."""

    def to_dict(self) -> dict[str, Any]: ...


__all__ = ["ChunkAccumulator", "accumulate_chunks"]

_CHAT = "chat"
_TEXT = "text"


# Pieces of text are joined in blocks of this many, so that a long stream keeps a few large strings rather
# than one small string object (about 50 bytes of overhead each) per chunk.
_FOLD = 256


class _Text:
    """Text that arrives in pieces (content, tool-call arguments, other string fields): joined as it grows."""

    __slots__ = ("blocks", "recent")

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.recent: list[str] = []  # the same list for the text's life: the fast path appends to it directly

    def add(self, piece: str) -> None:
        recent = self.recent
        recent.append(piece)
        if len(recent) >= _FOLD:
            self.fold()

    def fold(self) -> None:
        self.blocks.append("".join(self.recent))
        self.recent.clear()

    def __str__(self) -> str:
        # One join, kept as the only block: the text is not held twice, and asking again costs nothing.
        whole = "".join([*self.blocks, *self.recent])
        self.blocks[:] = [whole]
        self.recent.clear()
        return whole


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
        if not isinstance(parts, _Text):
            parts = extras[key] = _Text()
        parts.add(value)
    elif value is not None or key not in extras:
        extras[key] = value


def _render_extras(extras: Mapping[str, Any]) -> dict[str, Any]:
    return {key: str(value) if isinstance(value, _Text) else value for key, value in extras.items()}


class _ToolCall:
    __slots__ = ("id", "type", "name", "arguments")

    def __init__(self) -> None:
        self.id: str | None = None
        self.type: str | None = None
        self.name: str | None = None
        self.arguments = _Text()

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
                self.arguments.add(arguments)

    def render(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type or "function",
            "function": {"name": self.name, "arguments": str(self.arguments)},
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
        self.parts = _Text()
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
                    self.parts.add(value)
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
                    self.parts.add(value)
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
        text = str(self.parts)
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


class _RawTemplate:
    """The JSON text of a usual chunk, cut around its content: ``head``, then the content's characters, then
    ``tail`` (from the string's closing quote). The text of a later chunk that is ``head``, then plain
    characters (no quote, no backslash, no control character: so one valid string, and exactly those
    characters), then ``tail`` is that chunk with a new content: its value is ``top`` and ``choice`` around a
    delta holding that text, and adding it adds that text and nothing else.

    ``top`` and ``choice`` are the chunk's value with the choices and the delta left out; every other value in
    them is immutable (checked when the template is made), so each value built from them may share them."""

    __slots__ = ("head", "tail", "cut", "tail_len", "top", "choice", "text")

    def __init__(self, head: str, tail: str, top: dict[str, Any], choice: dict[str, Any], text: _Text) -> None:
        self.head = head
        self.tail = tail
        self.cut = len(head)
        self.tail_len = len(tail)  # at least 1: the tail starts with the closing quote
        self.top = top
        self.choice = choice
        self.text = text

    def value(self, content: str) -> dict[str, Any]:
        """The chunk with this content: fresh dicts and list, in the text's key order."""
        return {**self.top, "choices": [{**self.choice, "delta": {"content": content}}]}


# The keys the usual choice of a chat stream has (logprobs only when null); see ChunkAccumulator._usual.
_PLAIN_CHOICE = frozenset({"index", "delta", "finish_reason", "logprobs"})
# A character JSON refuses raw in a string (the escapes aside); isprintable() is False for each, so this is looked
# for only in the rare text that is not all printable (no-break and ideographic spaces, zero-width joiners...).
_control = re.compile(r"[\x00-\x1f]").search
# What a raw template's values may be: immutable, so that every chunk built from it can share them.
_SCALARS = (str, int, float, bool, type(None))


class ChunkAccumulator:
    """Add stream chunks one by one with ``add``; ``result()`` gives the non-streamed response so far.

    What it keeps grows with the content (text and argument pieces, one of each other field), not with the
    number of chunks: a stream can feed it every chunk as it arrives. ``first`` is the first chunk added.

    A stream adds its events by their JSON text: ``value_of`` recognises the text of a usual chunk, adds its
    content and builds its value without parsing it (about half the cost of ``json.loads``); any other event is
    parsed by the stream and given to ``add_event``."""

    def __init__(self) -> None:
        self._top: dict[str, Any] = {}
        self._object: str | None = None
        self._kind: str | None = None
        self._choices: dict[int, _Choice] = {}
        self._usage: Any = None
        self.first: Mapping[str, Any] | None = None
        # The fast path's template: a copy of the last usual chunk, one choice whose delta holds only content.
        # A chunk equal to it once its content is put in the template adds nothing but that content.
        self._template: dict[str, Any] | None = None
        self._template_delta: dict[str, Any] = {}
        self._template_text = _Text()
        self._raw: _RawTemplate | None = None

    def add(self, chunk: Mapping[str, Any]) -> None:
        if self._usual_content(chunk) is None:
            self._add(chunk)

    def value_of(self, data: str) -> dict[str, Any] | None:
        """The value of the event text ``data`` when it is a usual chunk's text (see ``_RawTemplate``), its
        content added; None, and nothing added, for any other text (the stream parses it and calls
        ``add_event``)."""
        raw = self._raw
        if raw is None or not data.startswith(raw.head) or not data.endswith(raw.tail, raw.cut):
            return None
        content = data[raw.cut : -raw.tail_len]
        if '"' in content or "\\" in content or (not content.isprintable() and _control(content)):
            return None
        raw.text.add(content)
        return raw.value(content)

    def add_event(self, data: str, value: Any) -> None:
        """Add an event of a stream that ``value_of`` did not take: its JSON text and the value it parses to. A
        usual chunk's text teaches ``value_of`` to take the ones like it."""
        content = self._usual_content(value)
        if content is None:
            self._add(value)
        else:
            self._raw = self._derive_raw(data, value, content) or self._raw

    def _usual_content(self, chunk: Any) -> str | None:
        """Fast path, a fraction of the general one's cost: the usual chat chunk, the same as the one before
        but for its text. Its other fields were added already, and adding them again changes nothing (first
        non-null values win; the finish reason, the usage and the logprobs are null), so the text is all there
        is to add: it is added and returned. None (and nothing added) for any other chunk."""
        if self._template is None:
            return None
        try:
            content = chunk["choices"][0]["delta"]["content"]
        except (KeyError, IndexError, TypeError):
            return None
        if type(content) is not str:
            return None
        self._template_delta["content"] = content
        if chunk != self._template:
            return None
        self._template_text.add(content)
        return content

    def _derive_raw(self, data: str, value: dict[str, Any], content: str) -> _RawTemplate | None:
        """The raw template of ``data``, a usual chunk (parsed to ``value``) just added by the fast path with this
        content; None when its text does not show where the content is, plainly, when a value other than the
        choices and the delta is not immutable, or when the chunk carries a usage (the last usage wins, so such a
        chunk does add something when it comes again after another usage)."""
        if value.get("usage") is not None:
            return None
        literal = f'"{content}"'
        if '"' in content or "\\" in content or data.count(literal) != 1:
            return None
        top = {**value, "choices": None}
        choice = {**value["choices"][0], "delta": None}
        if not all(type(v) in _SCALARS for v in (*top.values(), *choice.values())):
            return None
        cut = data.index(literal) + 1
        raw = _RawTemplate(data[:cut], data[cut + len(content) :], top, choice, self._template_text)
        # Proof that this place is the content: other plain text put there parses to the value built for it
        # (so any plain text there does: the parse is the same but for the characters of that one string).
        # The values outside the content come from parsing this same text, so they are of the same types too.
        probe = content + "x"
        try:
            same = json.loads(raw.head + probe + raw.tail) == raw.value(probe)
        except (ValueError, RecursionError):
            same = False
        return raw if same else None

    def _add(self, chunk: Mapping[str, Any]) -> None:
        if not isinstance(chunk, Mapping):
            return  # an event that is not an object (a stream of other JSON values) adds nothing
        if self.first is None:
            self.first = chunk
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
        self._template = self._usual(chunk)

    def _usual(self, chunk: Mapping[str, Any]) -> dict[str, Any] | None:
        """The fast path's template made from a chunk just added, if it is a usual one; else None."""
        choices = chunk.get("choices")
        if type(chunk) is not dict or type(choices) is not list or len(choices) != 1:
            return None
        choice = choices[0]
        if (
            type(choice) is not dict
            or not choice.keys() <= _PLAIN_CHOICE
            or choice.get("finish_reason") is not None
            or choice.get("logprobs") is not None
        ):
            return None
        delta = choice.get("delta")
        index = choice.get("index", 0)
        acc = self._choices.get(index if isinstance(index, int) else 0)
        if type(delta) is not dict or delta.keys() != {"content"} or acc is None or acc.kind != _CHAT:
            return None
        self._template_delta = {"content": None}
        self._template_text = acc.parts
        return {**chunk, "choices": [{**choice, "delta": self._template_delta}]}

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
