"""A forked child gets connection pools of its own.

After ``os.fork()`` the child holds copies of the parent's keep-alive sockets; two processes writing requests
on one TCP (or TLS) connection interleave their bytes and read each other's answers. So, in the child, every
live client whose httpx pool this package created gets a new, empty pool; the old one is dropped without
being closed (closing it could send bytes on the parent's connections). Clients made by ``with_options`` share
the new pool as they shared the old one. An ``http_client`` the user passed in is the user's to replace.
"""

from __future__ import annotations

import os
import weakref
from typing import Any, Protocol

__all__ = ["track"]


class _Transport(Protocol):
    _client: Any
    _timeout: Any

    def _new_httpx_client(self, timeout: Any) -> Any: ...


_live: weakref.WeakSet[Any] = weakref.WeakSet()  # every transport whose pool may need replacing
_created: weakref.WeakSet[Any] = weakref.WeakSet()  # the httpx clients this package created


def track(transport: _Transport, created_pool: bool) -> None:
    """Register a transport; ``created_pool`` is true when its httpx client was made here, not passed in."""
    if created_pool:
        _created.add(transport._client)
    _live.add(transport)


def _renew_pools_in_child() -> None:
    renewed: dict[int, Any] = {}  # id(old pool) -> new pool, so that copies keep sharing one pool
    for transport in list(_live):
        old = transport._client
        if old not in _created:
            continue
        new = renewed.get(id(old))
        if new is None:
            new = renewed[id(old)] = transport._new_httpx_client(transport._timeout)
            _created.add(new)
        transport._client = new


if hasattr(os, "register_at_fork"):  # not on Windows, which has no fork
    os.register_at_fork(after_in_child=_renew_pools_in_child)
