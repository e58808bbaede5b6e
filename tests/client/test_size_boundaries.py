"""The response size limit at its boundary, sync and async alike: a body of exactly ``max_response_bytes``
(after decompression) is accepted, one byte more is refused with APIResponseValidationError; an error answer
(HTTP 500) past the limit is refused the same way on both clients, and one at the limit keeps its status error.
Bodies are framed with Content-Length, chunked (no declared size, so the count is made while reading) and
gzip (the limit is on the inflated bytes); the server is a real one on 127.0.0.1."""

from __future__ import annotations

import asyncio
import gzip
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from oruel_client._base_client import AsyncHTTPClient, SyncHTTPClient
from oruel_client._exceptions import APIResponseValidationError, InternalServerError
from tests.rawhttp import Conn, RawServer, RecordedRequest

LIMIT = 4096
FRAMINGS = ["content-length", "chunked", "gzip"]


def answer(status: int, body: bytes, framing: str) -> bytes:
    head = f"HTTP/1.1 {status} X\r\ncontent-type: application/octet-stream\r\nconnection: close\r\n"
    if framing == "content-length":
        return (head + f"content-length: {len(body)}\r\n\r\n").encode() + body
    if framing == "gzip":
        packed = gzip.compress(body)
        return (head + f"content-encoding: gzip\r\ncontent-length: {len(packed)}\r\n\r\n").encode() + packed
    pieces = [body[i : i + 1000] for i in range(0, len(body), 1000)]
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces) + b"0\r\n\r\n"
    return (head + "transfer-encoding: chunked\r\n\r\n").encode() + chunked


@pytest.fixture(scope="module")
def server() -> Iterator[RawServer]:
    def handler(req: RecordedRequest, conn: Conn) -> None:
        _, status, size, framing = req.path.split("/")  # /<status>/<size>/<framing>
        conn.send(answer(int(status), b"x" * int(size), framing))

    with RawServer(handler=handler) as srv:
        yield srv


def send(server: RawServer, mode: str, status: int, size: int, framing: str) -> Any:
    settings: dict[str, Any] = {
        "base_url": server.url,
        "api_key": "k",
        "timeout": 10.0,
        "max_retries": 0,
        "default_headers": None,
        "default_query": None,
        "http_client": None,
        "user_agent": "t",
        "max_response_bytes": LIMIT,
    }
    options = {"method": "GET", "url": f"/{status}/{size}/{framing}"}

    def content(response: httpx.Response) -> bytes:
        return response.content

    if mode == "sync":
        with SyncHTTPClient(**settings) as client:
            return client.request(options, parse=content)

    async def main() -> bytes:
        async with AsyncHTTPClient(**settings) as client:
            return await client.request(options, parse=content)

    return asyncio.run(main())


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("framing", FRAMINGS)
def test_a_body_of_exactly_the_limit_is_accepted_and_one_byte_more_refused(
    server: RawServer, mode: str, framing: str
) -> None:
    assert send(server, mode, 200, LIMIT, framing) == b"x" * LIMIT
    with pytest.raises(APIResponseValidationError, match=rf"max_response_bytes \({LIMIT} bytes"):
        send(server, mode, 200, LIMIT + 1, framing)


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("framing", FRAMINGS)
def test_an_error_answer_past_the_limit_is_refused_on_both_clients(server: RawServer, mode: str, framing: str) -> None:
    with pytest.raises(InternalServerError) as info:
        send(server, mode, 500, LIMIT, framing)
    assert info.value.status_code == 500
    with pytest.raises(APIResponseValidationError, match=r"The response body \(HTTP 500\) is larger than"):
        send(server, mode, 500, LIMIT + 1, framing)
