"""Settings refused when a client is built, so that a mistake never reaches the wire or a traceback.

A key with a control character (a trailing newline pasted from a file) makes httpx fail while writing the
``Authorization`` header, and its error quotes the whole header; a base URL with ``user:password@`` puts the
password in reprs and httpx's log lines and makes httpx send Basic auth instead of the key. Messages here say
what is wrong and never quote the key or the URL. Each error is raised outside any ``except`` block, so no
chained exception carries the secret either.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

from ._exceptions import OruelValidationError
from ._fork import track
from ._inputs import check_headers, check_query, key_problem

__all__ = ["check_settings", "track"]


def _base_url_problem(url: str) -> str | None:
    if not isinstance(url, str):
        return f"must be a string, not {type(url).__name__}"
    if not url.isascii() or not url.isprintable() or " " in url:
        return "contains a space, a control character or a non-ASCII character"
    try:
        parts = urlsplit(url)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:  # a bad port or IPv6 literal; its message quotes the URL, so it is dropped
        return "is not a valid URL"
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return "must be an absolute http:// or https:// URL, e.g. https://api.example.com/v1"
    if "@" in parts.netloc:
        return "contains a user name or password (user:password@host): pass the key as api_key= instead"
    if not parts.hostname or not port_ok:
        return "has no host name, or a bad port"
    if parts.query or parts.fragment or url.endswith(("?", "#")):
        return "must not have a query or fragment (use default_query= for query parameters)"
    return None


def check_settings(
    base_url: str,
    api_key: str | None,
    default_headers: Mapping[str, str] | None,
    default_query: Mapping[str, object] | None,
) -> None:
    """Raise OruelValidationError for a setting that cannot be sent as given; nothing has been sent yet."""
    problem = _base_url_problem(base_url)
    if problem is not None:
        # Never the URL itself: it may hold a password.
        raise OruelValidationError("base_url", "base_url", None, None, message=f"base_url {problem}")
    problem = None if api_key is None else key_problem(api_key)
    if problem is not None:
        raise OruelValidationError("api_key", "api_key", None, None, message=problem)
    if default_headers:
        check_headers(default_headers, "default_headers")
    if default_query:
        check_query(default_query, "default_query")
