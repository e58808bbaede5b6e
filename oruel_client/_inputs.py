"""Checks of what a caller passes beside the documented fields: header values, query values, and strings a
JSON body cannot carry. Each mistake is an OruelValidationError that names the header, key or field, raised
before any network I/O (httpx would send a dict's ``str()`` as a query value, and fail on a CR/LF header only
when writing it, reported as a connection error). A header's value is never shown: it may be a credential.

No spec data here, so the runtime can import this module without loading the rules.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from ._exceptions import OruelValidationError

__all__ = ["body_error", "check_headers", "check_query", "key_problem"]

# RFC 9110 token characters: what a header name may be made of.
_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_SCALARS = (str, int, float, bool)


def key_problem(key: Any) -> str | None:
    """What makes an API key unsendable, in words that never quote it; None for a sendable key.

    A control character (a trailing newline pasted from a file) makes httpx fail while writing the
    ``Authorization`` header, and its error quotes the whole header, key included.
    """
    if not isinstance(key, str):
        return f"the API key must be a string, not {type(key).__name__}"
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in key):
        return "the API key contains a control character (a trailing newline?)"
    if not key.isascii():
        return "the API key contains a non-ASCII character"
    if key != key.strip():
        return "the API key starts or ends with a space"
    if " " in key:
        return "the API key contains a space"
    return None


def _refuse(path: str, rule: str, message: str, value: Any = None) -> OruelValidationError:
    return OruelValidationError(path, rule, None, value, message=f"{path}: {message}")


def _header_problem(name: Any, value: Any) -> str | None:
    if not isinstance(name, str):
        return f"header name must be a string, not {type(name).__name__}"
    if not _TOKEN.fullmatch(name):
        return "is not a valid header name (letters, digits and !#$%&'*+-.^_`|~ only)"
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    elif not isinstance(value, str):
        return f"header value must be a string, not {type(value).__name__}"
    if not value.isascii():
        return "header value contains a non-ASCII character (HTTP headers are ASCII; encode it first)"
    if not value.isprintable():
        return "header value contains a control character (CR, LF, tab...; a trailing newline?)"
    return None


def check_headers(headers: Mapping[str, Any], where: str = "extra_headers") -> None:
    """Refuse header names that are not tokens and values that are not printable ASCII strings."""
    for name, value in headers.items():
        if (
            type(name) is str
            and type(value) is str
            and value.isascii()
            and value.isprintable()
            and _TOKEN.fullmatch(name)
        ):
            continue  # the usual case, checked without building anything
        problem = _header_problem(name, value)
        if problem is not None:
            raise _refuse(f"{where}[{name!r}]", "header", problem)


def _scalar_problem(value: Any) -> str | None:
    if value is None or isinstance(value, bool) or type(value) is int:
        return None
    if isinstance(value, str):
        return None if _encodable(value) else "contains a lone surrogate, which UTF-8 cannot encode"
    if isinstance(value, float):
        return None if math.isfinite(value) else "is not a finite number"
    if isinstance(value, int):
        return None
    return f"must be a string, number, boolean or None (or a list of them), not {type(value).__name__}"


def check_query(query: Mapping[str, Any], where: str = "extra_query") -> dict[str, Any]:
    """A copy of ``query`` once every key is a string and every value a scalar or a list/tuple of scalars."""
    for key, value in query.items():
        kind = type(value)
        if (kind is str and value.isascii()) or kind is int or kind is bool or value is None:
            problem = None if isinstance(key, str) else "query keys must be strings"
        elif not isinstance(key, str):
            problem = "query keys must be strings"
        elif isinstance(value, (list, tuple)):
            problem = next((p for p in map(_scalar_problem, value) if p is not None), None)
        else:
            problem = _scalar_problem(value)
        if problem is not None:
            raise _refuse(f"{where}[{key!r}]", "query", problem, value)
    return dict(query)


def deep_object(name: str, value: Any) -> dict[str, Any]:
    """A `style: deepObject` query parameter: an object as `name[key]=value` pairs (nested objects as
    `name[a][b]`); any other value (a scalar, None, UNSET) under its own name."""
    if not isinstance(value, Mapping):
        return {name: value}
    out: dict[str, Any] = {}
    for key, item in value.items():
        out.update(deep_object(f"{name}[{key}]", item))
    return out


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _unencodable(value: Any, path: str) -> tuple[str, str, Any] | None:
    """The first place in JSON data that httpx cannot encode: (path, problem, value), or None."""
    if isinstance(value, str):
        return None if _encodable(value) else (path, "contains a lone surrogate, which UTF-8 cannot encode", value)
    if isinstance(value, float):
        return None if math.isfinite(value) else (path, "is not a finite number (JSON has no NaN or Infinity)", value)
    if isinstance(value, Mapping):
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            if isinstance(key, str) and not _encodable(key):
                return (path or "<body>", "has a key with a lone surrogate, which UTF-8 cannot encode", key)
            found = _unencodable(item, where)
            if found is not None:
                return found
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            found = _unencodable(item, f"{path}[{i}]")
            if found is not None:
                return found
    return None


def body_error(body: Any) -> OruelValidationError | None:
    """The error naming the field that made httpx fail to encode a JSON body, or None if the body is fine."""
    found = _unencodable(body, "")
    if found is None:
        return None
    path, problem, value = found
    return _refuse(path or "<body>", "encoding", problem, value)
