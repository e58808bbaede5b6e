"""Iterate a ``text/event-stream`` response as parsed items: ``Stream`` (sync) and ``AsyncStream``.

The response must come from ``client.send(..., stream=True)`` (or ``client.stream(...)``) with a 2xx status;
status errors are the caller's business before a stream is built. Each event's data is decoded as JSON and
handed to ``parse``; what ``parse`` returns is what iteration yields.

Behaviour:

* ``data: [DONE]`` (exactly) ends iteration. The rest of the body is then read and dropped, at most
  ``_DRAIN_LIMIT`` bytes, before the response is closed: httpcore returns a connection to the pool for
  reuse only once the whole message has been read, and closing a half-read response discards the
  connection. Normally the rest is just the end of the chunked encoding, already in the read buffer; a
  server that sent [DONE] and then neither ends the body nor closes holds the loop until the read timeout.
  Errors while draining are ignored: every item has been delivered by then.
* The end of the body without ``[DONE]`` also ends iteration, as does an empty response.
* An event with an empty data field (``data:`` alone, a keep-alive some servers send) is skipped. Any event
  type other than ``error`` is parsed like an unnamed one.
* A payload that is a JSON object whose ``error`` key is present and not null is an in-stream error.
* A failure while reading raises APITimeoutError (httpx timeouts) or APIConnectionError (any other
  ``httpx.TransportError``), chained from the httpx error; a body whose Content-Encoding does not decode
  (``httpx.DecodingError``) raises APIResponseValidationError.
* Every way out (end, [DONE], error, ``break`` inside ``with``, ``close()``) closes the response.
"""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Generator, Iterator
from types import TracebackType
from typing import Any, Generic, Self, TypeVar

import httpx

from ._exceptions import APIConnectionError, APIError, APIResponseValidationError, APITimeoutError
from ._sse import SSEDecoder

__all__ = ["Stream", "AsyncStream"]

T = TypeVar("T")

_DONE = "[DONE]"
# How much of the body after [DONE] is read so the connection can be reused; a server still sending more
# than this has not finished, and the connection is dropped instead.
_DRAIN_LIMIT = 64 * 1024
_GENERIC_ERROR = "The server reported an error in the event stream."


def _error_message(payload: object) -> str:
    if isinstance(payload, dict):
        err = payload.get("error")
        if isinstance(err, dict):
            msg = err.get("message")
            if isinstance(msg, str) and msg:
                return msg
        elif isinstance(err, str) and err:
            return err
    return _GENERIC_ERROR


def _event_error(response: httpx.Response, data: str) -> APIError:
    """The error for an ``event: error`` event, whose data may or may not be JSON."""
    payload: object
    try:
        payload = json.loads(data)
    except ValueError:
        payload = data
    return APIError(_error_message(payload), response.request, body=payload)


def _payload_error(response: httpx.Response, payload: dict[str, Any]) -> APIError:
    return APIError(_error_message(payload), response.request, body=payload)


def _malformed(response: httpx.Response, data: str, exc: ValueError) -> APIResponseValidationError:
    return APIResponseValidationError(response, data, message=f"Event data is not valid JSON ({exc}): {data[:200]!r}")


def _read_error(response: httpx.Response, exc: httpx.HTTPError) -> APIError:
    """Map an httpx failure while reading the body; never let a raw httpx exception out of a stream."""
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(response.request)
    if isinstance(exc, httpx.DecodingError):
        # Content-Encoding (gzip, br...) that does not decode: the bytes arrived, they are just not valid.
        return APIResponseValidationError(response, None, message=f"Could not decode the response body: {exc}")
    detail = str(exc) or type(exc).__name__
    return APIConnectionError(
        message=f"Connection error while reading the event stream: {detail}", request=response.request
    )


class Stream(Generic[T]):
    """Iterate the items of a streamed response; use it as a context manager or call ``close()``."""

    response: httpx.Response

    def __init__(self, response: httpx.Response, parse: Callable[[Any], T]) -> None:
        self.response = response
        self._parse = parse
        # Created now, started on the first next(): building a Stream does no I/O.
        self._iterator = self._iter_items()

    def __iter__(self) -> Iterator[T]:
        # The generator itself, so that a for loop steps it without a Python-level __next__ per item.
        return self._iterator

    def __next__(self) -> T:
        return next(self._iterator)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop iterating and release the connection; safe to call more than once."""
        try:
            self._iterator.close()
        except ValueError:
            pass  # called from inside parse(): the generator is running and closes the response on its way out
        self.response.close()

    def _iter_items(self) -> Generator[T, None, None]:
        response = self.response
        parse = self._parse
        decode = SSEDecoder()._feed_raw
        loads = json.loads
        chunks = response.iter_bytes()
        try:
            try:
                for chunk in chunks:
                    for event, data, _id, _retry in decode(chunk):
                        if data == _DONE:
                            _drain(chunks)
                            return
                        if event is not None and event == "error":
                            raise _event_error(response, data)
                        if not data:
                            continue
                        try:
                            value = loads(data)
                        except ValueError as exc:
                            raise _malformed(response, data, exc) from exc
                        if type(value) is dict and "error" in value and value["error"] is not None:
                            raise _payload_error(response, value)
                        yield parse(value)
            except (httpx.TransportError, httpx.DecodingError) as exc:
                raise _read_error(response, exc) from exc
        finally:
            response.close()


def _drain(chunks: Iterator[bytes]) -> None:
    seen = 0
    try:
        for chunk in chunks:
            seen += len(chunk)
            if seen > _DRAIN_LIMIT:
                return
    except httpx.HTTPError:
        pass


class AsyncStream(Generic[T]):
    """The async twin of Stream, over a response from an ``httpx.AsyncClient``."""

    response: httpx.Response

    def __init__(self, response: httpx.Response, parse: Callable[[Any], T]) -> None:
        self.response = response
        self._parse = parse
        self._iterator = self._iter_items()

    def __aiter__(self) -> AsyncIterator[T]:
        return self._iterator

    async def __anext__(self) -> T:
        return await self._iterator.__anext__()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Stop iterating and release the connection; safe to call more than once."""
        try:
            await self._iterator.aclose()
        except RuntimeError:
            pass  # the generator is running (closed from inside parse() or another task)
        await self.response.aclose()

    async def close(self) -> None:
        """Alias of aclose()."""
        await self.aclose()

    async def _iter_items(self) -> AsyncGenerator[T, None]:
        response = self.response
        parse = self._parse
        decode = SSEDecoder()._feed_raw
        loads = json.loads
        chunks = response.aiter_bytes()
        try:
            try:
                async for chunk in chunks:
                    for event, data, _id, _retry in decode(chunk):
                        if data == _DONE:
                            await _adrain(chunks)
                            return
                        if event is not None and event == "error":
                            raise _event_error(response, data)
                        if not data:
                            continue
                        try:
                            value = loads(data)
                        except ValueError as exc:
                            raise _malformed(response, data, exc) from exc
                        if type(value) is dict and "error" in value and value["error"] is not None:
                            raise _payload_error(response, value)
                        yield parse(value)
            except (httpx.TransportError, httpx.DecodingError) as exc:
                raise _read_error(response, exc) from exc
        finally:
            await response.aclose()


async def _adrain(chunks: AsyncIterator[bytes]) -> None:
    seen = 0
    try:
        async for chunk in chunks:
            seen += len(chunk)
            if seen > _DRAIN_LIMIT:
                return
    except httpx.HTTPError:
        pass
