"""Raw responses: what the ``*_detailed`` endpoint functions, ``with_raw_response`` and ``with_streaming_response``
give instead of the typed body: status, headers, request id, timing and retries, with ``parse()`` for the body.

The facade's wrappers reuse the typed methods unchanged: they run them with a response *mode* set in a context
variable, which the client's transport reads when the answer arrives. A context variable is per thread and per
asyncio task, so concurrent calls never see each other's mode.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import os
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextvars import ContextVar
from types import TracebackType
from typing import Any, BinaryIO, Final, Generic, Literal, ParamSpec, TypeVar

import httpx

__all__ = [
    "APIResponse",
    "AsyncAPIResponse",
    "ResponseContextManager",
    "AsyncResponseContextManager",
    "to_raw_response_wrapper",
    "async_to_raw_response_wrapper",
    "to_streamed_response_wrapper",
    "async_to_streamed_response_wrapper",
]

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")

REQUEST_ID_HEADER: Final = "x-request-id"
Mode = Literal["raw", "streamed"]
# None: the typed body; "raw": an APIResponse with the body read; "streamed": an APIResponse with the body unread.
response_mode: ContextVar[Mode | None] = ContextVar("oruel_response_mode", default=None)

_UNPARSED: Final = object()


class _BaseAPIResponse(Generic[T]):
    http_response: httpx.Response
    retries_taken: int

    def __init__(
        self,
        http_response: httpx.Response,
        parse: Callable[[httpx.Response], T],
        *,
        retries_taken: int,
        started: float,
        max_bytes: int,
    ) -> None:
        self.http_response = http_response
        self.retries_taken = retries_taken
        self._parse = parse
        self._started = started
        self._max_bytes = max_bytes
        self._parsed: Any = _UNPARSED

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def request_id(self) -> str | None:
        """The ``x-request-id`` the server gave this answer, for support requests and logs."""
        value: str | None = self.http_response.headers.get(REQUEST_ID_HEADER)
        return value

    @property
    def http_request(self) -> httpx.Request:
        return self.http_response.request

    @property
    def url(self) -> httpx.URL:
        return self.http_response.request.url

    @property
    def elapsed(self) -> datetime.timedelta:
        """From sending the request to the end of the body (or to now, while the body is still being read)."""
        try:
            return self.http_response.elapsed
        except RuntimeError:  # httpx sets it when the body has been read and closed
            return datetime.timedelta(seconds=time.perf_counter() - self._started)

    @property
    def is_closed(self) -> bool:
        return self.http_response.is_closed

    def __repr__(self) -> str:
        return f"<{type(self).__name__} [{self.status_code} {self.http_response.reason_phrase}] {self.url.path}>"


def _read_error(response: httpx.Response, exc: httpx.HTTPError) -> Exception:
    """What a failure while reading a body becomes: never a raw httpx exception."""
    from ._exceptions import APIConnectionError, APIResponseValidationError, APITimeoutError

    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(response.request)
    if isinstance(exc, httpx.DecodingError):
        return APIResponseValidationError(response, None, message=f"Could not decode the response body: {exc}")
    return APIConnectionError(message=f"Connection error while reading the body: {exc}", request=response.request)


class APIResponse(_BaseAPIResponse[T]):
    """A successful (2xx) answer; ``parse()`` gives the same typed value the plain call returns."""

    def parse(self) -> T:
        """The typed body (read first if it is not yet); the same object on every call."""
        if self._parsed is _UNPARSED:
            if not _is_stream(self._parse):
                self.read()
            self._parsed = self._parse(self.http_response)
            tag_request_id(self._parsed, self.http_response)
        result: T = self._parsed
        return result

    def read(self) -> bytes:
        """The whole body (at most the client's max_response_bytes)."""
        from ._base_client import read_limited
        from ._exceptions import OruelError

        response = self.http_response
        if not response.is_stream_consumed:
            if isinstance(response.stream, httpx.AsyncByteStream):
                raise OruelError(
                    "The body of an async streamed response is read by iterating parse() (an AsyncStream), "
                    "or with with_streaming_response (await response.read())."
                )
            try:
                read_limited(response, self._max_bytes)
            except httpx.HTTPError as exc:
                response.close()
                raise _read_error(response, exc) from exc
        return response.content

    @property
    def content(self) -> bytes:
        return self.read()

    @property
    def text(self) -> str:
        self.read()
        return self.http_response.text

    def json(self) -> Any:
        self.read()
        return self.http_response.json()

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        """The body in chunks as it arrives (decompressed), for ``with_streaming_response``: at most the client's
        max_response_bytes, past which APIResponseValidationError is raised (after the chunks within it); a
        failure while reading is APIConnectionError (APITimeoutError), never an httpx exception."""
        from ._base_client import _check_declared_size, _too_large

        response = self.http_response
        limit = self._max_bytes
        _check_declared_size(response, limit)
        size = 0
        try:
            for chunk in response.iter_bytes(chunk_size):
                size += len(chunk)
                if size > limit:
                    response.close()
                    raise _too_large(response, limit)
                yield chunk
        except httpx.HTTPError as exc:
            response.close()
            raise _read_error(response, exc) from exc

    def stream_to_file(self, file: str | os.PathLike[str], *, chunk_size: int | None = None) -> None:
        """Write the body to ``file`` as it arrives, never holding it whole (with ``with_streaming_response``).

        It goes to a temporary file beside ``file``, renamed to ``file`` once complete: on any error (larger
        than max_response_bytes, connection lost) ``file`` is left as it was and the temporary file removed.
        """
        with _FileWriter(file) as out:
            for chunk in self.iter_bytes(chunk_size):
                out.write(chunk)

    def write_to_file(self, file: str | os.PathLike[str]) -> None:
        """The openai SDK's other name: the body (read already or not) written to ``file``, as stream_to_file."""
        self.stream_to_file(file)

    def close(self) -> None:
        self.http_response.close()


class AsyncAPIResponse(_BaseAPIResponse[T]):
    """The async twin of APIResponse, for ``with_streaming_response`` on AsyncOruel (the body is read on
    ``await parse()``)."""

    async def parse(self) -> T:
        if self._parsed is _UNPARSED:
            if not _is_stream(self._parse):
                await self.read()
            self._parsed = self._parse(self.http_response)
            tag_request_id(self._parsed, self.http_response)
        result: T = self._parsed
        return result

    async def read(self) -> bytes:
        from ._base_client import aread_limited

        response = self.http_response
        if not response.is_stream_consumed:
            try:
                await aread_limited(response, self._max_bytes)
            except httpx.HTTPError as exc:
                await response.aclose()
                raise _read_error(response, exc) from exc
        return response.content

    async def text(self) -> str:
        await self.read()
        return self.http_response.text

    async def json(self) -> Any:
        await self.read()
        return self.http_response.json()

    async def iter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        """The async twin of APIResponse.iter_bytes (``async for chunk in response.iter_bytes()``)."""
        from ._base_client import _check_declared_size, _too_large

        response = self.http_response
        limit = self._max_bytes
        _check_declared_size(response, limit)
        size = 0
        try:
            async for chunk in response.aiter_bytes(chunk_size):
                size += len(chunk)
                if size > limit:
                    await response.aclose()
                    raise _too_large(response, limit)
                yield chunk
        except httpx.HTTPError as exc:
            await response.aclose()
            raise _read_error(response, exc) from exc

    async def stream_to_file(self, file: str | os.PathLike[str], *, chunk_size: int | None = None) -> None:
        """The async twin of APIResponse.stream_to_file (the same temporary file, renamed once complete)."""
        with _FileWriter(file) as out:
            async for chunk in self.iter_bytes(chunk_size):
                out.write(chunk)

    async def write_to_file(self, file: str | os.PathLike[str]) -> None:
        await self.stream_to_file(file)

    async def close(self) -> None:
        await self.http_response.aclose()


class _FileWriter:
    """Writes to a temporary file beside ``target``, which takes the target's name only on a clean exit (and is
    removed otherwise): a download that fails half-way never leaves a truncated file under the name asked for."""

    def __init__(self, target: str | os.PathLike[str]) -> None:
        self._target = os.fspath(target)
        self._partial = f"{self._target}.{os.urandom(4).hex()}.part"

    def __enter__(self) -> BinaryIO:
        self._fh = open(self._partial, "xb")  # noqa: SIM115 (closed in __exit__)
        return self._fh

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            self._fh.close()
            if exc_type is None:
                os.replace(self._partial, self._target)
                return
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(self._partial)
            raise
        with contextlib.suppress(OSError):
            os.unlink(self._partial)


class _StreamParser:
    """Marks a parse function that builds a Stream over the unread body (which must stay unread)."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[httpx.Response], Any]) -> None:
        self.make = make

    def __call__(self, response: httpx.Response) -> Any:
        return self.make(response)


def stream_parser(make: Callable[[httpx.Response], T]) -> Callable[[httpx.Response], T]:
    return _StreamParser(make)


def _is_stream(parse: Callable[[httpx.Response], Any]) -> bool:
    return type(parse) is _StreamParser


def tag_request_id(value: object, response: httpx.Response) -> None:
    """Give a typed response its ``_request_id`` (as the openai SDK does); a value without the slot keeps none."""
    try:
        value._request_id = response.headers.get(REQUEST_ID_HEADER)  # type: ignore[attr-defined]
    except AttributeError:
        pass  # bytes, a File, a Stream...


class ResponseContextManager(Generic[T]):
    """``with client.x.with_streaming_response.create(...) as response:``; the body is released on exit."""

    def __init__(self, make: Callable[[], APIResponse[T]]) -> None:
        self._make = make
        self._response: APIResponse[T] | None = None

    def __enter__(self) -> APIResponse[T]:
        self._response = self._make()
        return self._response

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._response is not None:
            self._response.close()


class AsyncResponseContextManager(Generic[T]):
    """``async with client.x.with_streaming_response.create(...) as response:``."""

    def __init__(self, make: Callable[[], Awaitable[AsyncAPIResponse[T]]]) -> None:
        self._make = make
        self._response: AsyncAPIResponse[T] | None = None

    async def __aenter__(self) -> AsyncAPIResponse[T]:
        self._response = await self._make()
        return self._response

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._response is not None:
            await self._response.close()


def to_raw_response_wrapper(func: Callable[P, R]) -> Callable[P, APIResponse[R]]:
    """``func`` returning an APIResponse of what it returns (body read)."""

    @functools.wraps(func)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> APIResponse[R]:
        token = response_mode.set("raw")
        try:
            result: Any = func(*args, **kwargs)
        finally:
            response_mode.reset(token)
        return result  # type: ignore[no-any-return]

    return wrapped


def async_to_raw_response_wrapper(func: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[APIResponse[R]]]:
    @functools.wraps(func)
    async def wrapped(*args: P.args, **kwargs: P.kwargs) -> APIResponse[R]:
        token = response_mode.set("raw")
        try:
            result: Any = await func(*args, **kwargs)
        finally:
            response_mode.reset(token)
        return result  # type: ignore[no-any-return]

    return wrapped


def to_streamed_response_wrapper(func: Callable[P, R]) -> Callable[P, ResponseContextManager[R]]:
    """``func`` returning a context manager around an APIResponse whose body is not read until asked."""

    @functools.wraps(func)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> ResponseContextManager[R]:
        def make() -> APIResponse[R]:
            token = response_mode.set("streamed")
            try:
                result: Any = func(*args, **kwargs)
            finally:
                response_mode.reset(token)
            return result  # type: ignore[no-any-return]

        return ResponseContextManager(make)

    return wrapped


def async_to_streamed_response_wrapper(
    func: Callable[P, Awaitable[R]],
) -> Callable[P, AsyncResponseContextManager[R]]:
    @functools.wraps(func)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> AsyncResponseContextManager[R]:
        async def make() -> AsyncAPIResponse[R]:
            token = response_mode.set("streamed")
            try:
                result: Any = await func(*args, **kwargs)
            finally:
                response_mode.reset(token)
            return result  # type: ignore[no-any-return]

        return AsyncResponseContextManager(make)

    return wrapped
