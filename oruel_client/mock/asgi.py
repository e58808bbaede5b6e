"""The raw ASGI plumbing of the local server: read a request body, write a ``Reply`` or an ``EventStream``,
end a response early. No framework: per request this is a handful of awaits (see the module docstring of
app.py for why Starlette is not used)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, Final

from .replies import EventStream, Reply

__all__ = [
    "Receive",
    "Send",
    "abort_connection",
    "close_early",
    "deliver",
    "lifespan",
    "read_body",
    "start",
    "start_stream",
    "wait_disconnect",
]

Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

# Bench streams are written this many events per ASGI message: one socket write per event would make the
# server, not the client, the bottleneck.
_BATCH: Final = 512


async def lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


async def read_body(receive: Receive) -> bytes:
    parts: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        parts.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(parts)


async def start(
    send: Send, status: int, content_type: str, headers: Iterable[tuple[str, str]], length: int | None
) -> None:
    # No content type for an answer without a body (204), and no length where HTTP forbids one.
    raw = [(b"content-type", content_type.encode())] if content_type else []
    if length is not None and status != 204 and not 100 <= status < 200:
        raw.append((b"content-length", str(length).encode()))
    raw.extend((k.encode("latin-1"), v.encode("latin-1")) for k, v in headers)
    await send({"type": "http.response.start", "status": status, "headers": raw})


async def start_stream(send: Send, stream: EventStream, common: list[tuple[str, str]]) -> None:
    await start(send, 200, "text/event-stream", [("cache-control", "no-cache"), *common, *stream.headers], None)


async def deliver(result: Reply | EventStream, send: Send, common: list[tuple[str, str]]) -> None:
    """Write the whole answer; ``common`` headers (the request id) go on every response."""
    if isinstance(result, Reply):
        await start(send, result.status, result.content_type, [*common, *result.headers], len(result.body))
        await send({"type": "http.response.body", "body": result.body, "more_body": False})
        return
    await start_stream(send, result, common)
    events = result.events
    step = _BATCH if result.batch else 1
    for i in range(0, len(events), step):
        await send({"type": "http.response.body", "body": b"".join(events[i : i + step]), "more_body": True})
    await send({"type": "http.response.body", "body": b"", "more_body": False})


async def wait_disconnect(receive: Receive) -> None:
    # Returning earlier would make uvicorn log "returned without completing response" for the closed
    # connection; it reports the disconnect one loop turn after the close.
    try:
        async with asyncio.timeout(5):
            while (await receive())["type"] != "http.disconnect":
                pass
    except TimeoutError:
        pass


async def close_early(send: Send, receive: Receive) -> None:
    """End the response early: close the connection, or (under a server where that is impossible) end the
    body where it is."""
    if abort_connection(send):
        await wait_disconnect(receive)
    else:
        await send({"type": "http.response.body", "body": b"", "more_body": False})


def abort_connection(send: Callable[..., Any]) -> bool:
    """Close the client connection under an ASGI ``send`` without completing the response.

    uvicorn's ``send`` is a bound method of its per-request cycle, which holds the asyncio transport: the
    only handle on the socket an ASGI app can reach. ``close()`` (not ``abort()``) so that bytes already
    written still reach the client before the FIN. Returns False when no transport can be found.
    """
    transport = getattr(getattr(send, "__self__", None), "transport", None)
    close = getattr(transport, "close", None)
    if not callable(close):
        return False
    close()
    return True
