"""One adapter per client under test, all doing the same work against the same server.

Each adapter makes the same calls (same model, messages and sizes) and consumes results the same way: a chat
completion's text, every chunk's ``delta.content`` appended to a list plus the ``usage`` of the last chunk, and
the shape of an embeddings response. The result is returned so the benchmark can check it: a client that gets
faster by skipping work fails the check instead.

* ``oruel``: ``oruel_client.Oruel`` / ``AsyncOruel`` with their defaults (range checks on), through the facade
  (``client.chat.completions.create``, ``client.embeddings.create``).
* ``oruel-fn``: the same clients and settings through the generated endpoint functions, with plain dict bodies:
  ``oruel_client.api.chat.create_chat_completion.sync`` / ``sync_stream`` / ``asyncio_stream`` and
  ``oruel_client.api.embeddings.create_embedding.sync``. Its only difference from ``oruel`` is a User-Agent
  ending in `` oruel-fn`` (set once, at construction), so that the server counts its connections apart.
* ``openai``: ``openai.OpenAI`` / ``AsyncOpenAI`` with ``base_url=<server>/v1/inference``.
* ``together``: ``together.Together`` / ``AsyncTogether``. Its operations post to ``/v1/chat/completions``
  and ``/v1/embeddings`` *relative to* ``base_url``, so its base URL is the server root (the server answers
  on both paths); ``TOGETHER_BASE_URL`` would do the same.
* ``httpx``: the floor. A bare ``httpx.Client`` / ``AsyncClient``, a ``json.dumps`` body, ``json.loads`` of
  the response, and for SSE ``json.loads`` of each ``data:`` line after splitting the body on ``b"\\n\\n"``.
  No types, no checks, no retries.

Every client gets ``max_retries=0`` (httpx has no retries) and a 120 s timeout. The SDKs keep their own
connection limits, as a user gets them: oruel (both ways in) and openai allow 1000 connections with 100 kept
alive, together
100 with 20. The httpx floor gets 1000/100 too: httpx's default of 100 connections would queue half of 200
concurrent streams and make the floor look slow.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Final, Protocol

import httpx

__all__ = [
    "CLIENTS",
    "API_KEY",
    "CHAT_MODEL",
    "MESSAGES",
    "LONG_MESSAGES",
    "ChatResult",
    "StreamResult",
    "EmbeddingResult",
    "SyncAdapter",
    "AsyncAdapter",
    "make_sync",
    "make_async",
    "sse_model",
    "embedding_model",
]

CLIENTS: Final = ("oruel", "oruel-fn", "openai", "together", "httpx")
API_KEY: Final = "oruel_" + "0" * 48
CHAT_MODEL: Final = "bench-chat"
MESSAGES: Final[list[dict[str, Any]]] = [
    {"role": "system", "content": "You are a terse assistant."},
    {"role": "user", "content": "Say hello to the benchmark."},
]
# A conversation with some history: a system message and ten user/assistant turns (21 messages).
LONG_MESSAGES: Final[list[dict[str, Any]]] = [
    MESSAGES[0],
    *(
        message
        for i in range(10)
        for message in (
            {"role": "user", "content": f"Question {i}: what is the weather like on day {i}?"},
            {"role": "assistant", "content": f"Answer {i}: sunny in the morning, rain in the evening."},
        )
    ),
]
TIMEOUT: Final = 120.0
LIMITS: Final = httpx.Limits(max_connections=1000, max_keepalive_connections=100)
_INFERENCE: Final = "/v1/inference"


def sse_model(chunks: int) -> str:
    return f"bench-sse-{chunks}"


def embedding_model(rows: int, dim: int) -> str:
    return f"bench-emb-{rows}x{dim}"


def _inputs(rows: int) -> list[str]:
    return [f"text number {i}" for i in range(rows)]


@dataclass(frozen=True, slots=True)
class ChatResult:
    content: str
    total_tokens: int


@dataclass(frozen=True, slots=True)
class StreamResult:
    chunks: int
    text: str
    total_tokens: int


@dataclass(frozen=True, slots=True)
class EmbeddingResult:
    rows: int
    dim: int
    first: float
    last: float


class SyncAdapter(Protocol):
    name: str

    def chat(self, messages: list[dict[str, Any]] = MESSAGES) -> ChatResult: ...

    def stream(self, chunks: int) -> StreamResult: ...

    def embed(self, rows: int, dim: int) -> EmbeddingResult: ...

    def close(self) -> None: ...


class AsyncAdapter(Protocol):
    name: str

    async def stream(self, chunks: int) -> StreamResult: ...

    async def aclose(self) -> None: ...


def _tokens(usage: Any) -> int:
    total = getattr(usage, "total_tokens", None)
    return total if isinstance(total, int) else -1


# ---------------------------------------------------------------- SDKs with typed results


class _TypedSync:
    """oruel, openai and together share the openai-style surface; only construction differs."""

    def __init__(self, name: str, client: Any, embed_kwargs: dict[str, Any]) -> None:
        self.name = name
        self._client = client
        self._embed_kwargs = embed_kwargs

    def chat(self, messages: list[dict[str, Any]] = MESSAGES) -> ChatResult:
        resp = self._client.chat.completions.create(model=CHAT_MODEL, messages=messages)
        return ChatResult(resp.choices[0].message.content, _tokens(resp.usage))

    def stream(self, chunks: int) -> StreamResult:
        parts: list[str] = []
        n = 0
        usage: Any = None
        with self._client.chat.completions.create(model=sse_model(chunks), messages=MESSAGES, stream=True) as stream:
            for chunk in stream:
                n += 1
                if chunk.choices:
                    parts.append(chunk.choices[0].delta.content)
                usage = chunk.usage
        return StreamResult(n, "".join(parts), _tokens(usage))

    def embed(self, rows: int, dim: int) -> EmbeddingResult:
        resp = self._client.embeddings.create(
            model=embedding_model(rows, dim), input=_inputs(rows), **self._embed_kwargs
        )
        data = resp.data
        return EmbeddingResult(len(data), len(data[0].embedding), data[0].embedding[0], data[-1].embedding[-1])

    def close(self) -> None:
        self._client.close()


class _TypedAsync:
    def __init__(self, name: str, client: Any) -> None:
        self.name = name
        self._client = client

    async def stream(self, chunks: int) -> StreamResult:
        parts: list[str] = []
        n = 0
        usage: Any = None
        stream = await self._client.chat.completions.create(model=sse_model(chunks), messages=MESSAGES, stream=True)
        async with stream:
            async for chunk in stream:
                n += 1
                if chunk.choices:
                    parts.append(chunk.choices[0].delta.content)
                usage = chunk.usage
        return StreamResult(n, "".join(parts), _tokens(usage))

    async def aclose(self) -> None:
        await self._client.close()


# ---------------------------------------------------------------- oruel through the generated endpoint functions


def _fn_user_agent() -> dict[str, str]:
    """The oruel client's own User-Agent plus `` oruel-fn``: the server's per-client counts tell the two apart."""
    from oruel_client._client import USER_AGENT

    return {"User-Agent": f"{USER_AGENT} oruel-fn"}


class _FnSync:
    """What a user of ``oruel_client.api`` writes: ``create_chat_completion.sync(client=c, body={...})``."""

    name = "oruel-fn"

    def __init__(self, root: str) -> None:
        from oruel_client import Oruel
        from oruel_client.api.chat import create_chat_completion
        from oruel_client.api.embeddings import create_embedding

        # Any, as the SDK clients above: the adapters pass plain dicts and read results untyped.
        self._chat: Any = create_chat_completion
        self._embeddings: Any = create_embedding
        self._client = Oruel(
            api_key=API_KEY,
            base_url=root + _INFERENCE,
            max_retries=0,
            timeout=TIMEOUT,
            default_headers=_fn_user_agent(),
        )

    def chat(self, messages: list[dict[str, Any]] = MESSAGES) -> ChatResult:
        resp = self._chat.sync(client=self._client, body={"model": CHAT_MODEL, "messages": messages})
        return ChatResult(resp.choices[0].message.content, _tokens(resp.usage))

    def stream(self, chunks: int) -> StreamResult:
        parts: list[str] = []
        n = 0
        usage: Any = None
        body = {"model": sse_model(chunks), "messages": MESSAGES, "stream": True}
        with self._chat.sync_stream(client=self._client, body=body) as stream:
            for chunk in stream:
                n += 1
                if chunk.choices:
                    parts.append(chunk.choices[0].delta.content)
                usage = chunk.usage
        return StreamResult(n, "".join(parts), _tokens(usage))

    def embed(self, rows: int, dim: int) -> EmbeddingResult:
        body = {"model": embedding_model(rows, dim), "input": _inputs(rows), "encoding_format": "float"}
        resp = self._embeddings.sync(client=self._client, body=body)
        data = resp.data
        return EmbeddingResult(len(data), len(data[0].embedding), data[0].embedding[0], data[-1].embedding[-1])

    def close(self) -> None:
        self._client.close()


class _FnAsync:
    name = "oruel-fn"

    def __init__(self, root: str) -> None:
        from oruel_client import AsyncOruel
        from oruel_client.api.chat import create_chat_completion

        self._chat: Any = create_chat_completion
        self._client = AsyncOruel(
            api_key=API_KEY,
            base_url=root + _INFERENCE,
            max_retries=0,
            timeout=TIMEOUT,
            default_headers=_fn_user_agent(),
        )

    async def stream(self, chunks: int) -> StreamResult:
        parts: list[str] = []
        n = 0
        usage: Any = None
        body = {"model": sse_model(chunks), "messages": MESSAGES, "stream": True}
        stream = await self._chat.asyncio_stream(client=self._client, body=body)
        async with stream:
            async for chunk in stream:
                n += 1
                if chunk.choices:
                    parts.append(chunk.choices[0].delta.content)
                usage = chunk.usage
        return StreamResult(n, "".join(parts), _tokens(usage))

    async def aclose(self) -> None:
        await self._client.close()


# ---------------------------------------------------------------- raw httpx: the floor


def _chat_body(model: str, stream: bool, messages: list[dict[str, Any]] = MESSAGES) -> bytes:
    body: dict[str, Any] = {"model": model, "messages": messages}
    if stream:
        body["stream"] = True
    return json.dumps(body).encode()


def _headers() -> dict[str, str]:
    return {"authorization": f"Bearer {API_KEY}", "content-type": "application/json"}


class _SSESplitter:
    """Splits a byte stream on blank lines and decodes each ``data:`` line as JSON; stops at [DONE]."""

    __slots__ = ("buf", "done", "parts", "n", "usage")

    def __init__(self) -> None:
        self.buf = b""
        self.done = False
        self.parts: list[str] = []
        self.n = 0
        self.usage: Any = None

    def feed(self, data: bytes) -> None:
        events = (self.buf + data).split(b"\n\n") if self.buf else data.split(b"\n\n")
        self.buf = events.pop()
        for event in events:
            if event[:6] != b"data: ":
                continue
            payload = event[6:]
            if payload == b"[DONE]":
                self.done = True
                return
            chunk = json.loads(payload)
            self.n += 1
            choices = chunk["choices"]
            if choices:
                self.parts.append(choices[0]["delta"].get("content"))
            self.usage = chunk.get("usage")

    def result(self) -> StreamResult:
        total = self.usage.get("total_tokens", -1) if isinstance(self.usage, dict) else -1
        return StreamResult(self.n, "".join(self.parts), total)


class _HttpxSync:
    name = "httpx"

    def __init__(self, root: str) -> None:
        self._client = httpx.Client(base_url=root + _INFERENCE, headers=_headers(), timeout=TIMEOUT, limits=LIMITS)

    def chat(self, messages: list[dict[str, Any]] = MESSAGES) -> ChatResult:
        resp = self._client.post("/chat/completions", content=_chat_body(CHAT_MODEL, False, messages))
        resp.raise_for_status()
        data = json.loads(resp.content)
        return ChatResult(data["choices"][0]["message"]["content"], data["usage"]["total_tokens"])

    def stream(self, chunks: int) -> StreamResult:
        splitter = _SSESplitter()
        with self._client.stream("POST", "/chat/completions", content=_chat_body(sse_model(chunks), True)) as resp:
            resp.raise_for_status()
            for data in resp.iter_bytes():  # to the end of the body, so the connection goes back to the pool
                if not splitter.done:
                    splitter.feed(data)
        return splitter.result()

    def embed(self, rows: int, dim: int) -> EmbeddingResult:
        body = json.dumps({"model": embedding_model(rows, dim), "input": _inputs(rows), "encoding_format": "float"})
        resp = self._client.post("/embeddings", content=body.encode())
        resp.raise_for_status()
        data = json.loads(resp.content)["data"]
        return EmbeddingResult(len(data), len(data[0]["embedding"]), data[0]["embedding"][0], data[-1]["embedding"][-1])

    def close(self) -> None:
        self._client.close()


class _HttpxAsync:
    name = "httpx"

    def __init__(self, root: str) -> None:
        self._client = httpx.AsyncClient(base_url=root + _INFERENCE, headers=_headers(), timeout=TIMEOUT, limits=LIMITS)

    async def stream(self, chunks: int) -> StreamResult:
        splitter = _SSESplitter()
        async with self._client.stream(
            "POST", "/chat/completions", content=_chat_body(sse_model(chunks), True)
        ) as resp:
            resp.raise_for_status()
            async for data in resp.aiter_bytes():
                if not splitter.done:
                    splitter.feed(data)
        return splitter.result()

    async def aclose(self) -> None:
        await self._client.aclose()


# ---------------------------------------------------------------- factories


def make_sync(name: str, root: str) -> SyncAdapter:
    """A blocking adapter for ``name`` (one of CLIENTS) against the server at ``root`` (http://127.0.0.1:port)."""
    if name == "oruel":
        from oruel_client import Oruel

        return _TypedSync(
            name,
            Oruel(api_key=API_KEY, base_url=root + _INFERENCE, max_retries=0, timeout=TIMEOUT),
            {"encoding_format": "float"},
        )
    if name == "oruel-fn":
        return _FnSync(root)
    if name == "openai":
        import openai

        client = openai.OpenAI(
            api_key=API_KEY,
            base_url=root + _INFERENCE,
            max_retries=0,
            timeout=TIMEOUT,
        )
        # encoding_format: left out, the openai SDK asks for base64 and decodes it itself.
        return _TypedSync(name, client, {"encoding_format": "float"})
    if name == "together":
        import together

        return _TypedSync(name, together.Together(api_key=API_KEY, base_url=root, max_retries=0, timeout=TIMEOUT), {})
    if name == "httpx":
        return _HttpxSync(root)
    raise ValueError(f"unknown client {name!r}; expected one of {', '.join(CLIENTS)}")


def make_async(name: str, root: str) -> AsyncAdapter:
    """The asyncio adapter for ``name``; create it inside the event loop that will use it."""
    if name == "oruel":
        from oruel_client import AsyncOruel

        return _TypedAsync(
            name, AsyncOruel(api_key=API_KEY, base_url=root + _INFERENCE, max_retries=0, timeout=TIMEOUT)
        )
    if name == "oruel-fn":
        return _FnAsync(root)
    if name == "openai":
        import openai

        return _TypedAsync(
            name, openai.AsyncOpenAI(api_key=API_KEY, base_url=root + _INFERENCE, max_retries=0, timeout=TIMEOUT)
        )
    if name == "together":
        import together

        return _TypedAsync(name, together.AsyncTogether(api_key=API_KEY, base_url=root, max_retries=0, timeout=TIMEOUT))
    if name == "httpx":
        return _HttpxAsync(root)
    raise ValueError(f"unknown client {name!r}; expected one of {', '.join(CLIENTS)}")
