"""Event streams of several event types (the Responses API, audio transcription): each event's JSON is parsed to
the model its discriminator (``type``) selects, from a table the generator emits per operation. An event of a type
the spec does not list (a server newer than the spec) is kept as an ``UnknownEvent``, not an error: streams grow
new event types, and a consumer that matches on the types it knows keeps working."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

__all__ = ["UnknownEvent", "event_parser"]

T = TypeVar("T")


class UnknownEvent:
    """An event whose type the spec does not list: its ``type`` (None when it has none) and its whole JSON."""

    __slots__ = ("type", "data")

    def __init__(self, type: str | None, data: Any) -> None:
        self.type = type
        self.data = data

    def to_dict(self) -> Any:
        return self.data

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UnknownEvent) and (self.type, self.data) == (other.type, other.data)

    __hash__ = None  # type: ignore[assignment]  # mutable JSON inside

    def __repr__(self) -> str:
        return f"UnknownEvent(type={self.type!r}, data={self.data!r})"


def event_parser(table: Mapping[str, Callable[[Any], T]], key: str = "type") -> Callable[[Any], T | UnknownEvent]:
    """A parse function for Stream: the model ``table[value[key]]``, or an UnknownEvent for any other type.
    A payload that is not a JSON object is the wrong shape (TypeError, which the stream reports as such)."""
    get = table.get

    def parse(value: Any) -> T | UnknownEvent:
        if type(value) is not dict:
            raise TypeError(f"an event must be a JSON object, not {type(value).__name__}")
        tag = value.get(key)
        model = get(tag) if isinstance(tag, str) else None
        if model is None:
            return UnknownEvent(tag if isinstance(tag, str) else None, value)
        return model(value)

    return parse
