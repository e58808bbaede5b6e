"""Every exception of the package, in one hierarchy shaped like the openai SDK's so that users can switch.

OruelError is the root; OruelValidationError is a caller mistake found before any I/O (the generated code
raises it for a broken constraint); everything raised for a request that reached, or tried to reach, the
server is an APIError.
"""

from __future__ import annotations

import json
import pickle
from typing import Any, Final

import httpx

__all__ = [
    "OruelError",
    "OruelValidationError",
    "APIError",
    "APIStatusError",
    "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "ConflictError",
    "UnprocessableEntityError",
    "RateLimitError",
    "InternalServerError",
    "APIConnectionError",
    "APITimeoutError",
    "APIResponseValidationError",
    "make_status_error",
]


def _rebuild(cls: type[OruelError], args: tuple[Any, ...], state: dict[str, Any]) -> OruelError:
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

    ``message`` replaces the generated message, for checks that are not a spec constraint.
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


class APIError(OruelError):
    """An error reported by, or about, the API. ``body`` is the decoded error payload when there is one."""

    message: str
    request: httpx.Request | None
    body: object | None
    type: str | None
    code: str | None
    param: str | None

    def __init__(self, message: str, request: httpx.Request | None = None, *, body: object | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.request = request
        self.body = body
        err = _error_object(body)
        self.type = _opt_str(err.get("type"))
        self.code = _opt_str(err.get("code"))
        self.param = _opt_str(err.get("param"))

    def _pickle_state(self) -> dict[str, Any]:
        # The request and response travel reduced: never the request's headers (they carry the API key).
        state = super()._pickle_state()
        if isinstance(state.get("request"), httpx.Request):
            state["request"] = _reduced_request(state["request"])
        if isinstance(state.get("response"), httpx.Response):
            state["response"] = _reduced_response(state["response"])
        return state


class APIStatusError(APIError):
    """The server answered with a 4xx or 5xx status."""

    response: httpx.Response
    status_code: int
    request_id: str | None

    def __init__(self, message: str, *, response: httpx.Response, body: object | None) -> None:
        super().__init__(message, response.request, body=body)
        self.response = response
        self.status_code = response.status_code
        self.request_id = response.headers.get("x-request-id")


class BadRequestError(APIStatusError):
    """400"""


class AuthenticationError(APIStatusError):
    """401"""


class PermissionDeniedError(APIStatusError):
    """403"""


class NotFoundError(APIStatusError):
    """404"""


class ConflictError(APIStatusError):
    """409"""


class UnprocessableEntityError(APIStatusError):
    """422"""


class RateLimitError(APIStatusError):
    """429"""


class InternalServerError(APIStatusError):
    """5xx"""


class APIConnectionError(APIError):
    """The request or the response stream failed below HTTP (DNS, refused, reset, dropped mid-stream)."""

    def __init__(self, *, message: str = "Connection error.", request: httpx.Request | None = None) -> None:
        super().__init__(message, request, body=None)


class APITimeoutError(APIConnectionError):
    """The request or the stream timed out."""

    def __init__(self, request: httpx.Request | None = None) -> None:
        super().__init__(message="Request timed out.", request=request)


class APIResponseValidationError(APIError):
    """The server's answer could not be parsed into the documented shape."""

    response: httpx.Response
    status_code: int

    def __init__(self, response: httpx.Response, body: object | None, *, message: str | None = None) -> None:
        super().__init__(
            message or "Data returned by the API is not of the documented shape.", response.request, body=body
        )
        self.response = response
        self.status_code = response.status_code

    @classmethod
    def of_body(cls, response: httpx.Response, operation_id: str, exc: BaseException) -> APIResponseValidationError:
        """For a 2xx body the operation's parser rejected (``exc``: what the generated from_dict raised)."""
        is_text = response.headers.get("content-type", "").startswith("text")
        body: object = response.text[:2000] if is_text else None
        what = "nests too deep" if isinstance(exc, RecursionError) else f"is not of the documented shape: {exc!r}"
        return cls(response, body, message=f"Response of {operation_id} {what}")


_STATUS_CLASSES: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


_PICKLED_CONTENT_LIMIT: Final = 1 << 20
# Dropped from a pickled response's headers: its content is kept decoded, whole or not at all.
_BODY_FRAMING: Final = frozenset({"content-encoding", "content-length", "transfer-encoding"})


def _reduced_request(request: httpx.Request) -> httpx.Request:
    """Method and URL only: no headers (the key), no body stream."""
    return httpx.Request(request.method, request.url)


def _reduced_response(response: httpx.Response) -> httpx.Response:
    """Status, headers and (if read and at most 1 MiB) content, with the reduced request."""
    try:
        content = response.content
    except httpx.ResponseNotRead:
        content = b""
    if len(content) > _PICKLED_CONTENT_LIMIT:
        content = b""
    headers = [(k, v) for k, v in response.headers.multi_items() if k.lower() not in _BODY_FRAMING]
    try:
        request: httpx.Request | None = _reduced_request(response.request)
    except RuntimeError:  # a response built without a request
        request = None
    return httpx.Response(response.status_code, headers=headers, content=content, request=request)


def _opt_str(value: object) -> str | None:
    return None if value is None else str(value)


def _error_object(body: object) -> dict[str, Any]:
    """The ``error`` object of the envelope ``{"error": {...}}``, or the body itself if it is that object."""
    if isinstance(body, dict):
        inner = body.get("error")
        if isinstance(inner, dict):
            return inner
        return body
    return {}


def decode_error_body(response: httpx.Response) -> object | None:
    """The body as JSON if it is JSON, otherwise its text (HTML from a proxy, plain text), or None if empty."""
    text = response.text
    if not text.strip():
        return None
    try:
        decoded: object = json.loads(text)
    except (ValueError, RecursionError):  # not JSON, or nested deeper than the parser goes: keep it as text
        return text
    return decoded


def _message_for(response: httpx.Response, body: object | None) -> str:
    prefix = f"Error code: {response.status_code}"
    if isinstance(body, dict):
        err = _error_object(body)
        msg = err.get("message")
        if msg is None and "detail" in body:
            msg = body["detail"]
        if msg is not None:
            return f"{prefix} - {msg if isinstance(msg, str) else json.dumps(msg)}"
        return f"{prefix} - {json.dumps(body)[:500]}"
    if isinstance(body, str):
        return f"{prefix} - {body[:500]}"
    return f"{prefix} - {response.reason_phrase or 'no body'}"


def make_status_error(response: httpx.Response) -> APIStatusError:
    """Build the typed error for a 4xx/5xx response; the response body must already be read."""
    body = decode_error_body(response)
    cls = _STATUS_CLASSES.get(response.status_code)
    if cls is None:
        cls = InternalServerError if response.status_code >= 500 else APIStatusError
    return cls(_message_for(response, body), response=response, body=body)
