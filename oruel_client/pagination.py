"""Cursor pages: what the facade returns for a list operation the spec paginates (see the generator's plan).

``client.files.list()`` sends one request and returns a ``SyncCursorPage``: its ``data`` are that page's items;
iterating the page yields every item of every page, asking for the next page only when the items before it have
been consumed (``after`` = the page's cursor: its ``last_id`` when the answer has one, else the last item's
``id``). ``has_next_page()`` / ``next_page()`` / ``iter_pages()`` walk pages by hand. On ``AsyncOruel``,
``client.files.list()`` is an ``AsyncPaginator``: ``await`` it for the first ``AsyncCursorPage``, or
``async for`` over it for every item. Each page is fetched by the same generated endpoint function as a plain
call, so validation, retries, typed errors and limits are the same.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator
from typing import Any, Generic, TypeVar

from ._response import _BaseAPIResponse

__all__ = ["CursorSpec", "SyncCursorPage", "AsyncCursorPage", "AsyncPaginator"]

T = TypeVar("T")


class CursorSpec:
    """Where a page's answer keeps its items, its more-to-come flag and its next cursor (generated per
    operation from the spec)."""

    __slots__ = ("items", "has_more", "next")

    def __init__(self, items: str = "data", has_more: str | None = "has_more", next: str | None = None) -> None:
        self.items = items
        self.has_more = has_more
        self.next = next


def _field(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)


class _Page(Generic[T]):
    body: Any
    data: list[T]

    def __init__(self, body: Any, spec: CursorSpec, cursor: Any) -> None:
        self.body = body  # the operation's typed answer (its other fields: object, first_id, ...)
        items = _field(body, spec.items)
        self.data = list(items) if items is not None else []
        self._spec = spec
        self._cursor = cursor

    @property
    def has_more(self) -> bool | None:
        return _field(self.body, self._spec.has_more) if self._spec.has_more else None

    def next_cursor(self) -> str | None:
        """The cursor that asks for the next page, or None when this is the last one."""
        if self.has_more is False or not self.data:
            return None
        cursor = _field(self.body, self._spec.next) if self._spec.next else None
        if cursor is None:
            cursor = _field(self.data[-1], "id")
        if cursor is None or cursor == self._cursor:  # a server repeating a cursor must not loop us forever
            return None
        return str(cursor)

    def has_next_page(self) -> bool:
        return self.next_cursor() is not None

    def _need_next(self) -> str:
        cursor = self.next_cursor()
        if cursor is None:
            raise RuntimeError("no next page: check has_next_page() before calling next_page()")
        return cursor

    def __repr__(self) -> str:
        return f"<{type(self).__name__} items={len(self.data)} has_more={self.has_more}>"


def _as_raw(result: _BaseAPIResponse[Any], make: Callable[[Any], Any]) -> Any:
    """Under with_raw_response / with_streaming_response the first fetch is an APIResponse of the answer:
    its parse() gives the page instead."""
    parse = result._parse
    result._parse = lambda response: make(parse(response))
    return result


class SyncCursorPage(_Page[T]):
    """One page of a cursor-paginated list; iterating it goes on through the following pages."""

    def __init__(self, body: Any, fetch: Callable[[Any], Any], spec: CursorSpec, cursor: Any) -> None:
        super().__init__(body, spec, cursor)
        self._fetch = fetch

    @classmethod
    def _start(cls, fetch: Callable[[Any], Any], cursor: Any, spec: CursorSpec) -> SyncCursorPage[T]:
        result = fetch(cursor)
        if isinstance(result, _BaseAPIResponse):
            return _as_raw(result, lambda body: cls(body, fetch, spec, cursor))  # type: ignore[no-any-return]
        return cls(result, fetch, spec, cursor)

    def next_page(self) -> SyncCursorPage[T]:
        """The following page (one request). Raises RuntimeError on the last page."""
        cursor = self._need_next()
        return SyncCursorPage(self._fetch(cursor), self._fetch, self._spec, cursor)

    get_next_page = next_page  # the openai SDK's name

    def iter_pages(self) -> Iterator[SyncCursorPage[T]]:
        """This page and each following one, fetched as the loop reaches it."""
        page = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = page.next_page()

    def __iter__(self) -> Iterator[T]:
        for page in self.iter_pages():
            yield from page.data


class AsyncCursorPage(_Page[T]):
    """The async twin of SyncCursorPage: ``async for`` goes on through the following pages."""

    def __init__(self, body: Any, fetch: Callable[[Any], Awaitable[Any]], spec: CursorSpec, cursor: Any) -> None:
        super().__init__(body, spec, cursor)
        self._fetch = fetch

    async def next_page(self) -> AsyncCursorPage[T]:
        """The following page (one request). Raises RuntimeError on the last page."""
        cursor = self._need_next()
        return AsyncCursorPage(await self._fetch(cursor), self._fetch, self._spec, cursor)

    get_next_page = next_page

    async def iter_pages(self) -> AsyncIterator[AsyncCursorPage[T]]:
        page = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = await page.next_page()

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.iter_pages():
            for item in page.data:
                yield item


class AsyncPaginator(Generic[T]):
    """What an async list method returns before anything is sent: ``await`` it for the first page, or
    ``async for`` over it for every item of every page."""

    def __init__(self, fetch: Callable[[Any], Awaitable[Any]], cursor: Any, spec: CursorSpec) -> None:
        self._fetch = fetch
        self._cursor = cursor
        self._spec = spec

    async def _first(self) -> AsyncCursorPage[T]:
        fetch, spec, cursor = self._fetch, self._spec, self._cursor
        result = await fetch(cursor)
        if isinstance(result, _BaseAPIResponse):
            return _as_raw(result, lambda body: AsyncCursorPage(body, fetch, spec, cursor))  # type: ignore[no-any-return]
        return AsyncCursorPage(result, fetch, spec, cursor)

    def __await__(self) -> Generator[Any, None, AsyncCursorPage[T]]:
        return self._first().__await__()

    async def __aiter__(self) -> AsyncIterator[T]:
        page = await self._first()
        async for item in page:
            yield item
