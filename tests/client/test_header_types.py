"""One error for every caller mistake, on every path: a header name or value of the wrong type is an
OruelValidationError, raised before anything is sent, whether the request takes the transport's fast path
(``_direct_request``) or httpx's ``build_request`` (an http_client with cookies or params, a form, files), and
whether the headers came as ``extra_headers``, ``default_headers`` or in request options built elsewhere (the
batch runner sends the options of a line as they are).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from oruel_client import AsyncOruel, Oruel, OruelValidationError
from oruel_client._base_client import AsyncHTTPClient, SyncHTTPClient
from tests.client.conftest import KEY, completion
from tests.rawhttp import Conn, RawServer, RecordedRequest, json_response

WRONG: list[dict[Any, Any]] = [
    {5: "v"},
    {b"x-trace": "v"},
    {None: "v"},
    {("x", "y"): "v"},
    {"x-trace": 5},
    {"x-trace": None},
    {"x-trace": ["v"]},  # not even hashable
    {"x-trace": 1.5},
]
# What makes the transport leave its fast path for httpx's build_request.
PATHS: dict[str, dict[str, Any]] = {
    "fast": {},
    "cookies": {"cookies": {"session": "1"}},
    "params": {"params": {"p": "1"}},
}
MSG = [{"role": "user", "content": "hi"}]


@pytest.fixture(scope="module")
def server() -> Iterator[RawServer]:
    def handler(req: RecordedRequest, conn: Conn) -> None:
        conn.send(json_response(200, completion()))

    with RawServer(handler=handler) as srv:
        yield srv


def _refused(call: Any) -> OruelValidationError:
    with pytest.raises(OruelValidationError) as info:
        call()
    return info.value


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("headers", WRONG, ids=repr)
def test_wrong_header_types_are_validation_errors_on_every_path(
    server: RawServer, path: str, headers: dict[Any, Any]
) -> None:
    before = len(server.requests)
    http = httpx.Client(**PATHS[path])
    client = Oruel(api_key=KEY, base_url=server.url, http_client=http, max_retries=0)
    error = _refused(lambda: client.chat.completions.create(model="m", messages=MSG, extra_headers=headers))
    assert "extra_headers[" in str(error)
    _refused(lambda: Oruel(api_key=KEY, base_url=server.url, http_client=http, default_headers=headers))
    _refused(lambda: client.with_options(default_headers=headers))

    # Options that did not come through a generated build_request: the transport refuses them the same way.
    transport = SyncHTTPClient(
        base_url=server.url,
        api_key=KEY,
        timeout=5.0,
        max_retries=0,
        default_headers=None,
        default_query=None,
        http_client=http,
        user_agent="t",
    )
    for options in (
        {"method": "POST", "url": "/chat/completions", "json": {"model": "m"}, "headers": headers},
        {"method": "POST", "url": "/upload", "data": {"a": "b"}, "files": {"f": b"x"}, "headers": headers},
    ):
        error = _refused(lambda options=options: transport.request(options, parse=lambda r: r))
        assert str(error).startswith("headers[")
    http.close()
    assert len(server.requests) == before, "a request with a malformed header was sent"


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("headers", WRONG, ids=repr)
def test_wrong_header_types_are_validation_errors_async(server: RawServer, path: str, headers: dict[Any, Any]) -> None:
    async def main() -> None:
        http = httpx.AsyncClient(**PATHS[path])
        client = AsyncOruel(api_key=KEY, base_url=server.url, http_client=http, max_retries=0)
        with pytest.raises(OruelValidationError):
            await client.chat.completions.create(model="m", messages=MSG, extra_headers=headers)
        transport = AsyncHTTPClient(
            base_url=server.url,
            api_key=KEY,
            timeout=5.0,
            max_retries=0,
            default_headers=None,
            default_query=None,
            http_client=http,
            user_agent="t",
        )
        options = {"method": "POST", "url": "/chat/completions", "json": {"model": "m"}, "headers": headers}
        with pytest.raises(OruelValidationError):
            await transport.request(options, parse=lambda r: r)
        await http.aclose()

    before = len(server.requests)
    asyncio.run(main())
    assert len(server.requests) == before


def test_well_formed_headers_still_go_through_both_paths(server: RawServer) -> None:
    for path, settings in PATHS.items():
        http = httpx.Client(**settings)
        with Oruel(api_key=KEY, base_url=server.url, http_client=http) as client:
            client.chat.completions.create(model="m", messages=MSG, extra_headers={"X-Trace": path, "x-b": b"raw"})
        http.close()
        assert server.requests[-1].headers["x-trace"] == path
        assert server.requests[-1].headers["x-b"] == "raw"
