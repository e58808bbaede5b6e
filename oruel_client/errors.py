# Generated from openapi.yaml by `python -m generator`: do not edit by hand.
"""Errors raised by the generated code; the overlay builds its HTTP error hierarchy on OruelError."""

import pickle
from typing import Any


def _rebuild(cls: type["OruelError"], args: tuple[Any, ...], state: dict[str, Any]) -> "OruelError":
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class OruelError(Exception):
    """Base class of every error raised by oruel_client.

    Every subclass pickles (multiprocessing, concurrent.futures) with its type, message and attributes,
    whatever its constructor's signature: unpickling sets them back instead of calling ``__init__`` again.
    """

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.args, self._pickle_state()))

    def _pickle_state(self) -> dict[str, Any]:
        """The attributes to pickle; subclasses replace what should not travel (live connections, secrets)."""
        return dict(self.__dict__)


class OruelValidationError(OruelError, ValueError):
    """A request value breaks a constraint documented in openapi.yaml; raised before any network I/O.

    Attributes:
        path: where the value sits in the JSON body, e.g. ``messages[0].content`` or ``stop[2]``.
        rule: the JSON Schema keyword that failed (``maximum``, ``maxItems``, ``enum``, ...).
        limit: the keyword's value in the spec.
        value: the value given (shortened in the message, kept whole here).
        documented: the documented range or choice set of the field, when the spec has one.

    ``message`` replaces the generated message, for checks that are not a spec constraint (a header, a query
    value, an unencodable string).
    """

    def __init__(
        self,
        path: str,
        rule: str,
        limit: Any,
        value: Any,
        documented: str | None = None,
        *,
        message: str | None = None,
    ) -> None:
        self.path = path
        self.rule = rule
        self.limit = limit
        self.value = value
        self.documented = documented
        shown = repr(value)
        if len(shown) > 80:
            shown = shown[:77] + "..."
        where = f"; documented: {documented}" if documented else ""
        if message is not None:
            super().__init__(message)
        elif rule == "required":
            super().__init__(f"{path}: required field is missing")
        else:
            super().__init__(f"{path or '<body>'}: violates {rule}={limit!r}{where}; got {shown}")

    def _pickle_state(self) -> dict[str, Any]:
        state = super()._pickle_state()
        try:
            pickle.dumps(self.value)
        except Exception:  # an arbitrary object given as a value: its repr travels instead
            state["value"] = repr(self.value)
        return state


class UnexpectedStatus(OruelError):
    """Raised by the generated functions for a status the spec does not document, when
    Client.raise_on_unexpected_status is True."""

    def __init__(self, status_code: int, content: bytes):
        self.status_code = status_code
        self.content = content
        super().__init__(
            f"Unexpected status code: {status_code}\n\nResponse content:\n{content.decode(errors='ignore')}"
        )


__all__ = ["OruelError", "OruelValidationError", "UnexpectedStatus"]
